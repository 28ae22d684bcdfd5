import type { Locale } from '../i18n/index.ts';
import type { ProcessStep, StepField, StepOutcome } from './graph.ts';

export type ProcessTemplate = { key: string; name: string; description: string; steps: ProcessStep[] };

type Text = Record<Locale, string>;
type StepSpec = {
  key: string;
  name: Text;
  kind: ProcessStep['kind'];
  description?: Text;
  /** A title members carry (matched against their title), written in Chinese; see PROCESS_ROLES. */
  role?: string;
  slaHours?: number;
  checklist?: Text[];
  fields?: Array<Omit<StepField, 'label' | 'options'> & { label: Text; options?: Text[] }>;
  outcomes?: Array<{ key: string; label: Text; next: string }>;
};

const done = (next: string): StepSpec['outcomes'] => [
  { key: 'done', label: { 'zh-CN': '完成', en: 'Done' }, next },
];
const end: StepSpec = { key: 'end', name: { 'zh-CN': '结束', en: 'End' }, kind: 'end' };

const SPECS: Array<{ key: string; name: Text; description: Text; steps: StepSpec[] }> = [
  {
    key: 'feedback',
    name: { 'zh-CN': '用户反馈处理流程', en: 'User feedback handling' },
    description: {
      'zh-CN': '收集反馈 → 分析问题 → 制定解决方案 → 反馈用户：每条反馈都有人负责、有时限、有回音。',
      en: 'Collect → analyse → solve → reply: every piece of feedback has an owner, a deadline and an answer.',
    },
    steps: [
      {
        key: 'collect',
        name: { 'zh-CN': '收集反馈', en: 'Collect feedback' },
        description: {
          'zh-CN': '记下用户说了什么、从哪个渠道来、怎么联系到他。',
          en: 'Write down what the user said, where it came from and how to reach them.',
        },
        kind: 'start',
        role: '客服',
        slaHours: 4,
        checklist: [{ 'zh-CN': '记录用户联系方式', en: 'Record how to reach the user' }],
        fields: [
          {
            key: 'channel',
            label: { 'zh-CN': '来源渠道', en: 'Channel' },
            type: 'choice',
            required: true,
            options: [
              { 'zh-CN': 'App 内反馈', en: 'In-app' },
              { 'zh-CN': '社群', en: 'Community' },
              { 'zh-CN': '客服热线', en: 'Hotline' },
            ],
          },
          { key: 'summary', label: { 'zh-CN': '问题摘要', en: 'Summary' }, type: 'text', required: true },
        ],
        outcomes: done('analyse'),
      },
      {
        key: 'analyse',
        name: { 'zh-CN': '分析问题', en: 'Analyse the problem' },
        description: {
          'zh-CN': '复现问题，判断影响范围和根因，必要时拉上研发。',
          en: 'Reproduce it, size the impact, find the cause; bring in engineering when needed.',
        },
        kind: 'task',
        role: '数据分析',
        slaHours: 8,
        checklist: [{ 'zh-CN': '确认影响范围', en: 'Confirm how many users it affects' }],
        outcomes: done('solve'),
      },
      {
        key: 'solve',
        name: { 'zh-CN': '制定解决方案', en: 'Work out a solution' },
        description: {
          'zh-CN': '定出修复或应对方案、负责人和上线时间。',
          en: 'Decide the fix or workaround, who does it and when it ships.',
        },
        kind: 'task',
        role: '用户增长',
        slaHours: 16,
        fields: [
          { key: 'solution', label: { 'zh-CN': '解决方案', en: 'Solution' }, type: 'text', required: true },
        ],
        outcomes: done('reply'),
      },
      {
        key: 'reply',
        name: { 'zh-CN': '反馈用户', en: 'Reply to the user' },
        description: {
          'zh-CN': '把结果告诉用户，并确认问题已经解决。',
          en: 'Tell the user what was done and check the problem is gone.',
        },
        kind: 'task',
        role: '客服',
        slaHours: 4,
        checklist: [{ 'zh-CN': '告知处理结果并致谢', en: 'Tell the user the result and thank them' }],
        outcomes: done('end'),
      },
      end,
    ],
  },
  {
    key: 'order',
    name: { 'zh-CN': '电商订单处理流程', en: 'E-commerce order' },
    description: {
      'zh-CN': '接单 → 付款确认 → 物流安排 → 售后服务。',
      en: 'Accept → confirm payment → arrange delivery → after-sales.',
    },
    steps: [
      {
        key: 'accept',
        name: { 'zh-CN': '接单', en: 'Accept the order' },
        description: { 'zh-CN': '核对订单信息与库存。', en: 'Check the order details and the stock.' },
        kind: 'start',
        role: '电商运营',
        slaHours: 1,
        outcomes: done('payment'),
      },
      {
        key: 'payment',
        name: { 'zh-CN': '付款确认', en: 'Confirm payment' },
        description: {
          'zh-CN': '确认款项到账，异常订单转人工核实。',
          en: 'Confirm the money arrived; send odd orders for a manual check.',
        },
        kind: 'task',
        role: '电商运营',
        slaHours: 2,
        fields: [
          {
            key: 'amount',
            label: { 'zh-CN': '实付金额', en: 'Amount paid' },
            type: 'number',
            required: true,
          },
        ],
        outcomes: done('shipping'),
      },
      {
        key: 'shipping',
        name: { 'zh-CN': '物流安排', en: 'Arrange delivery' },
        description: {
          'zh-CN': '打包、选择物流并回填运单号。',
          en: 'Pack, book the carrier and record the tracking number.',
        },
        kind: 'task',
        role: '电商运营',
        slaHours: 24,
        fields: [
          {
            key: 'tracking',
            label: { 'zh-CN': '物流单号', en: 'Tracking number' },
            type: 'text',
            required: true,
          },
        ],
        outcomes: done('aftersales'),
      },
      {
        key: 'aftersales',
        name: { 'zh-CN': '需要售后？', en: 'After-sales needed?' },
        description: {
          'zh-CN': '用户是否发起退换货或投诉。',
          en: 'Did the customer ask for a return, an exchange or complain?',
        },
        kind: 'decision',
        role: '客服',
        slaHours: 8,
        outcomes: [
          { key: 'yes', label: { 'zh-CN': '需要', en: 'Yes' }, next: 'service' },
          { key: 'no', label: { 'zh-CN': '不需要', en: 'No' }, next: 'end' },
        ],
      },
      {
        key: 'service',
        name: { 'zh-CN': '售后服务', en: 'After-sales service' },
        description: {
          'zh-CN': '处理退换货与投诉，记录处理结果。',
          en: 'Handle the return or complaint and record how it ended.',
        },
        kind: 'task',
        role: '客服',
        slaHours: 24,
        checklist: [{ 'zh-CN': '退换货或补偿已处理', en: 'Return, exchange or refund handled' }],
        outcomes: done('end'),
      },
      end,
    ],
  },
  {
    key: 'campaign',
    name: { 'zh-CN': '活动上线流程', en: 'Campaign launch' },
    description: {
      'zh-CN': '策划 → 评审 → 物料 → 投放 → 复盘。',
      en: 'Plan → review → assets → launch → retrospective.',
    },
    steps: [
      {
        key: 'plan',
        name: { 'zh-CN': '活动策划', en: 'Plan the campaign' },
        description: {
          'zh-CN': '明确目标人群、玩法、预算和时间。',
          en: 'Set the audience, mechanics, budget and dates.',
        },
        kind: 'start',
        role: '活动运营',
        slaHours: 24,
        outcomes: done('review'),
      },
      {
        key: 'review',
        name: { 'zh-CN': '方案评审', en: 'Review the plan' },
        description: {
          'zh-CN': '相关负责人评审方案，不通过则退回修改。',
          en: 'Owners review the plan; a rejected plan goes back for changes.',
        },
        kind: 'decision',
        role: '用户增长',
        slaHours: 8,
        outcomes: [
          { key: 'approve', label: { 'zh-CN': '通过', en: 'Approve' }, next: 'assets' },
          { key: 'rework', label: { 'zh-CN': '退回修改', en: 'Send back' }, next: 'plan' },
        ],
      },
      {
        key: 'assets',
        name: { 'zh-CN': '物料准备', en: 'Prepare assets' },
        description: {
          'zh-CN': '设计、文案、落地页和埋点准备就绪。',
          en: 'Design, copy, landing page and tracking ready.',
        },
        kind: 'task',
        role: '内容运营',
        slaHours: 24,
        outcomes: done('launch'),
      },
      {
        key: 'launch',
        name: { 'zh-CN': '渠道投放', en: 'Launch in channels' },
        description: {
          'zh-CN': '按排期在各渠道上线并盯数据。',
          en: 'Go live in each channel on schedule and watch the numbers.',
        },
        kind: 'task',
        role: '用户增长',
        slaHours: 8,
        checklist: [{ 'zh-CN': '埋点与数据看板已就绪', en: 'Tracking and dashboard ready' }],
        outcomes: done('retro'),
      },
      {
        key: 'retro',
        name: { 'zh-CN': '效果复盘', en: 'Retrospective' },
        description: {
          'zh-CN': '对照目标复盘效果，沉淀可复用的做法。',
          en: 'Compare results with the goal and keep what worked.',
        },
        kind: 'task',
        role: '数据分析',
        slaHours: 16,
        outcomes: done('end'),
      },
      end,
    ],
  },
  {
    key: 'content',
    name: { 'zh-CN': '内容审核与发布流程', en: 'Content review and publishing' },
    description: {
      'zh-CN': '选题 → 撰写 → 审核 → 发布 → 数据复盘。',
      en: 'Topic → draft → review → publish → results.',
    },
    steps: [
      {
        key: 'topic',
        name: { 'zh-CN': '选题', en: 'Pick the topic' },
        description: {
          'zh-CN': '确定选题、角度和目标读者。',
          en: 'Choose the topic, the angle and the readers.',
        },
        kind: 'start',
        role: '内容运营',
        slaHours: 4,
        outcomes: done('draft'),
      },
      {
        key: 'draft',
        name: { 'zh-CN': '撰写', en: 'Write the draft' },
        description: { 'zh-CN': '完成初稿及配图。', en: 'Write the draft and its pictures.' },
        kind: 'task',
        role: '内容运营',
        slaHours: 16,
        outcomes: done('check'),
      },
      {
        key: 'check',
        name: { 'zh-CN': '审核', en: 'Review' },
        description: {
          'zh-CN': '检查事实、合规与品牌调性，不通过则退回。',
          en: 'Check facts, compliance and tone; send back what fails.',
        },
        kind: 'decision',
        role: '用户增长',
        slaHours: 4,
        checklist: [{ 'zh-CN': '无敏感词与版权风险', en: 'No sensitive words or copyright risk' }],
        outcomes: [
          { key: 'publish', label: { 'zh-CN': '通过', en: 'Approve' }, next: 'publish' },
          { key: 'revise', label: { 'zh-CN': '修改', en: 'Revise' }, next: 'draft' },
        ],
      },
      {
        key: 'publish',
        name: { 'zh-CN': '发布', en: 'Publish' },
        description: { 'zh-CN': '按排期发布到各平台。', en: 'Publish on each platform on schedule.' },
        kind: 'task',
        role: '内容运营',
        slaHours: 2,
        fields: [{ key: 'url', label: { 'zh-CN': '发布链接', en: 'Link' }, type: 'link', required: true }],
        outcomes: done('results'),
      },
      {
        key: 'results',
        name: { 'zh-CN': '数据复盘', en: 'Review the results' },
        description: {
          'zh-CN': '发布后跟踪阅读、互动和转化数据。',
          en: 'Track reads, engagement and conversions after publishing.',
        },
        kind: 'task',
        role: '数据分析',
        slaHours: 16,
        outcomes: done('end'),
      },
      end,
    ],
  },
];

/** The ready-made processes in a language: user feedback, e-commerce order, campaign launch, content publishing. */
/** The templates' roles in each language, as the demo team's titles carry them (客服主管, Customer Service Lead). */
export const PROCESS_ROLES: Record<string, Text> = {
  客服: { 'zh-CN': '客服', en: 'Customer service' },
  数据分析: { 'zh-CN': '数据分析', en: 'Data analyst' },
  用户增长: { 'zh-CN': '用户增长', en: 'User growth' },
  电商运营: { 'zh-CN': '电商运营', en: 'E-commerce operations' },
  活动运营: { 'zh-CN': '活动运营', en: 'Campaign operations' },
  内容运营: { 'zh-CN': '内容运营', en: 'Content operations' },
};

/** A template role in the given language (an unknown role as written). */
export function processRoleName(role: string, locale: Locale): string {
  return PROCESS_ROLES[role]?.[locale] ?? role;
}

export function processTemplates(locale: Locale): ProcessTemplate[] {
  return SPECS.map((spec) => ({
    key: spec.key,
    name: spec.name[locale],
    description: spec.description[locale],
    steps: spec.steps.map((step) => ({
      key: step.key,
      name: step.name[locale],
      ...(step.description ? { description: step.description[locale] } : {}),
      kind: step.kind,
      owner: step.role ? { type: 'role' as const, role: processRoleName(step.role, locale) } : null,
      slaHours: step.slaHours ?? null,
      checklist: (step.checklist ?? []).map((item) => item[locale]),
      fields: (step.fields ?? []).map((field): StepField => ({
        key: field.key,
        label: field.label[locale],
        type: field.type,
        required: field.required,
        ...(field.options ? { options: field.options.map((option) => option[locale]) } : {}),
      })),
      outcomes: (step.outcomes ?? []).map((outcome): StepOutcome => ({
        key: outcome.key,
        label: outcome.label[locale],
        next: outcome.next,
      })),
    })),
  }));
}
