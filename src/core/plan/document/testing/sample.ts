import type { Plan, PlanObservations } from '../../model.ts';

/** A small user-growth plan with every part a document shows, for tests of the document and its renderers. */
export function samplePlan(): Plan {
  const lead = 'lead@example.com';
  const analyst = 'analyst@example.com';
  const writer = 'writer@example.com';
  const ops = 'ops@example.com';
  return {
    version: 1,
    name: '用户增长运营团队',
    locale: 'zh-CN',
    timezone: 'Asia/Shanghai',
    people: [
      { email: lead, name: '王磊', role: 'manager', title: '运营负责人' },
      { email: analyst, name: '李娜', role: 'member', title: '数据分析' },
      { email: writer, name: '张伟', role: 'member', title: '内容运营' },
      { email: ops, name: '陈静', role: 'member', title: '用户运营' },
    ],
    kpis: [
      {
        key: 'signups',
        name: '新增注册用户',
        unit: '人',
        direction: 'higher',
        aggregation: 'sum',
        frequency: 'week',
        owner: analyst,
        green: 2500,
        amber: 2000,
      },
      {
        key: 'growth_rate',
        name: '用户增长率',
        unit: '%',
        direction: 'higher',
        aggregation: 'last',
        frequency: 'month',
        owner: lead,
        green: 20,
        amber: 15,
      },
      {
        key: 'reply_hours',
        name: '反馈回复时长',
        unit: 'h',
        direction: 'lower',
        aggregation: 'avg',
        frequency: 'week',
        owner: ops,
        green: 24,
        amber: 48,
      },
    ],
    goals: [
      {
        key: 'growth',
        title: '在三个月内将用户增长率提升20%',
        owner: lead,
        start: '2026-01-05',
        due: '2026-04-03',
        status: 'active',
        keyResults: [
          { title: '月度用户增长率达到 20%', kpi: 'growth_rate', baseline: 12, target: 20, weight: 2 },
          { title: '新增注册用户每周 2,500 人', kpi: 'signups', baseline: 1600, target: 2500, weight: 1 },
        ],
      },
      {
        key: 'feedback',
        title: '两个月内把反馈回复时长降到24小时以内',
        parent: 'growth',
        owner: ops,
        start: '2026-01-05',
        due: '2026-03-06',
        keyResults: [
          { title: '反馈平均回复时长 ≤ 24 小时', kpi: 'reply_hours', baseline: 60, target: 24 },
          { title: '发布反馈处理规范', done: false },
        ],
      },
    ],
    tasks: [
      {
        key: 'm1',
        title: '完成市场调研',
        milestone: true,
        goal: 'growth',
        due: '2026-01-16',
        raci: { accountable: [lead] },
        dependsOn: [{ task: 'research' }],
      },
      {
        key: 'research',
        title: '市场调研与用户访谈',
        parent: 'm1',
        goal: 'growth',
        start: '2026-01-05',
        due: '2026-01-16',
        estimateHours: 60,
        status: 'done',
        raci: { accountable: [lead], responsible: [analyst], informed: [writer] },
      },
      {
        key: 'plan',
        title: '制定拉新活动方案',
        goal: 'growth',
        estimateHours: 24,
        dependsOn: [{ task: 'm1' }],
        bufferDays: 2,
        raci: { accountable: [lead], responsible: [ops], consulted: [analyst] },
      },
      {
        key: 'content',
        title: '制作推广内容',
        goal: 'growth',
        estimateHours: 40,
        dependsOn: [{ task: 'plan' }],
        raci: { responsible: [writer] },
      },
      {
        key: 'launch',
        title: '上线拉新活动',
        goal: 'growth',
        estimateHours: 16,
        dependsOn: [{ task: 'content' }],
        raci: { accountable: [lead], responsible: [ops, writer] },
      },
      {
        key: 'm2',
        title: '活动上线',
        milestone: true,
        goal: 'growth',
        due: '2026-02-20',
        dependsOn: [{ task: 'launch' }],
        raci: { accountable: [lead] },
      },
      {
        key: 'sop',
        title: '编写反馈处理规范',
        goal: 'feedback',
        estimateHours: 12,
        raci: { accountable: [ops], responsible: [ops] },
      },
    ],
    processes: [
      {
        key: 'feedback',
        name: '用户反馈处理流程',
        description: '收集反馈 → 分析问题 → 制定解决方案 → 反馈用户',
        owner: ops,
        steps: [
          {
            key: 'start',
            name: '开始',
            kind: 'start',
            outcomes: [{ key: 'go', label: '开始', next: 'collect' }],
          },
          {
            key: 'collect',
            name: '收集反馈',
            kind: 'task',
            owner: 'role:member',
            slaHours: 4,
            checklist: ['记录渠道', '记录联系方式'],
            outcomes: [{ key: 'done', label: '完成', next: 'analyse' }],
          },
          {
            key: 'analyse',
            name: '分析问题',
            kind: 'task',
            owner: analyst,
            slaHours: 8,
            outcomes: [{ key: 'done', label: '完成', next: 'decide' }],
          },
          {
            key: 'decide',
            name: '是否需要产品改动',
            kind: 'decision',
            owner: lead,
            slaHours: 4,
            outcomes: [
              { key: 'yes', label: '需要', next: 'solve' },
              { key: 'no', label: '不需要', next: 'reply' },
            ],
          },
          {
            key: 'solve',
            name: '制定解决方案',
            kind: 'task',
            owner: 'skill:产品',
            slaHours: 16,
            outcomes: [{ key: 'done', label: '完成', next: 'reply' }],
          },
          {
            key: 'reply',
            name: '反馈用户',
            kind: 'task',
            owner: ops,
            slaHours: 4,
            outcomes: [{ key: 'done', label: '完成', next: 'end' }],
          },
          { key: 'end', name: '结束', kind: 'end' },
        ],
      },
    ],
    routines: [
      {
        key: 'daily-check',
        title: '每日数据检查',
        rule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
        startsOn: '2026-01-05',
        raci: { accountable: [analyst] },
      },
      {
        key: 'weekly-report',
        title: '周报',
        rule: 'FREQ=WEEKLY;BYDAY=FR',
        startsOn: '2026-01-09',
        raci: { accountable: [lead] },
      },
    ],
    cadence: {
      checkIns: 'weekly',
      kpiReview: 'weekly',
      performanceReview: 'quarterly',
      retrospective: 'per_milestone',
    },
    sections: {
      training: {
        deadline: '2026-01-16',
        methods: ['用户访谈', '竞品分析', '问卷调查'],
        deliverables: [
          { name: '调研报告', owner: '李娜', due: '2026-01-16' },
          { name: '用户画像', owner: '张伟', due: '2026-01-14' },
        ],
      },
      research: {
        surveys: [
          {
            title: '用户推荐意愿（NPS）季度调研',
            status: 'open',
            waves: [
              { number: 1, label: '2025 Q3', responses: 120, nps: 8 },
              { number: 2, label: '2025 Q4', responses: 134, nps: 21 },
            ],
          },
        ],
        competitors: [
          {
            name: '快购商城',
            website: 'https://quickcart.example.com',
            swot: { strengths: ['次日达'], weaknesses: ['价格偏高'], threats: ['免运费门槛下调'] },
            observations: [
              {
                date: '2025-11-20',
                category: 'pricing',
                title: '免运费门槛降到 39 元',
                task: '评估运费门槛',
              },
              {
                date: '2025-12-02',
                category: 'campaign',
                title: '新人 0 元购',
                source: 'https://quickcart.example.com/new',
              },
            ],
          },
        ],
      },
      feedback: {
        channels: [
          { channel: 'portal', items: 40, open: 12 },
          { channel: 'app_store', items: 25, open: 9 },
        ],
        issues: [
          {
            label: '物流太慢',
            terms: ['物流', '配送'],
            items: 18,
            open: 6,
            votes: 30,
            recent: 7,
            previous: 3,
            weekly: [0, 1, 1, 2, 3, 4, 3, 4],
            csat: 3.4,
          },
        ],
        csat: {
          count: 20,
          average: 4.1,
          satisfied: 0.8,
          byCategory: [{ category: '物流', count: 12, average: 3.8 }],
        },
        loop: { process: 'feedback', lowRating: 2 },
      },
    },
  };
}

/** What a workspace measured beside the sample plan. */
export function sampleObservations(): PlanObservations {
  const weeks = [
    '2025-11-03',
    '2025-11-10',
    '2025-11-17',
    '2025-11-24',
    '2025-12-01',
    '2025-12-08',
    '2025-12-15',
    '2025-12-22',
  ];
  return {
    at: Date.parse('2026-01-20T02:00:00Z'),
    kpis: {
      signups: {
        lastValue: 2140,
        lastPeriod: '2025-12-22',
        status: 'amber',
        series: weeks.map((period, index) => ({ period, value: 1600 + index * 80 })),
      },
      growth_rate: {
        lastValue: 14.5,
        lastPeriod: '2025-12-01',
        status: 'red',
        series: [
          { period: '2025-10-01', value: 12 },
          { period: '2025-11-01', value: 13.2 },
          { period: '2025-12-01', value: 14.5 },
        ],
      },
      reply_hours: {
        lastValue: 30,
        lastPeriod: '2025-12-22',
        status: 'amber',
        series: weeks.map((period, index) => ({ period, value: 60 - index * 4 })),
      },
    },
    goals: {
      growth: {
        progress: 0.31,
        projectedProgress: 0.85,
        health: 'at_risk',
        healthReason: '按当前趋势，截止时可达到目标的 85%。',
      },
      feedback: { progress: 0.83, projectedProgress: 1, health: 'on_track', healthReason: null },
    },
    processes: {
      feedback: {
        cases: 120,
        medianLeadHours: 26.5,
        bottleneck: { step: 'analyse', reason: '中位等待 9.5 小时，超过 SLA' },
        steps: [
          { step: 'collect', medianWaitHours: 0.5, medianWorkHours: 1.2, breachRate: 0.02 },
          { step: 'analyse', medianWaitHours: 9.5, medianWorkHours: 3, breachRate: 0.35 },
          { step: 'reply', medianWaitHours: 1, medianWorkHours: 0.5, breachRate: 0.05 },
        ],
      },
    },
  };
}
