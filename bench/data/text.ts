// Vocabulary for the generated workspace, in the words an operations team (运营) actually uses.

export type MetricTemplate = {
  key: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  aggregation: 'sum' | 'avg' | 'last';
  /** Typical daily level; weekly and monthly KPIs of a `sum` scale it up. */
  level: number;
  /** Values are whole numbers (people, orders) rather than rates. */
  isCount: boolean;
};

export const METRICS: readonly MetricTemplate[] = [
  { key: 'new_users', name: '新增注册用户', unit: '人', direction: 'higher', aggregation: 'sum', level: 320, isCount: true },
  { key: 'dau', name: '日活跃用户(DAU)', unit: '人', direction: 'higher', aggregation: 'last', level: 45_000, isCount: true },
  { key: 'retention_d1', name: '次日留存率', unit: '%', direction: 'higher', aggregation: 'avg', level: 41, isCount: false },
  { key: 'retention_d7', name: '7日留存率', unit: '%', direction: 'higher', aggregation: 'avg', level: 19, isCount: false },
  { key: 'paid_conversion', name: '付费转化率', unit: '%', direction: 'higher', aggregation: 'avg', level: 3.2, isCount: false },
  { key: 'gmv', name: 'GMV', unit: '元', direction: 'higher', aggregation: 'sum', level: 1_250_000, isCount: true },
  { key: 'orders', name: '订单量', unit: '单', direction: 'higher', aggregation: 'sum', level: 5_200, isCount: true },
  { key: 'basket_size', name: '客单价', unit: '元', direction: 'higher', aggregation: 'avg', level: 182, isCount: false },
  { key: 'complaint_rate', name: '用户投诉率', unit: '%', direction: 'lower', aggregation: 'avg', level: 0.8, isCount: false },
  { key: 'response_minutes', name: '平均响应时长', unit: '分钟', direction: 'lower', aggregation: 'avg', level: 12, isCount: false },
  { key: 'refund_rate', name: '退款率', unit: '%', direction: 'lower', aggregation: 'avg', level: 2.1, isCount: false },
  { key: 'content_posts', name: '优质内容发布数', unit: '篇', direction: 'higher', aggregation: 'sum', level: 18, isCount: true },
  { key: 'event_signups', name: '活动参与人数', unit: '人', direction: 'higher', aggregation: 'sum', level: 2_100, isCount: true },
  { key: 'nps', name: 'NPS 净推荐值', unit: '分', direction: 'higher', aggregation: 'last', level: 36, isCount: false },
  { key: 'page_views', name: 'Page views', unit: 'PV', direction: 'higher', aggregation: 'sum', level: 82_000, isCount: true },
  { key: 'tickets_closed', name: 'Support tickets closed', unit: '件', direction: 'higher', aggregation: 'sum', level: 150, isCount: true },
  { key: 'churn_rate', name: 'Churn rate', unit: '%', direction: 'lower', aggregation: 'avg', level: 4.2, isCount: false },
  { key: 'email_open_rate', name: 'Email open rate', unit: '%', direction: 'higher', aggregation: 'avg', level: 22, isCount: false },
];

export const DIMENSIONS = [
  '华东区',
  '华南区',
  '华北区',
  '西南区',
  'iOS',
  'Android',
  '小程序',
  'Web',
  '新客',
  '老客',
  '渠道 A',
  'Channel B',
  'Enterprise',
  'SMB',
] as const;

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
export const GIVEN_NAMES = ['磊', '娜', '伟', '芳', '敏', '静', '强', '洋', '艳', '杰', '涛', '婷', '超', '欣', '浩', '雪'];
export const ENGLISH_NAMES = ['Alice Chen', 'Ben Wong', 'Chloe Liu', 'David Zhang', 'Emma Li', 'Frank Wu', 'Grace Xu'];

export const TITLES = [
  '运营专员',
  '用户运营经理',
  '内容运营',
  '活动运营',
  '数据分析师',
  '客服主管',
  '电商运营',
  'Growth PM',
  'Community manager',
  '运营总监',
];

/** Goal statements; `{n}` and `{region}` are filled in per goal. */
export const GOAL_TEMPLATES = [
  '提升次日留存率到 {n}%',
  '在三个月内将用户增长率提升{n}%',
  '将新增注册用户提升 {n}%({region})',
  '降低用户投诉率至 {n}% 以下',
  '本季度完成 {n} 场线上活动',
  '市场调研需在两周内完成,并形成报告({region})',
  '优化电商订单流程:接单 → 付款确认 → 物流安排 → 售后服务',
  '建立用户反馈闭环:收集反馈 → 分析问题 → 制定解决方案 → 反馈用户',
  'Grow weekly active users by {n}% in {region}',
  'Reduce average response time to under {n} minutes',
  'Launch the {region} referral programme',
  '提升付费转化率 {n}%,重点突破{region}',
];

export const DELIVERABLES = [
  '完成竞品分析报告',
  '上线新手引导 2.0',
  '发布 Q4 活动策划方案',
  'Publish the customer feedback playbook',
  '梳理客服 SOP 并完成培训',
  'Ship the onboarding email series',
];

export const CHECK_IN_NOTES = [
  '本周进展顺利,活动报名人数超出预期。',
  '数据口径已对齐,下周开始 A/B 测试。',
  '渠道投放效果一般,正在调整素材。',
  'On track; the referral landing page went live on Tuesday.',
  'Blocked on the data export from the BI team.',
  '用户反馈集中在物流时效,已同步给供应链。',
];

export const BLOCKERS = ['等待技术排期', '预算审批未通过', 'Waiting for legal review', null, null, null];

export const AUDIT_ACTIONS = [
  { action: 'goal.updated', objectType: 'goal' },
  { action: 'goal.checked_in', objectType: 'goal' },
  { action: 'kpi.updated', objectType: 'kpi' },
  { action: 'measurements.recorded', objectType: 'kpi' },
  { action: 'member.updated', objectType: 'member' },
] as const;
