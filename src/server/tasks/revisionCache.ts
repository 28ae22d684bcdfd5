import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { selectPlanRevision } from './queries.ts';

/**
 * Per database and workspace, a value read at a plan revision and kept until the revision moves (every change to
 * tasks, dependencies, roles, the calendar or a role holder's name: migration 0014). The revision is read before
 * the value, so a value is at least as new as the revision it is kept under; every instance reads the same counter.
 * Only for reads outside a transaction (the database handle, not a `Transaction`): an uncommitted revision number
 * can come back with other data after a rollback.
 */
export function planRevisionCache<T>(maxWorkspaces: number) {
  const caches = new WeakMap<object, Map<string, { revision: number; value: Promise<T>; loaded?: T }>>();
  /** `load` gets the value loaded for an older revision, if one is kept, to build on. */
  return async (
    db: Kysely<Database>,
    workspaceId: string,
    load: (previous: T | undefined) => Promise<T>,
    /** The revision, when the caller read it with (or before) what it reads beside the value. */
    knownRevision?: number,
  ): Promise<T> => {
    let cache = caches.get(db);
    if (!cache) {
      cache = new Map();
      caches.set(db, cache);
    }
    const revision = knownRevision ?? (await selectPlanRevision(db, workspaceId));
    const cached = cache.get(workspaceId);
    // A value still loading is shared: the readers that arrive together after a write load it once.
    if (cached && cached.revision >= revision) return cached.value;
    const entry: { revision: number; value: Promise<T>; loaded?: T } = {
      revision,
      value: load(cached?.loaded),
    };
    // Most recently read last, so the oldest workspace is the first to go.
    cache.delete(workspaceId);
    cache.set(workspaceId, entry);
    while (cache.size > maxWorkspaces) cache.delete(cache.keys().next().value as string);
    // A failed load is not kept: the next reader tries again.
    entry.value.then(
      (value) => {
        entry.loaded = value;
      },
      () => {
        if (cache.get(workspaceId) === entry) cache.delete(workspaceId);
      },
    );
    return entry.value;
  };
}
