import { describe, expect, it } from 'vitest';
import {
  achievementOf,
  actionCompletion,
  aggregateValues,
  nextWhy,
  normaliseCauses,
  normaliseTags,
  previousWindow,
  retroFigures,
  rootCause,
  similarLessons,
  type PastLesson,
} from './index.ts';

describe('retro figures', () => {
  it('reads a goal and its key results against their targets', () => {
    const figures = retroFigures({
      kind: 'goal',
      workspaceId: 'w1',
      goal: { id: 'g1', title: 'Grow', progress: 0.8 },
      keyResults: [
        {
          title: 'DAU',
          kpiKey: 'dau',
          unit: '人',
          baseline: 100,
          target: 200,
          current: 180,
          progress: 0.8,
          isDone: false,
        },
        {
          title: 'Launch',
          kpiKey: null,
          unit: null,
          baseline: null,
          target: null,
          current: null,
          progress: 1,
          isDone: true,
        },
      ],
    });
    expect(figures[0]).toMatchObject({
      kind: 'goal',
      actual: 80,
      target: 100,
      met: false,
      link: '/w/w1/goals/g1',
    });
    expect(figures[1]).toMatchObject({
      baseline: 100,
      target: 200,
      actual: 180,
      met: false,
      link: '/w/w1/kpis/dau',
    });
    expect(figures[2]).toMatchObject({ target: null, actual: null, met: true });
  });

  it('counts a milestone late by days and its breakdown done', () => {
    const [milestone, below] = retroFigures({
      kind: 'milestone',
      workspaceId: 'w1',
      task: { id: 't1', title: 'Go live', dueDate: '2026-03-01', finishedOn: '2026-03-04' },
      below: { total: 4, done: 3 },
    });
    expect(milestone).toMatchObject({ actual: 3, met: false });
    expect(below).toMatchObject({ actual: 3, target: 4, achievement: 0.75, met: false });
    const [onTime] = retroFigures({
      kind: 'milestone',
      workspaceId: 'w1',
      task: { id: 't1', title: 'Go live', dueDate: '2026-03-01', finishedOn: '2026-02-27' },
      below: { total: 0, done: 0 },
    });
    expect(onTime).toMatchObject({ actual: -2, met: true });
  });

  it('aggregates a KPI over the campaign window and compares it with the window before', () => {
    const figures = retroFigures({
      kind: 'window',
      workspaceId: 'w1',
      kpis: [
        {
          key: 'gmv',
          name: 'GMV',
          unit: '元',
          direction: 'higher',
          aggregation: 'sum',
          green: 100,
          periods: 3,
          during: [
            { period: '2026-11-11', value: 200 },
            { period: '2026-11-12', value: 150 },
          ],
          before: [{ period: '2026-11-09', value: 100 }],
        },
        {
          key: 'refund',
          name: 'Refund rate',
          unit: '%',
          direction: 'lower',
          aggregation: 'avg',
          green: 2,
          periods: 2,
          during: [
            { period: '2026-11-11', value: 3 },
            { period: '2026-11-12', value: 2 },
          ],
          before: [],
        },
      ],
      tasks: { total: 2, done: 2 },
    });
    expect(figures[0]).toMatchObject({
      actual: 350,
      baseline: 100,
      target: 300,
      met: true,
      achievement: 1.25,
    });
    expect(figures[1]).toMatchObject({ actual: 2.5, met: false });
    expect(figures[2]).toMatchObject({ kind: 'tasks', met: true });
  });

  it('reads SLA adherence of a process version', () => {
    const figures = retroFigures({
      kind: 'process',
      workspaceId: 'w1',
      processId: 'p1',
      runs: { total: 10, completed: 8 },
      medianLeadTimeHours: 30.26,
      slaVisits: 20,
      slaBreached: 5,
    });
    expect(figures.map((figure) => figure.actual)).toEqual([8, 30.3, 75]);
    expect(figures[2]?.met).toBe(false);
  });

  it('aggregates and measures achievement', () => {
    const values = [
      { period: '2026-01-02', value: 5 },
      { period: '2026-01-01', value: 9 },
    ];
    expect(aggregateValues(values, 'last')).toBe(5);
    expect(aggregateValues(values, 'max')).toBe(9);
    expect(aggregateValues([], 'sum')).toBeNull();
    expect(achievementOf(10, 20, 15)).toBe(0.5);
    expect(achievementOf(10, 5, 7.5)).toBe(0.5);
    expect(achievementOf(null, null, 3)).toBeNull();
    expect(previousWindow('2026-11-10', '2026-11-12')).toEqual({ start: '2026-11-07', end: '2026-11-09' });
  });
});

describe('5 whys', () => {
  it('asks about the latest answer until five, or until the chain repeats itself', () => {
    expect(nextWhy({ problem: '转化低', whys: [] })).toEqual({ ask: '转化低', step: 1 });
    expect(nextWhy({ problem: '转化低', whys: ['落地页慢'] })).toEqual({ ask: '落地页慢', step: 2 });
    expect(nextWhy({ problem: 'a', whys: ['b', 'c', 'd', 'e', 'f'] })).toBeNull();
    expect(nextWhy({ problem: 'a', whys: ['b', 'a'] })).toBeNull();
    expect(nextWhy({ problem: ' ', whys: [] })).toBeNull();
  });

  it('stores clean chains and names the root cause', () => {
    const [cause] = normaliseCauses([
      { problem: ' 转化低 ', whys: ['落地页慢', ' ', '图片未压缩', '1', '2', '3', '4'] },
      { problem: '', whys: ['x'] },
    ]);
    expect(cause).toEqual({ problem: '转化低', whys: ['落地页慢', '图片未压缩', '1', '2', '3'] });
    expect(rootCause(cause ?? { problem: '', whys: [] })).toBe('3');
    expect(rootCause({ problem: 'p', whys: [] })).toBe('p');
  });
});

describe('lessons and actions', () => {
  it('normalises tags', () => {
    expect(normaliseTags(['#Onboarding', ' onboarding', '＃活动', '', 'x'.repeat(41)])).toEqual([
      'onboarding',
      '活动',
    ]);
  });

  it('counts completion without cancelled or deleted tasks', () => {
    expect(actionCompletion(['done', 'todo', 'cancelled', null, 'in_progress'])).toEqual({
      total: 3,
      done: 1,
      percent: 33,
    });
    expect(actionCompletion([])).toEqual({ total: 0, done: 0, percent: null });
  });

  it('suggests lessons of the same subject first, then shared tags, then similar titles', () => {
    const lesson = (id: string, extra: Partial<PastLesson>): PastLesson => ({
      lessonId: id,
      retroId: `r-${id}`,
      retroTitle: 'Q3',
      subjectType: 'goal',
      subjectId: 'other',
      text: 'something',
      tags: [],
      createdAt: 1,
      ...extra,
    });
    const suggestions = similarLessons(
      { subjectType: 'process', subjectId: 'p1', title: '双十一大促复盘', tags: ['大促'] },
      [
        lesson('a', { subjectType: 'process', subjectId: 'p1' }),
        lesson('b', { tags: ['大促'] }),
        lesson('c', { retroTitle: '618 大促复盘' }),
        lesson('d', {}),
        lesson('e', { subjectType: 'process', subjectId: 'p1', retroId: 'mine' }),
      ],
      { excludeRetroId: 'mine' },
    );
    expect(suggestions.map((item) => [item.lessonId, item.reason])).toEqual([
      ['a', 'same_subject'],
      ['b', 'shared_tags'],
      ['c', 'similar_title'],
    ]);
  });
});

describe('chapter 6', () => {
  it('prints the cadence, the 复盘 held, tagged lessons and the actions’ completion, or nothing without any', async () => {
    const { retrosImprovementChapter, readImprovementSection } = await import('./chapter.ts');
    const context = {
      locale: 'en' as const,
      number: '6',
      personName: (email: string) => email,
    } as unknown as Parameters<typeof retrosImprovementChapter.build>[2];
    const plan = {
      sections: {
        improvement: {
          retros: [{ title: 'Campaign', subject: 'campaign', status: 'done', actionsDone: 1, actions: 3 }],
          lessons: [{ text: 'Plan the rota', tags: ['support'] }, { nope: 1 }],
          actions: { total: 4, done: 1, open: 3, overdue: 1 },
        },
      },
    } as unknown as Parameters<typeof retrosImprovementChapter.build>[0];
    const blocks = retrosImprovementChapter.build(plan, {} as never, context) ?? [];
    expect(JSON.stringify(blocks)).toContain('"Campaign","Campaign","Done","1/3"');
    expect(JSON.stringify(blocks)).toContain('Plan the rota (#support)');
    expect(JSON.stringify(blocks)).toContain('"value":"25%"');
    expect(retrosImprovementChapter.build({} as never, {} as never, context)).toBeNull();
    expect(readImprovementSection('junk').retros).toEqual([]);
  });
});
