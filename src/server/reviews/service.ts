import { addDays } from '../../core/days/index.ts';
import { AppError, type FieldError } from '../../core/errors/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { can, isRole } from '../../core/permissions/index.ts';
import { ZoneClock } from '../../core/processes/zone.ts';
import {
  builtinTemplate,
  BUILTIN_TEMPLATE_KEYS,
  checkAnswers,
  checkCycleDates,
  checkOverrides,
  checkSkillTags,
  checkTemplate,
  combinedScore,
  defaultStages,
  nextStage,
  outliers,
  periodFor,
  ratingDistribution,
  ratingFromScore,
  reviewVisibility,
  scaleOf,
  seesAll,
  seesParticipant,
  seesScorecard,
  skillRatings,
  stageName,
  STAGES,
  weightedRating,
  type Answers,
  type BuiltinTemplateKey,
  type CycleKind,
  type CycleStage,
  type Overrides,
  type ParticipantAccess,
  type ReviewKind,
  type ReviewTemplateDefinition,
  type ReviewViewer,
  type Scorecard,
  type StageDeadline,
} from '../../core/reviews/index.ts';
import { newId } from '../../db/ids.ts';
import { lockWorkspace } from '../../db/locks.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { dayInTimezone } from '../time.ts';
import { authorize, type Access } from '../workspaces/access.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';
import { workspaceSkills } from '../skills/matrix.ts';
import * as queries from './queries.ts';
import { computeScorecards } from './scorecards.ts';

export const REMINDER_JOB = 'reviews.stage_reminder';

// ——— Templates ———

export async function listTemplates(services: Services, actor: Actor, workspaceId: string, locale: Locale) {
  await authorize(services.db, actor, workspaceId, 'reviews.read');
  const stored = await queries.selectTemplates(services.db, workspaceId);
  return {
    builtin: BUILTIN_TEMPLATE_KEYS.map((key) => builtinTemplate(key, locale)),
    items: stored.map(toTemplate),
  };
}

function toTemplate(row: Awaited<ReturnType<typeof queries.selectTemplates>>[number]) {
  return {
    id: row.id,
    name: row.name,
    builtinKey: row.builtin_key,
    definition: JSON.parse(row.definition) as ReviewTemplateDefinition,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function createTemplate(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: { name: string; definition: ReviewTemplateDefinition; builtinKey?: BuiltinTemplateKey | undefined },
) {
  await authorize(services.db, actor, workspaceId, 'reviews.manage');
  const errors = [
    ...checkTemplate(input.definition, 'definition'),
    ...checkSkillTags(input.definition, await workspaceSkills(services.db, workspaceId), 'definition'),
  ];
  if (errors.length) throw new AppError('review_template_invalid', {}, errors);
  const now = services.now();
  const id = newId(now);
  await services.db.transaction().execute(async (trx) => {
    await queries.insertTemplate(trx, {
      id,
      workspace_id: workspaceId,
      name: input.name,
      builtin_key: input.builtinKey ?? null,
      definition: JSON.stringify(input.definition),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'review_template.created',
      objectType: 'review_template',
      objectId: id,
      changes: { name: input.name },
      now,
    });
  });
  const row = await queries.selectTemplate(services.db, workspaceId, id);
  if (!row) throw new AppError('review_template_not_found');
  return toTemplate(row);
}

// ——— Access ———

type Viewer = ReviewViewer & { role: Access['role'] };

async function viewerOf(
  services: Services,
  actor: Actor,
  workspaceId: string,
  permission: 'reviews.read' | 'reviews.write' | 'reviews.manage',
) {
  const access = await authorize(services.db, actor, workspaceId, permission);
  return {
    userId: actor.userId,
    isAdmin: can(access.role, 'reviews.all'),
    role: access.role,
  } satisfies Viewer;
}

function accessOf(cycle: queries.CycleRow, participant: queries.ParticipantRow): ParticipantAccess {
  return {
    revieweeId: participant.reviewee_id,
    managerId: participant.manager_id,
    cycleCreatorId: cycle.created_by,
    signedOff: participant.signed_off_at !== null || cycle.stage === 'closed',
  };
}

const refOf = (r: queries.ReviewRow) => ({
  reviewerId: r.reviewer_id,
  kind: r.kind as ReviewKind,
  submitted: r.status === 'submitted',
});
const refsOf = (reviews: readonly queries.ReviewRow[]) =>
  reviews.map((r) => ({
    reviewerId: r.reviewer_id,
    kind: r.kind as ReviewKind,
    submitted: r.status === 'submitted',
  }));

async function requireCycle(executor: Executor, workspaceId: string, cycleId: string) {
  const cycle = await queries.selectCycle(executor, workspaceId, cycleId);
  if (!cycle) throw new AppError('review_cycle_not_found');
  return cycle;
}

/** Creator and admins run the cycle: advance it, refresh scorecards, calibrate everyone in it. */
function runsCycle(viewer: Viewer, cycle: queries.CycleRow) {
  return viewer.isAdmin || cycle.created_by === viewer.userId;
}

// ——— Shapes ———

const definitionOf = (cycle: queries.CycleRow) => JSON.parse(cycle.definition) as ReviewTemplateDefinition;
const stagesOf = (cycle: queries.CycleRow) => JSON.parse(cycle.stages) as StageDeadline[];
const scorecardOf = (row: queries.ParticipantRow) =>
  row.scorecard ? (JSON.parse(row.scorecard) as Scorecard) : null;

function managerOverrides(reviews: readonly queries.ReviewRow[]): Overrides {
  const manager = reviews.find((r) => r.kind === 'manager');
  return manager ? (JSON.parse(manager.overrides) as Overrides) : {};
}

/** The data score with the manager's overrides applied, and the rating it suggests on the template's scale. */
function dataFigures(
  cycle: queries.CycleRow,
  participant: queries.ParticipantRow,
  reviews: readonly queries.ReviewRow[],
) {
  const scorecard = scorecardOf(participant);
  const score = scorecard ? combinedScore(scorecard.metrics, managerOverrides(reviews)) : null;
  return { dataScore: score, dataRating: ratingFromScore(score, scaleOf(definitionOf(cycle))) };
}

function reviewSummary(review: queries.ReviewRow, visibility: 'attributed' | 'anonymous') {
  return {
    id: review.id,
    kind: review.kind as ReviewKind,
    status: review.status as 'pending' | 'draft' | 'submitted',
    reviewer: visibility === 'attributed' ? { id: review.reviewer_id, name: review.reviewer_name } : null,
    score: review.score === null ? null : Number(review.score),
    submittedAt: review.submitted_at === null ? null : Number(review.submitted_at),
  };
}

function participantSummary(
  viewer: Viewer,
  cycle: queries.CycleRow,
  participant: queries.ParticipantRow,
  reviews: readonly queries.ReviewRow[],
) {
  const access = accessOf(cycle, participant);
  const full = seesAll(viewer, access);
  const peerAnonymous = definitionOf(cycle).peerAnonymous;
  const visible = reviews.flatMap((review) => {
    const visibility = reviewVisibility(viewer, access, refOf(review), peerAnonymous);
    return visibility === 'hidden' ? [] : [reviewSummary(review, visibility)];
  });
  const showResult = full || (viewer.userId === participant.reviewee_id && access.signedOff);
  const figures = seesScorecard(viewer, access)
    ? dataFigures(cycle, participant, reviews)
    : { dataScore: null, dataRating: null };
  return {
    id: participant.id,
    reviewee: { id: participant.reviewee_id, name: participant.reviewee_name },
    manager: participant.manager_id
      ? { id: participant.manager_id, name: participant.manager_name ?? '' }
      : null,
    finalRating: showResult && participant.final_rating !== null ? Number(participant.final_rating) : null,
    ...figures,
    signedOffAt: participant.signed_off_at === null ? null : Number(participant.signed_off_at),
    acknowledgedAt: participant.acknowledged_at === null ? null : Number(participant.acknowledged_at),
    canManage: full,
    reviews: visible,
  };
}

function cycleSummary(cycle: queries.CycleRow) {
  return {
    id: cycle.id,
    name: cycle.name,
    kind: cycle.kind as CycleKind,
    periodStart: cycle.period_start,
    periodEnd: cycle.period_end,
    stage: cycle.stage as CycleStage,
    stages: stagesOf(cycle),
    templateId: cycle.template_id,
    createdBy: cycle.created_by,
    createdAt: Number(cycle.created_at),
    updatedAt: Number(cycle.updated_at),
  };
}

// ——— Cycles ———

export async function listCycles(services: Services, actor: Actor, workspaceId: string) {
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.read');
  const cycles = await queries.selectCycles(services.db, workspaceId);
  const involved = viewer.isAdmin
    ? null
    : await queries.selectCycleIdsInvolving(services.db, workspaceId, actor.userId);
  const counts = await queries.countParticipantsByCycle(services.db, workspaceId);
  const byCycle = new Map(counts.map((row) => [row.cycle_id, row]));
  return cycles
    .filter((cycle) => !involved || involved.has(cycle.id))
    .map((cycle) => ({
      ...cycleSummary(cycle),
      participantCount: Number(byCycle.get(cycle.id)?.people ?? 0),
      signedOffCount: Number(byCycle.get(cycle.id)?.signed ?? 0),
      canManage: runsCycle(viewer, cycle),
    }));
}

export type CycleInput = {
  name: string;
  kind: CycleKind;
  periodStart: string;
  periodEnd?: string | undefined;
  templateId?: string | undefined;
  builtinTemplate?: BuiltinTemplateKey | undefined;
  stages?: StageDeadline[] | undefined;
  participants: Array<{
    userId: string;
    managerId?: string | null | undefined;
    peerIds?: string[] | undefined;
  }>;
};

const DUPLICATE = { en: 'This person is listed twice.', 'zh-CN': '此人被重复列出。' };

export async function createCycle(context: WorkspaceContext, { input }: { input: CycleInput }) {
  const { services, actor, workspaceId, locale } = context;
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.manage');
  // The template: a stored one, or a ready-made one in the caller's language.
  let definition: ReviewTemplateDefinition;
  let templateId: string | null = null;
  if (input.templateId) {
    const template = await queries.selectTemplate(services.db, workspaceId, input.templateId);
    if (!template) throw new AppError('review_template_not_found', {}, [{ path: 'templateId', message: '' }]);
    definition = JSON.parse(template.definition) as ReviewTemplateDefinition;
    templateId = template.id;
  } else {
    definition = builtinTemplate(input.builtinTemplate ?? 'kpi_ops', locale).definition;
  }
  const period =
    input.kind === 'custom'
      ? { start: input.periodStart, end: input.periodEnd ?? input.periodStart }
      : periodFor(input.kind, input.periodStart);
  const stages = input.stages ?? defaultStages(period.end);
  const dateErrors = checkCycleDates(period, stages);
  if (dateErrors.length) throw new AppError('review_dates_invalid', {}, dateErrors);

  // Everyone named must be a member; nobody twice; peers are neither the reviewee nor the manager.
  const people = input.participants.flatMap((p) => [
    p.userId,
    p.managerId ?? actor.userId,
    ...(p.peerIds ?? []),
  ]);
  const members = await queries.selectMembers(services.db, workspaceId, people);
  const notMember: FieldError[] = [];
  const peerErrors: FieldError[] = [];
  const seen = new Set<string>();
  input.participants.forEach((p, i) => {
    if (!members.has(p.userId)) notMember.push({ path: `participants.${i}.userId`, message: '' });
    else if (seen.has(p.userId)) peerErrors.push({ path: `participants.${i}.userId`, message: DUPLICATE });
    seen.add(p.userId);
    if (p.managerId && !members.has(p.managerId))
      notMember.push({ path: `participants.${i}.managerId`, message: '' });
    (p.peerIds ?? []).forEach((peer, j) => {
      if (!members.has(peer)) notMember.push({ path: `participants.${i}.peerIds.${j}`, message: '' });
      else if (peer === p.userId || peer === (p.managerId ?? actor.userId)) {
        peerErrors.push({ path: `participants.${i}.peerIds.${j}`, message: '' });
      }
    });
  });
  if (notMember.length) throw new AppError('review_person_not_member', {}, notMember);
  if (peerErrors.length) {
    const duplicate = peerErrors.some((e) => e.message !== '');
    throw new AppError(duplicate ? 'validation_failed' : 'review_peer_invalid', {}, peerErrors);
  }

  const now = services.now();
  const cycleId = newId(now);
  await services.db.transaction().execute(async (trx) => {
    // Serialises cycle creation per workspace, so two overlapping cycles cannot both pass the check.
    await lockWorkspace(trx, services.dialect, 'reviews', workspaceId);
    const overlapping = await queries.selectOverlapping(
      trx,
      workspaceId,
      input.participants.map((p) => p.userId),
      period,
    );
    const first = overlapping[0];
    if (first) {
      throw new AppError(
        'review_cycle_overlap',
        {
          name: members.get(first.reviewee_id) ?? '',
          cycle: first.cycle_name,
          start: first.period_start,
          end: first.period_end,
        },
        overlapping.map((o) => ({
          path: `participants.${input.participants.findIndex((p) => p.userId === o.reviewee_id)}.userId`,
          message: '',
        })),
      );
    }
    await queries.insertCycle(trx, {
      id: cycleId,
      workspace_id: workspaceId,
      name: input.name,
      kind: input.kind,
      period_start: period.start,
      period_end: period.end,
      template_id: templateId,
      definition: JSON.stringify(definition),
      stages: JSON.stringify(
        STAGES.map((stage) => stages.find((s) => s.stage === stage) ?? { stage, dueDate: period.end }),
      ),
      stage: 'self',
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const timeZone = await workspaceTimeZone(services, workspaceId, trx);
    const scorecards = await computeScorecards(
      trx,
      workspaceId,
      input.participants.map((p) => p.userId),
      period,
      dayInTimezone(now, timeZone),
      timeZone,
    );
    const participantRows = input.participants.map((p) => ({
      id: newId(now),
      workspace_id: workspaceId,
      cycle_id: cycleId,
      reviewee_id: p.userId,
      manager_id: p.managerId ?? actor.userId,
      period_start: period.start,
      period_end: period.end,
      scorecard: JSON.stringify(scorecards.get(p.userId) ?? null),
      scorecard_at: now,
      created_at: now,
      updated_at: now,
    }));
    await queries.insertParticipants(trx, participantRows);
    const reviewRows = participantRows.flatMap((row, i) => {
      const peers = [...new Set(input.participants[i]?.peerIds ?? [])];
      const make = (reviewerId: string, kind: ReviewKind) => ({
        id: newId(now),
        workspace_id: workspaceId,
        cycle_id: cycleId,
        participant_id: row.id,
        reviewer_id: reviewerId,
        kind,
        status: 'pending',
        answers: '{}',
        overrides: '{}',
        created_at: now,
        updated_at: now,
      });
      return [
        make(row.reviewee_id, 'self'),
        ...peers.map((peer) => make(peer, 'peer')),
        make(row.manager_id, 'manager'),
      ];
    });
    await queries.insertReviews(trx, reviewRows);
    await scheduleReminders(services, trx, cycleId, stages, timeZone);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'review_cycle.created',
      objectType: 'review_cycle',
      objectId: cycleId,
      changes: {
        name: input.name,
        period: `${period.start}..${period.end}`,
        participants: input.participants.length,
      },
      now,
    });
  });
  void viewer;
  return getCycle(services, actor, workspaceId, cycleId);
}

/** A reminder job per stage, two days before its deadline at 09:00 in the workspace's time zone; keyed, so never twice. */
async function scheduleReminders(
  services: Services,
  trx: Executor,
  cycleId: string,
  stages: readonly StageDeadline[],
  timeZone: string,
) {
  const clock = new ZoneClock(timeZone);
  for (const { stage, dueDate } of stages) {
    if (stage === 'calibration') continue;
    const morning = clock.toInstant(Date.parse(`${addDays(dueDate, -2)}T09:00:00Z`));
    const runAt = Math.max(services.now(), morning);
    await services.scheduler.enqueue(trx, {
      name: REMINDER_JOB,
      key: `${REMINDER_JOB}:${cycleId}:${stage}`,
      payload: { cycleId, stage },
      runAt,
    });
  }
}

export async function getCycle(services: Services, actor: Actor, workspaceId: string, cycleId: string) {
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.read');
  const cycle = await requireCycle(services.db, workspaceId, cycleId);
  const participants = await queries.selectParticipants(services.db, cycleId);
  const reviews = await queries.selectReviewsOfCycle(services.db, cycleId);
  const byParticipant = groupBy(reviews, (r) => r.participant_id);
  const visible = participants.filter((p) =>
    seesParticipant(viewer, accessOf(cycle, p), refsOf(byParticipant.get(p.id) ?? [])),
  );
  if (visible.length === 0 && !runsCycle(viewer, cycle)) throw new AppError('review_cycle_not_found');
  const names = new Map(participants.map((p) => [p.id, p.reviewee_name]));
  return {
    ...cycleSummary(cycle),
    definition: definitionOf(cycle),
    canManage: runsCycle(viewer, cycle),
    participants: visible.map((p) => participantSummary(viewer, cycle, p, byParticipant.get(p.id) ?? [])),
    myReviews: reviews
      .filter((r) => r.reviewer_id === actor.userId)
      .map((r) => ({
        id: r.id,
        kind: r.kind as ReviewKind,
        status: r.status as 'pending' | 'draft' | 'submitted',
        participantId: r.participant_id,
        revieweeName: names.get(r.participant_id) ?? '',
      })),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string) {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item)) ?? [];
    list.push(item);
    map.set(key(item), list);
  }
  return map;
}

export async function advanceCycle(services: Services, actor: Actor, workspaceId: string, cycleId: string) {
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.manage');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const cycle = await requireCycle(trx, workspaceId, cycleId);
    if (!runsCycle(viewer, cycle)) throw new AppError('review_not_managing');
    const from = cycle.stage as CycleStage;
    if (from === 'closed') throw new AppError('review_stage', { stage: { en: 'closed', 'zh-CN': '已结束' } });
    const to = nextStage(from);
    await queries.updateCycle(trx, cycleId, { stage: to, updated_at: now });
    // Scorecards are read again as the reviews start in earnest; signed-off people keep theirs.
    if (to === 'manager') await refreshInTransaction(services, trx, cycle);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'review_cycle.stage_changed',
      objectType: 'review_cycle',
      objectId: cycleId,
      changes: { stage: { from, to } },
      now,
    });
  });
  return getCycle(services, actor, workspaceId, cycleId);
}

async function refreshInTransaction(services: Services, trx: Executor, cycle: queries.CycleRow) {
  const participants = (await queries.selectParticipants(trx, cycle.id)).filter(
    (p) => p.signed_off_at === null,
  );
  const now = services.now();
  const timeZone = await workspaceTimeZone(services, cycle.workspace_id, trx);
  const period = { start: cycle.period_start, end: cycle.period_end };
  const cards = await computeScorecards(
    trx,
    cycle.workspace_id,
    participants.map((p) => p.reviewee_id),
    period,
    dayInTimezone(now, timeZone),
    timeZone,
  );
  for (const participant of participants) {
    await queries.updateParticipant(trx, participant.id, {
      scorecard: JSON.stringify(cards.get(participant.reviewee_id) ?? null),
      scorecard_at: now,
      updated_at: now,
    });
  }
  return participants.length;
}

export async function refreshScorecards(
  services: Services,
  actor: Actor,
  workspaceId: string,
  cycleId: string,
) {
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.manage');
  const refreshed = await services.db.transaction().execute(async (trx) => {
    const cycle = await requireCycle(trx, workspaceId, cycleId);
    if (!runsCycle(viewer, cycle)) throw new AppError('review_not_managing');
    if (cycle.stage === 'closed')
      throw new AppError('review_stage', { stage: { en: 'closed', 'zh-CN': '已结束' } });
    return refreshInTransaction(services, trx, cycle);
  });
  return { refreshed };
}

// ——— Calibration ———

export async function getCalibration(services: Services, actor: Actor, workspaceId: string, cycleId: string) {
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.manage');
  const cycle = await requireCycle(services.db, workspaceId, cycleId);
  const participants = await queries.selectParticipants(services.db, cycleId);
  const reviews = groupBy(await queries.selectReviewsOfCycle(services.db, cycleId), (r) => r.participant_id);
  const mine = participants.filter((p) => seesAll(viewer, accessOf(cycle, p)));
  if (mine.length === 0 && !runsCycle(viewer, cycle)) throw new AppError('review_not_managing');
  const scale = scaleOf(definitionOf(cycle));
  const entries = mine.map((p) => {
    const own = reviews.get(p.id) ?? [];
    const manager = own.find((r) => r.kind === 'manager');
    const { dataScore, dataRating } = dataFigures(cycle, p, own);
    const managerRating =
      manager?.score === null || manager?.score === undefined ? null : Number(manager.score);
    const rating = p.final_rating === null ? managerRating : Number(p.final_rating);
    return {
      participantId: p.id,
      reviewee: { id: p.reviewee_id, name: p.reviewee_name },
      managerRating,
      finalRating: p.final_rating === null ? null : Number(p.final_rating),
      rating,
      dataScore,
      dataRating,
      signedOffAt: p.signed_off_at === null ? null : Number(p.signed_off_at),
    };
  });
  const found = outliers(
    entries.map((e) => ({ participantId: e.participantId, rating: e.rating, dataRating: e.dataRating })),
  );
  const outlierBy = new Map(found.map((o) => [o.participantId, o]));
  return {
    scale,
    distribution: ratingDistribution(
      entries.map((e) => e.rating),
      scale,
    ),
    dataDistribution: ratingDistribution(
      entries.map((e) => e.dataRating),
      scale,
    ),
    entries: entries.map((e) => ({ ...e, outlier: outlierBy.get(e.participantId) ?? null })),
  };
}

// ——— One person's review ———

async function loadParticipant(
  services: Services,
  executor: Executor,
  viewer: Viewer,
  workspaceId: string,
  participantId: string,
) {
  const participant = await queries.selectParticipant(executor, workspaceId, participantId);
  if (!participant) throw new AppError('review_participant_not_found');
  const cycle = await requireCycle(executor, workspaceId, participant.cycle_id);
  const reviews = await queries.selectReviewsOfParticipant(executor, participantId);
  const access = accessOf(cycle, participant);
  // Someone with no part in this person's review learns nothing, not even that it exists.
  if (!seesParticipant(viewer, access, refsOf(reviews))) throw new AppError('review_participant_not_found');
  return { participant, cycle, reviews, access };
}

export async function getParticipant(
  services: Services,
  actor: Actor,
  workspaceId: string,
  participantId: string,
) {
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.read');
  const { participant, cycle, reviews, access } = await loadParticipant(
    services,
    services.db,
    viewer,
    workspaceId,
    participantId,
  );
  const definition = definitionOf(cycle);
  const full = seesAll(viewer, access);
  const showResult = full || (viewer.userId === participant.reviewee_id && access.signedOff);
  const detailed = reviews.flatMap((review) => {
    const visibility = reviewVisibility(viewer, access, refOf(review), definition.peerAnonymous);
    if (visibility === 'hidden') return [];
    return [
      {
        ...reviewSummary(review, visibility),
        answers: JSON.parse(review.answers) as Answers,
        overrides: JSON.parse(review.overrides) as Overrides,
      },
    ];
  });
  return {
    ...participantSummary(viewer, cycle, participant, reviews),
    cycle: cycleSummary(cycle),
    definition,
    scorecard: seesScorecard(viewer, access) ? scorecardOf(participant) : null,
    scorecardAt: participant.scorecard_at === null ? null : Number(participant.scorecard_at),
    overrides: seesScorecard(viewer, access) ? managerOverrides(reviews) : {},
    finalComment: showResult ? participant.final_comment : null,
    acknowledgement: showResult ? participant.acknowledgement : null,
    reviewDetails: detailed,
  };
}

export async function updateFinal(
  context: WorkspaceContext,
  {
    participantId,
    input,
  }: {
    participantId: string;
    input: {
      finalRating?: number | null | undefined;
      finalComment?: string | null | undefined;
      reason?: string | undefined;
    };
  },
) {
  const { services, actor, workspaceId } = context;
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.manage');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const { participant, cycle, access, reviews } = await loadParticipant(
      services,
      trx,
      viewer,
      workspaceId,
      participantId,
    );
    if (!seesAll(viewer, access)) throw new AppError('review_not_managing');
    if (access.signedOff) throw new AppError('review_signed_off', {}, [{ path: 'finalRating', message: '' }]);
    const scale = scaleOf(definitionOf(cycle));
    if (
      input.finalRating !== undefined &&
      input.finalRating !== null &&
      (input.finalRating < 1 || input.finalRating > scale)
    ) {
      throw new AppError('review_final_rating_invalid', { scale }, [{ path: 'finalRating', message: '' }]);
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const before = {
      finalRating: participant.final_rating === null ? null : Number(participant.final_rating),
      finalComment: participant.final_comment,
    };
    if (input.finalRating !== undefined && input.finalRating !== before.finalRating)
      changes.finalRating = { from: before.finalRating, to: input.finalRating };
    if (input.finalComment !== undefined && input.finalComment !== before.finalComment)
      changes.finalComment = { from: before.finalComment, to: input.finalComment };
    if (Object.keys(changes).length === 0) return;
    // Moving a rating away from what the manager's review gave is what calibration has to defend.
    const managerScore = reviews.find((r) => r.kind === 'manager')?.score;
    const managerRating = managerScore === null || managerScore === undefined ? null : Number(managerScore);
    const reason = input.reason?.trim() ?? '';
    if (
      changes.finalRating &&
      input.finalRating !== null &&
      input.finalRating !== undefined &&
      managerRating !== null &&
      Math.abs(input.finalRating - managerRating) >= 0.005 &&
      reason.length < 4
    ) {
      throw new AppError('review_final_reason_required', {}, [{ path: 'reason', message: '' }]);
    }
    await queries.updateParticipant(trx, participantId, {
      ...(input.finalRating !== undefined ? { final_rating: input.finalRating } : {}),
      ...(input.finalComment !== undefined ? { final_comment: input.finalComment } : {}),
      updated_at: now,
    });
    // Calibration changes are the ones people ask about later: who moved a rating, from what, at which stage.
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'review.final_rating_changed',
      objectType: 'review_participant',
      objectId: participantId,
      changes: {
        ...changes,
        stage: cycle.stage,
        reviewee: participant.reviewee_name,
        ...(reason ? { reason } : {}),
      },
      now,
    });
  });
  return getParticipant(services, actor, workspaceId, participantId);
}

export async function addPeer(
  context: WorkspaceContext,
  { participantId, reviewerId }: { participantId: string; reviewerId: string },
) {
  const { services, actor, workspaceId } = context;
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const { participant, cycle, reviews, access } = await loadParticipant(
      services,
      trx,
      viewer,
      workspaceId,
      participantId,
    );
    // The reviewee chooses peers; their manager (or the cycle's owner) assigns them.
    if (viewer.userId !== participant.reviewee_id && !seesAll(viewer, access))
      throw new AppError('review_not_managing');
    if (access.signedOff) throw new AppError('review_signed_off');
    if (cycle.stage !== 'self' && cycle.stage !== 'peer') {
      throw new AppError('review_stage', { stage: stageName(cycle.stage as (typeof STAGES)[number]) });
    }
    const members = await queries.selectMembers(trx, workspaceId, [reviewerId]);
    if (!members.has(reviewerId))
      throw new AppError('review_person_not_member', {}, [{ path: 'reviewerId', message: '' }]);
    if (reviewerId === participant.reviewee_id || reviewerId === participant.manager_id) {
      throw new AppError('review_peer_invalid', {}, [{ path: 'reviewerId', message: '' }]);
    }
    if (reviews.some((r) => r.kind === 'peer' && r.reviewer_id === reviewerId)) return;
    const id = newId(now);
    await queries.insertReviews(trx, [
      {
        id,
        workspace_id: workspaceId,
        cycle_id: cycle.id,
        participant_id: participantId,
        reviewer_id: reviewerId,
        kind: 'peer',
        status: 'pending',
        answers: '{}',
        overrides: '{}',
        created_at: now,
        updated_at: now,
      },
    ]);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'review.peer_added',
      objectType: 'review_participant',
      objectId: participantId,
      changes: { reviewerId },
      now,
    });
  });
  return getParticipant(services, actor, workspaceId, participantId);
}

export async function signOff(services: Services, actor: Actor, workspaceId: string, participantId: string) {
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.manage');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const { participant, cycle, access, reviews } = await loadParticipant(
      services,
      trx,
      viewer,
      workspaceId,
      participantId,
    );
    if (!seesAll(viewer, access)) throw new AppError('review_not_managing');
    if (access.signedOff) throw new AppError('review_signed_off');
    if (cycle.stage !== 'sign_off') {
      throw new AppError('review_stage', {
        stage:
          cycle.stage === 'closed'
            ? { en: 'closed', 'zh-CN': '已结束' }
            : stageName(cycle.stage as (typeof STAGES)[number]),
      });
    }
    if (participant.final_rating === null)
      throw new AppError('review_final_rating_missing', {}, [{ path: 'finalRating', message: '' }]);
    await queries.updateParticipant(trx, participantId, {
      signed_off_at: now,
      signed_off_by: actor.userId,
      updated_at: now,
    });
    // Sign-off, not the manager's submission, makes a skill rating an assessed level: until then calibration may
    // still send the review back to its manager, and only from sign-off may the reviewee read the manager's review
    // — so the gap it opens shows to the person no earlier than the rating behind it. The review is frozen from here.
    const managerReview = reviews.find((r) => r.kind === 'manager' && r.status === 'submitted');
    const assessed = managerReview
      ? skillRatings(definitionOf(cycle), JSON.parse(managerReview.answers) as Answers)
      : [];
    if (assessed.length > 0) {
      const assessedOn = dayInTimezone(now, await workspaceTimeZone(services, workspaceId, trx));
      await queries.insertSkillAssessments(
        trx,
        assessed.map((rating) => ({
          workspace_id: workspaceId,
          participant_id: participantId,
          user_id: participant.reviewee_id,
          skill: rating.skill,
          level: rating.level,
          rating: rating.rating,
          scale: rating.scale,
          assessed_on: assessedOn,
          assessed_at: now,
        })),
      );
    }
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'review.signed_off',
      objectType: 'review_participant',
      objectId: participantId,
      changes: {
        finalRating: Number(participant.final_rating),
        reviewee: participant.reviewee_name,
        ...(assessed.length ? { skills: assessed.map(({ skill, level }) => ({ skill, level })) } : {}),
      },
      now,
    });
  });
  return getParticipant(services, actor, workspaceId, participantId);
}

export async function acknowledge(
  context: WorkspaceContext,
  { participantId, note }: { participantId: string; note: string | undefined },
) {
  const { services, actor, workspaceId } = context;
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const { participant, access } = await loadParticipant(services, trx, viewer, workspaceId, participantId);
    if (participant.reviewee_id !== actor.userId) throw new AppError('review_not_reviewee');
    if (!access.signedOff || participant.signed_off_at === null) throw new AppError('review_not_signed_off');
    if (participant.acknowledged_at !== null) return;
    await queries.updateParticipant(trx, participantId, {
      acknowledged_at: now,
      acknowledgement: note?.trim() || null,
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'review.acknowledged',
      objectType: 'review_participant',
      objectId: participantId,
      changes: note ? { note } : null,
      now,
    });
  });
  return getParticipant(services, actor, workspaceId, participantId);
}

// ——— Writing a review ———

async function loadReview(
  services: Services,
  executor: Executor,
  viewer: Viewer,
  workspaceId: string,
  reviewId: string,
) {
  const review = await queries.selectReview(executor, workspaceId, reviewId);
  if (!review) throw new AppError('review_not_found');
  const loaded = await loadParticipant(services, executor, viewer, workspaceId, review.participant_id).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === 'review_participant_not_found')
        throw new AppError('review_not_found');
      throw error;
    },
  );
  const visibility = reviewVisibility(
    viewer,
    loaded.access,
    refOf(review),
    definitionOf(loaded.cycle).peerAnonymous,
  );
  if (visibility === 'hidden') throw new AppError('review_not_found');
  return { review, visibility, ...loaded };
}

export async function getReview(services: Services, actor: Actor, workspaceId: string, reviewId: string) {
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.read');
  const { review, visibility, participant, cycle, reviews, access } = await loadReview(
    services,
    services.db,
    viewer,
    workspaceId,
    reviewId,
  );
  // The numbers sit beside the questions for whoever may see them: the reviewee writing their self review,
  // their manager, admins. Peers rate on what they saw, not on the scorecard.
  const showData = seesScorecard(viewer, access);
  return {
    ...reviewSummary(review, visibility),
    answers: JSON.parse(review.answers) as Answers,
    overrides: JSON.parse(review.overrides) as Overrides,
    reviewee: { id: participant.reviewee_id, name: participant.reviewee_name },
    participantId: participant.id,
    cycle: cycleSummary(cycle),
    definition: definitionOf(cycle),
    scorecard: showData ? scorecardOf(participant) : null,
    managerOverrides: showData ? managerOverrides(reviews) : {},
    signedOff: access.signedOff,
    canEdit: review.reviewer_id === actor.userId && !access.signedOff && review.status !== 'submitted',
  };
}

export async function saveReview(
  context: WorkspaceContext,
  {
    reviewId,
    input,
  }: { reviewId: string; input: { answers: Answers; overrides?: Overrides | undefined; submit: boolean } },
) {
  const { services, actor, workspaceId } = context;
  const viewer = await viewerOf(services, actor, workspaceId, 'reviews.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const { review, cycle, participant, access } = await loadReview(
      services,
      trx,
      viewer,
      workspaceId,
      reviewId,
    );
    if (review.reviewer_id !== actor.userId) throw new AppError('review_not_reviewer');
    if (access.signedOff) throw new AppError('review_signed_off', {}, [{ path: 'answers', message: '' }]);
    if (review.status === 'submitted') throw new AppError('review_submitted');
    const overrides = input.overrides ?? {};
    if (Object.keys(overrides).length > 0 && review.kind !== 'manager') {
      throw new AppError('review_override_not_manager', {}, [{ path: 'overrides', message: '' }]);
    }
    const overrideErrors = checkOverrides(overrides);
    if (overrideErrors.length) throw new AppError('review_override_invalid', {}, overrideErrors);
    const definition = definitionOf(cycle);
    const answerErrors = checkAnswers(definition, input.answers, input.submit);
    if (answerErrors.length) throw new AppError('review_answers_invalid', {}, answerErrors);
    const score = weightedRating(definition, input.answers);
    await queries.updateReview(trx, reviewId, {
      answers: JSON.stringify(input.answers),
      overrides: JSON.stringify(overrides),
      score,
      status: input.submit ? 'submitted' : 'draft',
      submitted_at: input.submit ? now : null,
      updated_at: now,
    });
    const before = JSON.parse(review.overrides) as Overrides;
    const changedOverrides = Object.fromEntries(
      Object.entries(overrides).filter(
        ([key, value]) => JSON.stringify(before[key as keyof Overrides]) !== JSON.stringify(value),
      ),
    );
    if (input.submit || Object.keys(changedOverrides).length > 0) {
      await insertAuditEntry(trx, {
        workspaceId,
        actorId: actor.userId,
        action: input.submit ? 'review.submitted' : 'review.overrides_changed',
        objectType: 'review',
        objectId: reviewId,
        changes: {
          kind: review.kind,
          reviewee: participant.reviewee_name,
          score,
          ...(Object.keys(changedOverrides).length ? { overrides: changedOverrides } : {}),
        },
        now,
      });
    }
  });
  return getReview(services, actor, workspaceId, reviewId);
}

/** The role string of a member, for callers outside a request (jobs). */
export function isAdminRole(role: string): boolean {
  return isRole(role) && can(role, 'reviews.all');
}

/**
 * Two days before a stage's deadline, each reviewer whose review of that kind is not submitted hears of it (inbox,
 * e-mail, by their preferences). A cycle already past the stage reminds nobody; the job is keyed per stage.
 */
export function registerReviewJobs(services: Services): void {
  services.scheduler.register(REMINDER_JOB, async (payload) => {
    const { cycleId, stage } = payload as { cycleId: string; stage: string };
    const cycle = await queries.unsafeSelectCycle(services.db, cycleId);
    if (!cycle || cycle.stage !== stage) return;
    const dueDate = stagesOf(cycle).find((s) => s.stage === stage)?.dueDate ?? '';
    const reviews = await queries.selectReviewsOfCycle(services.db, cycleId);
    const participants = new Map(
      (await queries.selectParticipants(services.db, cycleId)).map((p) => [p.id, p]),
    );
    const due = reviews.filter((review) => {
      const participant = participants.get(review.participant_id);
      if (!participant || participant.signed_off_at !== null || review.status === 'submitted') return false;
      // Self, peer and manager stages remind their own kind; sign-off reminds the managers of unsigned reviews.
      return stage === 'sign_off' ? review.kind === 'manager' : review.kind === stage;
    });
    await services.db.transaction().execute(async (trx) => {
      for (const review of due) {
        await services.outbox.emit(trx, {
          workspaceId: cycle.workspace_id,
          type: 'review.stage_due',
          payload: {
            reviewId: review.id,
            reviewerId: review.reviewer_id,
            title: cycle.name,
            person: participants.get(review.participant_id)?.reviewee_name ?? '',
            dueDate,
          },
        });
      }
    });
  });
}

// ——— Skill levels assessed in reviews ———

/**
 * Of several people's reviews, those whose manager review — where a skill's assessed level comes from — the
 * caller may read, decided exactly as opening that review decides it (`seesParticipant`, then `reviewVisibility`):
 * the reviewee once signed off, the manager, the cycle's creator, admins. Everyone else gets none of them.
 */
export async function readableManagerReviews(
  executor: Executor,
  actor: Actor,
  workspaceId: string,
  participantIds: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(participantIds)];
  if (unique.length === 0) return new Set();
  const membership = await authorize(executor, actor, workspaceId, 'reviews.read');
  const viewer: ReviewViewer = { userId: actor.userId, isAdmin: can(membership.role, 'reviews.all') };
  const participants = await queries.selectParticipantsByIds(executor, workspaceId, unique);
  const cycles = new Map(
    (
      await queries.selectCyclesByIds(executor, workspaceId, [
        ...new Set(participants.map((p) => p.cycle_id)),
      ])
    ).map((cycle) => [cycle.id, cycle]),
  );
  const reviews = groupBy(
    await queries.selectReviewsOfParticipants(
      executor,
      participants.map((p) => p.id),
    ),
    (r) => r.participant_id,
  );
  const readable = new Set<string>();
  for (const participant of participants) {
    const cycle = cycles.get(participant.cycle_id);
    if (!cycle) continue;
    const own = reviews.get(participant.id) ?? [];
    const access = accessOf(cycle, participant);
    const manager = own.find((r) => r.kind === 'manager');
    if (!manager || !seesParticipant(viewer, access, refsOf(own))) continue;
    if (reviewVisibility(viewer, access, refOf(manager), definitionOf(cycle).peerAnonymous) !== 'hidden')
      readable.add(participant.id);
  }
  return readable;
}

// ——— Comments on a person's review ———

/**
 * Who may read and write the discussion of a person's review: whoever sees the review in full (their manager, the
 * cycle's creator, admins) and the person reviewed. Peers write only their own piece and are not in it. Anyone
 * else gets 404, as for the review itself. `full` says whether the caller also sees the review's change history.
 */
export async function reviewDiscussionAccess(
  executor: Executor,
  actor: Actor,
  workspaceId: string,
  participantId: string,
): Promise<{ full: boolean }> {
  // The caller's executor: inside the comment's transaction, SQLite's one connection is already taken.
  const membership = await authorize(executor, actor, workspaceId, 'reviews.read');
  const viewer = { userId: actor.userId, isAdmin: can(membership.role, 'reviews.all') };
  const participant = await queries.selectParticipant(executor, workspaceId, participantId);
  if (!participant) throw new AppError('comment_target_not_found', {}, [{ path: 'targetId', message: '' }]);
  const cycle = await requireCycle(executor, workspaceId, participant.cycle_id);
  const access = accessOf(cycle, participant);
  if (!seesScorecard(viewer, access))
    throw new AppError('comment_target_not_found', {}, [{ path: 'targetId', message: '' }]);
  return { full: seesAll(viewer, access) };
}

/** The people who may be mentioned in a review's discussion: the same who may read it. */
export async function reviewDiscussionMembers(
  executor: Executor,
  workspaceId: string,
  participantId: string,
): Promise<Set<string>> {
  const participant = await queries.selectParticipant(executor, workspaceId, participantId);
  if (!participant) return new Set();
  const cycle = await requireCycle(executor, workspaceId, participant.cycle_id);
  const admins = await queries.selectMembersWithRoles(executor, workspaceId, ['owner', 'admin']);
  return new Set(
    [participant.reviewee_id, participant.manager_id, cycle.created_by, ...admins].filter(
      (id): id is string => id !== null,
    ),
  );
}
