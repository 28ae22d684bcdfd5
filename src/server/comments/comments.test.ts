import { beforeEach, describe, expect, it } from 'vitest';
import { as, createTestTeam, signUpUser, type TestUser } from '../testing/app.ts';
import { createTask, useTestTeam } from '../testing/factories.ts';

const t = useTestTeam(['admin', 'member', 'viewer']);
let taskId: string;

beforeEach(async () => {
  taskId = (await createTask(t, t.owner, { title: '竞品分析报告' })).id;
});

const mention = (user: TestUser) => `@[${user.name}](user:${user.id})`;

async function comment(user: TestUser, body: string, target = { targetType: 'task', targetId: taskId }) {
  return t.app.inject(as(user, { method: 'POST', url: t.url('/comments'), payload: { ...target, body } }));
}

describe('comments', () => {
  it('stores sanitised Markdown and notifies the members it mentions', async () => {
    const created = await comment(
      t.owner,
      `**请** ${mention(t.member)} 周五前补充数据 <script>alert(1)</script>`,
    );
    expect(created.statusCode).toBe(201);
    const body = created.json().comment;
    expect(body.html).toContain('<strong>请</strong>');
    expect(body.html).toContain(
      `<span class="mention" data-user-id="${t.member.id}">@${t.member.name}</span>`,
    );
    expect(body.html).not.toContain('<script>');
    expect(body).toMatchObject({ isMine: true, author: { id: t.owner.id } });

    await t.drain();
    const inbox = await t.app.inject(as(t.member, { method: 'GET', url: t.url('/notifications') }));
    expect(inbox.json().items[0]).toMatchObject({
      type: 'comment.mentioned',
      reason: 'mentioned',
      title: `${t.owner.name} mentioned you on “竞品分析报告”: 请 @${t.member.name} 周五前补充数据 <script>alert(1)</script>`,
      link: `/w/${t.workspaceId}/tasks?task=${taskId}`,
    });
    // Editing does not notify the same person again; a newly mentioned one is told.
    await t.app.inject(
      as(t.owner, {
        method: 'PATCH',
        url: t.url(`/comments/${body.id}`),
        payload: { body: `${mention(t.member)} ${mention(t.viewer)} 更新了` },
      }),
    );
    await t.drain();
    expect(
      (await t.app.inject(as(t.member, { method: 'GET', url: t.url('/notifications') }))).json().items,
    ).toHaveLength(1);
    expect(
      (await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/notifications') }))).json().items,
    ).toHaveLength(1);
  });

  it('refuses mentions of non-members, oversized comments and objects of other workspaces', async () => {
    const stranger = await signUpUser(t.app);
    const foreign = await comment(t.owner, `${mention(stranger)} 你好`);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error).toMatchObject({ code: 'mention_not_member', fields: [{ path: 'body' }] });

    const huge = await comment(t.owner, '字'.repeat(10_001));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatchObject({ code: 'comment_too_long', fields: [{ path: 'body' }] });

    const other = await createTestTeam(t.app, []);
    const theirTask = await t.app.inject(
      as(other.owner, {
        method: 'POST',
        url: `/api/v1/w/${other.workspaceId}/tasks`,
        payload: { title: 'x' },
      }),
    );
    const cross = await comment(t.owner, 'hi', { targetType: 'task', targetId: theirTask.json().task.id });
    expect(cross.statusCode).toBe(404);
    expect(cross.json().error).toMatchObject({
      code: 'comment_target_not_found',
      fields: [{ path: 'targetId' }],
    });
    const badType = await comment(t.owner, 'hi', { targetType: 'planet', targetId: taskId });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.fields[0].path).toBe('targetType');
    const anonymous = await t.app.inject({
      method: 'GET',
      url: t.url(`/comments?targetType=task&targetId=${taskId}`),
    });
    expect(anonymous.statusCode).toBe(401);
    const outsider = await t.app.inject(
      as(stranger, { method: 'GET', url: t.url(`/comments?targetType=task&targetId=${taskId}`) }),
    );
    expect(outsider.statusCode).toBe(404);
  });

  it('lets authors edit and delete their own, admins delete any, viewers only read', async () => {
    const mine = (await comment(t.member, '我的评论')).json().comment;
    const editByOther = await t.app.inject(
      as(t.admin, { method: 'PATCH', url: t.url(`/comments/${mine.id}`), payload: { body: '改' } }),
    );
    expect(editByOther.statusCode).toBe(403);
    const edited = await t.app.inject(
      as(t.member, { method: 'PATCH', url: t.url(`/comments/${mine.id}`), payload: { body: '改过的' } }),
    );
    expect(edited.json().comment).toMatchObject({ body: '改过的' });
    expect(edited.json().comment.editedAt).toBe(t.clock.now);
    const viewerWrites = await comment(t.viewer, '看看');
    expect(viewerWrites.statusCode).toBe(403);
    const second = (await comment(t.owner, 'owner 的')).json().comment;
    const memberDeletes = await t.app.inject(
      as(t.member, { method: 'DELETE', url: t.url(`/comments/${second.id}`) }),
    );
    expect(memberDeletes.statusCode).toBe(403);
    const adminDeletes = await t.app.inject(
      as(t.admin, { method: 'DELETE', url: t.url(`/comments/${second.id}`) }),
    );
    expect(adminDeletes.statusCode).toBe(204);
    const ownDelete = await t.app.inject(
      as(t.member, { method: 'DELETE', url: t.url(`/comments/${mine.id}`) }),
    );
    expect(ownDelete.statusCode).toBe(204);
    const list = await t.app.inject(
      as(t.viewer, { method: 'GET', url: t.url(`/comments?targetType=task&targetId=${taskId}`) }),
    );
    expect(list.json().items).toEqual([]);
  });

  it('toggles reactions and counts them per emoji', async () => {
    const id = (await comment(t.owner, '上线了')).json().comment.id as string;
    const react = (user: TestUser, emoji: string) =>
      t.app.inject(as(user, { method: 'POST', url: t.url(`/comments/${id}/reactions`), payload: { emoji } }));
    await react(t.member, '🎉');
    const both = await react(t.admin, '🎉');
    expect(both.json().comment.reactions).toEqual([{ emoji: '🎉', count: 2, isMine: true }]);
    const undone = await react(t.admin, '🎉');
    expect(undone.json().comment.reactions).toEqual([{ emoji: '🎉', count: 1, isMine: false }]);
    const bad = await react(t.member, '💩');
    expect(bad.statusCode).toBe(400);
  });

  it('interleaves comments with the object’s changes, and feeds the workspace', async () => {
    t.clock.advance(1000);
    await comment(t.owner, '先做调研');
    t.clock.advance(1000);
    await t.app.inject(
      as(t.owner, { method: 'PATCH', url: t.url(`/tasks/${taskId}`), payload: { status: 'in_progress' } }),
    );
    t.clock.advance(1000);
    await comment(t.member, '开始了');
    const timeline = await t.app.inject(
      as(t.viewer, { method: 'GET', url: t.url(`/timeline?targetType=task&targetId=${taskId}`) }),
    );
    expect(timeline.statusCode).toBe(200);
    expect(
      timeline
        .json()
        .items.map(
          (item: { kind: string; comment: { body: string } | null; change: { action: string } | null }) =>
            item.kind === 'comment' ? item.comment?.body : item.change?.action,
        ),
    ).toEqual(['开始了', 'task.updated', '先做调研', 'task.created']);
    const feed = await t.app.inject(as(t.viewer, { method: 'GET', url: t.url('/activity?limit=2') }));
    expect(feed.json().items).toHaveLength(2);
    const next = await t.app.inject(
      as(t.viewer, { method: 'GET', url: t.url(`/activity?limit=10&cursor=${feed.json().nextCursor}`) }),
    );
    expect(next.json().items.map((item: { kind: string }) => item.kind)).toContain('change');
  });
});
