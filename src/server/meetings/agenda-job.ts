import { isLocale, type Locale } from '../../core/i18n/index.ts';
import {
  AGENDA_LEAD_HOURS,
  buildAgenda,
  isAgendaDue,
  MAX_AGENDA_LEAD_HOURS,
  mergeAgenda,
  upcomingSeriesDay,
  type AgendaItem,
} from '../../core/meetings/index.ts';
import { zoneClock } from '../../core/schedule/worktime.ts';
import { newId } from '../../db/ids.ts';
import { lockWorkspace } from '../../db/locks.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Services } from '../context.ts';
import { selectMemberIds } from '../notifications/queries.ts';
import { dayInTimezone } from '../time.ts';
import { timeZonesByWorkspace } from '../workspaces/worktime.ts';
import * as queries from './queries.ts';
import { carriedActions, insertMeetingRow, readAgendaFacts } from './service.ts';

export const AUTO_AGENDA_JOB = 'meetings.auto_agenda';

const parseIds = (json: string) => JSON.parse(json) as string[];
const localeOr = (value: string | null | undefined): Locale => (isLocale(value) ? value : 'zh-CN');

/**
 * Every quarter hour, on whichever instance claims the cron row: each series gets its next meeting once none
 * lies ahead and the day is within the lead window, and every planned meeting whose start (wall time in its
 * workspace's zone) is less than its series' lead (`agenda_lead_hours`, else `AGENDA_LEAD_HOURS`) away gets its
 * agenda built (open actions carried from earlier meetings of the series, then
 * off-track goals, red KPIs, overdue tasks, breached SLAs, bottlenecks; topics people wrote stay) and sent to its
 * attendees through the notification pipeline. A meeting whose agenda someone already sent is left alone; the
 * send is claimed with a conditional update, so a run that overlaps a person's click sends once.
 */
export async function prepareUpcomingMeetings(
  services: Services,
): Promise<{ created: number; sent: number }> {
  const now = services.now();
  // Each workspace reads meeting times as wall time in its own zone (workspaces/worktime.ts).
  const zoneOf = await timeZonesByWorkspace(services);
  const todayIn = (workspaceId: string) => dayInTimezone(now, zoneOf(workspaceId));
  const horizonIn = (workspaceId: string, leadHours: number) =>
    dayInTimezone(now + (leadHours + 24) * 3_600_000, zoneOf(workspaceId));

  let created = 0;
  for (const series of await queries.selectAllSeries(services.db)) {
    const latest = await queries.selectLatestInSeries(services.db, series.id);
    const day = upcomingSeriesDay(
      { rule: series.rule, startsOn: series.starts_on },
      latest?.date ?? null,
      todayIn(series.workspace_id),
    );
    if (!day || day > horizonIn(series.workspace_id, Number(series.agenda_lead_hours))) continue;
    const made = await services.db.transaction().execute(async (trx) => {
      await lockWorkspace(trx, services.dialect, 'meetings', series.workspace_id);
      // Re-read under the lock: a person may have made it meanwhile.
      const current = await queries.selectLatestInSeries(trx, series.id);
      if ((current?.date ?? '') >= day) return false;
      const members = await selectMemberIds(trx, series.workspace_id, parseIds(series.attendee_ids));
      await insertMeetingRow(
        services,
        trx,
        {
          workspaceId: series.workspace_id,
          creatorId: series.owner_id,
          seriesId: series.id,
          locale: localeOr(series.owner_locale),
        },
        {
          title: series.title,
          date: day,
          startTime: series.start_time,
          durationMinutes: series.duration_minutes,
          attendeeIds: parseIds(series.attendee_ids).filter((id) => members.has(id)),
        },
      );
      return true;
    });
    if (made) created += 1;
  }

  let sent = 0;
  // The widest window over every zone (UTC−12 to UTC+14) and lead; each meeting is then read in its own.
  const earliest = dayInTimezone(now, 'Etc/GMT+12');
  const latest = dayInTimezone(now + (MAX_AGENDA_LEAD_HOURS + 24) * 3_600_000, 'Etc/GMT-14');
  for (const meeting of await queries.selectMeetingsAwaitingAgenda(services.db, earliest, latest)) {
    const attendeeIds = parseIds(meeting.attendee_ids);
    const clock = zoneClock(zoneOf(meeting.workspace_id));
    const due = isAgendaDue(
      {
        date: meeting.date,
        startTime: meeting.start_time,
        status: meeting.status,
        agendaSentAt: meeting.agenda_sent_at,
        attendees: attendeeIds.length,
      },
      now,
      (wallMs) => clock.toInstant(wallMs),
      meeting.agenda_lead_hours === null ? AGENDA_LEAD_HOURS : Number(meeting.agenda_lead_hours),
    );
    if (!due) continue;
    const locale = localeOr(meeting.creator_locale);
    // Read the live facts outside the transaction, as "build the agenda" does.
    const carried = meeting.series_id
      ? await carriedActions(services.db, meeting.series_id, meeting.date)
      : [];
    const facts = await readAgendaFacts(services, services.db, meeting.workspace_id, locale, carried);
    const fresh = buildAgenda(facts, {
      base: `/w/${meeting.workspace_id}`,
      locale,
      newId: () => newId(now),
    });
    const done = await services.db.transaction().execute(async (trx) => {
      if (!(await queries.claimAgendaSend(trx, meeting.id, now))) return false;
      const current = await queries.selectMeeting(trx, meeting.workspace_id, meeting.id);
      if (!current) return false;
      const agenda = mergeAgenda(JSON.parse(current.agenda) as AgendaItem[], fresh);
      await queries.updateMeeting(trx, meeting.id, { agenda: JSON.stringify(agenda) });
      const actions = await queries.selectActions(trx, [meeting.id]);
      await services.outbox.emit(trx, {
        workspaceId: meeting.workspace_id,
        type: 'meeting.agenda_ready',
        payload: {
          meetingId: meeting.id,
          title: current.title,
          date: current.date,
          time: current.start_time,
          count: agenda.length,
          decisions: (JSON.parse(current.decisions) as unknown[]).length,
          actions: actions.length,
          attendeeIds: parseIds(current.attendee_ids),
          actorId: null,
        },
      });
      await insertAuditEntry(trx, {
        workspaceId: meeting.workspace_id,
        actorId: null,
        action: 'meeting.agenda_auto_sent',
        objectType: 'meeting',
        objectId: meeting.id,
        changes: { items: agenda.length },
        now,
      });
      return true;
    });
    if (done) sent += 1;
  }
  return { created, sent };
}

export async function registerMeetingJobs(services: Services): Promise<void> {
  services.scheduler.register(AUTO_AGENDA_JOB, async () => {
    await prepareUpcomingMeetings(services);
  });
  await services.scheduler.every(AUTO_AGENDA_JOB, '*/15 * * * *');
}
