import { findDeadlines, pickDeadline } from './dates.ts';
import { parseQuantities, toHalfWidth, type QuantityMatch } from './numbers.ts';
import type { Direction, Extraction, Quantity, SmartLocale } from './types.ts';

/** What a goal statement says, with the details the criteria need beyond the public Extraction. */
export type GoalReading = Extraction & {
  locale: SmartLocale;
  /** The metric names something that can be counted; false for areas such as 用户体验 or brand awareness. */
  isConcrete: boolean;
  /** The area of work the statement is about when it names no metric ("社群运营工作"). */
  area: string | null;
  hasRecurringPeriod: boolean;
};

type VerbMatch = {
  index: number;
  end: number;
  direction: Direction;
  kind: VerbKind;
  multiple: number | null;
};
type VerbKind = 'plain' | 'improve' | 'addsCount' | 'reach';

const CJK = /[\u3400-\u9fff]/;

/** Detects the language of a statement: any CJK character means Chinese. */
export function detectLocale(text: string): SmartLocale {
  return CJK.test(text) ? 'zh-CN' : 'en';
}

function byLength(words: string[]): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

// Multiples first: 翻一番 must not be read as a plain 提升.
const MULTIPLE_WORDS: Array<[RegExp, Direction, number]> = [
  [/翻两番|quadruple[sd]?\b|quadrupling/gi, 'increase', 300],
  [/翻一番|翻了一番|翻番|翻倍|增长一倍|提升一倍|提高一倍|double[sd]?\b|doubling/gi, 'increase', 100],
  [/triple[sd]?\b|tripling/gi, 'increase', 200],
  [/减半|砍半|halve[sd]?\b|halving/gi, 'decrease', 50],
];
/** "cut the backlog in half", "降低一半": a modifier of the verb, not a verb of its own. */
const HALF_MODIFIER = /\b(?:in|by) half\b|一半/i;

const ZH_VERBS: Array<[string[], Direction, VerbKind]> = [
  [
    ['提升', '提高', '增长(?!率)', '增加', '增至', '增到', '扩大', '上涨', '上升', '拉升', '突破', '超过'],
    'increase',
    'plain',
  ],
  [
    ['新增', '拉新', '获取', '获得', '招募', '招聘', '吸引', '发展', '签约', '新签', '转化'],
    'increase',
    'addsCount',
  ],
  [['优化', '改善', '改进', '完善', '加强', '强化', '增强', '提振'], 'increase', 'improve'],
  [
    ['降低', '减少', '下降', '缩短', '压缩', '控制', '降至', '降到', '削减', '压降', '减低', '减至'],
    'decrease',
    'plain',
  ],
  [['达到', '达成', '实现', '保持', '维持', '做到', '稳定在'], 'reach', 'reach'],
];
const EN_VERBS: Array<[string[], Direction, VerbKind]> = [
  [
    ['increase', 'grow', 'boost', 'raise', 'lift', 'expand', 'drive up', 'push up', 'accelerate', 'scale'],
    'increase',
    'plain',
  ],
  [
    ['acquire', 'add', 'gain', 'win', 'sign', 'attract', 'onboard', 'recruit', 'hire', 'convert'],
    'increase',
    'addsCount',
  ],
  [['improve', 'enhance', 'strengthen', 'optimise', 'optimize', 'better'], 'increase', 'improve'],
  [
    [
      'reduce',
      'cut',
      'lower',
      'decrease',
      'shrink',
      'shorten',
      'minimise',
      'minimize',
      'bring down',
      'drive down',
      'slash',
      'trim',
      'curb',
      'drop',
      'lessen',
      'eliminate',
    ],
    'decrease',
    'plain',
  ],
  [
    ['reach', 'hit', 'achieve', 'attain', 'maintain', 'keep', 'hold', 'get', 'exceed', 'surpass', 'sustain'],
    'reach',
    'reach',
  ],
];

const ZH_DELIVERABLE = [
  '完成',
  '上线',
  '发布',
  '推出',
  '交付',
  '形成',
  '建立',
  '搭建',
  '制定',
  '编写',
  '撰写',
  '输出',
  '开发',
  '举办',
  '召开',
  '落地',
  '实施',
  '启动',
  '开通',
  '组建',
  '部署',
  '迁移',
  '改版',
  '上架',
  '开业',
  '提交',
  '出台',
  '开展',
];
const EN_DELIVERABLE = [
  'launch',
  'publish',
  'complete',
  'deliver',
  'ship',
  'release',
  'finish',
  'roll out',
  'implement',
  'build',
  'create',
  'set up',
  'establish',
  'run',
  'host',
  'hold',
  'write',
  'produce',
  'introduce',
  'migrate',
  'redesign',
  'deploy',
  'open',
  'organise',
  'organize',
  'conduct',
  'finalise',
  'finalize',
  'submit',
  'prepare',
];

const ZH_KPI =
  /率|满意度|数|量|额|份额|占比|比例|时长|时间|时效|天数|用户|会员|粉丝|订单|单量|客单价|收入|营收|利润|成本|费用|评分|得分|分数|投诉|工单|线索|注册|下载|销量|销售|流水|库存|周转|退货|流失|点击|阅读|播放|订阅|客户|日活|月活|周活|留存|复购|转化|价格|单价|毛利|净利|回款|签约|访问|访客|关注|门店|场次|gmv|dau|mau|wau|arpu|arppu|ltv|cac|nps|csat|roi|uv|pv|ctr|cpc|cpa|sla/i;
const ZH_VAGUE_HEAD =
  /(?:体验|形象|知名度|认知度?|美誉度|影响力|氛围|工作|能力|水平|质量|效率|服务|管理|运营|口碑|意识|文化|建设|生态|品牌|竞争力|活力|粘性|黏性|参与感|价值|声量|心智|感知|关系|协作|沟通|流程|体系|机制|效果|表现|业绩|发展|增长|推广|宣传|营销|维护|相关事项|事情)$/;
const EN_KPI =
  /\b(?:rates?|ratio|share|users?|customers?|subscribers?|members?|followers?|orders?|revenue|sales|profit|margin|costs?|spend|churn|retention|conversions?|sign-?ups?|registrations?|downloads?|installs?|leads?|tickets?|complaints?|time|duration|latency|score|nps|csat|gmv|dau|mau|wau|arpu|ltv|cac|roi|ctr|traffic|visits?|visitors?|sessions?|views?|clicks?|impressions?|bookings?|deals?|clients?|accounts?|units?|volume|count|number|percentage|satisfaction|audience|readers?|listeners?|viewers?|attendees?|participants?|returns?|refunds?|defects?|errors?|incidents?|uptime|availability|backlog|inventory|turnover|aov|price|income|arr|mrr|pipeline|reviews?|ratings?|posts?|articles?|videos?|purchases?|renewals?)\b/i;
const EN_VAGUE_HEAD =
  /\b(?:experience|awareness|brand|image|reputation|presence|visibility|culture|quality|efficiency|performance|engagement|operations|service|services|communication|collaboration|morale|loyalty|growth|impact|influence|perception|relationships?|community|capabilit(?:y|ies)|process(?:es)?|work|things|stuff|productivity|ux|marketing|outreach|teamwork|skills)$/i;
const LOWER_IS_BETTER =
  /时间|时长|耗时|成本|费用|流失|退货|投诉|差评|故障|延迟|跳出|错误|缺陷|事故|积压|\b(?:time|duration|latency|costs?|churn|complaints?|returns?|refunds?|defects?|errors?|incidents?|bounce|backlog|wait|delays?|downtime|tickets?)\b/i;
const RECURRING =
  /每(?:天|日|周|星期|月|个月|季度?|年)|\b(?:per|each|every|a)\s+(?:day|week|month|quarter|year)\b|\b(?:daily|weekly|monthly|quarterly) basis\b/i;

const LEVEL_MARKER_ZH =
  /(?:到|至|达到|达|为|在|突破|超过|不低于|不少于|不超过|不高于|低于|高于|控制在|保持在|维持在|稳定在|降至|增至|减至|达成|≥|≤|<|>|＜|＞)\s*$/;
const LEVEL_MARKER_EN =
  /\b(?:to|reach(?:es|ing)?|hit|at|above|over|below|under|of|beyond|exceed|surpass|than|least|most)\s*$|[≥≤<>]\s*$/i;
const CHANGE_MARKER = /(?:\bby|了)\s*$/i;
const BASELINE_MARKER =
  /(?:从|由|\bfrom|比|\bvs\.?|compared (?:with|to))\s*(?:目前的?|现在的?|当前的?|the current|current)?\s*$/i;
/** What stands between a starting amount and the level it moves to: "提升到", "降至", "→", "up to". */
const VERB_TO_LEVEL =
  /^\s*(?:(?:提升|提高|增长|增加|拉升|上涨|上升|降低|减少|下降|缩短|压缩|压降|削减)?\s*[到至]|[增降减]至|→|->|(?:increase[ds]?|grow|grew|rise|rose|drop(?:ped)?|fall|fell|cut)?\s*to)\s*$/i;
const DECREASE_AFTER = /^\s*(?:以下|以内|之内|或以下|或更低|or (?:less|lower|fewer|below))/i;
const DECREASE_BEFORE =
  /(?:under|below|less than|fewer than|at most|no more than|不超过|不高于|低于|控制在|＜|<|≤)\s*$/i;
const COUNT_UNITS = new Set([
  '人',
  '个',
  '单',
  '次',
  '条',
  '篇',
  '场',
  '家',
  '件',
  '¥',
  '$',
  '%',
  'pp',
  'pt',
  '×',
]);

function findVerbs(text: string, locale: SmartLocale): VerbMatch[] {
  const verbs: VerbMatch[] = [];
  for (const [pattern, direction, multiple] of MULTIPLE_WORDS) {
    for (const match of text.matchAll(pattern)) {
      verbs.push({
        index: match.index,
        end: match.index + match[0].length,
        direction,
        kind: 'plain',
        multiple,
      });
    }
  }
  const table = locale === 'zh-CN' ? [...ZH_VERBS, ...EN_VERBS] : EN_VERBS;
  for (const [words, direction, kind] of table) {
    const isEnglish = !CJK.test(words[0] ?? '');
    const pattern = isEnglish
      ? new RegExp(`\\b(?:${byLength(words)})(?:s|es|ed|d|ing)?\\b`, 'gi')
      : // 改进计划 and 提升方案 are documents to deliver, not directions.
        new RegExp(`(?:${byLength(words)})(?!计划|方案|措施|建议|报告|策略|项目|清单)`, 'g');
    for (const match of text.matchAll(pattern)) {
      const index = match.index;
      const end = index + match[0].length;
      if (verbs.some((verb) => index < verb.end && end > verb.index)) continue;
      verbs.push({ index, end, direction, kind, multiple: null });
    }
  }
  return verbs.sort((a, b) => a.index - b.index);
}

function findDeliverableVerb(text: string, locale: SmartLocale): { index: number; end: number } | null {
  const pattern =
    locale === 'zh-CN'
      ? new RegExp(byLength(ZH_DELIVERABLE))
      : new RegExp(`\\b(?:${byLength(EN_DELIVERABLE)})(?:s|es|ed|d|ing)?\\b`, 'i');
  const match = pattern.exec(text);
  return match ? { index: match.index, end: match.index + match[0].length } : null;
}

/** Hides the deadline phrases so their numbers and words are not read as the metric or target. */
function maskDeadlines(text: string, spans: Array<{ index: number; end: number }>): string {
  let masked = text;
  for (const { index, end } of spans)
    masked = masked.slice(0, index) + ' '.repeat(end - index) + masked.slice(end);
  return masked;
}

// One-character fillers stay when they start a word of the metric: 在线, 需求, 应用, 使用, 前端, 内容, 对话.
const ZH_LEADING_FILLER =
  /^(?:[\s,，、]|在(?!线)|于|需要|需(?!求)|要|须|必须|应(?!用|答)|力争|争取|确保|务必|努力|计划|目标是?|将|把|使(?!用)|让|的|前(?!端|台)|内(?!容|部|存)|了|对(?!话|接)|进一步|持续|大幅度?|显著|有效|全面|逐步|稳步|快速|并且?|同时|做好|搞好|抓好|推进|负责|认真|积极)+/;
const ZH_TRAILING_FILLER = /(?:[\s,，、]|的|从|由|在|需要?|要|水平|了|进一步|大幅|数值|指标|到|至|达到|为)+$/;
const EN_LEADING_FILLER =
  /^(?:\s|the|our|a|an|its|their|my|your|we|will|should|to|do|a good job (?:on|with|of)|work on|focus on|better)\b\s*/i;

function cleanMetric(raw: string, locale: SmartLocale): string | null {
  let text = raw.replace(/\s+/g, ' ').trim();
  if (locale === 'zh-CN' && CJK.test(text)) {
    let previous = '';
    while (previous !== text) {
      previous = text;
      text = text.replace(ZH_LEADING_FILLER, '').replace(ZH_TRAILING_FILLER, '').trim();
    }
  } else {
    let previous = '';
    while (previous !== text) {
      previous = text;
      text = text
        .replace(EN_LEADING_FILLER, '')
        .replace(/[\s,;:.]+$/, '')
        .trim();
    }
  }
  return text === '' ? null : text;
}

const EN_STOP =
  /\s(?:from|to|by|within|in|before|until|over|during|per|this|next|at|above|below|under|more than|less than|so|while|and|with)\b|\sof\s+(?=[\d$¥])|\d|[,;.:](?:\s|$)|\s{2,}|$/i;
const ZH_STOP =
  /从|由|到|至|达到|为|(?:\d[\d,]*(?:\.\d+)?|[零一二两三四五六七八九十百千万]+)\s*(?:[%％人名位个单笔次条篇场家件元万亿倍分天小]|[kKwWmM](?![A-Za-z]))|[,，。;；、]|\s{2,}|$/;

const TRAILING_AMOUNT =
  /(?<=^|\s|[\u3400-\u9fff])(?:\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?:百万|千万|[kKwWmM万亿千])?\s*[%％]?\s*$/;

function textUntilStop(text: string, locale: SmartLocale): string {
  const stop = (locale === 'zh-CN' && CJK.test(text) ? ZH_STOP : EN_STOP).exec(text);
  return stop ? text.slice(0, stop.index) : text;
}

/** The clause of the statement that holds `position`: punctuation separates what different parts ask for. */
function clauseAround(text: string, position: number): { start: number; text: string } {
  // A comma inside "1,200" groups digits; it does not end a clause.
  const separators = /,(?!\d{3}(?!\d))|[，。;；!！?？\n]/g;
  let start = 0;
  for (const match of text.matchAll(separators)) {
    if (match.index < position) start = match.index + 1;
    else return { start, text: text.slice(start, match.index) };
  }
  return { start, text: text.slice(start) };
}

function readMetric(
  masked: string,
  locale: SmartLocale,
  verb: VerbMatch | null,
  target: QuantityMatch | null,
): string | null {
  const anchor = verb?.index ?? target?.index ?? 0;
  const clause = clauseAround(masked, anchor);
  const verbStart = verb ? verb.index - clause.start : -1;
  const verbEnd = verb ? verb.end - clause.start : -1;
  if (locale === 'zh-CN' && CJK.test(clause.text)) {
    const causative = /将|把|使|让|推动|促进|促使/.exec(clause.text);
    if (causative && (verbStart < 0 || causative.index < verbStart)) {
      const rest = clause.text.slice(
        causative.index + causative[0].length,
        verbStart < 0 ? undefined : verbStart,
      );
      return cleanMetric(textUntilStop(rest, locale), locale);
    }
    if (verbStart >= 0) {
      const after = cleanMetric(
        textUntilStop(clause.text.slice(verbEnd).replace(/^\s*了?/, ''), locale),
        locale,
      );
      if (after) return after;
      const before = clause.text.slice(0, verbStart).split(/从|由/)[0] ?? '';
      // "DAU 3.5w 提升到 5w": the starting amount before the verb is not part of the name (D7 留存 keeps its 7).
      return cleanMetric(before.replace(TRAILING_AMOUNT, ''), locale);
    }
    const beforeTarget = target ? clause.text.slice(0, target.index - clause.start) : clause.text;
    return cleanMetric(textUntilStop(beforeTarget, locale), locale);
  }
  if (verbStart >= 0) {
    // A phrasal verb's particle is part of the verb: "Sign up 27,000 new users" is about new users, not "up".
    const afterVerb = clause.text.slice(verbEnd).replace(/^\s*(?:up|out)\s+/i, ' ');
    const direct = cleanMetric(textUntilStop(afterVerb, locale), locale);
    if (direct) return direct;
    // "Reach 10,000 paying customers": the metric follows the number.
    if (target && target.index - clause.start >= verbEnd) {
      const afterTarget = clause.text.slice(target.index - clause.start + target.text.length);
      return cleanMetric(textUntilStop(afterTarget, locale), locale);
    }
    return cleanMetric(textUntilStop(clause.text.slice(0, verbStart), locale), locale);
  }
  // With no known verb the first word may still be one ("Post 3 articles"): the noun after the number is safer.
  if (target) {
    const afterTarget = clause.text.slice(target.index - clause.start + target.text.length);
    const noun = cleanMetric(textUntilStop(afterTarget, locale), locale);
    if (noun) return noun;
  }
  return cleanMetric(textUntilStop(clause.text, locale), locale);
}

function readDeliverable(
  masked: string,
  locale: SmartLocale,
  verb: { index: number; end: number },
): string | null {
  const clause = clauseAround(masked, verb.index);
  const verbStart = verb.index - clause.start;
  const verbEnd = verb.end - clause.start;
  const after = clause.text.slice(verbEnd);
  const stop =
    locale === 'zh-CN'
      ? /[,，。;；]|$/
      : /\s(?:by|within|in|before|until|during|this|next|and|so)\b|[,;.](?:\s|$)|\s{2,}|$/i;
  const afterText = cleanMetric(after.slice(0, stop.exec(after)?.index ?? after.length), locale);
  if (afterText) return afterText;
  return cleanMetric(clause.text.slice(0, verbStart), locale);
}

function isMetricConcrete(metric: string, locale: SmartLocale, hasTarget: boolean): boolean {
  if (locale === 'zh-CN' && CJK.test(metric)) {
    const head = metric.replace(/的$/, '');
    if (ZH_VAGUE_HEAD.test(head)) return false;
    return ZH_KPI.test(head) || hasTarget;
  }
  // The head noun comes before a trailing phrase: "first-response time on support tickets".
  const head = metric.replace(/\s+(?:on|of|for|in|across|per|from|among|with)\s.*$/i, '').trim();
  if (EN_VAGUE_HEAD.test(head)) return false;
  return EN_KPI.test(metric) || hasTarget;
}

function precedingText(text: string, quantity: QuantityMatch): string {
  return text.slice(Math.max(0, quantity.index - 24), quantity.index);
}

function followingText(text: string, quantity: QuantityMatch): string {
  return text.slice(quantity.index + quantity.text.length);
}

function isLevelMarked(text: string, quantity: QuantityMatch): boolean {
  const before = precedingText(text, quantity);
  return LEVEL_MARKER_ZH.test(before) || LEVEL_MARKER_EN.test(before);
}

/** A bare number can be a target only when it does not run into a word (3日留存率 names a metric). */
function canStandAlone(text: string, quantity: QuantityMatch): boolean {
  if (quantity.unit !== null && COUNT_UNITS.has(quantity.unit)) return true;
  const after = followingText(text, quantity);
  return !CJK.test(after.charAt(0)) || /^(?:以上|以下|以内|左右|之内)/.test(after);
}

function chooseTarget(
  text: string,
  quantities: QuantityMatch[],
  verb: VerbMatch | null,
): { target: QuantityMatch | null; baseline: QuantityMatch | null; mode: 'level' | 'change' | null } {
  const baseline = quantities.find((quantity) => BASELINE_MARKER.test(precedingText(text, quantity))) ?? null;
  const candidates = quantities.filter((quantity) => quantity !== baseline);
  const afterBaseline = baseline ? candidates.find((quantity) => quantity.index > baseline.index) : undefined;
  if (afterBaseline) return { target: afterBaseline, baseline, mode: 'level' };
  const levelTarget = candidates.find((quantity) => isLevelMarked(text, quantity));
  if (levelTarget) {
    // "DAU 3.5w 提升到 5w": the amount right before "提升到" is where the metric starts from.
    const startsFrom =
      baseline ??
      candidates.find(
        (quantity) =>
          quantity.index < levelTarget.index &&
          quantity.unit === levelTarget.unit &&
          VERB_TO_LEVEL.test(text.slice(quantity.index + quantity.text.length, levelTarget.index)),
      ) ??
      null;
    return { target: levelTarget, baseline: startsFrom, mode: 'level' };
  }
  const verbEnd = verb?.end ?? 0;
  const standalone = candidates.filter((quantity) => canStandAlone(text, quantity));
  const target = standalone.find((quantity) => quantity.index >= verbEnd) ?? standalone[0] ?? null;
  if (!target) return { target: null, baseline, mode: null };
  const before = precedingText(text, target);
  const isDirectlyAfterVerb = verb !== null && text.slice(verb.end, target.index).trim() === '';
  const isRelative = target.unit === '%' || target.unit === 'pp' || target.unit === '×';
  const mode: 'level' | 'change' =
    CHANGE_MARKER.test(before) || isRelative
      ? 'change'
      : verb?.kind === 'addsCount' || verb?.kind === 'reach'
        ? 'level'
        : isDirectlyAfterVerb
          ? 'change'
          : 'level';
  return { target, baseline, mode };
}

function toQuantity(match: QuantityMatch | null): Quantity | null {
  return match ? { value: match.value, unit: match.unit } : null;
}

/** Reads metric, direction, baseline, target, deadline and kind from a goal statement in Chinese or English. */
export function readGoal(written: string, today: string): GoalReading {
  const statement = toHalfWidth(written);
  const locale = detectLocale(statement);
  const deadlines = findDeadlines(statement, today);
  const deadline = pickDeadline(deadlines)?.date ?? null;
  const masked = maskDeadlines(statement, deadlines);
  const quantities = parseQuantities(masked);
  const verbs = findVerbs(masked, locale);
  const firstVerb = verbs[0] ?? null;
  const picked = chooseTarget(masked, quantities, firstVerb);
  // The verb that governs the target is the nearest one before it (用户增长成本降低10%: 降低, not 增长).
  const verb =
    (picked.target &&
      [...verbs].reverse().find((candidate) => candidate.index < (picked.target?.index ?? 0))) ??
    firstVerb;
  const { target: targetMatch, baseline: baselineMatch } = picked;
  let target = toQuantity(targetMatch);
  let mode = picked.mode;
  if (verb?.multiple && (!target || mode !== 'level')) {
    target = { value: verb.multiple, unit: '%' };
    mode = 'change';
  } else if (!target && verb?.direction === 'decrease' && HALF_MODIFIER.test(masked)) {
    target = { value: 50, unit: '%' };
    mode = 'change';
  }
  if (target?.unit === '×' && mode === 'change') {
    // 增长2倍 adds two times the base; "grow 3x" ends at three times it.
    const isTimesOf = /x|times/i.test(targetMatch?.text ?? '');
    target = { value: (isTimesOf ? target.value - 1 : target.value) * 100, unit: '%' };
  }
  const deliverableVerb = findDeliverableVerb(masked, locale);
  const metricFromVerb = readMetric(masked, locale, verb, targetMatch);
  const deliverable = deliverableVerb ? readDeliverable(masked, locale, deliverableVerb) : null;
  const hasTarget = target !== null;
  let kind: Extraction['kind'] = null;
  if (verb && verb.direction !== 'reach' && (hasTarget || metricFromVerb)) kind = 'metric';
  else if (
    deliverableVerb &&
    deliverable &&
    !(hasTarget && metricFromVerb && isKpiLike(metricFromVerb, locale))
  ) {
    kind = 'deliverable';
  } else if (hasTarget || (verb && metricFromVerb)) kind = 'metric';

  const metric = kind === 'deliverable' ? deliverable : kind === 'metric' ? metricFromVerb : null;
  let direction: Direction | null = kind === 'metric' ? (verb?.direction ?? null) : null;
  if (kind === 'metric') {
    const baselineValue = baselineMatch?.value;
    const targetIsLevel = mode === 'level' && target !== null;
    if (verb?.kind === 'improve' && metric && LOWER_IS_BETTER.test(metric)) direction = 'decrease';
    if (
      (direction === null || direction === 'reach' || verb?.kind === 'improve') &&
      baselineValue !== undefined &&
      targetIsLevel &&
      target
    ) {
      direction =
        target.value < baselineValue ? 'decrease' : target.value > baselineValue ? 'increase' : direction;
    }
    if ((direction === null || direction === 'reach') && targetMatch) {
      // "get churn to under 2%", "控制在3%以内": a ceiling means the metric has to come down.
      const impliesDecrease =
        DECREASE_AFTER.test(followingText(masked, targetMatch)) ||
        DECREASE_BEFORE.test(precedingText(masked, targetMatch));
      direction = impliesDecrease ? 'decrease' : 'reach';
    }
  }
  const isConcrete =
    metric !== null &&
    (kind === 'deliverable' ? !isAreaOnly(metric, locale) : isMetricConcrete(metric, locale, hasTarget));
  const area = metric ?? cleanMetric(textUntilStop(masked, locale), locale);
  return {
    metric,
    direction,
    baseline: toQuantity(baselineMatch),
    target,
    deadline,
    kind,
    locale,
    targetMode: target ? mode : null,
    isConcrete,
    area,
    hasRecurringPeriod: RECURRING.test(masked),
  };
}

/** Metrics where less is better (time, cost, churn, complaints): "improve" or "reach" them means lower them. */
export function isLowerBetter(metric: string | null): boolean {
  return metric !== null && LOWER_IS_BETTER.test(metric);
}

function isKpiLike(metric: string, locale: SmartLocale): boolean {
  return locale === 'zh-CN' && CJK.test(metric) ? ZH_KPI.test(metric) : EN_KPI.test(metric);
}

/** A deliverable such as 完成运营工作 or "complete the work" names no checkable outcome. */
function isAreaOnly(deliverable: string, locale: SmartLocale): boolean {
  return locale === 'zh-CN' && CJK.test(deliverable)
    ? /^(?:相关)?(?:工作|任务|事情|事项)$/.test(deliverable) ||
        (ZH_VAGUE_HEAD.test(deliverable) && !/报告|方案|体系|系统|平台|功能|活动|调研|上线/.test(deliverable))
    : /^(?:the\s+)?(?:work|tasks?|things|stuff)$/i.test(deliverable);
}
