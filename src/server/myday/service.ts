import {
  checkInDueDay,
  groupMyDay,
  kpiValueDueNext,
  type DueWhen,
  type MyDayKind,
} from '../../core/myday/index.ts';
import type { Frequency } from '../../core/kpis/periods.ts';
import { addDays } from '../../core/days/index.ts';
import type { Actor, Services } from '../context.ts';
import { CHECK_IN_INTERVAL_DAYS } from '../goals/jobs.ts';
import { openSteps } from '../processes/service.ts';
import { dayInTimezone } from '../time.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';

/** How far ahead the overview looks for the team's milestones. */
export const MILESTONE_DAYS = 30;
const MILESTONE_LIMIT = 8;

export type MyDayItem = {
  kind: MyDayKind;
  /** The object to open: a task, a case (run), a goal or a KPI (by key). */
  id: string;
  title: string;
  due: DueWhen;
  dueAt: number | null;
  status: string | null;
  /** Task: the caller's roles on it (R, A). */
  roles: string[];
  isMilestone: boolean;
  /** Task: its goal; step: the process; check-in: none; KPI: none. */
  context: string | null;
  /** Step: the step's name. */
  stepName: string | null;
  /** KPI value: the period whose value is due. */
  period: string | null;
};

/**
 * The caller's queue in one workspace, grouped overdue / today / this week / later, and the team's
 * milestones of the next weeks. Only the caller's own items: the workspace and the person come from the
 * session, never from the request.
 */
export async function getMyDay(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'workspace.read');
  const now = services.now();
  const timezone = await workspaceTimeZone(services, workspaceId);
  const today = dayInTimezone(now, timezone);
  const [taskRoles, goals, kpis, steps, milestones] = await Promise.all([
    queries.selectMyTaskRoles(services.db, workspaceId, actor.userId),
    queries.selectMyGoalsForCheckIn(services.db, workspaceId, actor.userId, today),
    queries.selectMyEnteredKpis(services.db, workspaceId, actor.userId),
    openSteps(services, actor, workspaceId, { assigneeId: actor.userId }),
    queries.selectUpcomingMilestones(
      services.db,
      workspaceId,
      today,
      addDays(today, MILESTONE_DAYS),
      MILESTONE_LIMIT,
    ),
  ]);
  const blank = {
    dueAt: null,
    status: null,
    roles: [],
    isMilestone: false,
    context: null,
    stepName: null,
    period: null,
  };

  const tasks = new Map<string, MyDayItem>();
  for (const row of taskRoles) {
    const known = tasks.get(row.id);
    if (known) {
      known.roles = [...known.roles, row.role].sort((a, b) => (a === 'R' ? -1 : b === 'R' ? 1 : 0));
      continue;
    }
    tasks.set(row.id, {
      ...blank,
      kind: 'task',
      id: row.id,
      title: row.title,
      due: { day: row.due_date },
      status: row.status,
      roles: [row.role],
      isMilestone: row.is_milestone === 1,
      context: row.goal_title,
    });
  }

  const items: MyDayItem[] = [
    ...tasks.values(),
    ...steps.map((step) => ({
      ...blank,
      kind: 'step' as const,
      id: step.runId,
      title: step.subject,
      due: {
        day: step.dueAt === null ? null : dayInTimezone(step.dueAt, timezone),
        isPast: step.isOverdue,
      },
      dueAt: step.dueAt,
      status: step.status === 'on_hold' ? 'on_hold' : step.startedAt === null ? 'waiting' : 'working',
      context: step.processName,
      stepName: step.stepName,
    })),
    ...goals.map((goal) => ({
      ...blank,
      kind: 'check_in' as const,
      id: goal.id,
      title: goal.title,
      due: {
        day: checkInDueDay(
          dayInTimezone(Number(goal.last_check_in ?? goal.created_at), timezone),
          CHECK_IN_INTERVAL_DAYS,
        ),
      },
    })),
    ...kpis.map((kpi) => {
      const next = kpiValueDueNext(
        today,
        kpi.frequency as Frequency,
        kpi.last_period,
        dayInTimezone(kpi.created_at, timezone),
      );
      return {
        ...blank,
        kind: 'kpi_value' as const,
        id: kpi.key,
        title: kpi.name,
        due: { day: next.dueDay },
        period: next.period,
      };
    }),
  ];
  const groups = groupMyDay(items, today);
  const shape = (item: MyDayItem) => ({
    kind: item.kind,
    id: item.id,
    title: item.title,
    dueDay: item.due.day,
    dueAt: item.dueAt,
    status: item.status,
    roles: item.roles,
    isMilestone: item.isMilestone,
    context: item.context,
    stepName: item.stepName,
    period: item.period,
  });
  return {
    today,
    timezone,
    groups: {
      overdue: groups.overdue.map(shape),
      today: groups.today.map(shape),
      week: groups.week.map(shape),
      later: groups.later.map(shape),
    },
    milestones: milestones.map((row) => ({
      id: row.id,
      title: row.title,
      dueDay: row.due_date ?? today,
      status: row.status,
      goal: row.goal_title,
    })),
  };
}
