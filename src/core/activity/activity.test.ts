import { describe, expect, it } from 'vitest';
import {
  activitySentence,
  changeKind,
  describeActivity,
  describeComment,
  feedCommentTargets,
  describeChanges,
  describeRule,
  objectTypeLabel,
  objectTypeName,
  type ActivityEntry,
} from './index.ts';

const entry = (overrides: Partial<ActivityEntry>): ActivityEntry => ({
  action: 'task.created',
  objectType: 'task',
  objectId: 'task-1',
  actorName: '王磊',
  objectTitle: '周五增长例会与复盘',
  changes: null,
  ...overrides,
});

describe('describeRule', () => {
  it('says a weekly, workday, fortnightly or monthly rule in words, in both languages', () => {
    expect(describeRule('FREQ=WEEKLY;BYDAY=FR', 'zh-CN')).toBe('每周五');
    expect(describeRule('FREQ=WEEKLY;BYDAY=FR', 'en')).toBe('every Friday');
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'zh-CN')).toBe('每个工作日');
    expect(describeRule('FREQ=DAILY', 'en')).toBe('every day');
    expect(describeRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE', 'zh-CN')).toBe('每 2 周的周一、周三');
    expect(describeRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE', 'en')).toBe(
      'every 2 weeks on Monday, Wednesday',
    );
    expect(describeRule('FREQ=MONTHLY;BYMONTHDAY=1', 'zh-CN')).toBe('每月 1 日');
    expect(describeRule('FREQ=MONTHLY;BYMONTHDAY=-1', 'en')).toBe('on the last day of every month');
  });

  it('leaves a rule it cannot say as it is', () => {
    expect(describeRule('FREQ=YEARLY;BYMONTH=3', 'en')).toBe('FREQ=YEARLY;BYMONTH=3');
    expect(describeRule('FREQ=MONTHLY;BYDAY=1MO', 'zh-CN')).toBe('FREQ=MONTHLY;BYDAY=1MO');
  });
});

describe('describeActivity', () => {
  it('writes a routine’s creation with its rule in words, with no raw JSON left over', () => {
    const routine = entry({
      action: 'routine.created',
      objectType: 'routine',
      objectTitle: '周五增长例会与复盘',
      changes: { rule: 'FREQ=WEEKLY;BYDAY=FR', title: '周五增长例会与复盘', backfill: { created: 0 } },
    });
    expect(activitySentence(routine, 'zh-CN')).toBe('王磊 创建了例行任务「周五增长例会与复盘」，每周五');
    expect(describeActivity(routine, 'zh-CN').details).toEqual([]);
    const english = { ...routine, actorName: 'Wang Lei', objectTitle: 'Friday growth sync' };
    expect(activitySentence(english, 'en')).toBe(
      'Wang Lei created the routine “Friday growth sync” — every Friday',
    );
  });

  it('marks the actor and the object, so a page can link the object', () => {
    expect(describeActivity(entry({}), 'zh-CN').parts).toEqual([
      { kind: 'actor', text: '王磊' },
      { kind: 'text', text: ' 创建了任务' },
      { kind: 'object', text: '「周五增长例会与复盘」' },
    ]);
    expect(activitySentence(entry({ actorName: null }), 'en')).toBe(
      'The system created the task “周五增长例会与复盘”',
    );
  });

  it('spells out what changed with readable names and values', () => {
    const updated = entry({
      action: 'task.updated',
      changes: { status: 'done', dueDate: '2026-12-04', priority: 4, parentId: 'x', goalId: 'y' },
    });
    expect(describeActivity(updated, 'zh-CN')).toEqual({
      parts: [
        { kind: 'actor', text: '王磊' },
        { kind: 'text', text: ' 修改了任务' },
        { kind: 'object', text: '「周五增长例会与复盘」' },
      ],
      details: ['状态：已完成', '截止日期：2026年12月4日', '优先级：紧急'],
    });
    expect(describeActivity(updated, 'en').details).toEqual([
      'Status: Done',
      'Due date: Dec 4, 2026',
      'Priority: urgent',
    ]);
  });

  it('writes a role change from and to in words, and a goal’s snake_case fields too', () => {
    const member = entry({
      action: 'member.updated',
      objectType: 'member',
      objectTitle: '李娜',
      changes: { role: { from: 'member', to: 'manager' }, title: { from: null, to: '数据分析师' } },
    });
    expect(activitySentence(member, 'zh-CN')).toBe('王磊 修改了成员「李娜」的信息');
    expect(describeActivity(member, 'zh-CN').details).toEqual(['角色：成员 → 经理', '职务：无 → 数据分析师']);
    expect(describeActivity(member, 'en').details).toEqual([
      'Role: member → manager',
      'Job title: none → 数据分析师',
    ]);
    expect(
      describeChanges({ due_date: '2027-03-31', owner_id: 'u1' }, 'en', new Map([['u1', 'Li Na']])),
    ).toEqual(['Due date: Mar 31, 2027', 'Owner: Li Na']);
  });

  it('names the people whose RACI letters moved', () => {
    const people = new Map([
      ['u1', '王磊'],
      ['u2', '李娜'],
    ]);
    const roles = entry({
      action: 'task.roles_changed',
      changes: {
        before: [{ userId: 'u1', role: 'A' }],
        after: [
          { userId: 'u2', role: 'A' },
          { userId: 'u1', role: 'R' },
        ],
      },
    });
    expect(activitySentence(roles, 'zh-CN', people)).toBe('王磊 调整了任务「周五增长例会与复盘」的 RACI');
    expect(describeActivity(roles, 'zh-CN', people).details).toEqual(['R：无 → 王磊', 'A：王磊 → 李娜']);
  });

  it('writes a case’s steps with the step, the outcome and where it went', () => {
    const completed = entry({
      action: 'run.step_completed',
      objectType: 'run',
      objectTitle: '用户反馈：签到页打不开',
      changes: { subject: '用户反馈：签到页打不开', step: '收集反馈', outcome: '完成', next: '分析问题' },
    });
    expect(activitySentence(completed, 'zh-CN')).toBe(
      '王磊 完成了流程实例「用户反馈：签到页打不开」的步骤「收集反馈」（完成）',
    );
    expect(describeActivity(completed, 'zh-CN').details).toEqual(['转到「分析问题」']);
    expect(activitySentence({ ...completed, actorName: 'Wang Lei' }, 'en')).toBe(
      'Wang Lei completed the step “收集反馈” of the case “用户反馈：签到页打不开” (完成)',
    );
    const started = { ...completed, action: 'run.step_started', changes: { step: 'Collect feedback' } };
    expect(activitySentence(started, 'en')).toBe(
      '王磊 started the step “Collect feedback” of the case “用户反馈：签到页打不开”',
    );
  });

  it('writes KPI values and check-ins with their numbers and days', () => {
    const recorded = entry({
      action: 'measurements.recorded',
      objectType: 'kpi',
      objectTitle: '日活跃用户',
      changes: { key: 'dau', count: 3, from: '2026-11-01', to: '2026-11-03', source: 'manual' },
    });
    expect(activitySentence(recorded, 'zh-CN')).toBe(
      '王磊 录入了指标「日活跃用户」的 3 个数值（2026年11月1日 至 2026年11月3日）',
    );
    expect(activitySentence(recorded, 'en')).toBe(
      '王磊 entered 3 values of the KPI “日活跃用户” (Nov 1, 2026 to Nov 3, 2026)',
    );
    const joined = entry({ action: 'member.joined', objectType: 'member', changes: { role: 'manager' } });
    expect(activitySentence(joined, 'zh-CN')).toBe('王磊 以经理身份加入了工作区');
  });

  it('falls back on the verb and the object type for an action it has no sentence for', () => {
    const unknown = entry({
      action: 'chat_target.created',
      objectType: 'chat_target',
      objectTitle: '增长群',
    });
    expect(activitySentence(unknown, 'zh-CN')).toBe('王磊 创建了群机器人「增长群」');
    expect(activitySentence(unknown, 'en')).toBe('王磊 created the chat target “增长群”');
    expect(objectTypeName('api_token', 'zh-CN')).toBe('API 令牌');
    expect(objectTypeLabel('routine', 'en')).toBe('Routine');
    expect(objectTypeLabel('feedback_cluster', 'zh-CN')).toBe('共性问题');
  });
});

describe('the activity feed', () => {
  it('says meeting events, including the agenda the scheduler sent, in both languages', () => {
    const built = entry({
      action: 'meeting.agenda_built',
      objectType: 'meeting',
      objectTitle: '增长周会',
      changes: { items: 5 },
    });
    expect(activitySentence(built, 'zh-CN')).toBe('王磊 为会议「增长周会」生成了议程（5 项）');
    expect(activitySentence(built, 'en')).toBe('王磊 built the agenda of the meeting “增长周会” (5 items)');
    const auto = entry({
      action: 'meeting.agenda_auto_sent',
      objectType: 'meeting',
      actorName: null,
      objectTitle: 'Weekly ops sync',
      changes: { items: 3 },
    });
    expect(activitySentence(auto, 'en')).toBe(
      'The agenda of the meeting “Weekly ops sync” was built and sent to its attendees automatically (3 items)',
    );
    const action = entry({
      action: 'meeting.action_added',
      objectType: 'meeting',
      objectTitle: '增长周会',
      changes: { title: '整理流失用户名单' },
    });
    expect(activitySentence(action, 'zh-CN')).toBe(
      '王磊 在会议「增长周会」上记下了行动项「整理流失用户名单」',
    );
  });

  it('says training and review events in words, never their raw keys', () => {
    const attendance = entry({
      action: 'training_session.attendance_recorded',
      objectType: 'training_session',
      objectTitle: '数据分析入门 · 2026-11-20',
      changes: { attended: 4, passed: 3, levelsRaised: 2 },
    });
    expect(activitySentence(attendance, 'zh-CN')).toBe(
      '王磊 记录了培训「数据分析入门 · 2026-11-20」的出勤：4 人出席，3 人通过考核，2 项技能等级提升',
    );
    const target = entry({
      action: 'skill_target.updated',
      objectType: 'workspace',
      objectTitle: '用户运营组',
      changes: { roleTitle: '内容运营', skill: '数据分析', level: 4 },
    });
    expect(activitySentence(target, 'en')).toBe('王磊 set the target level of “数据分析” for 内容运营 to 4');
    expect(describeActivity(target, 'en').details).toEqual([]);
    const stage = entry({
      action: 'review_cycle.stage_changed',
      objectType: 'review_cycle',
      objectTitle: '2026 Q4',
      changes: { stage: { from: 'self', to: 'peer' } },
    });
    expect(activitySentence(stage, 'zh-CN')).toBe('王磊 把考核周期「2026 Q4」推进到同事评估阶段');
    expect(activitySentence(stage, 'en')).toBe('王磊 moved the review cycle “2026 Q4” on to peer review');
    expect(objectTypeLabel('training_session', 'en')).toBe('Training session');
    expect(objectTypeName('review_participant', 'zh-CN')).toBe('绩效评估');
  });

  it('writes a comment as a sentence naming what it is on', () => {
    const text = (locale: 'zh-CN' | 'en', targetType: string) =>
      describeComment({ actorName: '王磊', targetType, targetTitle: '竞品分析' }, locale)
        .map((part) => part.text)
        .join('');
    expect(text('zh-CN', 'task')).toBe('王磊 评论了任务「竞品分析」');
    expect(text('en', 'key_result')).toBe('王磊 commented on the key result “竞品分析”');
    expect(text('en', 'meeting')).toBe('王磊 commented on the meeting “竞品分析”');
    const parts = describeComment({ actorName: null, targetType: 'kpi', targetTitle: null }, 'en');
    expect(parts.map((part) => part.kind)).toEqual(['actor', 'text']);
  });

  it('sorts changes into created, updated and deleted and files goal comments with key results', () => {
    expect(changeKind('task.created')).toBe('created');
    expect(changeKind('meeting_series.deleted')).toBe('deleted');
    expect(changeKind('run.step_completed')).toBe('updated');
    expect(feedCommentTargets('goal')).toEqual(['goal', 'key_result']);
    expect(feedCommentTargets('meeting')).toEqual(['meeting']);
    expect(feedCommentTargets('routine')).toEqual([]);
  });
});
