/**
 * Five ready plans an operations team starts from — user growth, e-commerce store, content, community and a
 * product launch — each in zh-CN and en. A template is written once with both languages side by side and
 * days counted from the start; `instantiateTemplate` fills in the start date, the people for each role and
 * the target numbers, giving a complete Plan that lints clean.
 */
import { addDays } from '../../kpis/periods.ts';
import type { Locale } from '../../i18n/index.ts';
import type { Plan, PlanKpi, PlanProcessStep, PlanRaci, PlanTask } from '../model.ts';

type Text = { zh: string; en: string };
type Role = {
  key: string;
  name: Text;
  title: Text;
  role: 'manager' | 'member';
  skills: Record<string, number>;
};
type KpiSpec = Omit<PlanKpi, 'name' | 'unit' | 'owner'> & { name: Text; unit: Text; owner: string };
type KeyResultSpec = { title: Text; kpi: string; baseline: number; target: number };
type TaskSpec = {
  key: string;
  title: Text;
  /** Days after the start; a milestone's span covers its tasks. */
  from: number;
  to: number;
  hours?: number;
  after?: string[];
  /** Role keys: responsible, accountable, consulted, informed. */
  r?: string[];
  a: string;
  c?: string[];
  i?: string[];
  children?: TaskSpec[];
};
type StepSpec = { key: string; name: Text; owner: string; sla: number };

export type PlanTemplate = {
  key: 'user-growth' | 'ecommerce' | 'content' | 'community' | 'launch';
  name: Text;
  description: Text;
  roles: Role[];
  kpis: KpiSpec[];
  goal: { title: Text; days: number; keyResults: KeyResultSpec[] };
  tasks: TaskSpec[];
  process: { key: string; name: Text; steps: StepSpec[] };
};

const text = (value: Text, locale: Locale) => (locale === 'en' ? value.en : value.zh);

const LEAD: Role = {
  key: 'lead',
  name: { zh: '运营负责人', en: 'Operations lead' },
  title: { zh: '运营负责人', en: 'Operations lead' },
  role: 'manager',
  skills: { 项目管理: 4 },
};
const ANALYST: Role = {
  key: 'analyst',
  name: { zh: '数据分析师', en: 'Data analyst' },
  title: { zh: '数据分析师', en: 'Data analyst' },
  role: 'member',
  skills: { 数据分析: 5 },
};
const operator = (title: Text, skill: string): Role => ({
  key: 'operator',
  name: title,
  title,
  role: 'member',
  skills: { [skill]: 5 },
});

const kpi = (key: string, name: Text, unit: Text, owner: string, green: number, amber: number): KpiSpec => ({
  key,
  name,
  unit,
  owner,
  direction: 'higher',
  aggregation: 'sum',
  frequency: 'day',
  green,
  amber,
});

/** A four-step process: start → two working steps → end, each with an owner and an SLA. */
function flow(key: string, name: Text, steps: StepSpec[]): PlanTemplate['process'] {
  return { key, name, steps };
}

export const PLAN_TEMPLATES: PlanTemplate[] = [
  {
    key: 'user-growth',
    name: { zh: '用户增长', en: 'User growth' },
    description: {
      zh: '三个月内用户增长率提升20%：渠道拉新、转化优化和留存。',
      en: 'Raise user growth by 20% in three months: acquisition, conversion and retention.',
    },
    roles: [LEAD, ANALYST, operator({ zh: '增长运营', en: 'Growth operator' }, '渠道投放')],
    kpis: [
      kpi(
        'user_growth_rate',
        { zh: '用户增长率', en: 'User growth rate' },
        { zh: '%', en: '%' },
        'analyst',
        20,
        10,
      ),
      kpi(
        'new_users',
        { zh: '新增注册用户', en: 'New sign-ups' },
        { zh: '人', en: 'people' },
        'operator',
        300,
        240,
      ),
    ],
    goal: {
      title: { zh: '三个月内用户增长率提升20%', en: 'Increase the user growth rate by 20% within 3 months' },
      days: 90,
      keyResults: [
        {
          title: { zh: '用户增长率达到 20%', en: 'User growth rate reaches 20%' },
          kpi: 'user_growth_rate',
          baseline: 0,
          target: 20,
        },
        {
          title: { zh: '日新增注册达到 300 人', en: 'Daily sign-ups reach 300' },
          kpi: 'new_users',
          baseline: 250,
          target: 300,
        },
      ],
    },
    tasks: [
      {
        key: 't1',
        title: { zh: '渠道拉新', en: 'Acquisition' },
        from: 0,
        to: 40,
        a: 'lead',
        children: [
          {
            key: 't1.1',
            title: { zh: '渠道效果评估', en: 'Assess channels' },
            from: 0,
            to: 9,
            hours: 16,
            r: ['analyst'],
            a: 'lead',
          },
          {
            key: 't1.2',
            title: { zh: '上线邀请有礼活动', en: 'Launch the referral campaign' },
            from: 10,
            to: 30,
            hours: 40,
            after: ['t1.1'],
            r: ['operator'],
            a: 'lead',
            i: ['analyst'],
          },
        ],
      },
      {
        key: 't2',
        title: { zh: '转化与留存', en: 'Conversion and retention' },
        from: 31,
        to: 85,
        a: 'lead',
        children: [
          {
            key: 't2.1',
            title: { zh: '注册流程优化', en: 'Improve the sign-up flow' },
            from: 31,
            to: 50,
            hours: 30,
            after: ['t1.2'],
            r: ['operator'],
            a: 'lead',
            c: ['analyst'],
          },
          {
            key: 't2.2',
            title: { zh: '新用户留存分析', en: 'Analyse new-user retention' },
            from: 51,
            to: 80,
            hours: 24,
            after: ['t2.1'],
            r: ['analyst'],
            a: 'lead',
          },
        ],
      },
    ],
    process: flow('feedback', { zh: '用户反馈处理', en: 'User feedback' }, [
      { key: 'collect', name: { zh: '收集反馈', en: 'Collect feedback' }, owner: 'operator', sla: 4 },
      { key: 'analyse', name: { zh: '分析问题', en: 'Analyse the problem' }, owner: 'analyst', sla: 8 },
      { key: 'solve', name: { zh: '制定解决方案', en: 'Decide a solution' }, owner: 'lead', sla: 16 },
      { key: 'reply', name: { zh: '反馈用户', en: 'Reply to the user' }, owner: 'operator', sla: 4 },
    ]),
  },
  {
    key: 'ecommerce',
    name: { zh: '电商店铺运营', en: 'E-commerce store' },
    description: {
      zh: '店铺月销售额提升：订单流程（接单 → 付款确认 → 物流安排 → 售后服务）、活动和复购。',
      en: 'Grow store sales: the order flow (order → payment → shipping → after-sales), promotions and repeat buyers.',
    },
    roles: [LEAD, ANALYST, operator({ zh: '电商运营', en: 'Store operator' }, '电商运营')],
    kpis: [
      kpi('orders', { zh: '日订单数', en: 'Daily orders' }, { zh: '单', en: 'orders' }, 'operator', 500, 400),
      kpi('gmv', { zh: '日销售额', en: 'Daily sales' }, { zh: '¥', en: '¥' }, 'analyst', 60000, 50000),
    ],
    goal: {
      title: {
        zh: '三个月内日订单数从400单提升到500单',
        en: 'Increase daily orders from 400 to 500 within 3 months',
      },
      days: 90,
      keyResults: [
        {
          title: { zh: '日订单数达到 500 单', en: 'Daily orders reach 500' },
          kpi: 'orders',
          baseline: 400,
          target: 500,
        },
        {
          title: { zh: '日销售额达到 6 万元', en: 'Daily sales reach ¥60,000' },
          kpi: 'gmv',
          baseline: 48000,
          target: 60000,
        },
      ],
    },
    tasks: [
      {
        key: 't1',
        title: { zh: '店铺基础优化', en: 'Store basics' },
        from: 0,
        to: 30,
        a: 'lead',
        children: [
          {
            key: 't1.1',
            title: { zh: '商品详情页优化', en: 'Improve product pages' },
            from: 0,
            to: 14,
            hours: 30,
            r: ['operator'],
            a: 'lead',
          },
          {
            key: 't1.2',
            title: { zh: '转化漏斗分析', en: 'Analyse the conversion funnel' },
            from: 15,
            to: 28,
            hours: 16,
            after: ['t1.1'],
            r: ['analyst'],
            a: 'lead',
          },
        ],
      },
      {
        key: 't2',
        title: { zh: '大促与复购', en: 'Promotion and repeat buyers' },
        from: 31,
        to: 85,
        a: 'lead',
        children: [
          {
            key: 't2.1',
            title: { zh: '策划月度大促', en: 'Plan the monthly promotion' },
            from: 31,
            to: 50,
            hours: 30,
            after: ['t1.2'],
            r: ['operator'],
            a: 'lead',
            c: ['analyst'],
          },
          {
            key: 't2.2',
            title: { zh: '老客复购召回', en: 'Win back past buyers' },
            from: 51,
            to: 80,
            hours: 24,
            after: ['t2.1'],
            r: ['operator'],
            a: 'lead',
            i: ['analyst'],
          },
        ],
      },
    ],
    process: flow('order', { zh: '订单处理', en: 'Order handling' }, [
      { key: 'receive', name: { zh: '接单', en: 'Receive the order' }, owner: 'operator', sla: 2 },
      { key: 'payment', name: { zh: '付款确认', en: 'Confirm payment' }, owner: 'operator', sla: 4 },
      { key: 'shipping', name: { zh: '物流安排', en: 'Arrange shipping' }, owner: 'operator', sla: 24 },
      { key: 'aftersales', name: { zh: '售后服务', en: 'After-sales service' }, owner: 'lead', sla: 48 },
    ]),
  },
  {
    key: 'content',
    name: { zh: '内容运营', en: 'Content operations' },
    description: {
      zh: '稳定产出优质内容并提升阅读量：选题、创作、审核、发布与复盘。',
      en: 'Publish good content steadily and grow reads: topics, writing, review, publishing and review.',
    },
    roles: [LEAD, ANALYST, operator({ zh: '内容编辑', en: 'Content editor' }, '内容创作')],
    kpis: [
      kpi(
        'posts',
        { zh: '优质内容发布数', en: 'Quality posts published' },
        { zh: '篇', en: 'posts' },
        'operator',
        2,
        1,
      ),
      kpi('reads', { zh: '日阅读量', en: 'Daily reads' }, { zh: '次', en: 'reads' }, 'analyst', 20000, 15000),
    ],
    goal: {
      title: {
        zh: '三个月内日阅读量从1万次提升到2万次',
        en: 'Increase daily reads from 10000 to 20000 within 3 months',
      },
      days: 90,
      keyResults: [
        {
          title: { zh: '日阅读量达到 2 万次', en: 'Daily reads reach 20,000' },
          kpi: 'reads',
          baseline: 10000,
          target: 20000,
        },
        {
          title: { zh: '每天发布 2 篇优质内容', en: 'Two quality posts a day' },
          kpi: 'posts',
          baseline: 1,
          target: 2,
        },
      ],
    },
    tasks: [
      {
        key: 't1',
        title: { zh: '内容规划', en: 'Content planning' },
        from: 0,
        to: 20,
        a: 'lead',
        children: [
          {
            key: 't1.1',
            title: { zh: '用户画像与选题库', en: 'Audience and topic bank' },
            from: 0,
            to: 9,
            hours: 16,
            r: ['analyst'],
            a: 'lead',
          },
          {
            key: 't1.2',
            title: { zh: '内容日历', en: 'Content calendar' },
            from: 10,
            to: 19,
            hours: 12,
            after: ['t1.1'],
            r: ['operator'],
            a: 'lead',
          },
        ],
      },
      {
        key: 't2',
        title: { zh: '创作与分发', en: 'Writing and distribution' },
        from: 21,
        to: 85,
        a: 'lead',
        children: [
          {
            key: 't2.1',
            title: { zh: '系列专题创作', en: 'Write the feature series' },
            from: 21,
            to: 60,
            hours: 60,
            after: ['t1.2'],
            r: ['operator'],
            a: 'lead',
            c: ['analyst'],
          },
          {
            key: 't2.2',
            title: { zh: '分发渠道测试', en: 'Test distribution channels' },
            from: 61,
            to: 80,
            hours: 20,
            after: ['t2.1'],
            r: ['analyst'],
            a: 'lead',
            i: ['operator'],
          },
        ],
      },
    ],
    process: flow('publishing', { zh: '内容发布', en: 'Content publishing' }, [
      { key: 'topic', name: { zh: '选题', en: 'Pick the topic' }, owner: 'lead', sla: 8 },
      { key: 'write', name: { zh: '创作', en: 'Write' }, owner: 'operator', sla: 16 },
      { key: 'review', name: { zh: '审核', en: 'Review' }, owner: 'lead', sla: 4 },
      { key: 'publish', name: { zh: '发布', en: 'Publish' }, owner: 'operator', sla: 2 },
    ]),
  },
  {
    key: 'community',
    name: { zh: '社群运营', en: 'Community operations' },
    description: {
      zh: '提升社群活跃与转化：拉新入群、日常互动、活动与答疑。',
      en: 'A livelier community that converts: joining, daily engagement, events and answers.',
    },
    roles: [LEAD, ANALYST, operator({ zh: '社群运营', en: 'Community manager' }, '社群运营')],
    kpis: [
      kpi(
        'active_members',
        { zh: '社群日活跃人数', en: 'Daily active members' },
        { zh: '人', en: 'people' },
        'operator',
        800,
        600,
      ),
      kpi(
        'new_members',
        { zh: '新入群人数', en: 'New members' },
        { zh: '人', en: 'people' },
        'analyst',
        100,
        80,
      ),
    ],
    goal: {
      title: {
        zh: '三个月内社群日活跃人数从500人提升到800人',
        en: 'Increase daily active members from 500 to 800 within 3 months',
      },
      days: 90,
      keyResults: [
        {
          title: { zh: '日活跃人数达到 800 人', en: 'Daily active members reach 800' },
          kpi: 'active_members',
          baseline: 500,
          target: 800,
        },
        {
          title: { zh: '每天新入群 100 人', en: '100 new members a day' },
          kpi: 'new_members',
          baseline: 60,
          target: 100,
        },
      ],
    },
    tasks: [
      {
        key: 't1',
        title: { zh: '社群搭建', en: 'Set up the community' },
        from: 0,
        to: 25,
        a: 'lead',
        children: [
          {
            key: 't1.1',
            title: { zh: '社群分层与规则', en: 'Tiers and rules' },
            from: 0,
            to: 9,
            hours: 12,
            r: ['operator'],
            a: 'lead',
          },
          {
            key: 't1.2',
            title: { zh: '入群引导流程', en: 'Joining journey' },
            from: 10,
            to: 24,
            hours: 20,
            after: ['t1.1'],
            r: ['operator'],
            a: 'lead',
            c: ['analyst'],
          },
        ],
      },
      {
        key: 't2',
        title: { zh: '活跃与转化', en: 'Engagement and conversion' },
        from: 26,
        to: 85,
        a: 'lead',
        children: [
          {
            key: 't2.1',
            title: { zh: '每周主题活动', en: 'Weekly themed events' },
            from: 26,
            to: 70,
            hours: 45,
            after: ['t1.2'],
            r: ['operator'],
            a: 'lead',
          },
          {
            key: 't2.2',
            title: { zh: '活跃度分析', en: 'Engagement analysis' },
            from: 71,
            to: 84,
            hours: 16,
            after: ['t2.1'],
            r: ['analyst'],
            a: 'lead',
            i: ['operator'],
          },
        ],
      },
    ],
    process: flow('questions', { zh: '社群答疑', en: 'Member questions' }, [
      { key: 'ask', name: { zh: '收到提问', en: 'Question received' }, owner: 'operator', sla: 1 },
      { key: 'answer', name: { zh: '解答', en: 'Answer' }, owner: 'operator', sla: 2 },
      { key: 'escalate', name: { zh: '疑难升级', en: 'Escalate hard cases' }, owner: 'lead', sla: 8 },
      { key: 'close', name: { zh: '回访确认', en: 'Confirm with the member' }, owner: 'operator', sla: 24 },
    ]),
  },
  {
    key: 'launch',
    name: { zh: '新品上线活动', en: 'Product launch campaign' },
    description: {
      zh: '新品上线活动：预热、上线、复盘，活动期间拿到首批订单。',
      en: 'A product launch: warm-up, launch day and review, with the first orders in the campaign window.',
    },
    roles: [LEAD, ANALYST, operator({ zh: '活动运营', en: 'Campaign operator' }, '活动策划')],
    kpis: [
      kpi(
        'launch_orders',
        { zh: '新品订单数', en: 'Launch orders' },
        { zh: '单', en: 'orders' },
        'operator',
        100,
        60,
      ),
      kpi(
        'signups_launch',
        { zh: '活动报名人数', en: 'Campaign sign-ups' },
        { zh: '人', en: 'people' },
        'analyst',
        300,
        200,
      ),
    ],
    goal: {
      title: {
        zh: '一个月内新品日订单从0单提升到100单',
        en: 'Increase daily launch orders from 0 to 100 within 1 month',
      },
      days: 30,
      keyResults: [
        {
          title: { zh: '新品日订单达到 100 单', en: 'Daily launch orders reach 100' },
          kpi: 'launch_orders',
          baseline: 0,
          target: 100,
        },
        {
          title: { zh: '每天活动报名 300 人', en: '300 campaign sign-ups a day' },
          kpi: 'signups_launch',
          baseline: 50,
          target: 300,
        },
      ],
    },
    tasks: [
      {
        key: 't1',
        title: { zh: '预热', en: 'Warm-up' },
        from: 0,
        to: 12,
        a: 'lead',
        children: [
          {
            key: 't1.1',
            title: { zh: '活动方案与预算', en: 'Campaign plan and budget' },
            from: 0,
            to: 4,
            hours: 12,
            r: ['operator'],
            a: 'lead',
            c: ['analyst'],
          },
          {
            key: 't1.2',
            title: { zh: '预热物料与渠道', en: 'Warm-up content and channels' },
            from: 5,
            to: 11,
            hours: 20,
            after: ['t1.1'],
            r: ['operator'],
            a: 'lead',
          },
        ],
      },
      {
        key: 't2',
        title: { zh: '上线与复盘', en: 'Launch and review' },
        from: 13,
        to: 29,
        a: 'lead',
        children: [
          {
            key: 't2.1',
            title: { zh: '上线日执行', en: 'Launch day' },
            from: 13,
            to: 16,
            hours: 16,
            after: ['t1.2'],
            r: ['operator'],
            a: 'lead',
            i: ['analyst'],
          },
          {
            key: 't2.2',
            title: { zh: '活动数据复盘', en: 'Campaign review' },
            from: 20,
            to: 27,
            hours: 12,
            after: ['t2.1'],
            r: ['analyst'],
            a: 'lead',
          },
        ],
      },
    ],
    process: flow('launch', { zh: '活动上线', en: 'Campaign launch' }, [
      { key: 'brief', name: { zh: '活动需求', en: 'Campaign brief' }, owner: 'lead', sla: 8 },
      { key: 'prepare', name: { zh: '物料准备', en: 'Prepare materials' }, owner: 'operator', sla: 24 },
      { key: 'check', name: { zh: '上线检查', en: 'Pre-launch check' }, owner: 'analyst', sla: 4 },
      { key: 'golive', name: { zh: '上线', en: 'Go live' }, owner: 'operator', sla: 2 },
    ]),
  },
];

export type TemplateInput = {
  locale: Locale;
  /** Day 0 of the plan, YYYY-MM-DD. */
  start: string;
  /** The e-mail of the person for each role key (`lead`, `analyst`, `operator`); placeholders otherwise. */
  people?: Record<string, string> | undefined;
  /** Baseline and target per key result, by the KPI key it measures. */
  targets?: Record<string, { baseline: number; target: number }> | undefined;
  /** The plan's name; the template's name otherwise. */
  name?: string | undefined;
};

const ZH_MONTHS: Record<number, string> = { 1: '一', 2: '两', 3: '三', 6: '六', 12: '十二' };

/**
 * A number with its unit as the templates write it: 480单, 25%, ¥60000 / 480 orders, 25%, ¥60,000. English
 * titles that name the KPI leave a counted unit out (`withUnit` false): "from 400 to 480".
 */
function amount(value: number, unit: string, locale: Locale, withUnit = true): string {
  const number = locale === 'en' ? value.toLocaleString('en-US') : String(value);
  if (unit === '%') return `${number}%`;
  if (unit === '¥') return `¥${number}`;
  if (!withUnit || !unit) return number;
  return locale === 'en' ? `${number} ${unit}` : `${number}${unit}`;
}

export function findTemplate(key: string): PlanTemplate | undefined {
  return PLAN_TEMPLATES.find((template) => template.key === key);
}

/** A complete plan from a template: dates from `start`, people by role, numbers as given. */
export function instantiateTemplate(template: PlanTemplate, input: TemplateInput): Plan {
  const { locale, start } = input;
  const email = (role: string) => input.people?.[role] ?? `${role}@example.com`;
  const day = (offset: number) => addDays(start, offset);
  // One person may fill several roles: they keep their strongest letter on each task (A may also be R).
  const raci = (spec: TaskSpec): PlanRaci => {
    const doing = new Set([...(spec.r ?? []), spec.a].map(email));
    const consulted = [...new Set((spec.c ?? []).map(email))].filter((who) => !doing.has(who));
    const informed = [...new Set((spec.i ?? []).map(email))].filter(
      (who) => !doing.has(who) && !consulted.includes(who),
    );
    return {
      ...(spec.r ? { responsible: [...new Set(spec.r.map(email))] } : {}),
      accountable: [email(spec.a)],
      ...(consulted.length > 0 ? { consulted } : {}),
      ...(informed.length > 0 ? { informed } : {}),
    };
  };
  const tasks: PlanTask[] = [];
  const addTask = (spec: TaskSpec, parent: string | undefined) => {
    tasks.push({
      key: spec.key,
      title: text(spec.title, locale),
      ...(parent ? { parent } : { goal: 'g1', milestone: true }),
      ...(spec.hours ? { estimateHours: spec.hours } : {}),
      start: day(spec.from),
      due: day(spec.to),
      ...(spec.after ? { dependsOn: spec.after.map((task) => ({ task })) } : {}),
      raci: raci(spec),
    });
    for (const child of spec.children ?? []) addTask(child, spec.key);
  };
  for (const spec of template.tasks) addTask(spec, undefined);
  const steps: PlanProcessStep[] = [
    ...template.process.steps.map((step, index, all) => ({
      key: step.key,
      name: text(step.name, locale),
      kind: index === 0 ? ('start' as const) : ('task' as const),
      owner: email(step.owner),
      slaHours: step.sla,
      outcomes: [
        {
          key: 'done',
          label: locale === 'en' ? 'Done' : '完成',
          next: all[index + 1]?.key ?? 'end',
        },
      ],
    })),
    { key: 'end', name: locale === 'en' ? 'End' : '结束', kind: 'end' },
  ];
  const targets = (kr: KeyResultSpec) =>
    input.targets?.[kr.kpi] ?? { baseline: kr.baseline, target: kr.target };
  const kpiOf = (kr: KeyResultSpec) => template.kpis.find((spec) => spec.key === kr.kpi);
  // Numbers other than the template's make its titles wrong: they are written again from the KPI.
  const isChanged = (kr: KeyResultSpec) =>
    targets(kr).baseline !== kr.baseline || targets(kr).target !== kr.target;
  const keyResultTitle = (kr: KeyResultSpec) => {
    const spec = kpiOf(kr);
    if (!isChanged(kr) || !spec) return text(kr.title, locale);
    const target = amount(targets(kr).target, text(spec.unit, locale), locale);
    return locale === 'en'
      ? `${text(spec.name, locale)} reaches ${target}`
      : `${text(spec.name, locale)}达到 ${target}`;
  };
  const goalTitle = () => {
    const first = template.goal.keyResults[0];
    const spec = first ? kpiOf(first) : undefined;
    if (!first || !spec || !isChanged(first)) return text(template.goal.title, locale);
    const unit = text(spec.unit, locale);
    const { baseline, target } = targets(first);
    const months = Math.max(1, Math.round(template.goal.days / 30));
    if (locale === 'en') {
      const name = text(spec.name, locale);
      return `Increase ${name.charAt(0).toLowerCase()}${name.slice(1)} from ${amount(baseline, unit, locale, false)} to ${amount(target, unit, locale, false)} within ${months} month${months > 1 ? 's' : ''}`;
    }
    return `${ZH_MONTHS[months] ?? String(months)}个月内${text(spec.name, locale)}从${amount(baseline, unit, locale)}提升到${amount(target, unit, locale)}`;
  };
  return {
    version: 1,
    name: input.name ?? text(template.name, locale),
    locale,
    // A person who fills two roles is listed once, with the first role's title.
    people: template.roles
      .filter((role, index, all) => all.findIndex((other) => email(other.key) === email(role.key)) === index)
      .map((role) => ({
        email: email(role.key),
        name: text(role.name, locale),
        role: role.role,
        title: text(role.title, locale),
        weeklyCapacityHours: 40,
        skills: role.skills,
      })),
    kpis: template.kpis.map((spec) => ({
      key: spec.key,
      name: text(spec.name, locale),
      unit: text(spec.unit, locale),
      direction: spec.direction,
      aggregation: spec.aggregation,
      frequency: spec.frequency,
      owner: email(spec.owner),
      ...(spec.green !== undefined ? { green: spec.green } : {}),
      ...(spec.amber !== undefined ? { amber: spec.amber } : {}),
    })),
    goals: [
      {
        key: 'g1',
        title: goalTitle(),
        description: text(template.description, locale),
        owner: email('lead'),
        start: day(0),
        due: day(template.goal.days),
        keyResults: template.goal.keyResults.map((kr) => ({
          title: keyResultTitle(kr),
          kpi: kr.kpi,
          ...targets(kr),
        })),
      },
    ],
    tasks,
    processes: [{ key: template.process.key, name: text(template.process.name, locale), steps }],
    routines: [
      {
        key: 'daily-data-check',
        title: locale === 'en' ? 'Daily data check' : '每日数据检查',
        rule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
        startsOn: day(0),
        estimateHours: 0.5,
        raci: { responsible: [email('analyst')], accountable: [email('lead')] },
        goal: 'g1',
      },
      {
        key: 'weekly-report',
        title: locale === 'en' ? 'Weekly report' : '每周周报',
        rule: 'FREQ=WEEKLY;BYDAY=FR',
        startsOn: day(0),
        estimateHours: 2,
        raci: {
          responsible: [email('operator')],
          accountable: [email('lead')],
          informed: [email('analyst')],
        },
        goal: 'g1',
      },
    ],
    cadence: {
      checkIns: 'weekly',
      kpiReview: 'weekly',
      performanceReview: 'monthly',
      retrospective: 'monthly',
    },
  };
}
