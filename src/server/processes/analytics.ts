import { interpolate } from '../../core/i18n/index.ts';
import { compareAnalytics, PROCESS_ANALYTICS_MESSAGES } from '../../core/processes/analytics.ts';
import { assigneeFigures } from '../../core/processes/assignees.ts';
import { diffVersions } from '../../core/processes/graph.ts';
import { finishAnalytics } from '../../core/processes/summary.ts';
import { zoneClock } from '../../core/schedule/worktime.ts';
import type { WorkspaceContext } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import { localDayBounds, workspaceTimeZone } from '../workspaces/worktime.ts';
import * as queries from './queries.ts';
import { readAnalyticsParts } from './summaries.ts';
import { parseSteps, requireProcess, requireVersion } from './versions.ts';

export type AnalyticsWindow = { from?: string; to?: string };

/**
 * Per-step times, SLA breaches, throughput, lead times and the bottleneck, with its reason in words; the
 * variants cases took and their rework. A window keeps the cases started from `from` to `to` (days included).
 */
export async function getAnalytics(
  context: WorkspaceContext,
  {
    processId,
    versionId,
    window = {},
  }: { processId: string; versionId: string | undefined; window?: AnalyticsWindow },
) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'processes.read');
  const process = await requireProcess(services.db, workspaceId, processId);
  const timeZone = await workspaceTimeZone(services, workspaceId);
  // Drawn on the chosen version's steps; across all versions, on the current one's.
  const shownVersionId = versionId ?? process.current_version_id;
  const flow = shownVersionId
    ? parseSteps((await requireVersion(services.db, workspaceId, processId, shownVersionId)).steps)
    : [];
  // The end step is where a case stops, not work: it has no times to show.
  const steps = flow.filter((step) => step.kind !== 'end');
  const now = services.now();
  const parts = await readAnalyticsParts(
    services.db,
    services.dialect,
    workspaceId,
    processId,
    versionId,
    // The window's days are the workspace's local days.
    localDayBounds(window, timeZone),
    now,
  );
  const { analytics, paths } = finishAnalytics(
    parts,
    {
      now,
      utcOffsetMinutes: zoneClock(timeZone).offsetMinutesAt(now),
      stepOrder: steps.map((step) => step.key),
      stepNames: Object.fromEntries(steps.map((step) => [step.key, step.name])),
    },
    { variantLimit: 20 },
  );
  return {
    ...analytics,
    ...paths,
    window: { from: window.from ?? null, to: window.to ?? null },
    flow,
    stepNames: Object.fromEntries(steps.map((step) => [step.key, step.name])),
    bottleneckMessage: analytics.bottleneck
      ? interpolate(
          PROCESS_ANALYTICS_MESSAGES[locale][analytics.bottleneck.reason.code],
          analytics.bottleneck.reason.params,
        )
      : null,
  };
}

/**
 * One step's figures per person (visits, median working time, SLA breaches) for cases started in the window:
 * how each person's work went is for those who lead the team, so it needs `processes.people`.
 */
export async function getStepAssignees(
  context: WorkspaceContext,
  {
    processId,
    stepKey,
    versionId,
    window = {},
  }: { processId: string; stepKey: string; versionId: string | undefined; window?: AnalyticsWindow },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'processes.people');
  await requireProcess(services.db, workspaceId, processId);
  if (versionId) await requireVersion(services.db, workspaceId, processId, versionId);
  const rows = await queries.selectStepVisitsByAssignee(
    services.db,
    processId,
    stepKey,
    versionId,
    localDayBounds(window, await workspaceTimeZone(services, workspaceId)),
  );
  return {
    stepKey,
    window: { from: window.from ?? null, to: window.to ?? null },
    assignees: assigneeFigures(
      rows.map((row) => ({
        assigneeId: row.assignee_id,
        name: row.assignee_id !== null ? (row.user_name ?? '') : row.assignee_name,
        enteredAt: row.entered_at,
        startedAt: row.started_at,
        completedAt: row.completed_at,
        dueAt: row.due_at,
        caseOpen: row.status === 'active' || row.status === 'on_hold',
      })),
      services.now(),
    ),
  };
}

export async function compareProcessVersions(
  context: WorkspaceContext,
  {
    processId,
    fromVersionId,
    toVersionId,
  }: { processId: string; fromVersionId: string; toVersionId: string },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'processes.read');
  await requireProcess(services.db, workspaceId, processId);
  const timeZone = await workspaceTimeZone(services, workspaceId);
  const [from, to] = await Promise.all([
    requireVersion(services.db, workspaceId, processId, fromVersionId),
    requireVersion(services.db, workspaceId, processId, toVersionId),
  ]);
  const [fromSteps, toSteps] = [parseSteps(from.steps), parseSteps(to.steps)];
  const now = services.now();
  const analyse = async (versionId: string, stepOrder: string[]) =>
    finishAnalytics(
      await readAnalyticsParts(services.db, services.dialect, workspaceId, processId, versionId, {}, now),
      { now, utcOffsetMinutes: zoneClock(timeZone).offsetMinutesAt(now), stepOrder },
    ).analytics;
  return {
    comparison: compareAnalytics(
      await analyse(
        from.id,
        fromSteps.map((step) => step.key),
      ),
      await analyse(
        to.id,
        toSteps.map((step) => step.key),
      ),
    ),
    diff: diffVersions(fromSteps, toSteps),
    afterSteps: toSteps,
  };
}
