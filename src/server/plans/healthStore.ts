import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Locale } from '../../core/i18n/index.ts';
import { healthMaxAgeMs, isHealthCurrent, plannedItems, type HealthBasis } from '../../core/plan/health.ts';
import type { LintChapter } from '../../core/plan/lint.ts';
import type { Services } from '../context.ts';
import { compressJson } from '../plugins/compress.ts';
import { selectPlanRevision } from '../tasks/queries.ts';
import { lastWriteAt, writeEpoch } from '../writes.ts';
import * as queries from './queries.ts';

const brotliDecompress = promisify(zlib.brotliDecompress);

/** How long a claim to recompute holds: an instance that died while computing lets go after this. */
const HEALTH_CLAIM_MS = 120_000;
/** After a failed computation the next one waits this long; the stored answer is served meanwhile. */
const HEALTH_RETRY_MS = 60_000;

type HealthShape = { chapters: ReadonlyArray<{ chapter: LintChapter; items: number }> };

type Kept<T> = HealthBasis & {
  health: T;
  /** The stored row's generation (null: a later computation was stored instead of this one). */
  generation: number | null;
  computedAt: number;
  items: number;
};

/** How far a computation has come, in its own steps (tasks read, goals and tasks linted). */
export type HealthProgress = { done: number; total: number };

type Refresh<T> = {
  basis: HealthBasis;
  promise: Promise<Kept<T> | null>;
  token: object;
  /** Null until this instance holds the claim and has begun. */
  progress: HealthProgress | null;
};

/**
 * A plan health answer, and whether it may be out of date (a newer one is being computed when `refreshing`, and
 * `progress` says how far it has come when known). `health` is null while a large plan's first answer is computed:
 * there is nothing to serve yet, only the progress.
 */
export type HealthAnswer<T> =
  | { health: T; computedAt: number; stale: boolean; refreshing: boolean; progress: HealthProgress | null }
  | { health: null; computedAt: null; stale: false; refreshing: boolean; progress: HealthProgress };

/** How often the computing instance writes its progress into the claim row, for the other instances. */
const PROGRESS_WRITE_MS = 1_000;

/**
 * Plan health, stale-while-revalidate. The last answer per workspace and language is stored in the database
 * (migration 0036: compressed JSON with the plan revision, day and time it was computed from) and kept in memory.
 * A request answers from it at once when it is current; when it is not, one recomputation per workspace and
 * language starts (shared by the requests meanwhile, and claimed in the row so that other instances do not start
 * theirs) and the request answers the old one marked stale — unless the plan is small (`planHealthWaitItems`),
 * then it waits for the new one. Only a workspace without any answer waits whatever its size. A failed
 * computation is logged, never stored, and tried again after HEALTH_RETRY_MS.
 */
export class HealthStore<T extends HealthShape> {
  private readonly kept = new Map<string, Kept<T>>();
  private readonly refreshes = new Map<string, Refresh<T>>();
  private readonly failedAt = new Map<string, number>();
  /** Reads of a stored answer under way: the requests after a restart share one (a large answer is megabytes). */
  private readonly loads = new Map<string, Promise<Kept<T> | undefined>>();

  constructor(
    private readonly services: Services,
    private readonly options: {
      /** The answer's shape: an answer stored in another shape (an older release) is not read. */
      format: number;
      compute: (
        workspaceId: string,
        locale: Locale,
        onProgress: (done: number, total: number) => void,
      ) => Promise<T>;
    },
  ) {}

  /** The workspace's health for `day` (its own time zone's): the caller has been authorized. */
  async answer(workspaceId: string, locale: Locale, day: string): Promise<HealthAnswer<T>> {
    const { services } = this;
    const key = `${workspaceId}\u0000${locale}`;
    const epoch = writeEpoch(services, workspaceId);
    const revision = await selectPlanRevision(services.db, workspaceId);
    const stored = await queries.selectPlanHealthBasis(services.db, workspaceId, locale);
    let kept = this.kept.get(key);
    // Generation 0: a first computation's claim, nothing stored yet (migration 0038).
    if (stored && stored.generation > 0 && stored.generation !== kept?.generation) {
      const loadKey = `${key}\u0000${stored.generation}`;
      let load = this.loads.get(loadKey);
      if (!load) {
        load = this.load(workspaceId, locale, epoch).finally(() => this.loads.delete(loadKey));
        this.loads.set(loadKey, load);
      }
      kept = (await load) ?? kept;
    }
    const basis = { revision, day, epoch };
    const now = services.now();
    if (kept && isHealthCurrent(kept, { ...basis, now }, healthMaxAgeMs(kept.items)))
      return { ...this.served(kept), stale: false, refreshing: false, progress: null };
    const failedAt = this.failedAt.get(key);
    const retrying = failedAt === undefined || now - failedAt >= HEALTH_RETRY_MS;
    // Another instance's claim, while it holds: how far it has come, from the row.
    const claimed =
      stored?.refreshing_since !== null &&
      stored?.refreshing_since !== undefined &&
      Number(stored.refreshing_since) >= now - HEALTH_CLAIM_MS;
    const rowProgress =
      claimed && stored.progress_total !== null
        ? { done: stored.progress_done ?? 0, total: stored.progress_total }
        : null;

    if (!kept) {
      const items =
        stored?.generation === 0 ? stored.items : await queries.countPlannedItems(services.db, workspaceId);
      if (items <= services.config.planHealthWaitItems) {
        const first = await this.refresh(workspaceId, locale, basis, 'none', items);
        if (!first) throw new Error('plan health: no answer to serve while another computes it');
        return { ...this.served(first), stale: false, refreshing: false, progress: null };
      }
      // A large plan's first answer takes long (35 s at 100,000 tasks under load): answered at once with the
      // progress, while one instance computes it under the claim of a row without an answer.
      const refresh = this.refresh(workspaceId, locale, basis, 'first', items);
      refresh.catch(() => null);
      const progress = this.refreshes.get(key)?.progress ?? rowProgress ?? { done: 0, total: 0 };
      return { health: null, computedAt: null, stale: false, refreshing: retrying, progress };
    }
    // Stored here or elsewhere: recompute under the row's claim, so one instance does it.
    const refresh = this.refresh(
      workspaceId,
      locale,
      basis,
      stored !== undefined ? 'stored' : 'none',
      kept.items,
    );
    if (kept.items <= services.config.planHealthWaitItems) {
      // A small plan is quick to lint: its team sees what it just fixed (a failure is logged; the old one stands).
      const fresh = await refresh.catch(() => null);
      if (fresh) return { ...this.served(fresh), stale: false, refreshing: false, progress: null };
    }
    return {
      ...this.served(kept),
      stale: true,
      refreshing: retrying,
      progress: retrying ? (this.refreshes.get(key)?.progress ?? rowProgress) : null,
    };
  }

  private served(kept: Kept<T>) {
    return { health: kept.health, computedAt: kept.computedAt };
  }

  /** Waits for the computations under way (the app's close, tests). */
  async settle(): Promise<void> {
    while (this.refreshes.size > 0)
      await Promise.allSettled([...this.refreshes.values()].map((refresh) => refresh.promise));
  }

  /** The stored answer, current for this instance's writes only if it was begun after the last of them. */
  private async load(workspaceId: string, locale: Locale, epoch: number): Promise<Kept<T> | undefined> {
    const row = await queries.selectPlanHealth(this.services.db, workspaceId, locale);
    if (!row) return undefined;
    let stored: { format?: unknown; health: T };
    try {
      stored = JSON.parse((await brotliDecompress(row.answer)).toString('utf8')) as typeof stored;
    } catch (error) {
      // Unreadable: computed afresh and stored over it, as if there were none.
      this.services.scheduler.logger.error({ err: error, workspaceId }, 'stored plan health unreadable');
      return undefined;
    }
    if (stored.format !== this.options.format) return undefined;
    const written = lastWriteAt(this.services, workspaceId);
    const kept: Kept<T> = {
      health: stored.health,
      generation: row.generation,
      revision: Number(row.revision),
      day: row.day,
      // A write this instance answered after the computation began: the answer cannot be current for it.
      epoch: written !== null && written >= row.computed_at ? -1 : epoch,
      computedAt: Number(row.computed_at),
      items: row.items,
    };
    this.kept.set(`${workspaceId}\u0000${locale}`, kept);
    return kept;
  }

  /**
   * The recomputation for `basis`: joins the one under way when that one started from the same basis, else
   * starts one after it. `claim`: `stored` (an answer is stored, so the row's claim decides which instance
   * computes; null for the others), `first` (none is, and a row without an answer is inserted to claim it, with
   * `items` planned) or `none` (a small plan's first answer: each instance computes its own). The promise rejects
   * with the computation's error, which is logged here.
   */
  private refresh(
    workspaceId: string,
    locale: Locale,
    basis: HealthBasis,
    claim: 'stored' | 'first' | 'none',
    items: number,
  ): Promise<Kept<T> | null> {
    const needsClaim = claim !== 'none';
    const { services } = this;
    const key = `${workspaceId}\u0000${locale}`;
    const running = this.refreshes.get(key);
    if (
      running &&
      running.basis.epoch === basis.epoch &&
      running.basis.day === basis.day &&
      running.basis.revision >= basis.revision
    )
      return running.promise;
    const failedAt = this.failedAt.get(key);
    if (needsClaim && failedAt !== undefined && services.now() - failedAt < HEALTH_RETRY_MS)
      return Promise.resolve(null);

    // Which computation the map holds: this one takes itself out once done, unless a newer one took its place.
    const token = {};
    const entry: Refresh<T> = { basis, promise: Promise.resolve(null), token, progress: null };
    entry.promise = (async (): Promise<Kept<T> | null> => {
      try {
        // One computation of a workspace's answer at a time: a newer basis waits for the one under way.
        if (running) await running.promise.catch(() => null);
        const startedAt = services.now();
        const claimRow = { workspaceId, locale, now: startedAt, expiredBefore: startedAt - HEALTH_CLAIM_MS };
        const claimed =
          !needsClaim ||
          (claim === 'first' &&
            (await queries.claimFirstPlanHealth(services.db, { ...claimRow, day: basis.day, items }))) ||
          (await queries.claimPlanHealthRefresh(services.db, claimRow));
        if (!claimed) return null;
        const progress = { done: 0, total: 0 };
        entry.progress = progress;
        // The progress goes into the claim row now and then, so other instances can show it; one write at a time.
        let written = Number.NEGATIVE_INFINITY;
        let writing: Promise<void> = Promise.resolve();
        const onProgress = (done: number, total: number) => {
          progress.done = done;
          progress.total = total;
          if (!needsClaim || performance.now() - written < PROGRESS_WRITE_MS) return;
          written = performance.now();
          writing = writing
            .then(() =>
              queries.updatePlanHealthProgress(services.db, {
                ...claimRow,
                claimedAt: startedAt,
                done,
                total,
              }),
            )
            .catch((error: unknown) =>
              services.scheduler.logger.warn({ err: error, workspaceId }, 'plan health progress not written'),
            );
        };
        try {
          const health = await this.options.compute(workspaceId, locale, onProgress);
          await writing;
          const items = plannedItems(health.chapters);
          const answer = await compressJson('br', JSON.stringify({ format: this.options.format, health }));
          const generation = await queries.storePlanHealth(services.db, {
            workspace_id: workspaceId,
            locale,
            revision: basis.revision,
            day: basis.day,
            computed_at: startedAt,
            items,
            answer,
          });
          const kept: Kept<T> = { ...basis, health, generation, computedAt: startedAt, items };
          this.kept.set(key, kept);
          this.failedAt.delete(key);
          return kept;
        } catch (error) {
          this.failedAt.set(key, services.now());
          if (needsClaim)
            await queries.releasePlanHealthClaim(services.db, { workspaceId, locale, claimedAt: startedAt });
          throw error;
        }
      } finally {
        if (this.refreshes.get(key)?.token === token) this.refreshes.delete(key);
      }
    })();
    const promise = entry.promise;
    this.refreshes.set(key, entry);
    promise.catch((error: unknown) =>
      services.scheduler.logger.error({ err: error, workspaceId }, 'plan health computation failed'),
    );
    return promise;
  }
}
