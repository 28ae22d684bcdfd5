import { describe, expect, it } from 'vitest';
import {
  agendaTimes,
  isAgendaDue,
  upcomingSeriesDay,
  buildAgenda,
  checkSeriesRule,
  isActionOpen,
  mergeAgenda,
  minutesMarkdown,
  nextMeetingDay,
  type AgendaFacts,
} from './index.ts';
import { describeMeetingRule } from './chapter.ts';
import { buildPlanDocument } from '../plan/document/build.ts';
import { samplePlan } from '../plan/document/testing/sample.ts';

const EMPTY: AgendaFacts = {
  offTrackGoals: [],
  redKpis: [],
  overdueTasks: [],
  breachedSteps: [],
  bottlenecks: [],
  openActions: [],
};

function counter() {
  let next = 0;
  return () => `item-${(next += 1)}`;
}

describe('buildAgenda', () => {
  it('puts carried actions first, then each kind of live problem, each linked', () => {
    const agenda = buildAgenda(
      {
        ...EMPTY,
        offTrackGoals: [{ id: 'g1', title: '新用户留存', reason: '进度落后 20%' }],
        redKpis: [{ key: 'd7/retention', name: '7 日留存', value: '31%', period: '2026-W48' }],
        overdueTasks: [{ id: 't1', title: '上线新手引导', dueDate: '2026-11-30', owner: '王丽' }],
        breachedSteps: [{ runId: 'r1', process: '退款审批', subject: '订单 1001', step: '财务复核' }],
        bottlenecks: [{ processId: 'p1', process: '退款审批', step: '财务复核', reason: '等待最久' }],
        openActions: [{ taskId: 't9', title: '整理流失原因', owner: null, dueDate: '2026-12-01' }],
      },
      { base: '/w/ws', locale: 'zh-CN', newId: counter() },
    );
    expect(agenda.map((item) => [item.kind, item.source, item.link])).toEqual([
      ['action', 'carried', '/w/ws/tasks?task=t9'],
      ['goal', 'live', '/w/ws/goals/g1'],
      ['kpi', 'live', '/w/ws/kpis/d7%2Fretention'],
      ['task', 'live', '/w/ws/tasks?task=t1'],
      ['sla', 'live', '/w/ws/runs/r1'],
      ['bottleneck', 'live', '/w/ws/processes/p1'],
    ]);
    expect(agenda[0]?.title).toBe('未完成的行动项：整理流失原因');
    expect(agenda[0]?.detail).toBe('截止 2026-12-01 · 无负责人');
    expect(agenda[2]?.detail).toBe('2026-W48：31%');
  });

  it('lists an overdue task that is an open action once, as the action', () => {
    const agenda = buildAgenda(
      {
        ...EMPTY,
        overdueTasks: [{ id: 't9', title: '整理流失原因', dueDate: '2026-11-20', owner: null }],
        openActions: [{ taskId: 't9', title: '整理流失原因', owner: null, dueDate: '2026-11-20' }],
      },
      { base: '/w/ws', locale: 'zh-CN', newId: counter() },
    );
    expect(agenda.map((item) => item.kind)).toEqual(['action']);
  });

  it('speaks English and caps each kind', () => {
    const agenda = buildAgenda(
      {
        ...EMPTY,
        overdueTasks: Array.from({ length: 25 }, (_, index) => ({
          id: `t${index}`,
          title: `Task ${index}`,
          dueDate: '2026-11-01',
          owner: 'Li',
        })),
      },
      { base: '/w/ws', locale: 'en', newId: counter() },
    );
    expect(agenda).toHaveLength(10);
    expect(agenda[0]?.title).toBe('Overdue: Task 0');
  });

  it('keeps the topics people wrote when rebuilt, and replaces the rest', () => {
    const fresh = buildAgenda(
      { ...EMPTY, offTrackGoals: [{ id: 'g2', title: 'B', reason: null }] },
      { base: '/w/ws', locale: 'en', newId: counter() },
    );
    const merged = mergeAgenda(
      [
        { id: 'a', kind: 'goal', source: 'live', title: 'old', detail: null, link: null },
        { id: 'b', kind: 'topic', source: 'manual', title: 'Budget', detail: null, link: null },
      ],
      fresh,
    );
    expect(merged.map((item) => item.title)).toEqual(['Goal off track: B', 'Budget']);
  });
});

describe('series', () => {
  const weekly = { rule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2026-11-02' };

  it('finds the next Monday strictly after the last meeting', () => {
    expect(nextMeetingDay(weekly, null)).toBe('2026-11-02');
    expect(nextMeetingDay(weekly, '2026-11-02')).toBe('2026-11-09');
    expect(nextMeetingDay(weekly, '2026-11-04')).toBe('2026-11-09');
  });

  it('refuses rules the routines refuse', () => {
    expect(checkSeriesRule(weekly)).toBeNull();
    expect(checkSeriesRule({ rule: 'FREQ=HOURLY', startsOn: '2026-11-02' })).toMatch(/FREQ/);
    expect(checkSeriesRule({ rule: 'FREQ=WEEKLY\nDTSTART:19990101', startsOn: '2026-11-02' })).not.toBeNull();
  });

  it('ends when the series does', () => {
    expect(nextMeetingDay({ rule: 'FREQ=WEEKLY;COUNT=1', startsOn: '2026-11-02' }, '2026-11-02')).toBeNull();
  });
});

describe('minutes', () => {
  it('exports when, who, agenda, minutes, decisions and actions as Markdown', () => {
    const text = minutesMarkdown(
      {
        title: '运营周会',
        date: '2026-11-09',
        startTime: '10:00',
        attendees: ['王丽', '陈明'],
        agenda: [{ id: 'a', kind: 'topic', source: 'manual', title: '预算', detail: null, link: null }],
        minutes: '讨论了 **预算**。',
        decisions: ['预算上调 10%'],
        actions: [{ title: '更新 | 预算表', owner: '陈明', dueDate: '2026-11-16', status: 'todo' }],
      },
      'zh-CN',
    );
    expect(text).toContain('# 运营周会');
    expect(text).toContain('- 参会人: 王丽, 陈明');
    expect(text).toContain('1. 预算');
    expect(text).toContain('- 预算上调 10%');
    expect(text).toContain('| 1 | 更新 \\| 预算表 | 陈明 | 2026-11-16 | 待办 |');
  });

  it('treats done and cancelled tasks as closed actions', () => {
    expect(isActionOpen('todo')).toBe(true);
    expect(isActionOpen('blocked')).toBe(true);
    expect(isActionOpen('done')).toBe(false);
    expect(isActionOpen('cancelled')).toBe(false);
    expect(isActionOpen(null)).toBe(false);
  });
});

describe('the communication chapter', () => {
  it('writes the cadence, the channels and who is told what into chapter 7', () => {
    const plan = samplePlan();
    plan.sections = {
      communication: {
        meetings: [{ title: '运营周会', rule: 'FREQ=WEEKLY;BYDAY=MO', time: '10:00', attendees: [] }],
        channels: [{ name: '运营群', kind: 'dingtalk', events: ['task.overdue'], paused: true }],
      },
    };
    const document = buildPlanDocument(plan, null, { locale: 'zh-CN', now: Date.UTC(2026, 10, 26) });
    const chapter = document.chapters.find((item) => item.id === 'communication');
    expect(chapter?.isPlanned).toBe(true);
    const text = JSON.stringify(chapter?.blocks);
    expect(text).toContain('每周一');
    expect(text).toContain('运营群 （已停用）');
    expect(text).toContain('钉钉');
    expect(text).toContain('任务的 R 和 A');
  });

  it('says what is not planned when there are neither meetings nor chat groups', () => {
    const plan = samplePlan();
    plan.sections = {};
    const document = buildPlanDocument(plan, null, { locale: 'en', now: Date.UTC(2026, 10, 26) });
    const chapter = document.chapters.find((item) => item.id === 'communication');
    expect(chapter?.isPlanned).toBe(false);
    expect(describeMeetingRule('FREQ=WEEKLY;BYDAY=MO,TH', 'en')).toBe('Weekly on Mon, Thu');
    expect(describeMeetingRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'en')).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
    );
  });
});

describe('the agenda the scheduler sends', () => {
  // Asia/Shanghai: UTC+8 all year.
  const shanghai = (wallMs: number) => wallMs - 8 * 3_600_000;
  const meeting = {
    date: '2026-12-07',
    startTime: '10:00',
    status: 'planned',
    agendaSentAt: null,
    attendees: 3,
  };

  it('is due from 24 hours before the start until the start, in the team’s zone', () => {
    const { start, sendAt } = agendaTimes(meeting, shanghai);
    expect(new Date(start).toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(new Date(sendAt).toISOString()).toBe('2026-12-06T02:00:00.000Z');
    expect(isAgendaDue(meeting, sendAt - 1, shanghai)).toBe(false);
    expect(isAgendaDue(meeting, sendAt, shanghai)).toBe(true);
    expect(isAgendaDue(meeting, start - 1, shanghai)).toBe(true);
    expect(isAgendaDue(meeting, start, shanghai)).toBe(false);
  });

  it('is not sent twice, nor for a held meeting or one nobody attends', () => {
    const now = Date.UTC(2026, 11, 6, 12);
    expect(isAgendaDue({ ...meeting, agendaSentAt: now - 1000 }, now, shanghai)).toBe(false);
    expect(isAgendaDue({ ...meeting, status: 'held' }, now, shanghai)).toBe(false);
    expect(isAgendaDue({ ...meeting, attendees: 0 }, now, shanghai)).toBe(false);
  });

  it('makes the series’ next meeting from today on, once none lies ahead', () => {
    const weekly = { rule: 'FREQ=WEEKLY;BYDAY=MO', startsOn: '2026-11-02' };
    expect(upcomingSeriesDay(weekly, '2026-11-30', '2026-12-03')).toBe('2026-12-07');
    // Weeks nobody held are not made up.
    expect(upcomingSeriesDay(weekly, '2026-11-02', '2026-12-03')).toBe('2026-12-07');
    // Today's meeting counts as ahead; so does a Monday that is today when the latest was last week.
    expect(upcomingSeriesDay(weekly, '2026-12-07', '2026-12-07')).toBeNull();
    expect(upcomingSeriesDay(weekly, '2026-11-30', '2026-12-07')).toBe('2026-12-07');
    expect(upcomingSeriesDay(weekly, null, '2026-10-01')).toBe('2026-11-02');
  });
});
