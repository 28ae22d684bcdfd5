import { renderComment } from '../../core/comments/index.ts';
import { addDays, mondayOf } from '../../core/days/index.ts';
import { buildAgenda, mergeAgenda, nextMeetingDay, type AgendaItem } from '../../core/meetings/index.ts';
import { newId } from '../../db/ids.ts';
import { insertComment, toggleReaction } from '../comments/queries.ts';
import { demoText } from '../demo/english.ts';
import { backdateDemoCompletion, type DemoContext } from '../demo/context.ts';
import { insertTarget } from '../notifications/queries.ts';
import { createTaskInTransaction } from '../tasks/service.ts';
import { dayInTimezone } from '../time.ts';
import { carriedActions, insertMeetingRow, readAgendaFacts } from './service.ts';
import { selectTaskIdByTitle } from '../tasks/queries.ts';
import * as queries from './queries.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';

const WEEKLY = 'FREQ=WEEKLY;BYDAY=MO';

/**
 * The demo's team communication: comments with mentions and reactions on the growth goal and a task, the
 * weekly ops sync (周会) with two held meetings (minutes, decisions, actions that are tasks) and the next one
 * opening with the open actions and the live problems, and chat groups for testing only (paused, so nothing
 * leaves the machine until someone puts in a real robot).
 */
export async function seedCommunicationDemo(context: DemoContext): Promise<void> {
  const { services, trx, workspaceId, people, locale } = context;
  const now = services.now();
  const today = dayInTimezone(now, await workspaceTimeZone(services, workspaceId, trx));
  const text = (chinese: string) => demoText(locale, chinese);
  const mention = (key: string, name: string) => `@[${text(name)}](user:${people[key] ?? ''})`;

  // ——— Comments ———
  const goal = await queries.selectFirstRootGoal(trx, workspaceId);
  const task = await selectTaskIdByTitle(trx, workspaceId, text('新人礼包活动策划'));
  const comments: Array<{
    target: 'goal' | 'task';
    id: string | undefined;
    author: string;
    body: string;
    minutesAgo: number;
  }> = [
    {
      target: 'goal',
      id: goal?.id,
      author: 'wanglei',
      body:
        locale === 'en'
          ? `Growth rate this week is **14.2%**, still short of 20%. ${mention('lina', '李娜')} could you add the split by channel by Wednesday?`
          : `本周增长率 **14.2%**，离 20% 还差一截。${mention('lina', '李娜')} 能否把渠道拆分的数据周三前补上？`,
      minutesAgo: 60 * 26,
    },
    {
      target: 'goal',
      id: goal?.id,
      author: 'lina',
      body: text(
        '已补充到看板：\n- 自然流量 +3.1%\n- 活动拉新 +7.6%\n- 老带新 +3.5%\n\n老带新的转化比预期低，建议周会上讨论。',
      ),
      minutesAgo: 60 * 20,
    },
    {
      target: 'task',
      id: task?.id,
      author: 'chenjing',
      body:
        locale === 'en'
          ? `The first draft of the welcome pack is on the shared drive; ${mention('zhaomin', '赵敏')} please confirm the coupon cost cap.`
          : `礼包方案初稿已放在共享盘，${mention('zhaomin', '赵敏')} 请确认券的成本上限。`,
      minutesAgo: 60 * 30,
    },
    {
      target: 'task',
      id: task?.id,
      author: 'zhaomin',
      body: text('成本上限按单用户 15 元，超过需要走审批。'),
      minutesAgo: 60 * 28,
    },
  ];
  for (const comment of comments) {
    if (!comment.id) continue;
    const createdAt = now - comment.minutesAgo * 60_000;
    const id = newId(createdAt);
    await insertComment(trx, {
      id,
      workspace_id: workspaceId,
      target_type: comment.target,
      target_id: comment.id,
      author_id: people[comment.author] ?? null,
      body: comment.body,
      body_html: renderComment(comment.body),
      mentions: JSON.stringify([...comment.body.matchAll(/\(user:([0-9a-f-]+)\)/g)].map((match) => match[1])),
      edited_at: null,
      created_at: createdAt,
    });
    for (const [emoji, who] of [
      ['👍', 'owner'],
      ['👀', 'sunhao'],
    ] as const) {
      const userId = people[who];
      if (userId)
        await toggleReaction(trx, { comment_id: id, user_id: userId, emoji, created_at: createdAt });
    }
  }

  // ——— The weekly ops sync ———
  const attendeeIds = ['owner', 'wanglei', 'lina', 'chenjing', 'zhangwei'].flatMap((key) =>
    people[key] ? [people[key]] : [],
  );
  const startsOn = addDays(mondayOf(today), -14);
  const seriesId = newId(now);
  const title = locale === 'en' ? 'Weekly ops sync' : '运营周会';
  await queries.insertSeries(trx, {
    id: seriesId,
    workspace_id: workspaceId,
    title,
    rule: WEEKLY,
    starts_on: startsOn,
    start_time: '10:00',
    duration_minutes: 60,
    attendee_ids: JSON.stringify(attendeeIds),
    owner_id: context.ownerId,
    created_at: now,
    updated_at: now,
  });
  const held = [
    {
      minutes: text(
        '## 上周进展\n- 市场调研报告已定稿\n- 流失用户访谈完成 20 人，主要原因是**新手引导太长**\n\n## 讨论\n新人礼包的预算与券面额。',
      ),
      decisions: [text('新人礼包按单用户 15 元成本上限设计'), text('新手引导缩短到 3 步')],
      actions: [
        { title: text('整理流失用户访谈结论并分享'), owner: 'lina', dueIn: 4, done: true },
        { title: text('新手引导 3 步方案原型'), owner: 'zhangwei', dueIn: 6, done: false },
      ],
    },
    {
      minutes: text(
        '## 上周进展\n- 礼包方案初稿完成\n- 老带新转化偏低（见目标评论）\n\n## 讨论\n老带新奖励是否加码；活动页面文案的排期。',
      ),
      decisions: [text('老带新奖励先做 A/B 测试再决定是否加码')],
      actions: [
        { title: text('老带新奖励 A/B 测试方案'), owner: 'chenjing', dueIn: 5, done: false },
        { title: text('活动页面文案初稿'), owner: 'zhangwei', dueIn: 3, done: true },
      ],
    },
  ];
  let date: string | null = null;
  for (const meeting of held) {
    date = nextMeetingDay({ rule: WEEKLY, startsOn }, date);
    if (!date || date > today) break;
    const meetingId = await insertMeetingRow(
      services,
      trx,
      { workspaceId, creatorId: context.ownerId, seriesId, locale },
      { title, date, startTime: '10:00', durationMinutes: 60, attendeeIds },
    );
    for (const action of meeting.actions) {
      const ownerId = people[action.owner];
      if (!ownerId) continue;
      const dueDate = addDays(date, action.dueIn);
      const taskId = await createTaskInTransaction(services, trx, workspaceId, context.ownerId, {
        title: action.title,
        description: `${title} · ${date}`,
        dueDate,
        status: action.done ? 'done' : 'todo',
        roles: [
          { userId: ownerId, role: 'R' },
          { userId: ownerId, role: 'A' },
        ],
      });
      await backdateDemoCompletion(context, taskId, dueDate);
      await queries.insertAction(trx, {
        id: newId(now),
        workspace_id: workspaceId,
        meeting_id: meetingId,
        task_id: taskId,
        title: action.title,
        owner_id: ownerId,
        due_date: dueDate,
        created_at: now,
      });
    }
    await queries.updateMeeting(trx, meetingId, {
      minutes: meeting.minutes,
      decisions: JSON.stringify(meeting.decisions),
      status: 'held',
      agenda_sent_at: now,
      minutes_sent_at: now,
    });
  }
  // The next one opens with the open actions, and its agenda is built from the demo's live problems.
  const nextDate = nextMeetingDay({ rule: WEEKLY, startsOn }, date);
  if (nextDate) {
    const meetingId = await insertMeetingRow(
      services,
      trx,
      { workspaceId, creatorId: context.ownerId, seriesId, locale },
      { title, date: nextDate, startTime: '10:00', durationMinutes: 60, attendeeIds },
    );
    const facts = await readAgendaFacts(
      services,
      trx,
      workspaceId,
      locale,
      await carriedActions(trx, seriesId, nextDate),
    );
    const row = await queries.selectMeeting(trx, workspaceId, meetingId);
    const agenda = mergeAgenda(
      JSON.parse(row?.agenda ?? '[]') as AgendaItem[],
      buildAgenda(facts, { base: `/w/${workspaceId}`, locale, newId: () => newId(now) }),
    );
    await queries.updateMeeting(trx, meetingId, { agenda: JSON.stringify(agenda) });
  }

  // ——— Chat groups, for testing only ———
  const targets = [
    {
      name: locale === 'en' ? 'Ops sync group (test only)' : '运营周会群（测试用）',
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=demo-test-only',
      secret: 'SECdemo0000000000000000000000000000',
      events: ['task.overdue', 'kpi.turned_red', 'goal.health_changed', 'meeting.minutes_ready'],
    },
    {
      name: locale === 'en' ? 'Service team (test only)' : '客服群（测试用）',
      kind: 'wecom',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo-test-only',
      secret: null,
      events: ['process.step_overdue', 'process.step_assigned'],
    },
  ];
  for (const target of targets) {
    await insertTarget(trx, {
      id: newId(now),
      workspace_id: workspaceId,
      name: target.name,
      kind: target.kind,
      url: target.url,
      secret: target.secret,
      event_types: JSON.stringify(target.events),
      // Paused: the addresses are examples; an admin puts in the group's own robot and turns it on.
      enabled: 0,
      created_by: context.ownerId,
      created_at: now,
      updated_at: now,
    });
  }
}
