/**
 * Five ready plans an operations team starts from — user growth, e-commerce store, content, community and a
 * product launch — each in zh-CN and en. A template is written once with both languages side by side and
 * days counted from the start; `instantiateTemplate` fills in the start date, the people for each role and
 * the target numbers, giving a complete Plan that lints clean.
 */
import { addDays } from '../../days/index.ts';
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
/** A text written once in both languages, Chinese first: '渠道拉新 | Acquisition'. */
type Bilingual = `${string} | ${string}`;

/**
 * One template as written: rows, a line each, in the one shape every template shares — the lead and the
 * analyst plus one operator role, KPIs counted daily where higher is better, one goal with its key results, a
 * WBS of phases and their tasks, one process whose steps run in order. `expand` turns it into a PlanTemplate.
 */
type TemplateRows = {
  key: PlanTemplate['key'];
  name: Bilingual;
  description: Bilingual;
  /** The third role beside the lead and the analyst: its title and main skill. */
  operator: [title: Bilingual, skill: string];
  kpis: Array<[key: string, name: Bilingual, unit: Bilingual, owner: string, green: number, amber: number]>;
  goal: [title: Bilingual, days: number];
  keyResults: Array<[kpi: string, baseline: number, target: number, title: Bilingual]>;
  /**
   * The WBS, a row a task: its key ('t1' a phase, 't1.2' a task of it), days after the start (from, to), hours
   * (0 for a phase), the task it follows ('' for none), the roles besides the lead, who is accountable for every
   * task ('R operator C analyst I analyst'), and the title.
   */
  tasks: Array<
    [key: string, from: number, to: number, hours: number, after: string, roles: string, title: Bilingual]
  >;
  /** The process's key and name, then its steps in order: key, owner role, SLA in hours, name. */
  process: [
    key: string,
    name: Bilingual,
    steps: Array<[key: string, owner: string, sla: number, name: Bilingual]>,
  ];
};

function bilingual(value: Bilingual): Text {
  const [zh = '', en = ''] = value.split(' | ');
  return { zh, en };
}

/** 'R operator C analyst I analyst' → the role keys by letter. */
function roleLetters(roles: string): Pick<TaskSpec, 'r' | 'c' | 'i'> {
  const letters: Pick<TaskSpec, 'r' | 'c' | 'i'> = {};
  for (const [, letter, role] of roles.matchAll(/\b([RCI]) (\w+)/g)) {
    const field = (letter ?? 'R').toLowerCase() as 'r' | 'c' | 'i';
    letters[field] = [...(letters[field] ?? []), role ?? ''];
  }
  return letters;
}

function expand(rows: TemplateRows): PlanTemplate {
  const [operatorTitle, operatorSkill] = rows.operator;
  const title = bilingual(operatorTitle);
  const task = ([key, from, to, hours, after, roles, name]: TemplateRows['tasks'][number]): TaskSpec => ({
    key,
    title: bilingual(name),
    from,
    to,
    ...(hours > 0 ? { hours } : {}),
    ...(after ? { after: [after] } : {}),
    ...roleLetters(roles),
    a: 'lead',
  });
  const phases = rows.tasks.filter(([key]) => !key.includes('.'));
  return {
    key: rows.key,
    name: bilingual(rows.name),
    description: bilingual(rows.description),
    roles: [
      LEAD,
      ANALYST,
      { key: 'operator', name: title, title, role: 'member', skills: { [operatorSkill]: 5 } },
    ],
    kpis: rows.kpis.map(([key, name, unit, owner, green, amber]) => ({
      key,
      name: bilingual(name),
      unit: bilingual(unit),
      owner,
      direction: 'higher',
      aggregation: 'sum',
      frequency: 'day',
      green,
      amber,
    })),
    goal: {
      title: bilingual(rows.goal[0]),
      days: rows.goal[1],
      keyResults: rows.keyResults.map(([kpi, baseline, target, name]) => ({
        title: bilingual(name),
        kpi,
        baseline,
        target,
      })),
    },
    tasks: phases.map((phase) => ({
      ...task(phase),
      children: rows.tasks.filter(([key]) => key.startsWith(`${phase[0]}.`)).map(task),
    })),
    process: {
      key: rows.process[0],
      name: bilingual(rows.process[1]),
      steps: rows.process[2].map(([key, owner, sla, name]) => ({ key, name: bilingual(name), owner, sla })),
    },
  };
}

const TEMPLATE_ROWS: TemplateRows[] = [
  {
    key: 'user-growth',
    name: '用户增长 | User growth',
    description:
      '三个月内用户增长率提升20%：渠道拉新、转化优化和留存。 | Raise user growth by 20% in three months: acquisition, conversion and retention.',
    operator: ['增长运营 | Growth operator', '渠道投放'],
    kpis: [
      ['user_growth_rate', '用户增长率 | User growth rate', '% | %', 'analyst', 20, 10],
      ['new_users', '新增注册用户 | New sign-ups', '人 | people', 'operator', 300, 240],
    ],
    goal: ['三个月内用户增长率提升20% | Increase the user growth rate by 20% within 3 months', 90],
    keyResults: [
      ['user_growth_rate', 0, 20, '用户增长率达到 20% | User growth rate reaches 20%'],
      ['new_users', 250, 300, '日新增注册达到 300 人 | Daily sign-ups reach 300'],
    ],
    tasks: [
      ['t1', 0, 40, 0, '', '', '渠道拉新 | Acquisition'],
      ['t1.1', 0, 9, 16, '', 'R analyst', '渠道效果评估 | Assess channels'],
      ['t1.2', 10, 30, 40, 't1.1', 'R operator I analyst', '上线邀请有礼活动 | Launch the referral campaign'],
      ['t2', 31, 85, 0, '', '', '转化与留存 | Conversion and retention'],
      ['t2.1', 31, 50, 30, 't1.2', 'R operator C analyst', '注册流程优化 | Improve the sign-up flow'],
      ['t2.2', 51, 80, 24, 't2.1', 'R analyst', '新用户留存分析 | Analyse new-user retention'],
    ],
    process: [
      'feedback',
      '用户反馈处理 | User feedback',
      [
        ['collect', 'operator', 4, '收集反馈 | Collect feedback'],
        ['analyse', 'analyst', 8, '分析问题 | Analyse the problem'],
        ['solve', 'lead', 16, '制定解决方案 | Decide a solution'],
        ['reply', 'operator', 4, '反馈用户 | Reply to the user'],
      ],
    ],
  },
  {
    key: 'ecommerce',
    name: '电商店铺运营 | E-commerce store',
    description:
      '店铺月销售额提升：订单流程（接单 → 付款确认 → 物流安排 → 售后服务）、活动和复购。 | Grow store sales: the order flow (order → payment → shipping → after-sales), promotions and repeat buyers.',
    operator: ['电商运营 | Store operator', '电商运营'],
    kpis: [
      ['orders', '日订单数 | Daily orders', '单 | orders', 'operator', 500, 400],
      ['gmv', '日销售额 | Daily sales', '¥ | ¥', 'analyst', 60000, 50000],
    ],
    goal: ['三个月内日订单数从400单提升到500单 | Increase daily orders from 400 to 500 within 3 months', 90],
    keyResults: [
      ['orders', 400, 500, '日订单数达到 500 单 | Daily orders reach 500'],
      ['gmv', 48000, 60000, '日销售额达到 6 万元 | Daily sales reach ¥60,000'],
    ],
    tasks: [
      ['t1', 0, 30, 0, '', '', '店铺基础优化 | Store basics'],
      ['t1.1', 0, 14, 30, '', 'R operator', '商品详情页优化 | Improve product pages'],
      ['t1.2', 15, 28, 16, 't1.1', 'R analyst', '转化漏斗分析 | Analyse the conversion funnel'],
      ['t2', 31, 85, 0, '', '', '大促与复购 | Promotion and repeat buyers'],
      ['t2.1', 31, 50, 30, 't1.2', 'R operator C analyst', '策划月度大促 | Plan the monthly promotion'],
      ['t2.2', 51, 80, 24, 't2.1', 'R operator I analyst', '老客复购召回 | Win back past buyers'],
    ],
    process: [
      'order',
      '订单处理 | Order handling',
      [
        ['receive', 'operator', 2, '接单 | Receive the order'],
        ['payment', 'operator', 4, '付款确认 | Confirm payment'],
        ['shipping', 'operator', 24, '物流安排 | Arrange shipping'],
        ['aftersales', 'lead', 48, '售后服务 | After-sales service'],
      ],
    ],
  },
  {
    key: 'content',
    name: '内容运营 | Content operations',
    description:
      '稳定产出优质内容并提升阅读量：选题、创作、审核、发布与复盘。 | Publish good content steadily and grow reads: topics, writing, review, publishing and review.',
    operator: ['内容编辑 | Content editor', '内容创作'],
    kpis: [
      ['posts', '优质内容发布数 | Quality posts published', '篇 | posts', 'operator', 2, 1],
      ['reads', '日阅读量 | Daily reads', '次 | reads', 'analyst', 20000, 15000],
    ],
    goal: [
      '三个月内日阅读量从1万次提升到2万次 | Increase daily reads from 10000 to 20000 within 3 months',
      90,
    ],
    keyResults: [
      ['reads', 10000, 20000, '日阅读量达到 2 万次 | Daily reads reach 20,000'],
      ['posts', 1, 2, '每天发布 2 篇优质内容 | Two quality posts a day'],
    ],
    tasks: [
      ['t1', 0, 20, 0, '', '', '内容规划 | Content planning'],
      ['t1.1', 0, 9, 16, '', 'R analyst', '用户画像与选题库 | Audience and topic bank'],
      ['t1.2', 10, 19, 12, 't1.1', 'R operator', '内容日历 | Content calendar'],
      ['t2', 21, 85, 0, '', '', '创作与分发 | Writing and distribution'],
      ['t2.1', 21, 60, 60, 't1.2', 'R operator C analyst', '系列专题创作 | Write the feature series'],
      ['t2.2', 61, 80, 20, 't2.1', 'R analyst I operator', '分发渠道测试 | Test distribution channels'],
    ],
    process: [
      'publishing',
      '内容发布 | Content publishing',
      [
        ['topic', 'lead', 8, '选题 | Pick the topic'],
        ['write', 'operator', 16, '创作 | Write'],
        ['review', 'lead', 4, '审核 | Review'],
        ['publish', 'operator', 2, '发布 | Publish'],
      ],
    ],
  },
  {
    key: 'community',
    name: '社群运营 | Community operations',
    description:
      '提升社群活跃与转化：拉新入群、日常互动、活动与答疑。 | A livelier community that converts: joining, daily engagement, events and answers.',
    operator: ['社群运营 | Community manager', '社群运营'],
    kpis: [
      ['active_members', '社群日活跃人数 | Daily active members', '人 | people', 'operator', 800, 600],
      ['new_members', '新入群人数 | New members', '人 | people', 'analyst', 100, 80],
    ],
    goal: [
      '三个月内社群日活跃人数从500人提升到800人 | Increase daily active members from 500 to 800 within 3 months',
      90,
    ],
    keyResults: [
      ['active_members', 500, 800, '日活跃人数达到 800 人 | Daily active members reach 800'],
      ['new_members', 60, 100, '每天新入群 100 人 | 100 new members a day'],
    ],
    tasks: [
      ['t1', 0, 25, 0, '', '', '社群搭建 | Set up the community'],
      ['t1.1', 0, 9, 12, '', 'R operator', '社群分层与规则 | Tiers and rules'],
      ['t1.2', 10, 24, 20, 't1.1', 'R operator C analyst', '入群引导流程 | Joining journey'],
      ['t2', 26, 85, 0, '', '', '活跃与转化 | Engagement and conversion'],
      ['t2.1', 26, 70, 45, 't1.2', 'R operator', '每周主题活动 | Weekly themed events'],
      ['t2.2', 71, 84, 16, 't2.1', 'R analyst I operator', '活跃度分析 | Engagement analysis'],
    ],
    process: [
      'questions',
      '社群答疑 | Member questions',
      [
        ['ask', 'operator', 1, '收到提问 | Question received'],
        ['answer', 'operator', 2, '解答 | Answer'],
        ['escalate', 'lead', 8, '疑难升级 | Escalate hard cases'],
        ['close', 'operator', 24, '回访确认 | Confirm with the member'],
      ],
    ],
  },
  {
    key: 'launch',
    name: '新品上线活动 | Product launch campaign',
    description:
      '新品上线活动：预热、上线、复盘，活动期间拿到首批订单。 | A product launch: warm-up, launch day and review, with the first orders in the campaign window.',
    operator: ['活动运营 | Campaign operator', '活动策划'],
    kpis: [
      ['launch_orders', '新品订单数 | Launch orders', '单 | orders', 'operator', 100, 60],
      ['signups_launch', '活动报名人数 | Campaign sign-ups', '人 | people', 'analyst', 300, 200],
    ],
    goal: [
      '一个月内新品日订单从0单提升到100单 | Increase daily launch orders from 0 to 100 within 1 month',
      30,
    ],
    keyResults: [
      ['launch_orders', 0, 100, '新品日订单达到 100 单 | Daily launch orders reach 100'],
      ['signups_launch', 50, 300, '每天活动报名 300 人 | 300 campaign sign-ups a day'],
    ],
    tasks: [
      ['t1', 0, 12, 0, '', '', '预热 | Warm-up'],
      ['t1.1', 0, 4, 12, '', 'R operator C analyst', '活动方案与预算 | Campaign plan and budget'],
      ['t1.2', 5, 11, 20, 't1.1', 'R operator', '预热物料与渠道 | Warm-up content and channels'],
      ['t2', 13, 29, 0, '', '', '上线与复盘 | Launch and review'],
      ['t2.1', 13, 16, 16, 't1.2', 'R operator I analyst', '上线日执行 | Launch day'],
      ['t2.2', 20, 27, 12, 't2.1', 'R analyst', '活动数据复盘 | Campaign review'],
    ],
    process: [
      'launch',
      '活动上线 | Campaign launch',
      [
        ['brief', 'lead', 8, '活动需求 | Campaign brief'],
        ['prepare', 'operator', 24, '物料准备 | Prepare materials'],
        ['check', 'analyst', 4, '上线检查 | Pre-launch check'],
        ['golive', 'operator', 2, '上线 | Go live'],
      ],
    ],
  },
];

export const PLAN_TEMPLATES: PlanTemplate[] = TEMPLATE_ROWS.map(expand);

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
