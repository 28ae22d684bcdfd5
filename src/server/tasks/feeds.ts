import icalModule from 'ical-generator';
import { AppError } from '../../core/errors/index.ts';
import { addDays } from '../../core/days/index.ts';
import { isOpenTaskStatus } from '../../core/tasks/status.ts';
import { lockWorkspace } from '../../db/locks.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services } from '../context.ts';
import { hashSecret, newSecret } from '../secrets.ts';
import { dayInTimezone } from '../time.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';
import * as queries from './queries.ts';
import { authorize } from '../workspaces/access.ts';

// ical-generator is an ES module with a default export; under some loaders it arrives wrapped once more.
const ical =
  typeof icalModule === 'function' ? icalModule : (icalModule as { default: typeof icalModule }).default;

/** A new secret calendar URL for the caller in one workspace; the previous one stops working. */
export async function rotateCalendarFeed(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const token = newSecret();
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    // Delete-then-insert under a unique (workspace, person) index: two rotations at once must take turns.
    await lockWorkspace(trx, services.dialect, 'calendar-feeds', workspaceId);
    await queries.deleteCalendarFeed(trx, workspaceId, actor.userId);
    await queries.insertCalendarFeed(trx, {
      token_hash: hashSecret(token),
      workspace_id: workspaceId,
      user_id: actor.userId,
      created_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'calendar_feed.rotated',
      objectType: 'member',
      objectId: actor.userId,
      now,
    });
  });
  return { url: `${services.config.publicUrl.replace(/\/$/, '')}/api/v1/calendar/${token}.ics` };
}

/**
 * The iCalendar feed behind a secret URL: the open tasks and milestones the person is Responsible or
 * Accountable for, each an all-day event on its due day. Calendar apps poll it without signing in.
 */
export async function renderCalendarFeed(services: Services, token: string): Promise<string> {
  const feed = await queries.selectCalendarFeed(services.db, hashSecret(token));
  if (!feed) throw new AppError('calendar_feed_not_found');
  const tasks = await queries.selectCalendarFeedTasks(
    services.db,
    feed.workspace_id,
    feed.user_id,
    addDays(dayInTimezone(services.now(), await workspaceTimeZone(services, feed.workspace_id)), -90),
    2000,
  );
  const calendar = ical({
    name: `OpsPlan · ${feed.name}`,
    prodId: { company: 'OpsPlan', product: 'OpsPlan' },
  });
  for (const task of tasks) {
    if (!task.due_date || !isOpenTaskStatus(task.status)) continue;
    const day = new Date(`${task.due_date}T00:00:00Z`);
    calendar.createEvent({
      id: `${task.id}@opsplan`,
      start: day,
      end: new Date(day.getTime() + 86_400_000),
      allDay: true,
      summary: task.is_milestone ? `◆ ${task.title}` : task.title,
      description: task.description ?? undefined,
    });
  }
  return calendar.toString();
}
