import { describe, expect, it } from 'vitest';
import { chatBody, isAcceptedReply } from './chat.ts';
import { digestEmail, singleEmail } from './email.ts';
import {
  isChannelEnabled,
  isDigestHour,
  kpiValueDue,
  notificationTitle,
  planDelivery,
  quietHoursEnd,
  recipientsFor,
} from './index.ts';

const roles = [
  { userId: 'r', role: 'R' },
  { userId: 'a', role: 'A' },
  { userId: 'c', role: 'C' },
  { userId: 'i', role: 'I' },
];

describe('recipientsFor', () => {
  it('tells R and A of what they must act on, never the actor', () => {
    expect(recipientsFor('task.overdue', { taskRoles: roles })).toEqual([
      { userId: 'r', reason: 'act' },
      { userId: 'a', reason: 'act' },
    ]);
    expect(recipientsFor('task.due_soon', { taskRoles: roles, actorId: 'a' })).toEqual([
      { userId: 'r', reason: 'act' },
    ]);
  });

  it('asks C and informs I when a task is blocked; informs A and I when done', () => {
    expect(
      recipientsFor('task.status_changed', { taskRoles: roles, toStatus: 'blocked', actorId: 'r' }),
    ).toEqual([
      { userId: 'a', reason: 'act' },
      { userId: 'c', reason: 'asked' },
      { userId: 'i', reason: 'informed' },
    ]);
    expect(
      recipientsFor('task.status_changed', { taskRoles: roles, toStatus: 'done', actorId: 'r' }).map(
        (r) => r.userId,
      ),
    ).toEqual(['a', 'i']);
    expect(recipientsFor('task.status_changed', { taskRoles: roles, toStatus: 'in_progress' })).toEqual([]);
  });

  it('tells owners of health, assignees and process owners of breaches, one notification each', () => {
    expect(recipientsFor('goal.health_changed', { ownerId: 'o' })).toEqual([
      { userId: 'o', reason: 'owner' },
    ]);
    expect(recipientsFor('process.step_overdue', { assigneeId: 's', processOwnerId: 'p' })).toEqual([
      { userId: 's', reason: 'act' },
      { userId: 'p', reason: 'owner' },
    ]);
    expect(recipientsFor('process.step_overdue', { assigneeId: 'p', processOwnerId: 'p' })).toHaveLength(1);
    expect(recipientsFor('comment.mentioned', { mentionedIds: ['x', 'y', 'x'], actorId: 'y' })).toEqual([
      { userId: 'x', reason: 'mentioned' },
    ]);
    expect(recipientsFor('member.removed', { ownerId: 'o' })).toEqual([]);
  });
});

describe('delivery planning', () => {
  const shanghai = { timezone: 'Asia/Shanghai', quietStart: '22:00', quietEnd: '08:00', digest: false };
  // 2026-11-26 15:30 UTC is 23:30 in Shanghai.
  const lateEvening = Date.UTC(2026, 10, 26, 15, 30);

  it('holds messages during quiet hours until they end, in the person’s time zone', () => {
    expect(quietHoursEnd(lateEvening, shanghai)).toBe(Date.UTC(2026, 10, 27, 0, 0));
    expect(planDelivery(true, shanghai, lateEvening)).toEqual({
      status: 'queued',
      sendAfter: Date.UTC(2026, 10, 27, 0, 0),
    });
    // The same instant is 10:30 in New York: not quiet there.
    const newYork = { ...shanghai, timezone: 'America/New_York' };
    expect(planDelivery(true, newYork, lateEvening)).toEqual({ status: 'queued', sendAfter: lateEvening });
    expect(quietHoursEnd(lateEvening, { ...shanghai, quietStart: '13:00', quietEnd: '14:00' })).toBeNull();
  });

  it('sends nothing when off and waits for the digest when chosen', () => {
    expect(planDelivery(false, shanghai, lateEvening)).toBeNull();
    expect(planDelivery(true, { ...shanghai, digest: true }, lateEvening)).toEqual({ status: 'digest' });
    expect(isDigestHour(Date.UTC(2026, 10, 27, 1, 10), 'Asia/Shanghai', 9)).toBe(true);
    expect(isDigestHour(Date.UTC(2026, 10, 27, 2, 10), 'Asia/Shanghai', 9)).toBe(false);
  });

  it('uses stored choices over defaults (e-mail on for what needs acting on)', () => {
    expect(isChannelEnabled([], 'task.overdue', 'email')).toBe(true);
    expect(isChannelEnabled([], 'process.run_finished', 'email')).toBe(false);
    expect(
      isChannelEnabled(
        [{ eventType: 'task.overdue', channel: 'email', enabled: false }],
        'task.overdue',
        'email',
      ),
    ).toBe(false);
  });
});

describe('messages', () => {
  it('renders titles in both languages', () => {
    const data = { title: '周报', dueDate: '2026-11-30' };
    expect(notificationTitle('task.overdue', data, 'en')).toBe('“周报” is overdue (due 2026-11-30)');
    expect(notificationTitle('task.overdue', data, 'zh-CN')).toBe('「周报」已逾期（截止 2026-11-30）');
    expect(notificationTitle('goal.health_changed', { title: 'G', health: 'off_track' }, 'zh-CN')).toBe(
      '目标「G」现在偏离轨道',
    );
  });

  it('builds e-mails with escaped HTML and an unsubscribe link per item', () => {
    const item = {
      title: '<b>x</b>',
      url: 'https://o.example/w/1',
      unsubscribeUrl: 'https://o.example/u?t=1',
    };
    const single = singleEmail(item, 'zh-CN');
    expect(single.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(single.text).toContain('不再接收此类邮件: https://o.example/u?t=1');
    expect(digestEmail([item, item], 'en').subject).toBe('OpsPlan: 2 updates today');
  });

  it('formats each chat platform and reads its answer', () => {
    const message = {
      eventId: 'e1',
      eventType: 'task.overdue',
      title: '[x](javascript:1) 逾期',
      url: 'https://o.example/t',
      linkLabel: '查看',
      createdAt: 1,
    };
    const dingtalk = chatBody('dingtalk', message) as { msgtype: string; markdown: { text: string } };
    expect(dingtalk.msgtype).toBe('markdown');
    expect(dingtalk.markdown.text).not.toContain('javascript:1)');
    expect(chatBody('feishu', message)).toMatchObject({ msg_type: 'interactive' });
    expect(chatBody('wecom', message)).toMatchObject({ msgtype: 'markdown' });
    expect(chatBody('slack', message)).toHaveProperty('blocks');
    expect(isAcceptedReply('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({
      ok: false,
      detail: '310000 sign not match',
    });
    expect(isAcceptedReply('feishu', 200, '{"code":0}').ok).toBe(true);
    expect(isAcceptedReply('slack', 404, 'no_service').ok).toBe(false);
  });
});

describe('kpiValueDue', () => {
  it('asks for the period that just ended when it has no value', () => {
    expect(kpiValueDue('2026-12-01', 'month', '2026-10-01')).toBe('2026-11-01');
    expect(kpiValueDue('2026-12-01', 'month', '2026-11-01')).toBeNull();
    expect(kpiValueDue('2026-12-02', 'month', null)).toBeNull();
    expect(kpiValueDue('2026-11-27', 'day', null)).toBe('2026-11-26');
    // 2026-11-30 is a Monday: last week's value is due.
    expect(kpiValueDue('2026-11-30', 'week', '2026-11-16')).toBe('2026-11-23');
  });
});
