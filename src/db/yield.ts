import { setImmediate as nextTurn } from 'node:timers/promises';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** How long queries may run back to back before the event loop gets a turn. */
export const SQLITE_SLICE_MS = 20;

/**
 * Gives the event loop a turn between SQLite queries once they have run for a slice without one.
 *
 * better-sqlite3 is synchronous and Kysely's driver resolves each query at once, so a transaction of a
 * thousand statements (a 200,000-row import, a WBS or plan import, the demo) ran as one synchronous
 * stretch: timers, sockets and every other request waited for its commit. Awaiting a turn between two
 * statements keeps the transaction whole — Kysely holds the one connection for it, so no other
 * query runs inside it and it still commits or rolls back as one — while the server goes on answering
 * what needs no database (/healthz pings the handle directly) and accepts the requests that do.
 * A query that finishes within a slice of the last turn costs nothing.
 */
export class YieldingPlugin implements KyselyPlugin {
  #sliceMs: number;
  /** When the current synchronous stretch began; null once the event loop has turned. */
  #stretchStarted: number | null = null;

  constructor(sliceMs = SQLITE_SLICE_MS) {
    this.#sliceMs = sliceMs;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.#stretchStarted === null) {
      this.#stretchStarted = performance.now();
      // Runs at the next turn of the event loop: whatever ran until then was one stretch.
      setImmediate(() => {
        this.#stretchStarted = null;
      });
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#stretchStarted !== null && performance.now() - this.#stretchStarted >= this.#sliceMs)
      await nextTurn();
    return args.result;
  }
}
