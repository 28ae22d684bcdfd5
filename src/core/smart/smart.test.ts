import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  SMART_MESSAGES_EN,
  SMART_MESSAGES_ZH,
  analyseGoal,
  parseChineseNumber,
  parseDeadline,
  parseQuantities,
  type CriterionStatus,
  type KpiPoint,
  type Quantity,
} from './index.ts';

type Expectation = {
  specific?: CriterionStatus;
  measurable?: CriterionStatus;
  timeBound?: CriterionStatus;
  target?: Partial<Quantity> | null;
  baseline?: Partial<Quantity> | null;
  direction?: 'increase' | 'decrease' | 'reach' | null;
  deadline?: string | null;
  kind?: 'metric' | 'deliverable' | null;
  metric?: string | null;
};
type Example = { text: string; expect: Expectation };

// The examples travel with the repository so any checkout can run them.
const EXAMPLES_PATH = path.resolve(import.meta.dirname, 'fixtures/smart-examples.yaml');
const shared = parse(readFileSync(EXAMPLES_PATH, 'utf8')) as { today: unknown; examples: Example[] };
// YAML reads 2026-11-26 as a string here, but a Date if the schema ever changes: normalise both.
const iso = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? value.toISOString().slice(0, 10)
      : String(value);
const TODAY = iso(shared.today) ?? '';

function checkExample(text: string, expected: Expectation, today = TODAY): void {
  const analysis = analyseGoal(text, { today });
  const { extracted, criteria } = analysis;
  if (expected.specific) expect(criteria.specific.status, `${text}: specific`).toBe(expected.specific);
  if (expected.measurable)
    expect(criteria.measurable.status, `${text}: measurable`).toBe(expected.measurable);
  if (expected.timeBound) expect(criteria.timeBound.status, `${text}: timeBound`).toBe(expected.timeBound);
  if ('deadline' in expected) expect(extracted.deadline, `${text}: deadline`).toBe(iso(expected.deadline));
  if ('direction' in expected) expect(extracted.direction, `${text}: direction`).toBe(expected.direction);
  if ('kind' in expected) expect(extracted.kind, `${text}: kind`).toBe(expected.kind);
  if ('metric' in expected) expect(extracted.metric, `${text}: metric`).toBe(expected.metric);
  for (const field of ['target', 'baseline'] as const) {
    if (!(field in expected)) continue;
    const want = expected[field];
    if (want === null || want === undefined) expect(extracted[field], `${text}: ${field}`).toBeNull();
    else expect(extracted[field], `${text}: ${field}`).toMatchObject(want);
  }
}

describe('SMART analysis: shared examples', () => {
  it('loads the examples', () => {
    expect(shared.examples.length).toBeGreaterThanOrEqual(16);
    expect(TODAY).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  for (const example of shared.examples) {
    it(example.text, () => checkExample(example.text, example.expect));
  }
});

const OWN_EXAMPLES: Example[] = [
  // Chinese
  {
    text: '在两个月内将APP次日留存率从35%提升到40%',
    expect: {
      specific: 'pass',
      measurable: 'pass',
      timeBound: 'pass',
      baseline: { value: 35, unit: '%' },
      target: { value: 40, unit: '%' },
      direction: 'increase',
      deadline: '2027-01-26',
      metric: 'APP次日留存率',
    },
  },
  {
    text: '2027年第一季度将客服首次响应时长缩短至30分钟以内',
    expect: {
      specific: 'pass',
      measurable: 'pass',
      target: { value: 30, unit: 'min' },
      direction: 'decrease',
      deadline: '2027-03-31',
      metric: '客服首次响应时长',
    },
  },
  {
    text: '三个月内将获客成本降低15%',
    expect: {
      target: { value: 15, unit: '%' },
      direction: 'decrease',
      deadline: '2027-02-26',
      metric: '获客成本',
    },
  },
  {
    text: '下个月GMV突破500万元',
    expect: {
      specific: 'pass',
      target: { value: 5_000_000, unit: '¥' },
      direction: 'increase',
      deadline: '2026-12-31',
      metric: 'GMV',
    },
  },
  {
    text: '本季度完成10场线下活动',
    expect: {
      measurable: 'pass',
      timeBound: 'pass',
      target: { value: 10, unit: '场' },
      deadline: '2026-12-31',
    },
  },
  {
    text: '明年上半年将付费会员数翻一番',
    expect: {
      specific: 'pass',
      target: { value: 100, unit: '%' },
      direction: 'increase',
      deadline: '2027-06-30',
    },
  },
  {
    text: '两周内上线新版会员中心',
    expect: {
      specific: 'pass',
      measurable: 'pass',
      kind: 'deliverable',
      deadline: '2026-12-10',
      target: null,
    },
  },
  {
    // 内容, 在线, 对话 start words of the metric: their first character is not a filler, nor a deadline's 内.
    text: '三个月内内容阅读量提升20%',
    expect: { target: { value: 20, unit: '%' }, direction: 'increase', metric: '内容阅读量' },
  },
  {
    text: '提升在线用户数到5000',
    expect: { target: { value: 5000 }, direction: 'increase', metric: '在线用户数' },
  },
  {
    text: '对话完成率提升到80%',
    expect: { target: { value: 80, unit: '%' }, direction: 'increase', metric: '对话完成率' },
  },
  {
    text: '90天内将NPS提升到50分',
    expect: {
      target: { value: 50, unit: 'pt' },
      direction: 'increase',
      deadline: '2027-02-24',
      metric: 'NPS',
    },
  },
  {
    text: '6月30日前将客单价从120元提高到150元',
    expect: {
      baseline: { value: 120, unit: '¥' },
      target: { value: 150, unit: '¥' },
      direction: 'increase',
      deadline: '2027-06-30',
    },
  },
  {
    text: '年底前月活跃用户达到1.5万人',
    expect: {
      target: { value: 15_000, unit: '人' },
      direction: 'reach',
      deadline: '2026-12-31',
      metric: '月活跃用户',
    },
  },
  {
    text: '加强品牌建设',
    expect: { specific: 'warn', measurable: 'fail', timeBound: 'fail', deadline: null },
  },
  { text: '负责公众号日常运营', expect: { specific: 'fail', measurable: 'fail', timeBound: 'fail' } },
  {
    text: '将退款处理时间控制在两天以内',
    expect: { target: { value: 2, unit: 'd' }, direction: 'decrease', deadline: null, timeBound: 'fail' },
  },
  {
    text: '本周内完成618大促复盘报告',
    expect: { kind: 'deliverable', measurable: 'pass', deadline: '2026-11-29', target: null },
  },
  {
    text: 'Q2前将直播间转化率提升至8%',
    expect: { target: { value: 8, unit: '%' }, direction: 'increase', deadline: '2027-06-30' },
  },
  {
    text: '把投诉率降低一半',
    expect: { target: { value: 50, unit: '%' }, direction: 'decrease', timeBound: 'fail' },
  },
  {
    text: '未来六周内新增付费用户3000人',
    expect: { target: { value: 3000, unit: '人' }, direction: 'increase', deadline: '2027-01-07' },
  },
  {
    text: '到2027年底,线上销售额占比达到60%',
    expect: {
      target: { value: 60, unit: '%' },
      direction: 'reach',
      deadline: '2027-12-31',
      metric: '线上销售额占比',
    },
  },
  {
    text: '下半年把单场直播观看人数从两千提升到三千五百人',
    expect: {
      baseline: { value: 2000 },
      target: { value: 3500, unit: '人' },
      direction: 'increase',
      deadline: '2026-12-31',
    },
  },
  {
    text: '2027年3月底前将复购率提升5个百分点',
    expect: { target: { value: 5, unit: 'pp' }, direction: 'increase', deadline: '2027-03-31' },
  },
  {
    text: '明年将会员人数提升到十二万',
    expect: { target: { value: 120_000 }, direction: 'increase', deadline: '2027-12-31' },
  },
  {
    text: '12月31日前完成年度运营复盘并输出改进计划',
    expect: { kind: 'deliverable', direction: null, measurable: 'pass', deadline: '2026-12-31' },
  },
  { text: '每月新增注册用户5000人', expect: { timeBound: 'warn', target: { value: 5000 }, deadline: null } },
  // English
  {
    text: 'Launch the referral program by March 31, 2027',
    expect: {
      specific: 'pass',
      measurable: 'pass',
      timeBound: 'pass',
      kind: 'deliverable',
      deadline: '2027-03-31',
    },
  },
  {
    text: 'Raise NPS from 32 to 45 by the end of next quarter',
    expect: {
      baseline: { value: 32 },
      target: { value: 45 },
      direction: 'increase',
      deadline: '2027-03-31',
      metric: 'NPS',
    },
  },
  {
    text: 'Reduce average delivery time from 5 days to 3 days within 6 months',
    expect: {
      baseline: { value: 5, unit: 'd' },
      target: { value: 3, unit: 'd' },
      direction: 'decrease',
      deadline: '2027-05-26',
    },
  },
  {
    text: 'Acquire 1,200 new paying customers this month',
    expect: {
      specific: 'pass',
      target: { value: 1200 },
      direction: 'increase',
      deadline: '2026-11-30',
      metric: 'new paying customers',
    },
  },
  {
    // The particle belongs to the verb: the metric is the new users, not "up".
    text: 'Sign up 27,000 new users this month',
    expect: { specific: 'pass', target: { value: 27_000 }, direction: 'increase', metric: 'new users' },
  },
  {
    text: 'Grow monthly recurring revenue to $1.2 million by year-end',
    expect: { target: { value: 1_200_000, unit: '$' }, direction: 'increase', deadline: '2026-12-31' },
  },
  {
    text: 'Cut support ticket backlog in half by next month',
    expect: {
      specific: 'pass',
      target: { value: 50, unit: '%' },
      direction: 'decrease',
      deadline: '2026-12-31',
    },
  },
  {
    text: 'Publish the 2027 content calendar within two weeks',
    expect: { kind: 'deliverable', target: null, measurable: 'pass', deadline: '2026-12-10' },
  },
  {
    text: 'Hit 10k weekly downloads next quarter',
    expect: {
      target: { value: 10_000 },
      direction: 'reach',
      deadline: '2027-03-31',
      metric: 'weekly downloads',
    },
  },
  {
    text: 'Keep first-contact resolution rate above 85% this year',
    expect: { target: { value: 85, unit: '%' }, direction: 'reach', deadline: '2026-12-31' },
  },
  { text: 'Work on social media', expect: { specific: 'fail', measurable: 'fail', timeBound: 'fail' } },
  {
    text: 'Improve customer experience',
    expect: { specific: 'warn', measurable: 'fail', timeBound: 'fail' },
  },
  {
    text: 'Lower the refund rate to 2.5% by 2027-06-30',
    expect: { target: { value: 2.5, unit: '%' }, direction: 'decrease', deadline: '2027-06-30' },
  },
  {
    text: 'Increase conversion rate by 3 percentage points in Q1 2027',
    expect: { target: { value: 3, unit: 'pp' }, direction: 'increase', deadline: '2027-03-31' },
  },
  {
    text: 'Triple webinar sign-ups over the next 3 months',
    expect: { target: { value: 200, unit: '%' }, direction: 'increase', deadline: '2027-02-26' },
  },
  {
    text: 'Sign 20 new enterprise clients in H1 2027',
    expect: { target: { value: 20 }, direction: 'increase', deadline: '2027-06-30' },
  },
  {
    text: 'Double revenue',
    expect: { measurable: 'pass', timeBound: 'fail', target: { value: 100, unit: '%' } },
  },
  {
    text: 'Reduce delivery time to within 2 days',
    expect: { target: { value: 2, unit: 'd' }, direction: 'decrease', deadline: null },
  },
  {
    text: 'Improve average handling time to 4 minutes by Friday',
    expect: { target: { value: 4, unit: 'min' }, direction: 'decrease', deadline: '2026-11-27' },
  },
  {
    text: 'Get churn down to under 2% by June 30',
    expect: { target: { value: 2, unit: '%' }, direction: 'decrease', deadline: '2027-06-30' },
  },
  {
    text: 'Increase app store rating from 4.2 to 4.6 stars within a year',
    expect: {
      baseline: { value: 4.2 },
      target: { value: 4.6 },
      direction: 'increase',
      deadline: '2027-11-26',
    },
  },
];

describe('SMART analysis: more statements', () => {
  it('has at least 25 statements in both languages', () => {
    expect(OWN_EXAMPLES.length).toBeGreaterThanOrEqual(25);
    expect(
      OWN_EXAMPLES.filter((example) => /[\u4e00-\u9fff]/.test(example.text)).length,
    ).toBeGreaterThanOrEqual(12);
  });
  for (const example of OWN_EXAMPLES) {
    it(example.text, () => checkExample(example.text, example.expect, '2026-11-26'));
  }
});

describe('parseDeadline', () => {
  const cases: Array<[string, string, string | null]> = [
    ['2027年6月30日前', '2026-11-26', '2027-06-30'],
    ['2027-06-30', '2026-11-26', '2027-06-30'],
    ['2027/6/30前', '2026-11-26', '2027-06-30'],
    ['6月30日前', '2026-11-26', '2027-06-30'],
    ['12月20日前', '2026-11-26', '2026-12-20'],
    ['by June 30, 2027', '2026-11-26', '2027-06-30'],
    ['by June 30', '2026-11-26', '2027-06-30'],
    ['by Sept. 30', '2026-03-01', '2026-09-30'],
    ['三个月内', '2026-11-26', '2027-02-26'],
    ['三个月内', '2027-11-30', '2028-02-29'],
    ['在未来六个月内', '2026-11-26', '2027-05-26'],
    ['两周内', '2026-11-26', '2026-12-10'],
    ['90天内', '2026-11-26', '2027-02-24'],
    ['半年内', '2026-11-26', '2027-05-26'],
    ['within 90 days', '2026-11-26', '2027-02-24'],
    ['in the next two months', '2026-11-26', '2027-01-26'],
    ['within a month', '2026-01-31', '2026-02-28'],
    ['本月', '2026-11-26', '2026-11-30'],
    ['this month', '2027-02-03', '2027-02-28'],
    ['本季度', '2026-11-26', '2026-12-31'],
    ['this quarter', '2026-05-02', '2026-06-30'],
    ['下个季度', '2026-11-26', '2027-03-31'],
    ['next quarter', '2026-05-02', '2026-09-30'],
    ['年底前', '2026-11-26', '2026-12-31'],
    ['by end of year', '2026-03-01', '2026-12-31'],
    ['by year-end', '2026-03-01', '2026-12-31'],
    ['Q1 2027', '2026-11-26', '2027-03-31'],
    ['end of Q3', '2026-11-26', '2027-09-30'],
    ['2027年第一季度', '2026-11-26', '2027-03-31'],
    ['第二季度末', '2026-03-01', '2026-06-30'],
    ['下个月', '2026-11-26', '2026-12-31'],
    ['next month', '2026-12-15', '2027-01-31'],
    ['本周', '2026-11-26', '2026-11-29'],
    ['this week', '2026-11-29', '2026-11-29'],
    ['下周', '2026-11-26', '2026-12-06'],
    ['明年', '2026-11-26', '2027-12-31'],
    ['next year', '2026-11-26', '2027-12-31'],
    ['上半年', '2026-03-01', '2026-06-30'],
    ['上半年', '2026-11-26', '2027-06-30'],
    ['明年上半年', '2026-03-01', '2027-06-30'],
    ['H2 2027', '2026-11-26', '2027-12-31'],
    ['3月底前', '2026-11-26', '2027-03-31'],
    ['by March 2027', '2026-11-26', '2027-03-31'],
    ['2027年底', '2026-11-26', '2027-12-31'],
    ['by 2028', '2026-11-26', '2028-12-31'],
    ['双十一前', '2026-11-26', '2027-11-11'],
    ['十月一日前', '2026-11-26', '2027-10-01'],
    ['reduce delivery time to 3 days', '2026-11-26', null],
    ['将处理时长控制在两天以内', '2026-11-26', null],
    ['increase sales by 2000 units', '2026-11-26', null],
    ['提升用户体验', '2026-11-26', null],
  ];
  for (const [text, today, expected] of cases) {
    it(`${text} (today ${today}) → ${expected ?? 'null'}`, () =>
      expect(parseDeadline(text, today)).toBe(expected));
  }

  it('prefers the date introduced as a deadline', () => {
    expect(parseDeadline('从2026年1月的8万,到2027年6月30日前提升到12万', '2026-11-26')).toBe('2027-06-30');
  });
});

describe('parseQuantities', () => {
  const cases: Array<[string, Quantity[]]> = [
    [
      '从8万提升到12万',
      [
        { value: 80_000, unit: null },
        { value: 120_000, unit: null },
      ],
    ],
    [
      'from 50,000 to 80,000',
      [
        { value: 50_000, unit: null },
        { value: 80_000, unit: null },
      ],
    ],
    ['提升20%', [{ value: 20, unit: '%' }]],
    ['百分之十五', [{ value: 15, unit: '%' }]],
    ['1.2 million', [{ value: 1_200_000, unit: null }]],
    ['50k users', [{ value: 50_000, unit: null }]],
    ['$3.5M', [{ value: 3_500_000, unit: '$' }]],
    ['500万元', [{ value: 5_000_000, unit: '¥' }]],
    ['3亿', [{ value: 300_000_000, unit: null }]],
    ['三千人', [{ value: 3000, unit: '人' }]],
    ['两万单', [{ value: 20_000, unit: '单' }]],
    ['2 hours', [{ value: 2, unit: 'h' }]],
    ['30分钟', [{ value: 30, unit: 'min' }]],
    ['5个百分点', [{ value: 5, unit: 'pp' }]],
    ['4.5分', [{ value: 4.5, unit: 'pt' }]],
    ['3 days', [{ value: 3, unit: 'd' }]],
    ['2027年6月 Q1 统一 一站式', []],
  ];
  for (const [text, expected] of cases) {
    it(text, () =>
      expect(parseQuantities(text).map(({ value, unit }) => ({ value, unit }))).toEqual(expected),
    );
  }
});

describe('parseChineseNumber', () => {
  const cases: Array<[string, number | null]> = [
    ['三', 3],
    ['十', 10],
    ['十二', 12],
    ['两', 2],
    ['二十五', 25],
    ['一百零五', 105],
    ['三千五百', 3500],
    ['三千五', 3500],
    ['一万二', 12_000],
    ['十二万', 120_000],
    ['一亿二千万', 120_000_000],
    ['二〇二七', 2027],
    ['千万', null],
    ['用户', null],
  ];
  for (const [text, expected] of cases) it(text, () => expect(parseChineseNumber(text)).toBe(expected));
});

/** Monthly points growing by `step`, ending at `last` on 2026-11-01. */
function monthlyHistory(last: number, step: number, months = 6): KpiPoint[] {
  return Array.from({ length: months }, (_, index) => {
    const month = 11 - (months - 1 - index);
    const year = month >= 1 ? 2026 : 2025;
    const monthOfYear = month >= 1 ? month : month + 12;
    return {
      date: `${year}-${String(monthOfYear).padStart(2, '0')}-01`,
      value: last - step * (months - 1 - index),
    };
  });
}

describe('achievable', () => {
  const today = '2026-11-26';

  it('is unknown without history, with guidance', () => {
    const { achievable } = analyseGoal('Grow weekly orders to 1,200 by March 31, 2027', { today }).criteria;
    expect(achievable.status).toBe('unknown');
    expect(achievable.suggestion).toMatch(/3 measurements/);
  });

  it('is unknown with fewer than 3 points', () => {
    const history = [
      { date: '2026-10-01', value: 900 },
      { date: '2026-11-01', value: 1000 },
    ];
    const { achievable } = analyseGoal('Grow weekly orders to 1,200 by March 31, 2027', {
      today,
      history,
    }).criteria;
    expect(achievable.status).toBe('unknown');
    expect(achievable.reason).toMatch(/Only 2/);
  });

  it('passes when the required pace is within 1.5× the trend, and says the numbers', () => {
    // 1,000 → 1,200 in ~4.1 months needs ~4.9%/month; the trend is +50/month = +5.0%/month.
    const history = monthlyHistory(1000, 50);
    const { achievable } = analyseGoal('Grow weekly orders to 1,200 by March 31, 2027', {
      today,
      history,
    }).criteria;
    expect(achievable.status).toBe('pass');
    expect(achievable.reason).toContain('Needs +4.9%/month to go from 1,000 to 1,200 by 2027-03-31');
    expect(achievable.reason).toContain('the last 5 months averaged +5.0%/month');
    expect(achievable.suggestion).toBeNull();
  });

  it('warns between 1.5× and 3× the trend', () => {
    const history = monthlyHistory(1000, 20);
    const { achievable } = analyseGoal('Grow weekly orders to 1,200 by March 31, 2027', {
      today,
      history,
    }).criteria;
    expect(achievable.status).toBe('warn');
    expect(achievable.reason).toContain('+4.9%/month');
    expect(achievable.reason).toContain('+2.0%/month');
    expect(achievable.reason).toContain('2.5×');
    expect(achievable.suggestion).toContain('about 1,098 by 2027-03-31');
    expect(achievable.suggestion).toContain('2027-09-04');
  });

  it('fails beyond 3× the trend, in Chinese too', () => {
    const history = monthlyHistory(80_000, 800);
    const { achievable } = analyseGoal('年底前把日活跃用户从8万提升到12万', { today, history }).criteria;
    expect(achievable.status).toBe('fail');
    expect(achievable.reason).toContain('需要每月 +43.5%');
    expect(achievable.reason).toContain('过去 5 个月平均每月 +1.0%');
    expect(achievable.reason).toContain('43.8 倍');
    expect(achievable.suggestion).toContain('2031');
  });

  it('reads "提升20%" as relative growth from the current value', () => {
    const history = monthlyHistory(10_000, 600);
    const { achievable } = analyseGoal('在三个月内将付费用户数提升20%', { today, history }).criteria;
    expect(achievable.reason).toContain('从 10,000 到 12,000');
    expect(achievable.status).toBe('pass');
  });

  it('handles decreasing metrics: the trend must go down', () => {
    const falling = [
      { date: '2026-06-01', value: 5 },
      { date: '2026-08-01', value: 4.6 },
      { date: '2026-10-01', value: 4.2 },
      { date: '2026-11-01', value: 4 },
    ];
    const good = analyseGoal('下个季度将退货率降低到3%以下', { today, history: falling }).criteria.achievable;
    expect(good.status).toBe('pass');
    expect(good.reason).toMatch(/需要每月 -6\.\d%/);
    const rising = falling.map((point, index) => ({ ...point, value: 4 + index * 0.1 }));
    const bad = analyseGoal('下个季度将退货率降低到3%以下', { today, history: rising }).criteria.achievable;
    expect(bad.status).toBe('fail');
    expect(bad.reason).toContain('近期趋势持平或在反方向变化');
  });

  it('passes when the target is already reached', () => {
    const history = monthlyHistory(95, 1);
    const { achievable } = analyseGoal('Keep first-contact resolution rate above 85% this year', {
      today,
      history,
    }).criteria;
    expect(achievable.status).toBe('pass');
    expect(achievable.reason).toContain('Already at 95%');
  });

  it('uses the goal form fields over the text', () => {
    const history = monthlyHistory(1000, 50);
    const analysis = analyseGoal('提升订单量', {
      today,
      history,
      fields: { metric: '周订单量', target: 1200, deadline: '2027-03-31', unit: '单' },
    });
    expect(analysis.extracted).toMatchObject({
      metric: '周订单量',
      target: { value: 1200, unit: '单' },
      deadline: '2027-03-31',
    });
    expect(analysis.criteria.measurable.status).toBe('pass');
    expect(analysis.criteria.timeBound.status).toBe('pass');
    expect(analysis.criteria.achievable.status).toBe('pass');
  });
});

describe('relevant, locale and score', () => {
  const today = '2026-11-26';

  it('passes with a parent goal or top level, else is unknown with guidance', () => {
    expect(analyseGoal('提升用户体验', { today, parentGoalId: 'g1' }).criteria.relevant.status).toBe('pass');
    expect(analyseGoal('提升用户体验', { today, isTopLevel: true }).criteria.relevant.status).toBe('pass');
    const unknown = analyseGoal('Improve brand awareness', { today }).criteria.relevant;
    expect(unknown.status).toBe('unknown');
    expect(unknown.suggestion).toMatch(/parent goal or mark it top-level/);
  });

  it('detects the language and follows an explicit locale', () => {
    expect(analyseGoal('提升用户体验', { today }).locale).toBe('zh-CN');
    expect(analyseGoal('Improve brand awareness', { today }).locale).toBe('en');
    const forced = analyseGoal('提升用户体验', { today, locale: 'en' });
    expect(forced.locale).toBe('en');
    expect(forced.criteria.specific.reason).toMatch(/is an area, not a metric/);
  });

  it('scores pass as 1 and warn as 0.5', () => {
    const analysis = analyseGoal('年底前把日活跃用户从8万提升到12万', { today, parentGoalId: 'g1' });
    expect(analysis.score).toBe(4);
    expect(analyseGoal('提升用户体验', { today }).score).toBe(0.5);
  });

  it('gives every non-passing criterion a suggestion', () => {
    for (const text of ['做好社群运营工作', 'Work on social media', '提升用户体验']) {
      for (const result of Object.values(analyseGoal(text, { today }).criteria)) {
        if (result.status !== 'pass') expect(result.suggestion, text).toBeTruthy();
      }
    }
  });
});

describe('message catalogues', () => {
  it('have the same keys and placeholders in both languages', () => {
    expect(Object.keys(SMART_MESSAGES_ZH).sort()).toEqual(Object.keys(SMART_MESSAGES_EN).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, english] of Object.entries(SMART_MESSAGES_EN)) {
      const chinese = SMART_MESSAGES_ZH[key as keyof typeof SMART_MESSAGES_EN];
      expect(chinese.trim(), key).not.toBe('');
      expect(placeholders(chinese), key).toEqual(placeholders(english));
    }
  });
});

// Issue 16: magnitudes written as an operations team writes them, and deadlines the goal form must honour.
describe('magnitudes in every written form', () => {
  const quantities: Array<[string, Quantity[]]> = [
    [
      '从 4.6 万提升到 6 万',
      [
        { value: 46_000, unit: null },
        { value: 60_000, unit: null },
      ],
    ],
    [
      'DAU 3.5w 提升到 5w',
      [
        { value: 35_000, unit: null },
        { value: 50_000, unit: null },
      ],
    ],
    ['3.5 W', [{ value: 35_000, unit: null }]],
    ['GMV 1.2 亿', [{ value: 120_000_000, unit: null }]],
    ['新增用户 2k', [{ value: 2000, unit: null }]],
    ['2 千人', [{ value: 2000, unit: '人' }]],
    ['１２％', [{ value: 12, unit: '%' }]],
    ['４.６万', [{ value: 46_000, unit: null }]],
    ['３５００人', [{ value: 3500, unit: '人' }]],
    ['by 30k users', [{ value: 30_000, unit: null }]],
    ['grow to 3m users', [{ value: 3_000_000, unit: null }]],
    ['1.5 k', [{ value: 1500, unit: null }]],
  ];
  for (const [text, expected] of quantities) {
    it(`parseQuantities: ${text}`, () =>
      expect(parseQuantities(text).map(({ value, unit }) => ({ value, unit }))).toEqual(expected));
  }

  const statements: Array<[string, Expectation]> = [
    [
      'DAU 从 4.6 万提升到 6 万',
      { baseline: { value: 46_000 }, target: { value: 60_000 }, direction: 'increase', metric: 'DAU' },
    ],
    [
      'DAU 3.5w 提升到 5w',
      {
        baseline: { value: 35_000 },
        target: { value: 50_000 },
        direction: 'increase',
        metric: 'DAU',
        deadline: null,
      },
    ],
    [
      'GMV 从 1.2 亿做到 1.5 亿',
      {
        baseline: { value: 120_000_000 },
        target: { value: 150_000_000 },
        direction: 'increase',
        metric: 'GMV',
      },
    ],
    ['新增用户 2k', { target: { value: 2000 }, direction: 'increase', metric: '用户' }],
    ['次日留存率提升到１２％', { target: { value: 12, unit: '%' }, metric: '次日留存率' }],
    ['从４.６万提升到６万', { baseline: { value: 46_000 }, target: { value: 60_000 } }],
    [
      'Grow weekly active users by 30k users by March 31, 2027',
      { target: { value: 30_000 }, deadline: '2027-03-31', direction: 'increase' },
    ],
  ];
  for (const [text, expected] of statements) it(text, () => checkExample(text, expected, '2026-11-26'));

  it('compares a baseline in 万 with KPI values written out in full', () => {
    // The KPI sits at 46,000: the statement's 4.6 万 is that same level, so 6 万 is still ahead, not already met.
    const history: KpiPoint[] = [
      { date: '2026-09-01', value: 44_000 },
      { date: '2026-10-01', value: 45_000 },
      { date: '2026-11-01', value: 46_000 },
    ];
    const { achievable } = analyseGoal('2027年6月30日前 DAU 从 4.6 万提升到 6 万', {
      today: '2026-11-26',
      history,
    }).criteria;
    expect(achievable.status).not.toBe('pass');
    expect(achievable.reason).not.toMatch(/已达到目标/);
  });
});

describe('deadlines the goal form reads from the statement', () => {
  const today = '2026-11-26';
  const cases: Array<[string, string]> = [
    ['2027年3月31日前将 DAU 从 4.6 万提升到 6 万', '2027-03-31'],
    ['本月内完成双十二活动复盘报告', '2026-11-30'],
    ['一季度内将 GMV 提升到 1.5 亿', '2027-03-31'],
    ['Grow weekly active users to 50k by March 31, 2027', '2027-03-31'],
  ];
  for (const [text, deadline] of cases) {
    it(text, () => {
      const { extracted, criteria } = analyseGoal(text, { today });
      expect(extracted.deadline).toBe(deadline);
      expect(criteria.timeBound.status).toBe('pass');
    });
  }
  it('counts 一季度内 from today: in March it is this quarter, not next year', () =>
    expect(parseDeadline('一季度内', '2027-03-10')).toBe('2027-03-31'));
  it('a vague 提升用户活跃 is not time-bound', () => {
    const { extracted, criteria } = analyseGoal('提升用户活跃', { today });
    expect(extracted.deadline).toBeNull();
    expect(criteria.timeBound.status).toBe('fail');
  });
});
