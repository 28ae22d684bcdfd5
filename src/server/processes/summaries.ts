import type { ProcessRunRecord, StepEventRecord } from '../../core/processes/analytics.ts';
import {
  buildPart,
  decodePart,
  encodePart,
  mergeParts,
  type AnalyticsPart,
} from '../../core/processes/summary.ts';
import type { Dialect } from '../../db/index.ts';
import type { Db } from '../../db/types.ts';
import * as queries from './queries.ts';

/**
 * Analytics at a million step visits without reading them all: a finished case's visits no longer change, so
 * finished cases are folded into one stored part per version and UTC day of their start (process_summaries),
 * and a request reads the parts of the days its window covers whole, plus raw visits of open cases, of cases
 * not folded yet and of the days the window cuts. Days are UTC so the stored parts do not depend on the
 * workspace's time zone; a window in local days cuts at most two of them. Merging parts is exact
 * (core/processes/summary.ts), so the answer equals a full recomputation.
 */

const DAY_MS = 86_400_000;
/** Cases folded per transaction: bounds memory and how long the process's row is held. */
const FOLD_BATCH = 20_000;
/** Folds this large change the share of `summarised = 0` enough to mislead PostgreSQL's planner. */
const ANALYZE_AFTER_FOLDED = 1_000;

type RunRow = {
  id: string;
  version_id: string;
  started_at: number;
  finished_at: number | null;
  status: string;
};
type VisitRow = {
  run_id: string;
  step_key: string;
  entered_at: number;
  started_at: number | null;
  completed_at: number | null;
  due_at: number | null;
};

/** Rows as the core's records; a held case is still open, so it counts as active. */
export function toRecords(data: { runs: readonly RunRow[]; steps: readonly VisitRow[] }): {
  runs: ProcessRunRecord[];
  events: StepEventRecord[];
} {
  return {
    runs: data.runs.map((run) => ({
      id: run.id,
      versionId: run.version_id,
      startedAt: run.started_at,
      finishedAt: run.finished_at,
      status: (run.status === 'on_hold' ? 'active' : run.status) as ProcessRunRecord['status'],
    })),
    events: data.steps.map((step) => ({
      runId: step.run_id,
      stepKey: step.step_key,
      enteredAt: step.entered_at,
      startedAt: step.started_at,
      completedAt: step.completed_at,
      dueAt: step.due_at,
    })),
  };
}

/**
 * Folds the process's finished cases that are not in a stored part yet. Runs every minute as a job
 * (`processes.fold`, so a request finds at most a minute's cases to fold), after an import, and at each
 * analytics request for what is left; a fold holds the process's row, so two never overlap.
 */
export async function foldFinishedRuns(
  db: Db,
  dialect: Dialect,
  workspaceId: string,
  processId: string,
  now: number,
  onBatch?: (folded: number) => void,
): Promise<number> {
  let folded = 0;
  while (await queries.hasUnsummarisedRuns(db, processId)) {
    const count = await db.transaction().execute(async (trx) => {
      await queries.lockProcess(trx, dialect, processId);
      // Read after the lock: another fold may have just taken these cases.
      const runs = await queries.selectUnsummarisedRuns(trx, processId, FOLD_BATCH);
      if (runs.length === 0) return 0;
      const first = runs[0]?.started_at ?? 0;
      const last = runs[runs.length - 1]?.started_at ?? 0;
      const ids = new Set(runs.map((run) => run.id));
      // The range may hold visits of cases past the batch's limit: only the batch's own are folded.
      const visits = (await queries.selectUnsummarisedVisits(trx, processId, first, last)).filter((visit) =>
        ids.has(visit.run_id),
      );
      const groups = new Map<
        string,
        { versionId: string; day: number; runs: RunRow[]; visits: VisitRow[] }
      >();
      const groupOfRun = new Map<string, { visits: VisitRow[] }>();
      for (const run of runs) {
        const day = Math.floor(run.started_at / DAY_MS);
        const key = `${run.version_id}:${day}`;
        let group = groups.get(key);
        if (group === undefined) {
          group = { versionId: run.version_id, day, runs: [], visits: [] };
          groups.set(key, group);
        }
        group.runs.push(run);
        groupOfRun.set(run.id, group);
      }
      for (const visit of visits) groupOfRun.get(visit.run_id)?.visits.push(visit);
      const stored = new Map(
        (
          await queries.selectSummaries(trx, workspaceId, processId, {
            fromDay: Math.floor(first / DAY_MS),
            beforeDay: Math.floor(last / DAY_MS) + 1,
          })
        ).map((row) => [`${row.version_id}:${row.day}`, row]),
      );
      for (const [key, group] of groups) {
        const { runs: records, events } = toRecords({ runs: group.runs, steps: group.visits });
        let part = buildPart(records, events, now);
        const existing = stored.get(key);
        if (existing) part = mergeParts(decodePart(existing.part), part);
        await queries.upsertSummary(
          trx,
          {
            workspace_id: workspaceId,
            process_id: processId,
            version_id: group.versionId,
            day: group.day,
            runs: part.runs.total,
            part: encodePart(part),
            updated_at: now,
          },
          existing !== undefined,
        );
      }
      await queries.markRunsSummarised(trx, [...ids]);
      return runs.length;
    });
    if (count === 0) break;
    folded += count;
    onBatch?.(folded);
  }
  // PostgreSQL plans the raw reads (`summarised = 0`) from its statistics: after a large fold they still say
  // most cases wait, and it scans the whole table instead of the index until autovacuum catches up.
  if (folded >= ANALYZE_AFTER_FOLDED) await queries.refreshRunStatistics(db, dialect);
  return folded;
}

/**
 * Decoded parts by process, version, day and case count. A stored part only grows (each fold adds cases) and is
 * never otherwise changed, so its case count names its content: an instance keeps what it decoded and reads
 * only the days folded since, and another instance's folds show up as a new count. Bounded by bytes, least
 * recently used first out.
 */
const PART_CACHE_BYTES = 256 * 1024 * 1024;
const partCache = new Map<string, { part: AnalyticsPart; bytes: number }>();
let partCacheBytes = 0;

function partBytes(part: AnalyticsPart): number {
  let bytes = part.completions.byteLength + 256;
  for (const step of part.steps) bytes += step.waiting.byteLength + step.working.byteLength + 128;
  for (const path of part.paths) bytes += path.leadTimes.byteLength + path.key.length * 2;
  return bytes;
}

function cachedPart(key: string): AnalyticsPart | undefined {
  const entry = partCache.get(key);
  if (entry === undefined) return undefined;
  partCache.delete(key);
  partCache.set(key, entry);
  return entry.part;
}

function cachePart(key: string, part: AnalyticsPart) {
  const bytes = partBytes(part);
  partCache.set(key, { part, bytes });
  partCacheBytes += bytes;
  for (const [oldest, entry] of partCache) {
    if (partCacheBytes <= PART_CACHE_BYTES) break;
    partCache.delete(oldest);
    partCacheBytes -= entry.bytes;
  }
}

/** Cases started in [from, before): undefined bounds are open. */
export type StartedWindow = { startedFrom?: number | undefined; startedBefore?: number | undefined };

/**
 * The analytics parts of a process's cases started in the window, for one version or all: stored parts of the
 * UTC days inside it, and one part built now from everything else. Read in one transaction (repeatable read
 * on PostgreSQL), so a fold in between cannot count a case twice or not at all.
 */
export async function readAnalyticsParts(
  db: Db,
  dialect: Dialect,
  workspaceId: string,
  processId: string,
  versionId: string | undefined,
  window: StartedWindow,
  now: number,
): Promise<AnalyticsPart[]> {
  await foldFinishedRuns(db, dialect, workspaceId, processId, now);
  const { startedFrom, startedBefore } = window;
  const fromDay = startedFrom === undefined ? undefined : Math.ceil(startedFrom / DAY_MS);
  const beforeDay = startedBefore === undefined ? undefined : Math.floor(startedBefore / DAY_MS);
  const hasWholeDays = fromDay === undefined || beforeDay === undefined || fromDay < beforeDay;
  // Cases not folded are read raw; so are folded cases of the cut days at either end, all of them when no day
  // is whole.
  const ranges: queries.RawRange[] = [{ summarised: 0, from: startedFrom, before: startedBefore }];
  if (!hasWholeDays) ranges.push({ summarised: 1, from: startedFrom, before: startedBefore });
  else {
    if (fromDay !== undefined && startedFrom !== undefined && fromDay * DAY_MS > startedFrom) {
      ranges.push({ summarised: 1, from: startedFrom, before: fromDay * DAY_MS });
    }
    if (beforeDay !== undefined && startedBefore !== undefined && beforeDay * DAY_MS < startedBefore) {
      ranges.push({ summarised: 1, from: beforeDay * DAY_MS, before: startedBefore });
    }
  }
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const stored = !hasWholeDays
        ? []
        : await queries.selectSummaryKeys(trx, workspaceId, processId, { versionId, fromDay, beforeDay });
      const keyOf = (row: { version_id: string; day: number; runs: number }) =>
        `${processId}:${row.version_id}:${row.day}:${row.runs}`;
      const parts: AnalyticsPart[] = [];
      const missing: Array<{ version_id: string; day: number }> = [];
      for (const row of stored) {
        const part = cachedPart(keyOf(row));
        if (part) parts.push(part);
        else missing.push(row);
      }
      for (const row of await queries.selectSummaryParts(trx, workspaceId, processId, missing)) {
        const part = decodePart(row.part);
        cachePart(keyOf(row), part);
        parts.push(part);
      }
      const raw = toRecords(await queries.selectRawAnalyticsRows(trx, processId, versionId, ranges));
      parts.push(buildPart(raw.runs, raw.events, now));
      return parts;
    });
}

/**
 * The minute job: folds every process's finished cases not folded yet, in batches, logging progress. A backlog
 * (an upgrade from before the summaries, rows written by other tools) is folded here rather than by the first
 * analytics request.
 */
export async function foldAllProcesses(
  db: Db,
  dialect: Dialect,
  now: () => number,
  onBatch?: (processId: string, folded: number) => void,
): Promise<number> {
  let total = 0;
  for (const process of await queries.selectAllProcessIds(db)) {
    if (!(await queries.hasUnsummarisedRuns(db, process.id))) continue;
    total += await foldFinishedRuns(db, dialect, process.workspace_id, process.id, now(), (folded) =>
      onBatch?.(process.id, folded),
    );
  }
  return total;
}
