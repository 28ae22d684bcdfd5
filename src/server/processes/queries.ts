import { sql, type Insertable, type Updateable } from 'kysely';
import type { Dialect } from '../../db/index.ts';
import type {
  Executor,
  ProcessRunEventsTable,
  ProcessRunStepsTable,
  ProcessRunsTable,
  ProcessVersionsTable,
  ProcessesTable,
} from '../../db/types.ts';

export async function insertProcess(executor: Executor, row: Insertable<ProcessesTable>) {
  await executor.insertInto('processes').values(row).execute();
}

export async function updateProcess(executor: Executor, id: string, changes: Updateable<ProcessesTable>) {
  await executor.updateTable('processes').set(changes).where('id', '=', id).execute();
}

export function selectProcess(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('processes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function selectProcesses(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('processes')
    .leftJoin('process_versions', 'process_versions.id', 'processes.current_version_id')
    .selectAll('processes')
    .select('process_versions.number as version_number')
    .select((eb) => [
      eb
        .selectFrom('process_runs')
        .select((inner) => inner.fn.countAll<number>().as('count'))
        .whereRef('process_runs.process_id', '=', 'processes.id')
        .where('process_runs.status', 'in', ['active', 'on_hold'])
        .as('open_runs'),
      eb
        .selectFrom('process_runs')
        .select((inner) => inner.fn.countAll<number>().as('count'))
        .whereRef('process_runs.process_id', '=', 'processes.id')
        .where('process_runs.status', '=', 'completed')
        .as('completed_runs'),
    ])
    .where('processes.workspace_id', '=', workspaceId)
    .orderBy('processes.name')
    .execute();
}

export async function insertVersion(executor: Executor, row: Insertable<ProcessVersionsTable>) {
  await executor.insertInto('process_versions').values(row).execute();
}

export async function updateVersionSteps(executor: Executor, id: string, steps: string) {
  await executor.updateTable('process_versions').set({ steps }).where('id', '=', id).execute();
}

export function selectVersions(executor: Executor, processId: string) {
  return executor
    .selectFrom('process_versions')
    .selectAll('process_versions')
    .select((eb) =>
      eb
        .selectFrom('process_runs')
        .select((inner) => inner.fn.countAll<number>().as('count'))
        .whereRef('process_runs.version_id', '=', 'process_versions.id')
        .as('run_count'),
    )
    .where('process_id', '=', processId)
    .orderBy('number')
    .execute();
}

export function selectVersion(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('process_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function selectVersionsByIds(executor: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('process_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

export async function insertRun(executor: Executor, row: Insertable<ProcessRunsTable>) {
  await executor.insertInto('process_runs').values(row).execute();
}

export async function updateRun(executor: Executor, id: string, changes: Updateable<ProcessRunsTable>) {
  await executor.updateTable('process_runs').set(changes).where('id', '=', id).execute();
}

/**
 * Holds a case's row until the transaction ends, so two transitions of one case run one after the other and
 * the second reads what the first wrote. Only the case's own row: other cases of the process go on in
 * parallel. SQLite runs one write transaction at a time already and has no FOR UPDATE.
 */
export async function lockRun(executor: Executor, dialect: Dialect, workspaceId: string, id: string) {
  if (dialect !== 'postgres') return;
  await executor
    .selectFrom('process_runs')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .execute();
}

export function selectRun(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('process_runs')
    .innerJoin('processes', 'processes.id', 'process_runs.process_id')
    .selectAll('process_runs')
    .select('processes.name as process_name')
    .where('process_runs.workspace_id', '=', workspaceId)
    .where('process_runs.id', '=', id)
    .executeTakeFirst();
}

export function selectRunPage(
  executor: Executor,
  filter: { processId: string; statuses?: string[] | undefined; cursor?: string | undefined; limit: number },
) {
  let query = executor.selectFrom('process_runs').selectAll().where('process_id', '=', filter.processId);
  if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
  if (filter.cursor) query = query.where('id', '<', filter.cursor);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export async function insertRunStep(executor: Executor, row: Insertable<ProcessRunStepsTable>) {
  await executor.insertInto('process_run_steps').values(row).execute();
}

export async function updateRunStep(
  executor: Executor,
  id: string,
  changes: Updateable<ProcessRunStepsTable>,
) {
  await executor.updateTable('process_run_steps').set(changes).where('id', '=', id).execute();
}

/** Marks an open step breached unless it was completed or marked meanwhile; false when nothing changed. */
export async function markRunStepBreached(executor: Executor, id: string, now: number) {
  const result = await executor
    .updateTable('process_run_steps')
    .set({ breached_at: now })
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .where('breached_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function selectRunSteps(executor: Executor, runId: string) {
  return executor
    .selectFrom('process_run_steps')
    .leftJoin('users', 'users.id', 'process_run_steps.assignee_id')
    .selectAll('process_run_steps')
    .select('users.name as assignee_name')
    .where('process_run_steps.run_id', '=', runId)
    .orderBy('process_run_steps.entered_at')
    .orderBy('process_run_steps.id')
    .execute();
}

export async function insertRunEvent(executor: Executor, row: Insertable<ProcessRunEventsTable>) {
  await executor.insertInto('process_run_events').values(row).execute();
}

export function selectRunEvents(executor: Executor, runId: string) {
  return executor
    .selectFrom('process_run_events')
    .leftJoin('users', 'users.id', 'process_run_events.actor_id')
    .selectAll('process_run_events')
    .select('users.name as actor_name')
    .where('process_run_events.run_id', '=', runId)
    .orderBy('process_run_events.id')
    .execute();
}

/** When each candidate last had this step of this process: round-robin gives the next visit to the longest idle. */
export function selectLastAssignments(
  executor: Executor,
  processId: string,
  stepKey: string,
  candidates: readonly string[],
) {
  return executor
    .selectFrom('process_run_steps')
    .innerJoin('process_runs', 'process_runs.id', 'process_run_steps.run_id')
    .select([
      'process_run_steps.assignee_id',
      // Ids are time-sortable and ordered within a millisecond too, so the largest is the latest turn.
      (eb) => eb.fn.max('process_run_steps.id').as('last_visit_id'),
    ])
    .where('process_runs.process_id', '=', processId)
    .where('process_run_steps.step_key', '=', stepKey)
    .where('process_run_steps.assignee_id', 'in', candidates)
    .groupBy('process_run_steps.assignee_id')
    .execute();
}

/** Open steps of active and held cases, soonest due first: one person's queue, or everyone's. */
export function selectQueue(
  executor: Executor,
  workspaceId: string,
  filter: { assigneeId?: string | null | undefined },
) {
  let query = executor
    .selectFrom('process_run_steps')
    .innerJoin('process_runs', 'process_runs.id', 'process_run_steps.run_id')
    .innerJoin('processes', 'processes.id', 'process_runs.process_id')
    .leftJoin('users', 'users.id', 'process_run_steps.assignee_id')
    .select([
      'process_run_steps.run_id',
      'process_run_steps.step_key',
      'process_run_steps.assignee_id',
      'process_run_steps.entered_at',
      'process_run_steps.started_at',
      'process_run_steps.due_at',
      'process_runs.subject',
      'process_runs.status',
      'process_runs.version_id',
      'processes.name as process_name',
      'users.name as assignee_name',
    ])
    .where('process_run_steps.workspace_id', '=', workspaceId)
    .where('process_run_steps.completed_at', 'is', null)
    .where('process_runs.status', 'in', ['active', 'on_hold']);
  // `null` asks for the steps nobody has: a case started by the system where no member matched the owner rule.
  if (filter.assigneeId === null) query = query.where('process_run_steps.assignee_id', 'is', null);
  else if (filter.assigneeId !== undefined)
    query = query.where('process_run_steps.assignee_id', '=', filter.assigneeId);
  return query
    .orderBy((eb) => eb.fn.coalesce('process_run_steps.due_at', eb.val(Number.MAX_SAFE_INTEGER)))
    .orderBy('process_run_steps.entered_at')
    .limit(200)
    .execute();
}

/** Open steps per person and how many are past due: the team's load, counted in full even past 200 rows. */
export function selectOpenStepsByAssignee(executor: Executor, workspaceId: string, now: number) {
  return executor
    .selectFrom('process_run_steps')
    .innerJoin('process_runs', 'process_runs.id', 'process_run_steps.run_id')
    .leftJoin('users', 'users.id', 'process_run_steps.assignee_id')
    .select((eb) => [
      'process_run_steps.assignee_id',
      'users.name as assignee_name',
      eb.fn.countAll<number | string>().as('open'),
      eb.fn
        .sum<number | string | null>(
          eb.case().when('process_run_steps.due_at', '<', now).then(1).else(0).end(),
        )
        .as('overdue'),
    ])
    .where('process_run_steps.workspace_id', '=', workspaceId)
    .where('process_run_steps.completed_at', 'is', null)
    .where('process_runs.status', 'in', ['active', 'on_hold'])
    .groupBy(['process_run_steps.assignee_id', 'users.name'])
    .execute();
}

/** Runs and their step visits of one process, for analytics: read in two queries, never per run. */
export async function selectRunsForAnalytics(
  executor: Executor,
  processId: string,
  versionId?: string,
  window: { startedFrom?: number; startedBefore?: number } = {},
) {
  let runs = executor
    .selectFrom('process_runs')
    .select(['id', 'version_id', 'started_at', 'finished_at', 'status'])
    .where('process_id', '=', processId);
  if (versionId) runs = runs.where('version_id', '=', versionId);
  // A window keeps the cases started in it, with all their visits (a case is not cut in two).
  if (window.startedFrom !== undefined) runs = runs.where('started_at', '>=', window.startedFrom);
  if (window.startedBefore !== undefined) runs = runs.where('started_at', '<', window.startedBefore);
  let steps = executor
    .selectFrom('process_run_steps')
    .innerJoin('process_runs', 'process_runs.id', 'process_run_steps.run_id')
    .select([
      'process_run_steps.run_id',
      'process_run_steps.step_key',
      'process_run_steps.entered_at',
      'process_run_steps.started_at',
      'process_run_steps.completed_at',
      'process_run_steps.due_at',
    ])
    .where('process_runs.process_id', '=', processId);
  if (versionId) steps = steps.where('process_runs.version_id', '=', versionId);
  if (window.startedFrom !== undefined)
    steps = steps.where('process_runs.started_at', '>=', window.startedFrom);
  if (window.startedBefore !== undefined) {
    steps = steps.where('process_runs.started_at', '<', window.startedBefore);
  }
  return { runs: await runs.execute(), steps: await steps.execute() };
}

/** Across workspaces: the SLA job looks at every open step past its due time once. */
export function unsafeSelectBreachedSteps(executor: Executor, now: number, limit: number) {
  return executor
    .selectFrom('process_run_steps')
    .select(['id', 'workspace_id', 'run_id', 'step_key', 'assignee_id', 'due_at'])
    .where('completed_at', 'is', null)
    .where('breached_at', 'is', null)
    .where('due_at', '<', now)
    .limit(limit)
    .execute();
}

// Rows per INSERT: 14 columns × 500 stays well inside SQLite's bound-parameter limit.
const INSERT_BATCH = 500;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size) result.push(rows.slice(start, start + size));
  return result;
}

/** Of these external case ids, the ones already imported into the process. */
export async function selectImportedCaseIds(
  executor: Executor,
  processId: string,
  externalIds: readonly string[],
) {
  const found: string[] = [];
  for (const batch of chunks(externalIds, INSERT_BATCH)) {
    if (batch.length === 0) continue;
    const rows = await executor
      .selectFrom('process_runs')
      .select('external_id')
      .where('process_id', '=', processId)
      .where('external_id', 'in', batch)
      .execute();
    for (const row of rows) if (row.external_id !== null) found.push(row.external_id);
  }
  return found;
}

/** Many runs and their step visits at once, in batches (an event log brings thousands). */
export async function insertImportedRuns(
  executor: Executor,
  runs: ReadonlyArray<Insertable<ProcessRunsTable>>,
  steps: ReadonlyArray<Insertable<ProcessRunStepsTable>>,
) {
  for (const batch of chunks(runs, INSERT_BATCH))
    await executor.insertInto('process_runs').values(batch).execute();
  for (const batch of chunks(steps, INSERT_BATCH)) {
    await executor.insertInto('process_run_steps').values(batch).execute();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Analytics summaries: finished cases folded per version and UTC day of their start (core/processes/summary.ts).

const CLOSED = ['completed', 'cancelled'];

/**
 * Holds the process's row until the transaction ends, so two folds of its cases run one after the other. NO KEY
 * UPDATE, not UPDATE: inserting a case checks its foreign key with KEY SHARE, which this does not block.
 */
export async function lockProcess(executor: Executor, dialect: Dialect, processId: string) {
  if (dialect !== 'postgres') return;
  await executor.selectFrom('processes').select('id').where('id', '=', processId).forNoKeyUpdate().execute();
}

/** Fresh planner statistics for the cases table after a large fold or import (PostgreSQL; SQLite needs none). */
export async function refreshRunStatistics(executor: Executor, dialect: Dialect) {
  if (dialect !== 'postgres') return;
  await sql`ANALYZE process_runs`.execute(executor);
}

/** Every process of every workspace, for the fold job. */
export function selectAllProcessIds(executor: Executor) {
  return executor.selectFrom('processes').select(['id', 'workspace_id']).orderBy('id').execute();
}

/** Whether any finished case of the process waits to be folded. */
export async function hasUnsummarisedRuns(executor: Executor, processId: string) {
  const row = await executor
    .selectFrom('process_runs')
    .select('id')
    .where('process_id', '=', processId)
    .where('summarised', '=', 0)
    .where('status', 'in', CLOSED)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The next finished cases to fold, earliest start first. */
export function selectUnsummarisedRuns(executor: Executor, processId: string, limit: number) {
  return executor
    .selectFrom('process_runs')
    .select(['id', 'version_id', 'started_at', 'finished_at', 'status'])
    .where('process_id', '=', processId)
    .where('summarised', '=', 0)
    .where('status', 'in', CLOSED)
    .orderBy('started_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The visits of the finished unfolded cases started from..to (inclusive): a superset of one batch's. */
export function selectUnsummarisedVisits(executor: Executor, processId: string, from: number, to: number) {
  return executor
    .selectFrom('process_run_steps')
    .innerJoin('process_runs', 'process_runs.id', 'process_run_steps.run_id')
    .select(VISIT_COLUMNS)
    .where('process_runs.process_id', '=', processId)
    .where('process_runs.summarised', '=', 0)
    .where('process_runs.status', 'in', CLOSED)
    .where('process_runs.started_at', '>=', from)
    .where('process_runs.started_at', '<=', to)
    .orderBy('process_run_steps.run_id')
    .orderBy('process_run_steps.entered_at')
    .orderBy('process_run_steps.id')
    .execute();
}

const VISIT_COLUMNS = [
  'process_run_steps.run_id',
  'process_run_steps.step_key',
  'process_run_steps.entered_at',
  'process_run_steps.started_at',
  'process_run_steps.completed_at',
  'process_run_steps.due_at',
] as const;

export function selectSummaries(
  executor: Executor,
  workspaceId: string,
  processId: string,
  filter: { versionId?: string | undefined; fromDay?: number | undefined; beforeDay?: number | undefined },
) {
  let query = executor
    .selectFrom('process_summaries')
    .select(['version_id', 'day', 'runs', 'part'])
    .where('workspace_id', '=', workspaceId)
    .where('process_id', '=', processId);
  if (filter.versionId) query = query.where('version_id', '=', filter.versionId);
  if (filter.fromDay !== undefined) query = query.where('day', '>=', filter.fromDay);
  if (filter.beforeDay !== undefined) query = query.where('day', '<', filter.beforeDay);
  return query.execute();
}

/** Which stored parts a window covers, without their contents: the instance may have them decoded already. */
export function selectSummaryKeys(
  executor: Executor,
  workspaceId: string,
  processId: string,
  filter: { versionId?: string | undefined; fromDay?: number | undefined; beforeDay?: number | undefined },
) {
  let query = executor
    .selectFrom('process_summaries')
    .select(['version_id', 'day', 'runs'])
    .where('workspace_id', '=', workspaceId)
    .where('process_id', '=', processId);
  if (filter.versionId) query = query.where('version_id', '=', filter.versionId);
  if (filter.fromDay !== undefined) query = query.where('day', '>=', filter.fromDay);
  if (filter.beforeDay !== undefined) query = query.where('day', '<', filter.beforeDay);
  return query.execute();
}

/** The stored parts of these versions and days. */
export async function selectSummaryParts(
  executor: Executor,
  workspaceId: string,
  processId: string,
  keys: ReadonlyArray<{ version_id: string; day: number }>,
) {
  const rows: Array<{ version_id: string; day: number; runs: number; part: string }> = [];
  for (const batch of chunks(keys, 200)) {
    const found = await executor
      .selectFrom('process_summaries')
      .select(['version_id', 'day', 'runs', 'part'])
      .where('workspace_id', '=', workspaceId)
      .where('process_id', '=', processId)
      .where((eb) =>
        eb.or(batch.map((key) => eb.and([eb('version_id', '=', key.version_id), eb('day', '=', key.day)]))),
      )
      .execute();
    for (const row of found) rows.push(row);
  }
  return rows;
}

export async function upsertSummary(
  executor: Executor,
  row: {
    workspace_id: string;
    process_id: string;
    version_id: string;
    day: number;
    runs: number;
    part: string;
    updated_at: number;
  },
  exists: boolean,
) {
  if (exists) {
    await executor
      .updateTable('process_summaries')
      .set({ runs: row.runs, part: row.part, updated_at: row.updated_at })
      .where('process_id', '=', row.process_id)
      .where('version_id', '=', row.version_id)
      .where('day', '=', row.day)
      .execute();
  } else await executor.insertInto('process_summaries').values(row).execute();
}

export async function markRunsSummarised(executor: Executor, ids: readonly string[]) {
  for (const batch of chunks(ids, INSERT_BATCH)) {
    await executor.updateTable('process_runs').set({ summarised: 1 }).where('id', 'in', batch).execute();
  }
}

/** Which cases of the process analytics read raw: started in [from, before), folded or not. */
export type RawRange = { summarised: 0 | 1; from?: number | undefined; before?: number | undefined };

/** The cases and visits of the given ranges, for one version or all; visits in each case's entered order. */
export async function selectRawAnalyticsRows(
  executor: Executor,
  processId: string,
  versionId: string | undefined,
  ranges: readonly RawRange[],
) {
  const runs: Array<{
    id: string;
    version_id: string;
    started_at: number;
    finished_at: number | null;
    status: string;
  }> = [];
  const steps: Array<{
    run_id: string;
    step_key: string;
    entered_at: number;
    started_at: number | null;
    completed_at: number | null;
    due_at: number | null;
  }> = [];
  for (const range of ranges) {
    let runQuery = executor
      .selectFrom('process_runs')
      .select(['id', 'version_id', 'started_at', 'finished_at', 'status'])
      .where('process_id', '=', processId)
      .where('summarised', '=', range.summarised);
    let stepQuery = executor
      .selectFrom('process_run_steps')
      .innerJoin('process_runs', 'process_runs.id', 'process_run_steps.run_id')
      .select(VISIT_COLUMNS)
      .where('process_runs.process_id', '=', processId)
      .where('process_runs.summarised', '=', range.summarised);
    if (versionId) {
      runQuery = runQuery.where('version_id', '=', versionId);
      stepQuery = stepQuery.where('process_runs.version_id', '=', versionId);
    }
    if (range.from !== undefined) {
      runQuery = runQuery.where('started_at', '>=', range.from);
      stepQuery = stepQuery.where('process_runs.started_at', '>=', range.from);
    }
    if (range.before !== undefined) {
      runQuery = runQuery.where('started_at', '<', range.before);
      stepQuery = stepQuery.where('process_runs.started_at', '<', range.before);
    }
    // Pushed one by one: spreading a long array into push overflows the stack.
    for (const run of await runQuery.execute()) runs.push(run);
    const visits = await stepQuery
      .orderBy('process_run_steps.run_id')
      .orderBy('process_run_steps.entered_at')
      .orderBy('process_run_steps.id')
      .execute();
    for (const visit of visits) steps.push(visit);
  }
  return { runs, steps };
}

/** One step's visits with who had them, for cases started in the window: the per-person figures. */
export function selectStepVisitsByAssignee(
  executor: Executor,
  processId: string,
  stepKey: string,
  versionId: string | undefined,
  window: { startedFrom?: number | undefined; startedBefore?: number | undefined },
) {
  let query = executor
    .selectFrom('process_run_steps')
    .innerJoin('process_runs', 'process_runs.id', 'process_run_steps.run_id')
    .leftJoin('users', 'users.id', 'process_run_steps.assignee_id')
    .select([
      'process_run_steps.assignee_id',
      'process_run_steps.assignee_name',
      'users.name as user_name',
      'process_run_steps.entered_at',
      'process_run_steps.started_at',
      'process_run_steps.completed_at',
      'process_run_steps.due_at',
      'process_runs.status',
    ])
    .where('process_runs.process_id', '=', processId)
    .where('process_run_steps.step_key', '=', stepKey);
  if (versionId) query = query.where('process_runs.version_id', '=', versionId);
  if (window.startedFrom !== undefined)
    query = query.where('process_runs.started_at', '>=', window.startedFrom);
  if (window.startedBefore !== undefined) {
    query = query.where('process_runs.started_at', '<', window.startedBefore);
  }
  return query.execute();
}

export async function insertRunSteps(executor: Executor, rows: Insertable<ProcessRunStepsTable>[]) {
  if (rows.length === 0) return;
  await executor.insertInto('process_run_steps').values(rows).execute();
}

export async function insertRunEvents(executor: Executor, rows: Insertable<ProcessRunEventsTable>[]) {
  if (rows.length === 0) return;
  await executor.insertInto('process_run_events').values(rows).execute();
}

/** The highest version number of a process (0 before its first version). */
export async function selectLatestVersionNumber(executor: Executor, processId: string): Promise<number> {
  const latest = await executor
    .selectFrom('process_versions')
    .select((eb) => eb.fn.max('number').as('number'))
    .where('process_id', '=', processId)
    .executeTakeFirst();
  return Number(latest?.number ?? 0);
}

/** A workspace's process made from a template. */
export function selectProcessByTemplate(executor: Executor, workspaceId: string, templateKey: string) {
  return executor
    .selectFrom('processes')
    .select(['id', 'current_version_id'])
    .where('workspace_id', '=', workspaceId)
    .where('template_key', '=', templateKey)
    .executeTakeFirst();
}
