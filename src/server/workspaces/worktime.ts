import { addDays } from '../../core/days/index.ts';
import type { WorkingHoursOptions } from '../../core/processes/sla.ts';
import type { WeekPattern } from '../../core/schedule/calendar.ts';
import {
  clockTime,
  DEFAULT_WORK_WINDOW_MINUTES,
  dayStartInZone,
  workingHoursOptions,
  type WorkTime,
} from '../../core/schedule/worktime.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { AppConfig } from '../config.ts';
import type { Actor, Services } from '../context.ts';
import { loadCalendar } from '../tasks/service.ts';
import { dayInTimezone } from '../time.ts';
import { authorize } from './access.ts';
import * as queries from './queries.ts';

/**
 * A workspace's working time (migration 0017): the one place the server reads its time zone, daily window and
 * week pattern. Without a stored row a workspace keeps the server's defaults (OPSPLAN_TIMEZONE, 09:00–18:00,
 * five days), so an installation that never opens the settings behaves as before.
 */

function defaults(config: Pick<AppConfig, 'timezone'>): WorkTime {
  return {
    timeZone: config.timezone,
    workStartMinutes: DEFAULT_WORK_WINDOW_MINUTES.start,
    workEndMinutes: DEFAULT_WORK_WINDOW_MINUTES.end,
    weekPattern: 'five_day',
    bigWeekOf: null,
  };
}

type SettingsRow = {
  time_zone: string;
  work_start_minutes: number;
  work_end_minutes: number;
  week_pattern: string;
  big_week_of: string | null;
};

function fromRow(row: SettingsRow): WorkTime {
  return {
    timeZone: row.time_zone,
    workStartMinutes: Number(row.work_start_minutes),
    workEndMinutes: Number(row.work_end_minutes),
    weekPattern: row.week_pattern as WeekPattern,
    bigWeekOf: row.big_week_of,
  };
}

export async function loadWorkTime(
  executor: Executor,
  config: Pick<AppConfig, 'timezone'>,
  workspaceId: string,
): Promise<WorkTime> {
  const row = await queries.selectWorkTime(executor, workspaceId);
  return row ? fromRow(row) : defaults(config);
}

/** The time zone of a workspace: where its "today" is for deadlines, periods and reminders. */
export async function workspaceTimeZone(
  services: Services,
  workspaceId: string,
  executor: Executor = services.db,
) {
  return (await loadWorkTime(executor, services.config, workspaceId)).timeZone;
}

/** Today ('YYYY-MM-DD') in the workspace's time zone. */
export async function workspaceToday(
  services: Services,
  workspaceId: string,
  executor: Executor = services.db,
) {
  return dayInTimezone(services.now(), await workspaceTimeZone(services, workspaceId, executor));
}

/** For jobs that walk every workspace: each workspace's time zone, the server's for those that set none. */
export async function timeZonesByWorkspace(services: Services): Promise<(workspaceId: string) => string> {
  const rows = await queries.selectTimeZones(services.db);
  const zones = new Map(rows.map((row) => [row.workspace_id, row.time_zone]));
  return (workspaceId) => zones.get(workspaceId) ?? services.config.timezone;
}

/** SLA options of a workspace at an instant: its calendar, its daily window and its zone's offset then. */
export async function loadWorkingHours(
  executor: Executor,
  config: Pick<AppConfig, 'timezone'>,
  workspaceId: string,
  at: number,
): Promise<WorkingHoursOptions> {
  const [workTime, calendar] = await Promise.all([
    loadWorkTime(executor, config, workspaceId),
    loadCalendar(executor, workspaceId),
  ]);
  return workingHoursOptions(workTime, calendar, at);
}

/** The instants that bound local days `from`..`to` (both included) of a workspace's zone. */
export function localDayBounds(
  window: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
): { startedFrom?: number; startedBefore?: number } {
  return {
    ...(window.from !== undefined ? { startedFrom: dayStartInZone(window.from, timeZone) } : {}),
    ...(window.to !== undefined ? { startedBefore: dayStartInZone(addDays(window.to, 1), timeZone) } : {}),
  };
}

function snapshot(workTime: WorkTime) {
  return {
    timeZone: workTime.timeZone,
    workStart: clockTime(workTime.workStartMinutes),
    workEnd: clockTime(workTime.workEndMinutes),
    weekPattern: workTime.weekPattern,
    bigWeekOf: workTime.bigWeekOf,
  };
}

function toWorkTimeResponse(workTime: WorkTime, services: Services) {
  return { ...snapshot(workTime), today: dayInTimezone(services.now(), workTime.timeZone) };
}

export async function getWorkTime(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'workspace.read');
  return toWorkTimeResponse(await loadWorkTime(services.db, services.config, workspaceId), services);
}

/** Stores the working time; the schedule's revision moves with it (the table's trigger, migration 0017). */
export async function updateWorkTime(services: Services, actor: Actor, workspaceId: string, input: WorkTime) {
  await authorize(services.db, actor, workspaceId, 'workspace.update');
  const now = services.now();
  const next = { ...input, bigWeekOf: input.weekPattern === 'alternating' ? input.bigWeekOf : null };
  await services.db.transaction().execute(async (trx) => {
    const before = await loadWorkTime(trx, services.config, workspaceId);
    const row = {
      time_zone: next.timeZone,
      work_start_minutes: next.workStartMinutes,
      work_end_minutes: next.workEndMinutes,
      week_pattern: next.weekPattern,
      big_week_of: next.bigWeekOf,
      updated_at: now,
    };
    await queries.upsertWorkTime(trx, workspaceId, row);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'workspace.work_time_updated',
      objectType: 'workspace',
      objectId: workspaceId,
      changes: { before: snapshot(before), after: snapshot(next) },
      now,
    });
  });
  return toWorkTimeResponse(next, services);
}
