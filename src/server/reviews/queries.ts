import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/types.ts';
import type {
  ReviewCyclesTable,
  ReviewParticipantsTable,
  ReviewsTable,
  ReviewSkillAssessmentsTable,
  ReviewTemplatesTable,
} from '../../db/types.ts';

export async function selectTemplates(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('review_templates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function selectTemplate(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('review_templates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertTemplate(executor: Executor, row: Insertable<ReviewTemplatesTable>) {
  await executor.insertInto('review_templates').values(row).execute();
}

export async function updateTemplate(
  executor: Executor,
  id: string,
  changes: Updateable<ReviewTemplatesTable>,
) {
  await executor.updateTable('review_templates').set(changes).where('id', '=', id).execute();
}

export type CycleRow = Awaited<ReturnType<typeof selectCycle>> & object;

export async function selectCycle(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('review_cycles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function selectCycles(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('review_cycles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('period_start', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertCycle(executor: Executor, row: Insertable<ReviewCyclesTable>) {
  await executor.insertInto('review_cycles').values(row).execute();
}

export async function updateCycle(executor: Executor, id: string, changes: Updateable<ReviewCyclesTable>) {
  await executor.updateTable('review_cycles').set(changes).where('id', '=', id).execute();
}

export async function deleteCycle(executor: Executor, id: string) {
  await executor.deleteFrom('review_cycles').where('id', '=', id).execute();
}

/** Participations of these people in other cycles whose period shares a day with the given one. */
export async function selectOverlapping(
  executor: Executor,
  workspaceId: string,
  revieweeIds: readonly string[],
  period: { start: string; end: string },
) {
  if (revieweeIds.length === 0) return [];
  return executor
    .selectFrom('review_participants')
    .innerJoin('review_cycles', 'review_cycles.id', 'review_participants.cycle_id')
    .select([
      'review_participants.reviewee_id',
      'review_participants.period_start',
      'review_participants.period_end',
      'review_cycles.name as cycle_name',
    ])
    .where('review_participants.workspace_id', '=', workspaceId)
    .where('review_participants.reviewee_id', 'in', revieweeIds)
    .where('review_participants.period_start', '<=', period.end)
    .where('review_participants.period_end', '>=', period.start)
    .execute();
}

export type ParticipantRow = Awaited<ReturnType<typeof selectParticipants>>[number];

const participantColumns = [
  'review_participants.id',
  'review_participants.workspace_id',
  'review_participants.cycle_id',
  'review_participants.reviewee_id',
  'review_participants.manager_id',
  'review_participants.period_start',
  'review_participants.period_end',
  'review_participants.scorecard',
  'review_participants.scorecard_at',
  'review_participants.final_rating',
  'review_participants.final_comment',
  'review_participants.signed_off_by',
  'review_participants.signed_off_at',
  'review_participants.acknowledged_at',
  'review_participants.acknowledgement',
  'review_participants.created_at',
  'review_participants.updated_at',
  'reviewee.name as reviewee_name',
  'manager.name as manager_name',
] as const;

export async function selectParticipants(executor: Executor, cycleId: string) {
  return executor
    .selectFrom('review_participants')
    .innerJoin('users as reviewee', 'reviewee.id', 'review_participants.reviewee_id')
    .leftJoin('users as manager', 'manager.id', 'review_participants.manager_id')
    .select(participantColumns)
    .where('review_participants.cycle_id', '=', cycleId)
    .orderBy('reviewee.name')
    .orderBy('review_participants.id')
    .execute();
}

export async function selectParticipant(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('review_participants')
    .innerJoin('users as reviewee', 'reviewee.id', 'review_participants.reviewee_id')
    .leftJoin('users as manager', 'manager.id', 'review_participants.manager_id')
    .select(participantColumns)
    .where('review_participants.workspace_id', '=', workspaceId)
    .where('review_participants.id', '=', id)
    .executeTakeFirst();
}

/** Several people's reviews at once, by participant id, within the workspace. */
export async function selectParticipantsByIds(
  executor: Executor,
  workspaceId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  return executor
    .selectFrom('review_participants')
    .innerJoin('users as reviewee', 'reviewee.id', 'review_participants.reviewee_id')
    .leftJoin('users as manager', 'manager.id', 'review_participants.manager_id')
    .select(participantColumns)
    .where('review_participants.workspace_id', '=', workspaceId)
    .where('review_participants.id', 'in', [...ids])
    .execute();
}

export async function selectCyclesByIds(executor: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return executor
    .selectFrom('review_cycles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertParticipants(executor: Executor, rows: Insertable<ReviewParticipantsTable>[]) {
  if (rows.length) await executor.insertInto('review_participants').values(rows).execute();
}

export async function updateParticipant(
  executor: Executor,
  id: string,
  changes: Updateable<ReviewParticipantsTable>,
) {
  await executor.updateTable('review_participants').set(changes).where('id', '=', id).execute();
}

export type ReviewRow = Awaited<ReturnType<typeof selectReviewsOfCycle>>[number];

const reviewColumns = [
  'reviews.id',
  'reviews.workspace_id',
  'reviews.cycle_id',
  'reviews.participant_id',
  'reviews.reviewer_id',
  'reviews.kind',
  'reviews.status',
  'reviews.answers',
  'reviews.overrides',
  'reviews.score',
  'reviews.submitted_at',
  'reviews.created_at',
  'reviews.updated_at',
  'reviewer.name as reviewer_name',
] as const;

export async function selectReviewsOfCycle(executor: Executor, cycleId: string) {
  return executor
    .selectFrom('reviews')
    .innerJoin('users as reviewer', 'reviewer.id', 'reviews.reviewer_id')
    .select(reviewColumns)
    .where('reviews.cycle_id', '=', cycleId)
    .orderBy('reviews.created_at')
    .orderBy('reviews.id')
    .execute();
}

export async function selectReviewsOfParticipant(executor: Executor, participantId: string) {
  return executor
    .selectFrom('reviews')
    .innerJoin('users as reviewer', 'reviewer.id', 'reviews.reviewer_id')
    .select(reviewColumns)
    .where('reviews.participant_id', '=', participantId)
    .orderBy('reviews.created_at')
    .orderBy('reviews.id')
    .execute();
}

export async function selectReviewsOfParticipants(executor: Executor, participantIds: readonly string[]) {
  if (participantIds.length === 0) return [];
  return executor
    .selectFrom('reviews')
    .innerJoin('users as reviewer', 'reviewer.id', 'reviews.reviewer_id')
    .select(reviewColumns)
    .where('reviews.participant_id', 'in', [...participantIds])
    .orderBy('reviews.created_at')
    .orderBy('reviews.id')
    .execute();
}

/** The skill levels a signed-off review assessed, one row per tagged skill. */
export async function insertSkillAssessments(
  executor: Executor,
  rows: Insertable<ReviewSkillAssessmentsTable>[],
) {
  if (rows.length) await executor.insertInto('review_skill_assessments').values(rows).execute();
}

export async function selectReview(executor: Executor, workspaceId: string, id: string) {
  return executor
    .selectFrom('reviews')
    .innerJoin('users as reviewer', 'reviewer.id', 'reviews.reviewer_id')
    .select(reviewColumns)
    .where('reviews.workspace_id', '=', workspaceId)
    .where('reviews.id', '=', id)
    .executeTakeFirst();
}

/** Cycles in which the person takes part in any way: reviewed, reviewing, managing or having created it. */
export async function selectCycleIdsInvolving(executor: Executor, workspaceId: string, userId: string) {
  const rows = await executor
    .selectFrom('review_participants')
    .select('cycle_id')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('reviewee_id', '=', userId), eb('manager_id', '=', userId)]))
    .union(
      executor
        .selectFrom('reviews')
        .select('cycle_id')
        .where('workspace_id', '=', workspaceId)
        .where('reviewer_id', '=', userId),
    )
    .union(
      executor
        .selectFrom('review_cycles')
        .select('id as cycle_id')
        .where('workspace_id', '=', workspaceId)
        .where('created_by', '=', userId),
    )
    .execute();
  return new Set(rows.map((row) => row.cycle_id));
}

export async function insertReviews(executor: Executor, rows: Insertable<ReviewsTable>[]) {
  if (rows.length) await executor.insertInto('reviews').values(rows).execute();
}

export async function updateReview(executor: Executor, id: string, changes: Updateable<ReviewsTable>) {
  await executor.updateTable('reviews').set(changes).where('id', '=', id).execute();
}

export async function selectMembers(executor: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await executor
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function selectMemberRole(executor: Executor, workspaceId: string, userId: string) {
  const row = await executor
    .selectFrom('memberships')
    .select('role')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

// ——— The evidence a scorecard reads, for many people at once ———

export type EvidenceQuery = {
  workspaceId: string;
  userIds: readonly string[];
  period: { start: string; end: string };
  /** Instants bounding the period in any time zone (a day of slack either side); days are checked after. */
  fromMs: number;
  toMs: number;
};

/** Goals the people own whose dates overlap the period (not cancelled), with their key results. */
export async function selectOwnedGoals(executor: Executor, query: EvidenceQuery) {
  const goals = await executor
    .selectFrom('goals')
    .select(['id', 'owner_id', 'title', 'weight', 'start_date', 'due_date'])
    .where('workspace_id', '=', query.workspaceId)
    .where('owner_id', 'in', query.userIds)
    .where('status', '!=', 'cancelled')
    .where('start_date', '<=', query.period.end)
    .where('due_date', '>=', query.period.start)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  const keyResults = goals.length
    ? await executor
        .selectFrom('key_results')
        .innerJoin('goals', 'goals.id', 'key_results.goal_id')
        .select([
          'key_results.id',
          'key_results.goal_id',
          'key_results.title',
          'key_results.weight',
          'key_results.progress',
        ])
        .where('key_results.workspace_id', '=', query.workspaceId)
        .where('goals.owner_id', 'in', query.userIds)
        .where('goals.status', '!=', 'cancelled')
        .where('goals.start_date', '<=', query.period.end)
        .where('goals.due_date', '>=', query.period.start)
        .orderBy('key_results.position')
        .orderBy('key_results.id')
        .execute()
    : [];
  const checkIns = goals.length
    ? await executor
        .selectFrom('check_ins')
        .innerJoin('goals', 'goals.id', 'check_ins.goal_id')
        .select(['check_ins.goal_id', 'check_ins.author_id', 'check_ins.created_at'])
        .where('check_ins.workspace_id', '=', query.workspaceId)
        .where('check_ins.author_id', 'in', query.userIds)
        .whereRef('check_ins.author_id', '=', 'goals.owner_id')
        .where('check_ins.created_at', '>=', query.fromMs)
        .where('check_ins.created_at', '<=', query.toMs)
        .execute()
    : [];
  return { goals, keyResults, checkIns };
}

/** Tasks where the people are R or A, due in the period, and routine occurrences for a day in it. */
export async function selectResponsibleTasks(executor: Executor, query: EvidenceQuery) {
  return executor
    .selectFrom('task_roles')
    .innerJoin('tasks', 'tasks.id', 'task_roles.task_id')
    .select([
      'task_roles.user_id',
      'tasks.id',
      'tasks.title',
      'tasks.status',
      'tasks.due_date',
      'tasks.completed_at',
      'tasks.recurrence_id',
      'tasks.occurrence',
    ])
    .distinct()
    .where('task_roles.workspace_id', '=', query.workspaceId)
    .where('task_roles.user_id', 'in', query.userIds)
    .where('task_roles.role', 'in', ['R', 'A'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('tasks.recurrence_id', 'is', null),
          eb('tasks.due_date', '>=', query.period.start),
          eb('tasks.due_date', '<=', query.period.end),
        ]),
        eb.and([
          eb('tasks.recurrence_id', 'is not', null),
          eb('tasks.occurrence', '>=', query.period.start),
          eb('tasks.occurrence', '<=', query.period.end),
        ]),
      ]),
    )
    .orderBy('tasks.due_date')
    .orderBy('tasks.id')
    .execute();
}

/** Process steps the people completed in the period that had an SLA, with the names to show. */
export async function selectCompletedSteps(executor: Executor, query: EvidenceQuery) {
  return executor
    .selectFrom('process_run_steps')
    .innerJoin('process_runs', 'process_runs.id', 'process_run_steps.run_id')
    .innerJoin('processes', 'processes.id', 'process_runs.process_id')
    .select([
      'process_run_steps.id',
      'process_run_steps.run_id',
      'process_run_steps.assignee_id',
      'process_run_steps.step_key',
      'process_run_steps.due_at',
      'process_run_steps.completed_at',
      'process_runs.version_id',
      'process_runs.subject',
      'processes.name as process_name',
    ])
    .where('process_run_steps.workspace_id', '=', query.workspaceId)
    .where('process_run_steps.assignee_id', 'in', query.userIds)
    .where('process_run_steps.due_at', 'is not', null)
    .where('process_run_steps.completed_at', '>=', query.fromMs)
    .where('process_run_steps.completed_at', '<=', query.toMs)
    .orderBy('process_run_steps.completed_at')
    .orderBy('process_run_steps.id')
    .execute();
}

export async function selectVersionSteps(executor: Executor, versionIds: readonly string[]) {
  if (versionIds.length === 0) return [];
  return executor
    .selectFrom('process_versions')
    .select(['id', 'steps'])
    .where('id', 'in', [...new Set(versionIds)])
    .execute();
}

/** Members of the workspace with one of these roles. */
export async function selectMembersWithRoles(
  executor: Executor,
  workspaceId: string,
  roles: readonly string[],
) {
  if (roles.length === 0) return [];
  const rows = await executor
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', 'in', [...roles])
    .execute();
  return rows.map((row) => row.user_id);
}

/** Per cycle: how many people take part and how many have signed off. */
export function countParticipantsByCycle(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('review_participants')
    .select([
      'cycle_id',
      (eb) => eb.fn.countAll<number>().as('people'),
      (eb) => eb.fn.count<number>('signed_off_at').as('signed'),
    ])
    .where('workspace_id', '=', workspaceId)
    .groupBy('cycle_id')
    .execute();
}

/** A cycle by id alone, for a job whose payload names it (not scoped to a workspace). */
export function unsafeSelectCycle(executor: Executor, cycleId: string) {
  return executor.selectFrom('review_cycles').selectAll().where('id', '=', cycleId).executeTakeFirst();
}
