import { describe, expect, it } from 'vitest';
import type { Plan } from '../model.ts';
import { buildPlanDocument } from './build.ts';
import { PLAN_CHAPTERS } from './chapters/index.ts';
import { genericSectionBlocks } from './chapters/sections.ts';
import { DOCUMENT_LABELS } from './labels.ts';
import type { Block, DocumentChapter, PlanDocument } from './types.ts';
import { sampleObservations, samplePlan } from './testing/sample.ts';

const NOW = Date.parse('2026-01-20T02:00:00Z');

function chapter(document: PlanDocument, id: string): DocumentChapter {
  const found = document.chapters.find((item) => item.id === id);
  if (!found) throw new Error(`no chapter ${id}`);
  return found;
}

function blocksOf<K extends Block['kind']>(item: DocumentChapter, kind: K): Extract<Block, { kind: K }>[] {
  return item.blocks.filter((block): block is Extract<Block, { kind: K }> => block.kind === kind);
}

function emptyPlan(): Plan {
  return {
    version: 1,
    name: 'Empty',
    locale: 'en',
    people: [],
    kpis: [],
    goals: [],
    tasks: [],
    processes: [],
    routines: [],
  };
}

describe('buildPlanDocument', () => {
  it('writes the ten chapters in order, titled in the chosen language', () => {
    const zh = buildPlanDocument(samplePlan(), sampleObservations(), { locale: 'zh-CN', now: NOW });
    expect(zh.chapters.map((item) => `${item.number} ${item.title}`)).toEqual([
      '1 目标',
      '2 任务分解与责任分配',
      '3 时间安排',
      '4 流程设计',
      '5 KPI 与绩效评估',
      '6 持续优化',
      '7 团队沟通',
      '8 培训与发展',
      '9 市场调研',
      '10 用户反馈',
    ]);
    const en = buildPlanDocument(samplePlan(), sampleObservations(), { locale: 'en', now: NOW });
    expect(en.chapters.map((item) => item.title)).toContain('Work breakdown and responsibilities');
    expect(en.cover.facts.map((fact) => fact.value)).toContain('2026-01-20 10:00 (Asia/Shanghai)');
    expect(zh.cover.facts).toContainEqual({ label: '范围', value: '整个工作区' });
  });

  it('gives each goal its SMART verdict and key results with baseline, target and latest value', () => {
    const document = buildPlanDocument(samplePlan(), sampleObservations(), { locale: 'zh-CN', now: NOW });
    const goals = chapter(document, 'goals');
    expect(blocksOf(goals, 'heading').map((block) => block.text)).toEqual([
      '1.1 在三个月内将用户增长率提升20%',
      '1.2 两个月内把反馈回复时长降到24小时以内',
    ]);
    const smart = blocksOf(goals, 'table').find((table) => table.caption?.startsWith('SMART'));
    expect(smart?.rows.map((row) => row[0])).toEqual(['具体', '可衡量', '可实现', '相关', '有时限']);
    expect(smart?.rows[4]?.[1]).toBe('通过');
    const keyResults = blocksOf(goals, 'table').find((table) => table.caption === '关键结果');
    expect(keyResults?.rows[0]).toEqual(['月度用户增长率达到 20%', '用户增长率 (%)', 12, 20, 14.5, 2]);
    expect(blocksOf(goals, 'keyValue')[0]?.items).toContainEqual({ label: '进度', value: '31%' });
  });

  it('names a sub-goal’s parent by its title and prints a goal’s Markdown description as plain text', () => {
    const plan = samplePlan();
    const [top, sub] = plan.goals;
    if (!top || !sub) throw new Error('sample goals');
    top.description = 'The **core** goal: see [the board](https://example.com/board) and `DAU`.';
    const document = buildPlanDocument(plan, sampleObservations(), { locale: 'en', now: NOW });
    const goals = chapter(document, 'goals');
    expect(blocksOf(goals, 'paragraph').map((block) => block.text)).toContain(
      'The core goal: see the board and DAU.',
    );
    const smartOfSub = blocksOf(goals, 'table').filter((table) => table.caption?.startsWith('SMART'))[1];
    const relevance = String(smartOfSub?.rows[3]?.[2] ?? '');
    expect(relevance).toContain(top.title);
    expect(relevance).not.toContain(`“${top.key}”`);
  });

  it('leaves the goal column out of the WBS when the tasks serve one goal, naming it above', () => {
    const plan = samplePlan();
    plan.tasks = plan.tasks.filter((task) => task.goal !== 'feedback');
    const document = buildPlanDocument(plan, null, { locale: 'en', now: NOW });
    const work = chapter(document, 'work');
    const [wbs] = blocksOf(work, 'table');
    expect(wbs?.columns.map((column) => column.label)).not.toContain('Goal');
    expect(wbs?.rows.every((row) => row.length === wbs.columns.length)).toBe(true);
    const title = plan.goals.find((goal) => goal.key === 'growth')?.title ?? '';
    expect(blocksOf(work, 'paragraph').map((block) => block.text)).toContain(
      `The tasks that serve a goal all serve “${title}”.`,
    );
    const both = chapter(buildPlanDocument(samplePlan(), null, { locale: 'en', now: NOW }), 'work');
    expect(blocksOf(both, 'table')[0]?.columns.map((column) => column.label)).toContain('Goal');
  });

  it('numbers the WBS, draws the RACI matrix and names its gaps with people’s names', () => {
    const document = buildPlanDocument(samplePlan(), null, { locale: 'zh-CN', now: NOW });
    const work = chapter(document, 'work');
    const [wbs, raci] = blocksOf(work, 'table');
    expect(wbs?.rows.map((row) => row[0])).toEqual(['1', '1.1', '2', '3', '4', '5', '6']);
    expect(wbs?.rows[0]?.[1]).toBe('完成市场调研 ◆ 里程碑');
    expect(raci?.columns.map((column) => column.label)).toEqual([
      '编号',
      '任务',
      '李娜',
      '王磊',
      '张伟',
      '陈静',
    ]);
    expect(raci?.rows.find((row) => row[0] === '6')).toEqual([
      '6',
      '编写反馈处理规范',
      null,
      null,
      null,
      'R/A',
    ]);
    const gaps = blocksOf(work, 'list')[0]?.items ?? [];
    expect(gaps).toContain('3 制作推广内容: 没有负责人（A），请指定且仅指定一人。');
  });

  it('schedules by the critical path and marks it in the timeline', () => {
    const document = buildPlanDocument(samplePlan(), null, { locale: 'en', now: NOW });
    const schedule = chapter(document, 'schedule');
    const critical = blocksOf(schedule, 'table')[1];
    // The chain ends at the milestone that closes it.
    expect(critical?.rows.map((row) => row[0])).toEqual([
      '2 制定拉新活动方案',
      '3 制作推广内容',
      '4 上线拉新活动',
      '5 活动上线',
    ]);
    const figure = blocksOf(schedule, 'figure')[0];
    if (figure?.chart.type !== 'timeline') throw new Error('no timeline');
    expect(figure.chart.items.filter((item) => item.isCritical).map((item) => item.label)).toEqual([
      '2 制定拉新活动方案',
      '3 制作推广内容',
      '4 上线拉新活动',
      '5 活动上线',
    ]);
    expect(figure.chart.items.find((item) => item.isMilestone)?.label).toBe('1 完成市场调研');
    const buffers = blocksOf(schedule, 'table')[2];
    expect(buffers?.rows).toEqual([['2 制定拉新活动方案', 2, '2026-01-21']]);
  });

  it('says how often each routine repeats in words, in the document language', () => {
    const plan: Plan = {
      ...samplePlan(),
      routines: [
        {
          key: 'r1',
          title: 'Daily data check',
          rule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
          startsOn: '2026-01-19',
        },
        { key: 'r2', title: 'Weekly report', rule: 'FREQ=WEEKLY;BYDAY=FR', startsOn: '2026-01-19' },
        { key: 'r3', title: 'Odd one', rule: 'FREQ=YEARLY;BYMONTH=3', startsOn: '2026-01-19' },
      ],
    };
    const rules = (locale: 'zh-CN' | 'en') => {
      const schedule = chapter(buildPlanDocument(plan, null, { locale, now: NOW }), 'schedule');
      const routines = blocksOf(schedule, 'table').find((table) => table.rows[0]?.[0] === 'Daily data check');
      return routines?.rows.map((row) => row[1]);
    };
    expect(rules('zh-CN')).toEqual(['每个工作日（周一至周五）', '每周五', 'FREQ=YEARLY;BYMONTH=3']);
    expect(rules('en')).toEqual([
      'Every working day (Mon–Fri)',
      'Every week on Fri',
      'FREQ=YEARLY;BYMONTH=3',
    ]);
  });

  it('draws each process with owners and SLAs and flags the measured bottleneck', () => {
    const document = buildPlanDocument(samplePlan(), sampleObservations(), { locale: 'zh-CN', now: NOW });
    const processes = chapter(document, 'processes');
    const steps = blocksOf(processes, 'table')[0];
    expect(steps?.rows[0]).toEqual([1, '收集反馈', '任务', '角色：成员', '4 小时', '记录渠道; 记录联系方式']);
    expect(steps?.rows[3]?.[3]).toBe('技能：产品');
    const figure = blocksOf(processes, 'figure')[0];
    if (figure?.chart.type !== 'flow') throw new Error('no flow');
    expect(figure.chart.nodes.filter((node) => node.isBottleneck).map((node) => node.id)).toEqual([
      'analyse',
    ]);
    expect(figure.chart.edges).toContainEqual({ from: 'decide', to: 'reply', label: '不需要' });
    expect(blocksOf(processes, 'note').map((note) => note.text)).toContain(
      '瓶颈：分析问题（中位等待 9.5 小时，超过 SLA）',
    );
  });

  it('lists KPIs with the key results’ targets, thresholds and latest values, and a chart per key KPI', () => {
    const document = buildPlanDocument(samplePlan(), sampleObservations(), { locale: 'en', now: NOW });
    const kpis = chapter(document, 'kpis');
    const table = blocksOf(kpis, 'table')[0];
    expect(table?.rows[2]).toEqual([
      '反馈回复时长',
      'h',
      'Lower is better',
      24,
      24,
      48,
      30,
      '2025-12-22',
      'Amber',
      '陈静',
    ]);
    const charts = blocksOf(kpis, 'figure');
    expect(charts).toHaveLength(3);
    const first = charts[0]?.chart;
    expect(first?.type === 'kpi' && [first.name, first.target]).toEqual(['新增注册用户', 2500]);
    expect(blocksOf(kpis, 'keyValue')[0]?.items).toContainEqual({
      label: 'Retrospective',
      value: 'After each milestone',
    });
  });

  it('keeps every chapter of an empty plan and says in its language what is not planned yet', () => {
    const en = buildPlanDocument(emptyPlan(), null, { locale: 'en', now: NOW });
    expect(en.chapters).toHaveLength(10);
    for (const item of en.chapters) {
      expect(item.isPlanned).toBe(false);
      expect(item.blocks[0]).toMatchObject({ kind: 'note', tone: 'empty' });
      expect((item.blocks[0] as { text: string }).text).toMatch(/^This chapter is not planned yet\./);
    }
    const zh = buildPlanDocument(emptyPlan(), null, { locale: 'zh-CN', now: NOW });
    expect(chapter(zh, 'training').blocks[0]).toMatchObject({
      text: expect.stringMatching(/^本章尚未规划。此处将列出培训计划/),
    });
  });

  it('writes a stored section generically (its lists, and its objects as a table) where no module reads it', () => {
    const blocks = genericSectionBlocks(samplePlan().sections?.training ?? {});
    const generic = { blocks } as DocumentChapter;
    expect(blocksOf(generic, 'list')[0]?.items).toEqual(['用户访谈', '竞品分析', '问卷调查']);
    expect(blocksOf(generic, 'table')[0]?.rows[0]).toEqual(['调研报告', '李娜', '2026-01-16']);
    const document = buildPlanDocument(samplePlan(), null, { locale: 'zh-CN', now: NOW });
    expect(chapter(document, 'improvement').isPlanned).toBe(false);
  });

  it('writes chapter 9 from the surveys and competitors and chapter 10 from the feedback loop, in both languages', () => {
    const zh = buildPlanDocument(samplePlan(), sampleObservations(), { locale: 'zh-CN', now: NOW });
    const research = chapter(zh, 'research');
    expect(research.isPlanned).toBe(true);
    expect(blocksOf(research, 'heading').map((block) => block.text)).toEqual([
      '9.1 问卷调研',
      '9.2 竞品跟踪',
      '9.2.1 快购商城',
    ]);
    expect(blocksOf(research, 'table')[0]?.rows[0]).toEqual([
      '用户推荐意愿（NPS）季度调研',
      '收集中',
      2,
      254,
      21,
      '+13',
    ]);
    const trend = blocksOf(research, 'figure')[0]?.chart;
    expect(trend?.type === 'kpi' && trend.points).toEqual([
      { period: '2025 Q3', value: 8 },
      { period: '2025 Q4', value: 21 },
    ]);
    const tables = blocksOf(research, 'table');
    // The SWOT as a 2×2: strengths beside weaknesses, opportunities beside threats; empty quadrants say so.
    expect(tables[2]?.rows).toEqual([['• 次日达', '• 价格偏高']]);
    expect(tables[3]?.rows).toEqual([['—', '• 免运费门槛下调']]);
    // Newest first, with the work each triggered.
    expect(tables[4]?.rows.map((row) => [row[0], row[3]])).toEqual([
      ['2025-12-02', null],
      ['2025-11-20', '任务：评估运费门槛'],
    ]);

    const feedback = chapter(zh, 'feedback');
    expect(blocksOf(feedback, 'heading').map((block) => block.text)).toEqual([
      '10.1 反馈收集渠道',
      '10.2 共性问题',
      '10.3 满意度（CSAT）',
      '10.4 反馈处理流程与时限',
    ]);
    const [channels, issues, byCategory, steps] = blocksOf(feedback, 'table');
    expect(channels?.rows[0]).toEqual(['反馈门户（公开页面，免登录提交和投票）', 40, 12]);
    expect(issues?.rows[0]).toEqual(['物流太慢\n物流、配送', 18, 6, 30, '7 / 3 ↑', '▁▃▃▅▆█▆█', '3.4']);
    expect(byCategory?.rows).toEqual([['物流', 12, '3.8']]);
    expect(steps?.rows[0]?.slice(0, 3)).toEqual(['收集反馈', expect.any(String), expect.any(Number)]);
    // A start step someone works (the template's 收集反馈, with an owner and an SLA) is a row of its own.
    const worked = samplePlan();
    const flow = worked.processes.find((candidate) => candidate.key === 'feedback');
    if (flow?.steps[0]) Object.assign(flow.steps[0], { owner: 'role:member', slaHours: 2 });
    const workedSteps = blocksOf(
      chapter(buildPlanDocument(worked, sampleObservations(), { locale: 'zh-CN', now: NOW }), 'feedback'),
      'table',
    )[3];
    expect(workedSteps?.rows.map((row) => row[0])).toEqual([
      '开始',
      ...(steps?.rows.map((row) => row[0]) ?? []),
    ]);
    expect(blocksOf(feedback, 'keyValue')[0]?.items).toContainEqual({
      label: '满意率（4–5 分）',
      value: '80%',
    });

    const en = buildPlanDocument(samplePlan(), sampleObservations(), { locale: 'en', now: NOW });
    expect(blocksOf(chapter(en, 'research'), 'heading')[1]?.text).toBe('9.2 Competitors');
    expect(blocksOf(chapter(en, 'feedback'), 'list')[0]?.items.at(-1)).toBe(
      'A rating of 2 or less sends the item back to triage',
    );
  });

  it('lets a module replace a chapter of the registry by its id, keeping the order', () => {
    const own = {
      id: 'training',
      order: 80,
      title: () => 'Training plan',
      notPlanned: () => 'nothing',
      build: () => [{ kind: 'paragraph' as const, text: 'Onboarding in week one.' }],
    };
    const document = buildPlanDocument(emptyPlan(), null, {
      locale: 'en',
      now: NOW,
      chapters: [...PLAN_CHAPTERS, own],
    });
    expect(document.chapters).toHaveLength(10);
    expect(document.chapters[7]).toMatchObject({ number: 8, title: 'Training plan', isPlanned: true });
  });

  it('has every label in both languages', () => {
    expect(Object.keys(DOCUMENT_LABELS['zh-CN']).sort()).toEqual(Object.keys(DOCUMENT_LABELS.en).sort());
  });
});
