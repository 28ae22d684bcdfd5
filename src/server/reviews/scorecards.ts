import { computeScorecard, type Scorecard, type ScorecardFacts } from '../../core/reviews/index.ts';
import type { Executor } from '../../db/types.ts';
import { dayFormatter } from '../time.ts';
import * as queries from './queries.ts';

const DAY = 86_400_000;

export type EvidenceRows = {
  goals: Awaited<ReturnType<typeof queries.selectOwnedGoals>>;
  tasks: Awaited<ReturnType<typeof queries.selectResponsibleTasks>>;
  steps: Awaited<ReturnType<typeof queries.selectCompletedSteps>>;
  versions: Awaited<ReturnType<typeof queries.selectVersionSteps>>;
};

/** Every row the scorecards of these people read for the period: four queries whatever the number of people. */
export async function readEvidence(
  executor: Executor,
  workspaceId: string,
  userIds: readonly string[],
  period: { start: string; end: string },
): Promise<EvidenceRows> {
  const query: queries.EvidenceQuery = {
    workspaceId,
    userIds,
    period,
    // A day of slack covers every time zone; the exact day is checked in the zone afterwards.
    fromMs: Date.parse(`${period.start}T00:00:00Z`) - DAY,
    toMs: Date.parse(`${period.end}T00:00:00Z`) + 2 * DAY,
  };
  if (userIds.length === 0) {
    return { goals: { goals: [], keyResults: [], checkIns: [] }, tasks: [], steps: [], versions: [] };
  }
  const goals = await queries.selectOwnedGoals(executor, query);
  const tasks = await queries.selectResponsibleTasks(executor, query);
  const steps = await queries.selectCompletedSteps(executor, query);
  const versions = await queries.selectVersionSteps(
    executor,
    steps.map((step) => step.version_id),
  );
  return { goals, tasks, steps, versions };
}

/** Splits the rows per person and computes each scorecard (core). */
export function scorecardsFromEvidence(
  rows: EvidenceRows,
  userIds: readonly string[],
  period: { start: string; end: string },
  today: string,
  timezone: string,
): Map<string, Scorecard> {
  const day = dayFormatter(timezone);
  const facts = new Map<string, ScorecardFacts>(
    userIds.map((id) => [id, { period, today, goals: [], checkIns: [], tasks: [], steps: [], routines: [] }]),
  );
  const krsByGoal = new Map<string, ScorecardFacts['goals'][number]['keyResults'][number][]>();
  for (const kr of rows.goals.keyResults) {
    const list = krsByGoal.get(kr.goal_id) ?? [];
    list.push({ id: kr.id, title: kr.title, weight: Number(kr.weight), progress: Number(kr.progress) });
    krsByGoal.set(kr.goal_id, list);
  }
  for (const goal of rows.goals.goals) {
    const entry = goal.owner_id ? facts.get(goal.owner_id) : undefined;
    if (!entry) continue;
    (entry.goals as ScorecardFacts['goals'][number][]).push({
      id: goal.id,
      title: goal.title,
      weight: Number(goal.weight),
      startDate: goal.start_date,
      dueDate: goal.due_date,
      keyResults: krsByGoal.get(goal.id) ?? [],
    });
  }
  for (const checkIn of rows.goals.checkIns) {
    const entry = checkIn.author_id ? facts.get(checkIn.author_id) : undefined;
    if (!entry) continue;
    const d = day(Number(checkIn.created_at));
    if (d < period.start || d > period.end) continue;
    (entry.checkIns as ScorecardFacts['checkIns'][number][]).push({ goalId: checkIn.goal_id, day: d });
  }
  for (const task of rows.tasks) {
    const entry = facts.get(task.user_id);
    if (!entry) continue;
    if (task.recurrence_id !== null && task.occurrence) {
      (entry.routines as ScorecardFacts['routines'][number][]).push({
        id: task.id,
        title: task.title,
        occurrence: task.occurrence,
        status: task.status,
      });
    } else if (task.due_date) {
      (entry.tasks as ScorecardFacts['tasks'][number][]).push({
        id: task.id,
        title: task.title,
        dueDate: task.due_date,
        status: task.status,
        completedDay: task.completed_at === null ? null : day(Number(task.completed_at)),
      });
    }
  }
  const stepNames = new Map<string, Map<string, string>>();
  for (const version of rows.versions) {
    try {
      const steps = JSON.parse(version.steps) as Array<{ key: string; name: string }>;
      stepNames.set(version.id, new Map(steps.map((step) => [step.key, step.name])));
    } catch {
      stepNames.set(version.id, new Map());
    }
  }
  for (const step of rows.steps) {
    const entry = step.assignee_id ? facts.get(step.assignee_id) : undefined;
    if (!entry || step.due_at === null || step.completed_at === null) continue;
    const d = day(Number(step.completed_at));
    if (d < period.start || d > period.end) continue;
    const name = stepNames.get(step.version_id)?.get(step.step_key) ?? step.step_key;
    (entry.steps as ScorecardFacts['steps'][number][]).push({
      id: step.id,
      runId: step.run_id,
      title: `${step.process_name} · ${name} · ${step.subject}`,
      dueAt: Number(step.due_at),
      completedAt: Number(step.completed_at),
    });
  }
  return new Map([...facts].map(([id, f]) => [id, computeScorecard(f)]));
}

/** Scorecards of many people for a period, read in four queries. */
export async function computeScorecards(
  executor: Executor,
  workspaceId: string,
  userIds: readonly string[],
  period: { start: string; end: string },
  today: string,
  timezone: string,
): Promise<Map<string, Scorecard>> {
  const rows = await readEvidence(executor, workspaceId, userIds, period);
  return scorecardsFromEvidence(rows, userIds, period, today, timezone);
}
