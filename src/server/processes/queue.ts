import type { Actor, Services } from '../context.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';
import type { RunStatus } from './runs.ts';
import { parseSteps } from './versions.ts';

/**
 * Open steps, soonest due first: the caller's own (`mine`), or the whole team's with a count per person so a
 * lead sees who is overloaded or late.
 */
export async function openSteps(
  services: Services,
  actor: Actor,
  workspaceId: string,
  filter: { assigneeId?: string | null | undefined },
) {
  await authorize(services.db, actor, workspaceId, 'processes.read');
  const rows = await queries.selectQueue(services.db, workspaceId, filter);
  // Step names live in each case's version: read the versions in play once, not per row.
  const versions = await queries.selectVersionsByIds(services.db, workspaceId, [
    ...new Set(rows.map((row) => row.version_id)),
  ]);
  const names = new Map(
    versions.flatMap((version) =>
      parseSteps(version.steps).map((step) => [`${version.id}:${step.key}`, step.name] as const),
    ),
  );
  const now = services.now();
  return rows.map((row) => ({
    runId: row.run_id,
    processName: row.process_name,
    subject: row.subject,
    status: row.status as RunStatus,
    stepKey: row.step_key,
    stepName: names.get(`${row.version_id}:${row.step_key}`) ?? row.step_key,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    enteredAt: row.entered_at,
    startedAt: row.started_at,
    dueAt: row.due_at,
    isOverdue: row.due_at !== null && row.due_at < now,
  }));
}

export async function openStepsByPerson(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'processes.read');
  const rows = await queries.selectOpenStepsByAssignee(services.db, workspaceId, services.now());
  return rows
    .map((row) => ({
      assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
      open: Number(row.open),
      overdue: Number(row.overdue ?? 0),
    }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open);
}

/** The team's open steps (one person's, or nobody's with `assigneeId: null`) and the count per person. */
export async function teamQueue(
  services: Services,
  actor: Actor,
  workspaceId: string,
  filter: { assigneeId?: string | null | undefined },
) {
  const [items, people] = await Promise.all([
    openSteps(services, actor, workspaceId, filter),
    openStepsByPerson(services, actor, workspaceId),
  ]);
  return { items, people };
}
