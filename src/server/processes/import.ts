import { AppError } from '../../core/errors/index.ts';
import {
  eventLogCellText,
  EventLogReader,
  eventLogIssueMessage,
  formatEventLogWarning,
  overlappingVisits,
  type EventLogIssue,
} from '../../core/processes/eventlog.ts';
import type { ProcessStep } from '../../core/processes/graph.ts';
import { addLogSteps } from '../../core/processes/logsteps.ts';
import { newId } from '../../db/ids.ts';
import type { Insertable } from 'kysely';
import type { ProcessRunStepsTable, ProcessRunsTable } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { WorkspaceContext } from '../context.ts';
import { spreadsheetRows } from '../files.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMembers } from '../workspaces/queries.ts';
import * as queries from './queries.ts';
import { parseSteps, requireProcess } from './versions.ts';
import { foldFinishedRuns } from './summaries.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';

/** An event-log import reads at most this many step visits (rows): all are written in one transaction. */
export const EVENT_LOG_IMPORT_MAX_ROWS = 100_000;

/** Issues listed in a dry run; all are counted. */
const ISSUE_LIMIT = 200;

function normalise(text: string): string {
  return text.trim().toLowerCase();
}

/** The process step a log's step name means: its key or its name, in any case. */
function stepMatcher(steps: readonly ProcessStep[]) {
  const byName = new Map<string, string>();
  for (const step of steps) byName.set(normalise(step.name), step.key);
  // Keys win over names: a key is exact where two steps could share a name.
  for (const step of steps) byName.set(normalise(step.key), step.key);
  return (name: string) => byName.get(normalise(name)) ?? null;
}

/**
 * Reads an event log (CSV or XLSX) into a process: a dry run reports what would be imported and every problem
 * by row and column; a real run imports all of it in one transaction or nothing. Steps are matched to the
 * current version's steps by key or name; steps the log names that the process lacks are listed by the dry
 * run and, when asked (`createSteps`), created with the import in the same transaction (core/processes/logsteps.ts
 * places them), else the import is refused. Assignees are matched to members by e-mail or name, else kept as
 * text. Imported cases are marked `imported` and keyed by their case id, so a log cannot be imported twice.
 */
export async function importEventLog(
  context: WorkspaceContext,
  {
    processId,
    buffer,
    options,
  }: {
    processId: string;
    buffer: unknown;
    options: {
      dryRun: boolean;
      createSteps?: boolean | undefined;
      /** Only for the benchmark, which imports a million rows through this function (HTTP keeps the limit). */
      maxRows?: number | undefined;
    };
  },
) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'processes.write');
  const process = await requireProcess(services.db, workspaceId, processId);
  const version = process.current_version_id
    ? await queries.selectVersion(services.db, workspaceId, process.current_version_id)
    : undefined;
  if (!version) throw new AppError('process_not_found');
  const steps = parseSteps(version.steps);

  const reader = new EventLogReader({
    timeZone: await workspaceTimeZone(services, workspaceId),
    issueLimit: ISSUE_LIMIT,
  });
  let header = true;
  for await (const { cells, row } of spreadsheetRows(buffer, {
    maxRows: options.maxRows ?? EVENT_LOG_IMPORT_MAX_ROWS,
    onGbk: () => reader.markDecodedAsGbk(),
  })) {
    const texts = cells.map(eventLogCellText);
    if (header) reader.header(texts);
    else reader.row(texts, row);
    header = false;
  }
  const log = reader.finish();

  const issues: EventLogIssue[] = [...log.issues];
  let issueCount = log.issueCount;
  for (const issue of overlappingVisits(log.visits)) {
    issueCount += 1;
    if (issues.length < ISSUE_LIMIT) issues.push(issue);
  }
  const firstRowOfCase = new Map<string, number>();
  for (const visit of log.visits) {
    firstRowOfCase.set(visit.runId, Math.min(firstRowOfCase.get(visit.runId) ?? Infinity, visit.row));
  }
  const existing = await queries.selectImportedCaseIds(services.db, processId, [...firstRowOfCase.keys()]);
  for (const caseId of existing) {
    issueCount += 1;
    if (issues.length < ISSUE_LIMIT) {
      issues.push({
        row: firstRowOfCase.get(caseId) ?? 0,
        column: 'case_id',
        code: 'case_exists',
        params: { caseId },
      });
    }
  }
  issues.sort((a, b) => a.row - b.row);

  const stepKeyOf = stepMatcher(steps);
  const missingSteps = log.stepOrder.filter((name) => stepKeyOf(name) === null);
  const members = await selectMembers(services.db, workspaceId);
  const memberByName = new Map<string, string>();
  for (const member of members) memberByName.set(normalise(member.name), member.user_id);
  for (const member of members) memberByName.set(normalise(member.email), member.user_id);
  const assigneeNames = new Set<string>();
  for (const visit of log.visits) if (visit.assignee !== null) assigneeNames.add(visit.assignee);
  const unmatched = [...assigneeNames].filter((name) => !memberByName.has(normalise(name))).sort();

  // Steps the log names that the process lacks can be created with the import, in the same transaction.
  const created =
    missingSteps.length === 0
      ? null
      : addLogSteps(steps, missingSteps, log.stepOrder, stepKeyOf, actor.userId, locale);

  const counts = { total: log.runs.length, completed: 0, active: 0, cancelled: 0 };
  for (const run of log.runs) counts[run.status] += 1;
  const report = {
    rows: log.rowCount,
    cases: counts,
    steps: log.stepOrder.map((name) => ({ name, stepKey: stepKeyOf(name) })),
    missingSteps,
    /** Whether the missing steps can be created with the import (each finds a place in the flow). */
    canCreateSteps: created !== null,
    assignees: { matched: assigneeNames.size - unmatched.length, unmatched },
    issues: issues.map((issue) => ({
      row: issue.row,
      column: issue.column,
      message: eventLogIssueMessage(issue, locale),
    })),
    issueCount,
    warnings: log.warnings.map((warning) => formatEventLogWarning(warning, locale)),
    imported: false,
  };
  if (options.dryRun) return report;
  if (issueCount > 0) throw new AppError('import_invalid', { count: issueCount });
  if (missingSteps.length > 0 && (!options.createSteps || created === null))
    throw new AppError('event_log_unknown_steps', { steps: missingSteps.join(', ') });
  const keyOfLogStep = (name: string) => created?.keys.get(name) ?? stepKeyOf(name);
  const finalSteps = created?.steps ?? steps;
  // A new version when steps are created and cases already ran on the current one; else the current one.
  const existingVersions = created === null ? [] : await queries.selectVersions(services.db, processId);
  const editsInPlace =
    created !== null &&
    Number(existingVersions.find((candidate) => candidate.id === version.id)?.run_count ?? 0) === 0;
  const versionId = created === null || editsInPlace ? version.id : newId();

  const now = services.now();
  const runIds = new Map(log.runs.map((run) => [run.id, newId()]));
  // The step an active case is at: its last visit still open, by entered time.
  const currentStep = new Map<string, { enteredAt: number; stepKey: string }>();
  const stepRows: Array<Insertable<ProcessRunStepsTable>> = log.visits.map((visit) => {
    const stepKey = keyOfLogStep(visit.stepKey) ?? visit.stepKey;
    if (visit.completedAt === null) {
      const known = currentStep.get(visit.runId);
      if (!known || visit.enteredAt >= known.enteredAt) {
        currentStep.set(visit.runId, { enteredAt: visit.enteredAt, stepKey });
      }
    }
    const step = finalSteps.find((candidate) => candidate.key === stepKey);
    const outcome =
      visit.outcome === null
        ? undefined
        : step?.outcomes.find(
            (candidate) =>
              normalise(candidate.key) === normalise(visit.outcome ?? '') ||
              normalise(candidate.label) === normalise(visit.outcome ?? ''),
          );
    const assigneeId = visit.assignee === null ? null : (memberByName.get(normalise(visit.assignee)) ?? null);
    return {
      id: newId(),
      workspace_id: workspaceId,
      run_id: runIds.get(visit.runId) ?? '',
      step_key: stepKey,
      assignee_id: assigneeId,
      assignee_name: assigneeId === null ? visit.assignee : null,
      entered_at: visit.enteredAt,
      started_at: visit.startedAt,
      completed_at: visit.completedAt,
      due_at: null,
      breached_at: null,
      outcome_key: outcome?.key ?? null,
      checked_items: '[]',
      field_values: '{}',
    };
  });
  const runRows: Array<Insertable<ProcessRunsTable>> = log.runs.map((run) => ({
    id: runIds.get(run.id) ?? '',
    workspace_id: workspaceId,
    process_id: processId,
    version_id: versionId,
    subject: run.id,
    status: run.status,
    current_step_key: run.status === 'active' ? (currentStep.get(run.id)?.stepKey ?? null) : null,
    hold_reason: null,
    started_by: null,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    updated_at: now,
    source: 'imported',
    external_id: run.id,
  }));
  await services.db.transaction().execute(async (trx) => {
    if (created !== null) {
      await queries.lockProcess(trx, services.dialect, processId);
      const current = await requireProcess(trx, workspaceId, processId);
      if (current.current_version_id !== version.id) throw new AppError('event_log_process_changed');
      if (editsInPlace) await queries.updateVersionSteps(trx, version.id, JSON.stringify(created.steps));
      else {
        await queries.insertVersion(trx, {
          id: versionId,
          workspace_id: workspaceId,
          process_id: processId,
          number: (existingVersions.at(-1)?.number ?? 0) + 1,
          steps: JSON.stringify(created.steps),
          created_by: actor.userId,
          created_at: now,
        });
      }
      await queries.updateProcess(trx, processId, { current_version_id: versionId, updated_at: now });
      await insertAuditEntry(trx, {
        workspaceId,
        actorId: actor.userId,
        action: 'process.updated',
        objectType: 'process',
        objectId: processId,
        changes: { versionId, steps: created.steps.length, createdFromLog: missingSteps },
        now,
      });
    }
    await queries.insertImportedRuns(trx, runRows, stepRows);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'process.event_log_imported',
      objectType: 'process',
      objectId: processId,
      changes: { cases: counts.total, visits: stepRows.length },
      now,
    });
  });
  // The finished cases go into the analytics summaries now rather than on the first analytics request; were
  // this to fail, that request would fold them.
  await foldFinishedRuns(services.db, services.dialect, workspaceId, processId, now);
  return { ...report, imported: true };
}
