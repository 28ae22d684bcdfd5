import icalModule from 'ical-generator';
import { AppError } from '../../core/errors/index.ts';
import { addDays } from '../../core/days/index.ts';
import { isOpenTaskStatus } from '../../core/tasks/status.ts';
import { newId } from '../../db/ids.ts';
import { lockWorkspace } from '../../db/locks.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services } from '../context.ts';
import { hashSecret, newSecret } from '../secrets.ts';
import { dayInTimezone } from '../time.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';
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
    await trx
      .deleteFrom('calendar_feeds')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', actor.userId)
      .execute();
    await trx
      .insertInto('calendar_feeds')
      .values({
        token_hash: hashSecret(token),
        workspace_id: workspaceId,
        user_id: actor.userId,
        created_at: now,
      })
      .execute();
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
  const feed = await services.db
    .selectFrom('calendar_feeds')
    .innerJoin('workspaces', 'workspaces.id', 'calendar_feeds.workspace_id')
    // Only while the person is still a member: a feed is read without signing in, so this is its access check.
    .innerJoin('memberships', (join) =>
      join
        .onRef('memberships.workspace_id', '=', 'calendar_feeds.workspace_id')
        .onRef('memberships.user_id', '=', 'calendar_feeds.user_id'),
    )
    .select(['calendar_feeds.workspace_id', 'calendar_feeds.user_id', 'workspaces.name'])
    .where('calendar_feeds.token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!feed) throw new AppError('calendar_feed_not_found');
  const tasks = await services.db
    .selectFrom('tasks')
    .innerJoin('task_roles', 'task_roles.task_id', 'tasks.id')
    .select([
      'tasks.id',
      'tasks.title',
      'tasks.description',
      'tasks.due_date',
      'tasks.status',
      'tasks.is_milestone',
    ])
    .distinct()
    .where('tasks.workspace_id', '=', feed.workspace_id)
    .where('task_roles.user_id', '=', feed.user_id)
    .where('task_roles.role', 'in', ['R', 'A'])
    .where('tasks.due_date', 'is not', null)
    .where(
      'tasks.due_date',
      '>=',
      addDays(dayInTimezone(services.now(), await workspaceTimeZone(services, feed.workspace_id)), -90),
    )
    .orderBy('tasks.due_date')
    .limit(2000)
    .execute();
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

export async function listViews(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const rows = await services.db
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', actor.userId)
    .orderBy('name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    query: JSON.parse(row.query) as Record<string, unknown>,
  }));
}

export async function saveView(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: { name: string; query: Record<string, unknown> },
) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const id = newId(services.now());
  await services.db
    .insertInto('saved_views')
    .values({
      id,
      workspace_id: workspaceId,
      user_id: actor.userId,
      name: input.name.trim(),
      query: JSON.stringify(input.query),
      created_at: services.now(),
    })
    .execute();
  return { id, name: input.name.trim(), query: input.query };
}

export async function deleteView(services: Services, actor: Actor, workspaceId: string, viewId: string) {
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const result = await services.db
    .deleteFrom('saved_views')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', actor.userId)
    .where('id', '=', viewId)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new AppError('view_not_found');
}
