import { AppError } from '../../core/errors/index.ts';
import { interpolate, type Locale } from '../../core/i18n/index.ts';
import { HEALTH_MESSAGES, type HealthReasonCode } from '../../core/goals/progress.ts';
import { renderMarkdown } from '../../core/markdown/index.ts';
import {
  AGENDA_LEAD_HOURS,
  buildAgenda,
  checkSeriesRule,
  isActionOpen,
  LIVE_ITEMS_PER_KIND,
  MAX_MINUTES_LENGTH,
  mergeAgenda,
  minutesMarkdown,
  nextMeetingDay,
  type AgendaFacts,
  type AgendaItem,
  type MinutesInput,
} from '../../core/meetings/index.ts';
import type { CommunicationSection } from '../../core/meetings/chapter.ts';
import { analyseProcessRuns, PROCESS_ANALYTICS_MESSAGES } from '../../core/processes/analytics.ts';
import type { ProcessStep } from '../../core/processes/graph.ts';
import { newId } from '../../db/ids.ts';
import { lockWorkspace } from '../../db/locks.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { selectMemberIds } from '../notifications/queries.ts';
import { selectProcessesWithSteps } from '../plans/queries.ts';
import { selectRunsForAnalytics } from '../processes/queries.ts';
import { toRecords } from '../processes/service.ts';
import { zoneClock } from '../../core/schedule/worktime.ts';
import { createTaskInTransaction } from '../tasks/service.ts';
import { dayInTimezone } from '../time.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';

type MeetingInput = {
  title: string;
  date: string;
  startTime: string;
  durationMinutes: number;
  attendeeIds: string[];
};

export type MeetingChanges = Partial<MeetingInput> & {
  agenda?: AgendaItem[] | undefined;
  minutes?: string | undefined;
  decisions?: string[] | undefined;
  status?: 'planned' | 'held' | undefined;
};

const parseIds = (json: string) => JSON.parse(json) as string[];

async function namesOf(executor: Executor, ids: readonly string[]) {
  const users = new Map((await queries.selectUsers(executor, ids)).map((user) => [user.id, user.name]));
  return ids.flatMap((id) => (users.has(id) ? [{ id, name: users.get(id) ?? '' }] : []));
}

/** Attendees must be members: a stranger's id is refused, naming the field. */
async function checkAttendees(executor: Executor, workspaceId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const members = await selectMemberIds(executor, workspaceId, unique);
  if (unique.some((id) => !members.has(id))) {
    throw new AppError('attendee_not_member', {}, [{ path: 'attendeeIds', message: '' }]);
  }
  return unique;
}

async function requireMeeting(executor: Executor, workspaceId: string, meetingId: string) {
  const row = await queries.selectMeeting(executor, workspaceId, meetingId);
  if (!row) throw new AppError('meeting_not_found');
  return row;
}

async function requireSeries(executor: Executor, workspaceId: string, seriesId: string) {
  const row = await queries.selectSeries(executor, workspaceId, seriesId);
  if (!row) throw new AppError('meeting_series_not_found');
  return row;
}

type ActionRow = Awaited<ReturnType<typeof queries.selectActions>>[number];

function toAction(row: ActionRow) {
  return {
    id: row.id,
    title: row.title,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    dueDate: row.due_date,
    taskId: row.task_id,
    taskStatus: row.task_status ?? null,
    isOpen: isActionOpen(row.task_status ?? null),
    createdAt: row.created_at,
  };
}

async function toSummary(executor: Executor, row: queries.MeetingRow, actions: readonly ActionRow[]) {
  return {
    id: row.id,
    seriesId: row.series_id,
    title: row.title,
    date: row.date,
    startTime: row.start_time,
    durationMinutes: row.duration_minutes,
    attendees: await namesOf(executor, parseIds(row.attendee_ids)),
    decisions: JSON.parse(row.decisions) as string[],
    status: row.status === 'held' ? ('held' as const) : ('planned' as const),
    agendaSentAt: row.agenda_sent_at,
    minutesSentAt: row.minutes_sent_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    actionCount: actions.length,
    openActions: actions.filter((action) => isActionOpen(action.task_status ?? null)).length,
  };
}

async function toMeeting(executor: Executor, row: queries.MeetingRow) {
  const actions = await queries.selectActions(executor, [row.id]);
  const { actionCount: _count, openActions: _open, ...summary } = await toSummary(executor, row, actions);
  return {
    ...summary,
    agenda: JSON.parse(row.agenda) as AgendaItem[],
    minutes: row.minutes,
    minutesHtml: renderMarkdown(row.minutes),
    actions: actions.map(toAction),
  };
}

export async function listMeetings(
  services: Services,
  actor: Actor,
  workspaceId: string,
  filter: { seriesId?: string | undefined; limit: number },
) {
  await authorize(services.db, actor, workspaceId, 'meetings.read');
  const rows = await queries.selectMeetings(services.db, { workspaceId, ...filter });
  const actions = await queries.selectActions(
    services.db,
    rows.map((row) => row.id),
  );
  return Promise.all(
    rows.map((row) =>
      toSummary(
        services.db,
        row,
        actions.filter((action) => action.meeting_id === row.id),
      ),
    ),
  );
}

export async function getMeeting(services: Services, actor: Actor, workspaceId: string, meetingId: string) {
  await authorize(services.db, actor, workspaceId, 'meetings.read');
  return toMeeting(services.db, await requireMeeting(services.db, workspaceId, meetingId));
}

/** A meeting of a series opens with the series' open actions from earlier meetings on its agenda. */
export async function carriedActions(executor: Executor, seriesId: string, date: string) {
  const rows = await queries.selectOpenSeriesActions(executor, seriesId, date);
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    if (!row.task_id || seen.has(row.task_id)) return [];
    seen.add(row.task_id);
    return [
      {
        taskId: row.task_id,
        title: row.title,
        owner: row.owner_name ?? null,
        dueDate: row.due_date ?? row.action_due_date,
      },
    ];
  });
}

export async function insertMeetingRow(
  services: Services,
  trx: Executor,
  context: { workspaceId: string; creatorId: string | null; seriesId: string | null; locale: Locale },
  input: MeetingInput,
) {
  const now = services.now();
  const id = newId(now);
  const agenda = context.seriesId
    ? buildAgenda(
        {
          offTrackGoals: [],
          redKpis: [],
          overdueTasks: [],
          breachedSteps: [],
          bottlenecks: [],
          openActions: await carriedActions(trx, context.seriesId, input.date),
        },
        { base: `/w/${context.workspaceId}`, locale: context.locale, newId: () => newId(now) },
      )
    : [];
  await queries.insertMeeting(trx, {
    id,
    workspace_id: context.workspaceId,
    series_id: context.seriesId,
    title: input.title,
    date: input.date,
    start_time: input.startTime,
    duration_minutes: input.durationMinutes,
    attendee_ids: JSON.stringify(input.attendeeIds),
    agenda: JSON.stringify(agenda),
    minutes: '',
    decisions: '[]',
    status: 'planned',
    agenda_sent_at: null,
    minutes_sent_at: null,
    created_by: context.creatorId,
    created_at: now,
    updated_at: now,
  });
  await insertAuditEntry(trx, {
    workspaceId: context.workspaceId,
    actorId: context.creatorId,
    action: 'meeting.created',
    objectType: 'meeting',
    objectId: id,
    changes: { title: input.title, date: input.date, seriesId: context.seriesId },
    now,
  });
  return id;
}

export async function createMeeting(context: WorkspaceContext, { input }: { input: MeetingInput }) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'meetings.write');
  const id = await services.db.transaction().execute(async (trx) => {
    const attendeeIds = await checkAttendees(trx, workspaceId, input.attendeeIds);
    return insertMeetingRow(
      services,
      trx,
      { workspaceId, creatorId: actor.userId, seriesId: null, locale },
      { ...input, attendeeIds },
    );
  });
  return toMeeting(services.db, await requireMeeting(services.db, workspaceId, id));
}

export async function updateMeeting(
  context: WorkspaceContext,
  { meetingId, changes }: { meetingId: string; changes: MeetingChanges },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'meetings.write');
  if (changes.minutes !== undefined && changes.minutes.length > MAX_MINUTES_LENGTH) {
    throw new AppError('minutes_too_long', { limit: MAX_MINUTES_LENGTH }, [{ path: 'minutes', message: '' }]);
  }
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await requireMeeting(trx, workspaceId, meetingId);
    const attendeeIds = changes.attendeeIds
      ? await checkAttendees(trx, workspaceId, changes.attendeeIds)
      : undefined;
    await queries.updateMeeting(trx, meetingId, {
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.date !== undefined ? { date: changes.date } : {}),
      ...(changes.startTime !== undefined ? { start_time: changes.startTime } : {}),
      ...(changes.durationMinutes !== undefined ? { duration_minutes: changes.durationMinutes } : {}),
      ...(attendeeIds ? { attendee_ids: JSON.stringify(attendeeIds) } : {}),
      ...(changes.agenda !== undefined ? { agenda: JSON.stringify(changes.agenda) } : {}),
      ...(changes.minutes !== undefined ? { minutes: changes.minutes } : {}),
      ...(changes.decisions !== undefined ? { decisions: JSON.stringify(changes.decisions) } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'meeting.updated',
      objectType: 'meeting',
      objectId: meetingId,
      changes: { fields: Object.keys(changes) },
      now,
    });
  });
  return toMeeting(services.db, await requireMeeting(services.db, workspaceId, meetingId));
}

export async function deleteMeeting(
  services: Services,
  actor: Actor,
  workspaceId: string,
  meetingId: string,
) {
  await authorize(services.db, actor, workspaceId, 'meetings.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const row = await requireMeeting(trx, workspaceId, meetingId);
    await queries.deleteMeeting(trx, meetingId);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'meeting.deleted',
      objectType: 'meeting',
      objectId: meetingId,
      changes: { title: row.title, date: row.date },
      now,
    });
  });
}

/** Reads the live problems the agenda is built from, worst first, capped per kind. */
export async function readAgendaFacts(
  services: Services,
  db: Executor,
  workspaceId: string,
  locale: Locale,
  carried: AgendaFacts['openActions'],
): Promise<AgendaFacts> {
  const now = services.now();
  const timeZone = await workspaceTimeZone(services, workspaceId, db);
  const today = dayInTimezone(now, timeZone);
  const [goals, kpis, tasks, steps, processes] = await Promise.all([
    queries.selectOffTrackGoals(db, workspaceId, LIVE_ITEMS_PER_KIND),
    queries.selectRedKpis(db, workspaceId, LIVE_ITEMS_PER_KIND),
    queries.selectOverdueTasks(db, workspaceId, today, LIVE_ITEMS_PER_KIND),
    queries.selectBreachedSteps(db, workspaceId, now, LIVE_ITEMS_PER_KIND),
    selectProcessesWithSteps(db, workspaceId),
  ]);
  const bottlenecks: Array<AgendaFacts['bottlenecks'][number]> = [];
  for (const process of processes) {
    const processSteps = (JSON.parse(process.steps ?? '[]') as ProcessStep[]).filter(
      (step) => step.kind !== 'end',
    );
    const names = Object.fromEntries(processSteps.map((step) => [step.key, step.name]));
    const { runs, events } = toRecords(await selectRunsForAnalytics(db, process.id));
    const analytics = analyseProcessRuns(runs, events, {
      now,
      utcOffsetMinutes: zoneClock(timeZone).offsetMinutesAt(now),
      stepOrder: processSteps.map((step) => step.key),
      stepNames: names,
    });
    if (!analytics.bottleneck) continue;
    bottlenecks.push({
      processId: process.id,
      process: process.name,
      step: names[analytics.bottleneck.stepKey] ?? analytics.bottleneck.stepKey,
      reason: interpolate(
        PROCESS_ANALYTICS_MESSAGES[locale][analytics.bottleneck.reason.code],
        analytics.bottleneck.reason.params,
      ),
    });
  }
  return {
    offTrackGoals: goals.map((goal) => {
      const reason = goal.health_reason
        ? (JSON.parse(goal.health_reason) as {
            code: HealthReasonCode;
            params: Record<string, string | number>;
          })
        : null;
      return {
        id: goal.id,
        title: goal.title,
        reason: reason ? interpolate(HEALTH_MESSAGES[locale][reason.code], reason.params) : null,
      };
    }),
    redKpis: kpis.map((kpi) => ({
      key: kpi.key,
      name: kpi.name,
      value:
        kpi.last_value === null
          ? null
          : `${Math.round(kpi.last_value * 100) / 100}${kpi.unit ? ` ${kpi.unit}` : ''}`,
      period: kpi.last_period,
    })),
    overdueTasks: tasks.map((task) => ({
      id: task.id,
      title: task.title,
      dueDate: task.due_date ?? '',
      owner: task.owner_name ?? null,
    })),
    breachedSteps: steps.map((step) => ({
      runId: step.run_id,
      process: step.process_name,
      subject: step.subject,
      step:
        (JSON.parse(step.steps) as ProcessStep[]).find((known) => known.key === step.step_key)?.name ??
        step.step_key,
    })),
    bottlenecks,
    openActions: carried,
  };
}

/**
 * "Build the agenda": open actions carried from the series' earlier meetings, off-track goals, red KPIs,
 * overdue tasks, breached SLAs and bottleneck steps, each linked; topics people wrote stay.
 */
export async function buildMeetingAgenda(context: WorkspaceContext, { meetingId }: { meetingId: string }) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'meetings.write');
  const meeting = await requireMeeting(services.db, workspaceId, meetingId);
  const carried = meeting.series_id ? await carriedActions(services.db, meeting.series_id, meeting.date) : [];
  const facts = await readAgendaFacts(services, services.db, workspaceId, locale, carried);
  const now = services.now();
  const fresh = buildAgenda(facts, { base: `/w/${workspaceId}`, locale, newId: () => newId(now) });
  await services.db.transaction().execute(async (trx) => {
    const current = await requireMeeting(trx, workspaceId, meetingId);
    const agenda = mergeAgenda(JSON.parse(current.agenda) as AgendaItem[], fresh);
    await queries.updateMeeting(trx, meetingId, { agenda: JSON.stringify(agenda), updated_at: now });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'meeting.agenda_built',
      objectType: 'meeting',
      objectId: meetingId,
      changes: { items: fresh.length },
      now,
    });
  });
  return toMeeting(services.db, await requireMeeting(services.db, workspaceId, meetingId));
}

/** An action item becomes a task: the owner is its R and A, it is due on the day agreed, and stays linked. */
export async function addAction(
  context: WorkspaceContext,
  { meetingId, input }: { meetingId: string; input: { title: string; ownerId: string; dueDate: string } },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'meetings.write');
  await authorize(services.db, actor, workspaceId, 'tasks.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const meeting = await requireMeeting(trx, workspaceId, meetingId);
    const members = await selectMemberIds(trx, workspaceId, [input.ownerId]);
    if (!members.has(input.ownerId)) {
      throw new AppError('action_owner_not_member', {}, [{ path: 'ownerId', message: '' }]);
    }
    const taskId = await createTaskInTransaction(services, trx, workspaceId, actor.userId, {
      title: input.title,
      description: `${meeting.title} · ${meeting.date}`,
      dueDate: input.dueDate,
      roles: [
        { userId: input.ownerId, role: 'R' },
        { userId: input.ownerId, role: 'A' },
      ],
    });
    const id = newId(now);
    await queries.insertAction(trx, {
      id,
      workspace_id: workspaceId,
      meeting_id: meetingId,
      task_id: taskId,
      title: input.title,
      owner_id: input.ownerId,
      due_date: input.dueDate,
      created_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'meeting.action_added',
      objectType: 'meeting',
      objectId: meetingId,
      changes: { actionId: id, taskId, title: input.title },
      now,
    });
  });
  return toMeeting(services.db, await requireMeeting(services.db, workspaceId, meetingId));
}

/**
 * Tells the attendees through the notification pipeline (inbox, e-mail, routed chat groups): the agenda
 * before the meeting, the minutes after it. Sending the minutes marks the meeting held.
 */
export async function sendMeeting(
  context: WorkspaceContext,
  { meetingId, what }: { meetingId: string; what: 'agenda' | 'minutes' },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'meetings.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const meeting = await requireMeeting(trx, workspaceId, meetingId);
    const actions = await queries.selectActions(trx, [meetingId]);
    await queries.updateMeeting(
      trx,
      meetingId,
      what === 'agenda'
        ? { agenda_sent_at: now, updated_at: now }
        : { minutes_sent_at: now, status: 'held', updated_at: now },
    );
    await services.outbox.emit(trx, {
      workspaceId,
      type: what === 'agenda' ? 'meeting.agenda_ready' : 'meeting.minutes_ready',
      payload: {
        meetingId,
        title: meeting.title,
        date: meeting.date,
        time: meeting.start_time,
        count: (JSON.parse(meeting.agenda) as unknown[]).length,
        decisions: (JSON.parse(meeting.decisions) as unknown[]).length,
        actions: actions.length,
        attendeeIds: parseIds(meeting.attendee_ids),
        actorId: actor.userId,
      },
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: what === 'agenda' ? 'meeting.agenda_sent' : 'meeting.minutes_sent',
      objectType: 'meeting',
      objectId: meetingId,
      changes: null,
      now,
    });
  });
  return toMeeting(services.db, await requireMeeting(services.db, workspaceId, meetingId));
}

/** The minutes as Markdown (or its parts for the DOCX renderer), in the reader's language. */
export async function meetingMinutes(context: WorkspaceContext, { meetingId }: { meetingId: string }) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'meetings.read');
  const input = await unsafeMinutesInput(services.db, workspaceId, meetingId);
  if (!input) throw new AppError('meeting_not_found');
  return { input, markdown: minutesMarkdown(input, locale) };
}

/**
 * A meeting's agenda, minutes, decisions and actions with people's names, for the minutes export and for the
 * e-mails that send them (no permission check: the caller has one, or is the delivery of a notification).
 */
export async function unsafeMinutesInput(
  executor: Executor,
  workspaceId: string,
  meetingId: string,
): Promise<MinutesInput | null> {
  const row = await queries.selectMeeting(executor, workspaceId, meetingId);
  if (!row) return null;
  const meeting = await toMeeting(executor, row);
  return {
    title: meeting.title,
    date: meeting.date,
    startTime: meeting.startTime,
    attendees: meeting.attendees.map((person) => person.name),
    agenda: meeting.agenda,
    minutes: meeting.minutes,
    decisions: meeting.decisions,
    actions: meeting.actions.map((action) => ({
      title: action.title,
      owner: action.owner?.name ?? null,
      dueDate: action.dueDate,
      status: action.taskStatus,
    })),
  };
}

// ——— Series ———

type SeriesInput = Omit<MeetingInput, 'date'> & { rule: string; startsOn: string; agendaLeadHours?: number };

async function toSeries(executor: Executor, row: queries.SeriesRow) {
  const latest = await queries.selectLatestInSeries(executor, row.id);
  const owner = row.owner_id ? (await namesOf(executor, [row.owner_id]))[0] : undefined;
  return {
    id: row.id,
    title: row.title,
    rule: row.rule,
    startsOn: row.starts_on,
    startTime: row.start_time,
    durationMinutes: row.duration_minutes,
    attendees: await namesOf(executor, parseIds(row.attendee_ids)),
    owner: owner ?? null,
    nextDate: nextMeetingDay({ rule: row.rule, startsOn: row.starts_on }, latest?.date ?? null),
    agendaLeadHours: Number(row.agenda_lead_hours),
    createdAt: row.created_at,
  };
}

export async function listSeries(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'meetings.read');
  const rows = await queries.selectSeriesList(services.db, workspaceId);
  return Promise.all(rows.map((row) => toSeries(services.db, row)));
}

/** A series from an RRULE over days (the routines' rule check); its first meeting is made at once. */
export async function createSeries(context: WorkspaceContext, { input }: { input: SeriesInput }) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'meetings.write');
  const recurrence = { rule: input.rule, startsOn: input.startsOn };
  const problem = checkSeriesRule(recurrence);
  if (problem)
    throw new AppError('recurrence_invalid', { detail: problem }, [{ path: 'rule', message: problem }]);
  const first = nextMeetingDay(recurrence, null);
  if (!first) {
    throw new AppError('recurrence_invalid', { detail: input.rule }, [{ path: 'rule', message: '' }]);
  }
  const now = services.now();
  const id = newId(now);
  const meetingId = await services.db.transaction().execute(async (trx) => {
    const attendeeIds = await checkAttendees(trx, workspaceId, input.attendeeIds);
    await queries.insertSeries(trx, {
      id,
      workspace_id: workspaceId,
      title: input.title,
      rule: input.rule,
      starts_on: input.startsOn,
      start_time: input.startTime,
      duration_minutes: input.durationMinutes,
      attendee_ids: JSON.stringify(attendeeIds),
      owner_id: actor.userId,
      agenda_lead_hours: input.agendaLeadHours ?? AGENDA_LEAD_HOURS,
      created_at: now,
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'meeting_series.created',
      objectType: 'meeting_series',
      objectId: id,
      changes: { title: input.title, rule: input.rule },
      now,
    });
    return insertMeetingRow(
      services,
      trx,
      { workspaceId, creatorId: actor.userId, seriesId: id, locale },
      {
        title: input.title,
        date: first,
        startTime: input.startTime,
        durationMinutes: input.durationMinutes,
        attendeeIds,
      },
    );
  });
  return {
    series: await toSeries(services.db, await requireSeries(services.db, workspaceId, id)),
    meeting: await toMeeting(services.db, await requireMeeting(services.db, workspaceId, meetingId)),
  };
}

/** The series' next meeting, after its latest one, opening with the open actions from earlier meetings. */
export async function createNextMeeting(context: WorkspaceContext, { seriesId }: { seriesId: string }) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'meetings.write');
  const meetingId = await services.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, services.dialect, 'meetings', workspaceId);
    const series = await requireSeries(trx, workspaceId, seriesId);
    const latest = await queries.selectLatestInSeries(trx, seriesId);
    const date = nextMeetingDay({ rule: series.rule, startsOn: series.starts_on }, latest?.date ?? null);
    if (!date) throw new AppError('meeting_series_ended', { date: latest?.date ?? series.starts_on });
    const members = await selectMemberIds(trx, workspaceId, parseIds(series.attendee_ids));
    return insertMeetingRow(
      services,
      trx,
      { workspaceId, creatorId: actor.userId, seriesId, locale },
      {
        title: series.title,
        date,
        startTime: series.start_time,
        durationMinutes: series.duration_minutes,
        attendeeIds: parseIds(series.attendee_ids).filter((id) => members.has(id)),
      },
    );
  });
  return toMeeting(services.db, await requireMeeting(services.db, workspaceId, meetingId));
}

/** Changes a series' settings: how many hours before each meeting the scheduler sends its agenda. */
export async function updateSeries(
  context: WorkspaceContext,
  { seriesId, input }: { seriesId: string; input: { agendaLeadHours: number } },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'meetings.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const series = await requireSeries(trx, workspaceId, seriesId);
    await queries.updateSeries(trx, seriesId, { agenda_lead_hours: input.agendaLeadHours, updated_at: now });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'meeting_series.updated',
      objectType: 'meeting_series',
      objectId: seriesId,
      changes: {
        before: { agendaLeadHours: Number(series.agenda_lead_hours) },
        after: { agendaLeadHours: input.agendaLeadHours },
      },
      now,
    });
  });
  return toSeries(services.db, await requireSeries(services.db, workspaceId, seriesId));
}

export async function deleteSeries(services: Services, actor: Actor, workspaceId: string, seriesId: string) {
  await authorize(services.db, actor, workspaceId, 'meetings.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const series = await requireSeries(trx, workspaceId, seriesId);
    // Its meetings stay, with their minutes and actions, as one-off meetings.
    await queries.deleteSeries(trx, seriesId);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'meeting_series.deleted',
      objectType: 'meeting_series',
      objectId: seriesId,
      changes: { title: series.title },
      now,
    });
  });
}

/**
 * The plan's communication section from the workspace: recurring meetings (attendees by e-mail, as plan.yaml
 * names people) and chat groups with the events routed to them; null when there is neither.
 */
export async function communicationSection(
  executor: Executor,
  workspaceId: string,
): Promise<CommunicationSection | null> {
  const [series, targets] = await Promise.all([
    queries.selectSeriesList(executor, workspaceId),
    queries.selectChatTargetsForPlan(executor, workspaceId),
  ]);
  if (series.length === 0 && targets.length === 0) return null;
  const emails = new Map(
    (
      await queries.selectUserEmails(executor, [
        ...new Set(series.flatMap((row) => parseIds(row.attendee_ids))),
      ])
    ).map((user) => [user.id, user.email]),
  );
  return {
    ...(series.length > 0
      ? {
          meetings: series.map((row) => ({
            title: row.title,
            rule: row.rule,
            time: row.start_time,
            attendees: parseIds(row.attendee_ids).flatMap((id) =>
              emails.has(id) ? [emails.get(id) ?? id] : [],
            ),
          })),
        }
      : {}),
    ...(targets.length > 0
      ? {
          channels: targets.map((row) => ({
            name: row.name,
            kind: row.kind,
            events: JSON.parse(row.event_types) as string[],
            ...(row.enabled === 1 ? {} : { paused: true }),
          })),
        }
      : {}),
  };
}
