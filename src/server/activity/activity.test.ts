import { describe, expect, it } from 'vitest';
import { as, createTestTeam, signUpUser, type TestUser } from '../testing/app.ts';
import { useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['member', 'viewer']);

async function call(user: TestUser, method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
  t.clock.advance(1000);
  return t.app.inject(as(user, { method, url: t.url(path), ...(payload ? { payload } : {}) }));
}

type Item = {
  id: string;
  kind: 'comment' | 'change';
  comment: {
    author: { id: string } | null;
    html: string;
    target: { type: string; title: string; link: string };
  };
  change: { action: string; objectType: string; actor: { id: string } | null; object: { title: string } };
};

async function feed(user: TestUser, query = '') {
  const response = await t.app.inject(as(user, { method: 'GET', url: t.url(`/activity${query}`) }));
  expect(response.statusCode).toBe(200);
  return response.json() as { items: Item[]; nextCursor: string | null };
}

async function seed() {
  const task = (await call(t.owner, 'POST', '/tasks', { title: '竞品分析报告' })).json().task as {
    id: string;
  };
  await call(t.member, 'PATCH', `/tasks/${task.id}`, { status: 'in_progress' });
  const meeting = (
    await call(t.owner, 'POST', '/meetings', {
      title: '增长周会',
      date: '2026-11-30',
      startTime: '10:00',
      attendeeIds: [t.owner.id, t.member.id],
    })
  ).json().meeting as { id: string };
  const comment = await call(t.member, 'POST', '/comments', {
    targetType: 'meeting',
    targetId: meeting.id,
    body: `会上讨论一下 @[${t.owner.name}](user:${t.owner.id}) 的**拉新方案**`,
  });
  expect(comment.statusCode).toBe(201);
  await call(t.owner, 'POST', '/comments', { targetType: 'task', targetId: task.id, body: '先做调研' });
  return { task, meeting };
}

describe('workspace activity feed', () => {
  it('shows every member comments and changes newest first, with titles and links, but not membership', async () => {
    const { task, meeting } = await seed();
    const { items } = await feed(t.viewer);
    expect(
      items.map((item) =>
        item.kind === 'comment' ? `comment:${item.comment.target.type}` : item.change.action,
      ),
    ).toEqual(['comment:task', 'comment:meeting', 'meeting.created', 'task.updated', 'task.created']);
    const onMeeting = items[1]?.comment;
    expect(onMeeting).toMatchObject({
      author: { id: t.member.id },
      target: {
        type: 'meeting',
        title: '增长周会 · 2026-11-30',
        link: `/w/${t.workspaceId}/meetings/${meeting.id}`,
      },
    });
    expect(onMeeting?.html).toContain('<strong>拉新方案</strong>');
    expect(items[3]?.change).toMatchObject({ actor: { id: t.member.id }, object: { title: '竞品分析报告' } });
    expect(items[4]?.change.objectType).toBe('task');
    expect(task.id).toBeTruthy();
  });

  it('filters by person, kind and object type, and pages without repeats', async () => {
    await seed();
    const byMember = await feed(t.viewer, `?actorId=${t.member.id}`);
    expect(byMember.items.map((item) => item.kind)).toEqual(['comment', 'change']);
    const comments = await feed(t.viewer, '?kind=comment');
    expect(comments.items.every((item) => item.kind === 'comment')).toBe(true);
    expect(comments.items).toHaveLength(2);
    const created = await feed(t.viewer, '?kind=created');
    expect(created.items.map((item) => item.change.action)).toEqual(['meeting.created', 'task.created']);
    const updated = await feed(t.viewer, '?kind=updated&objectType=task');
    expect(updated.items.map((item) => item.change.action)).toEqual(['task.updated']);
    const meetings = await feed(t.viewer, '?objectType=meeting');
    expect(meetings.items.map((item) => item.kind)).toEqual(['comment', 'change']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await feed(
        t.viewer,
        `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('refuses strangers, unknown filters and foreign ids', async () => {
    const stranger = await signUpUser(t.app);
    const foreign = await t.app.inject(as(stranger, { method: 'GET', url: t.url('/activity') }));
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('workspace_not_found');
    const bad = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/activity?kind=shouted') }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('kind');
    const member2 = await t.app.inject(
      as(t.viewer, { method: 'GET', url: t.url('/activity?objectType=member') }),
    );
    expect(member2.statusCode).toBe(400);
    expect(member2.json().error.fields[0].path).toBe('objectType');
  });
});

describe('comments on meetings and feedback', () => {
  it('comment on a meeting, notify the mentioned, and refuse another workspace’s meeting', async () => {
    const { meeting } = await seed();
    while ((await t.app.services.scheduler.runDue()) > 0);
    const inbox = (await t.app.inject(as(t.owner, { method: 'GET', url: t.url('/notifications') }))).json()
      .items as Array<{
      type: string;
      link: string;
    }>;
    expect(inbox.find((item) => item.type === 'comment.mentioned')?.link).toBe(
      `/w/${t.workspaceId}/meetings/${meeting.id}`,
    );
    const timeline = await t.app.inject(
      as(t.viewer, { method: 'GET', url: t.url(`/timeline?targetType=meeting&targetId=${meeting.id}`) }),
    );
    expect(timeline.json().items.map((item: { kind: string }) => item.kind)).toEqual(['comment', 'change']);

    const other = await createTestTeam(t.app, []);
    const theirs = (
      await t.app.inject(
        as(other.owner, {
          method: 'POST',
          url: `/api/v1/w/${other.workspaceId}/meetings`,
          payload: { title: '别人的会', date: '2026-12-01', startTime: '09:00', attendeeIds: [] },
        }),
      )
    ).json().meeting as { id: string };
    const refused = await call(t.owner, 'POST', '/comments', {
      targetType: 'meeting',
      targetId: theirs.id,
      body: '看看',
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('comment_target_not_found');
  });
});
