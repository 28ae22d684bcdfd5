import { interpolate } from '../i18n/index.ts';
import type { Quantity, SmartLocale } from './types.ts';

/** English catalogue of SMART reasons and suggestions; `{name}` placeholders are filled by `message()`. */
export const SMART_MESSAGES_EN = {
  'direction.increase': 'increase',
  'direction.decrease': 'decrease',
  'direction.reach': 'reach a level',
  'specific.pass.metric': 'Names the metric “{metric}” and what should happen to it ({direction}).',
  'specific.pass.deliverable': 'Names a concrete deliverable: “{deliverable}”.',
  'specific.warn.vague':
    '“{metric}” is an area, not a metric: the goal says which way to go ({direction}) but not what will be counted.',
  'specific.warn.vague.suggestion':
    'Name the number that shows it, e.g. {examples}, and say whether it should go up or down.',
  'specific.warn.noDirection': 'Names “{metric}” but not what should happen to it.',
  'specific.warn.noDirection.suggestion': 'Say which way it should move, e.g. “Increase {metric} to …”.',
  'specific.warn.vagueDeliverable': '“{deliverable}” does not say what will exist once it is done.',
  'specific.warn.vagueDeliverable.suggestion':
    'Name the output, e.g. “Publish the community operations handbook” or “Launch the referral programme”.',
  'specific.fail': 'Names no concrete metric or deliverable: “{area}” describes work to do, not a result.',
  'specific.fail.suggestion':
    'Rewrite it as a result — which number changes or what gets delivered — e.g. “Grow weekly active community members from 800 to 1,200 by June 30”.',
  'measurable.pass.level': 'Sets the value to reach: {target}.',
  'measurable.pass.levelFrom': 'Sets the value to reach: from {baseline} to {target}.',
  'measurable.pass.change': 'Sets the change to achieve: {change}.',
  'measurable.pass.deliverable': 'Completion can be checked: “{deliverable}” is either done or not.',
  'measurable.fail': 'Sets no number to reach and no deliverable to check.',
  'measurable.fail.suggestion': 'Add the current value and a target, e.g. “{metric}: from X to Y”.',
  'timeBound.pass': 'Sets a deadline: {deadline} ({days} from today).',
  'timeBound.warn.past': 'The deadline {deadline} has already passed ({days} ago).',
  'timeBound.warn.past.suggestion': 'Set a new deadline in the future, or close the goal.',
  'timeBound.warn.recurring': 'Sets a rate per period but no date by which it must hold.',
  'timeBound.fail': 'Sets no deadline or period.',
  'timeBound.fail.suggestion': 'Add a deadline, e.g. “by {example}” or “within 3 months”.',
  'achievable.unknown.noHistory': 'No KPI history to compare the target with.',
  'achievable.unknown.noHistory.suggestion':
    'Link the KPI this goal moves and record at least 3 measurements: the pace the target needs is then compared with the recent trend.',
  'achievable.unknown.fewPoints': 'Only {count} KPI measurement(s): at least 3 are needed to see a trend.',
  'achievable.unknown.fewPoints.suggestion': 'Record more measurements of the KPI, e.g. one per month.',
  'achievable.unknown.noTarget': 'There is no target to compare with the KPI trend.',
  'achievable.unknown.noTarget.suggestion': 'Set the value to reach first.',
  'achievable.unknown.noDeadline': 'There is no deadline, so the pace the target needs cannot be worked out.',
  'achievable.unknown.noDeadline.suggestion': 'Set a deadline first.',
  'achievable.pass.reached': 'Already at {current}, which meets the target of {target}.',
  'achievable.fail.deadlinePassed':
    'The deadline {deadline} has passed and {current} has not reached {target}.',
  'achievable.fail.deadlinePassed.suggestion': 'Set a new deadline or close the goal as missed.',
  'achievable.compare':
    'Needs {required}/month to go from {current} to {target} by {deadline}; the last {months} months averaged {trend}/month.',
  'achievable.compare.oneMonth':
    'Needs {required}/month to go from {current} to {target} by {deadline}; the last month averaged {trend}/month.',
  'achievable.verdict.pass': 'That is within 1.5× the recent pace.',
  'achievable.verdict.warn': 'That is {ratio}× the recent pace: a stretch that needs extra effort.',
  'achievable.verdict.fail': 'That is {ratio}× the recent pace.',
  'achievable.verdict.wrongWay': 'The recent trend is flat or moving the other way.',
  'achievable.suggestion.adjust':
    'At the recent pace it reaches about {projected} by {deadline}: plan what will speed it up, lower the target towards {projected}, or move the deadline to about {eta}.',
  'achievable.suggestion.adjustNoEta':
    'At the recent pace it reaches about {projected} by {deadline}: plan what will speed it up or lower the target towards {projected}.',
  'achievable.suggestion.wrongWay':
    'Find out what is holding the KPI back and plan the actions that turn it round, or set a target closer to {current}.',
  'relevant.pass.parent': 'Aligned to parent goal {parent}.',
  'relevant.pass.topLevel': 'Marked as a top-level goal.',
  'relevant.unknown': 'Not linked to a parent goal yet.',
  'relevant.unknown.suggestion':
    'Align it to a parent goal or mark it top-level, so it is clear which larger result it serves.',
  'examples.experience': 'NPS, satisfaction score or complaint rate',
  'examples.brand': 'branded search volume or aided awareness %',
  'examples.community': 'weekly active members or messages per member',
  'examples.efficiency': 'cycle time or tasks completed per person per week',
  'examples.quality': 'defect rate or return rate',
  'examples.service': 'first-response time or satisfaction score',
  'examples.default': 'a count, a rate or a time that shows progress',
  'fallback.metric': 'the metric',
  'interpretation.keyResult':
    'Target reading: the key result “{title}”, {metric} from {baseline} to {target}; the SMART check, progress and forecast all use it.',
  'interpretation.keyResult.written':
    'Target reading: the key result “{title}”, {metric} from {baseline} to {target} (the statement’s “{written}” is read this way); the SMART check, progress and forecast all use it.',
  'interpretation.level': 'Target reading: as the statement says, {metric} from {baseline} to {target}.',
  'interpretation.levelNoBaseline': 'Target reading: as the statement says, {metric} reaches {target}.',
  'interpretation.relative':
    'Target reading: as the statement says, {metric} moves {change} relative to the current {baseline}, that is to {target}; if percentage points are meant, write the target value in the key result.',
  'interpretation.added':
    'Target reading: as the statement says, {metric} moves {change} from the current {baseline}, that is to {target}.',
  'interpretation.changeNoCurrent':
    'Target reading: as the statement says, {metric} moves {change}; link its KPI to turn that into a target value.',
  'unit.h': '{value} h',
  'unit.min': '{value} min',
  'unit.s': '{value} s',
  'unit.d': '{value} days',
  'unit.d.one': '{value} day',
  'unit.wk': '{value} weeks',
  'unit.pp': '{value} pp',
  'unit.pt': '{value} points',
} as const;

export type SmartMessageKey = keyof typeof SMART_MESSAGES_EN;

/** Chinese catalogue: the same keys as the English one (the compiler and a test both check). */
export const SMART_MESSAGES_ZH: Record<SmartMessageKey, string> = {
  'direction.increase': '提升',
  'direction.decrease': '降低',
  'direction.reach': '达到某个水平',
  'specific.pass.metric': '指明了指标「{metric}」和变化方向({direction})。',
  'specific.pass.deliverable': '指明了具体的交付物：「{deliverable}」。',
  'specific.warn.vague':
    '「{metric}」是一个工作领域，不是可统计的指标：写了方向({direction})，但没写用什么来衡量。',
  'specific.warn.vague.suggestion': '换成能统计的指标，例如{examples}，并写明是提升还是降低。',
  'specific.warn.noDirection': '提到了「{metric}」，但没有说明要提升、降低还是达到某个水平。',
  'specific.warn.noDirection.suggestion': '写明变化方向，例如「将{metric}提升到……」。',
  'specific.warn.vagueDeliverable': '「{deliverable}」没有说明完成后会产出什么。',
  'specific.warn.vagueDeliverable.suggestion':
    '写明产出物，例如「完成社群运营手册并发布」或「上线老带新活动」。',
  'specific.fail': '没有具体的指标或交付物：「{area}」描述的是要做的工作，而不是要达到的结果。',
  'specific.fail.suggestion':
    '改写成结果：哪个数字要变化，或要交付什么，例如「6月30日前将社群周活跃成员从800人提升到1200人」。',
  'measurable.pass.level': '设定了目标值：{target}。',
  'measurable.pass.levelFrom': '设定了目标：从 {baseline} 到 {target}。',
  'measurable.pass.change': '设定了变化幅度：{change}。',
  'measurable.pass.deliverable': '交付物「{deliverable}」是否完成可以明确检查。',
  'measurable.fail': '没有设定要达到的数值，也没有可检查的交付物。',
  'measurable.fail.suggestion': '补充当前值和目标值，例如「{metric}：从 X 到 Y」。',
  'timeBound.pass': '设定了截止日期：{deadline}（距今 {days}）。',
  'timeBound.warn.past': '截止日期 {deadline} 已经过去（{days}前）。',
  'timeBound.warn.past.suggestion': '设定一个新的截止日期，或关闭该目标。',
  'timeBound.warn.recurring': '设定了每个周期的数值，但没有说明截止到什么时候。',
  'timeBound.fail': '没有设定截止日期或时间范围。',
  'timeBound.fail.suggestion': '补充截止时间，例如「{example}前」或「三个月内」。',
  'achievable.unknown.noHistory': '没有 KPI 历史数据，无法与目标对比。',
  'achievable.unknown.noHistory.suggestion':
    '关联该目标推动的 KPI，并至少记录 3 次数据：系统会把目标所需的速度与近期趋势进行对比。',
  'achievable.unknown.fewPoints': 'KPI 只有 {count} 条数据：至少需要 3 条才能看出趋势。',
  'achievable.unknown.fewPoints.suggestion': '继续记录该 KPI 的数据，例如每月一次。',
  'achievable.unknown.noTarget': '没有目标值，无法与 KPI 趋势对比。',
  'achievable.unknown.noTarget.suggestion': '先设定要达到的数值。',
  'achievable.unknown.noDeadline': '没有截止日期，无法算出达成目标所需的速度。',
  'achievable.unknown.noDeadline.suggestion': '先设定截止日期。',
  'achievable.pass.reached': '当前已是 {current}，已达到目标 {target}。',
  'achievable.fail.deadlinePassed': '截止日期 {deadline} 已过，当前 {current} 仍未达到目标 {target}。',
  'achievable.fail.deadlinePassed.suggestion': '设定新的截止日期，或将该目标标记为未达成并关闭。',
  'achievable.compare':
    '需要每月 {required}（从 {current} 到 {target}，截止 {deadline}），过去 {months} 个月平均每月 {trend}。',
  'achievable.compare.oneMonth':
    '需要每月 {required}（从 {current} 到 {target}，截止 {deadline}），过去 1 个月平均每月 {trend}。',
  'achievable.verdict.pass': '在近期速度的 1.5 倍以内。',
  'achievable.verdict.warn': '是近期速度的 {ratio} 倍：有挑战，需要额外投入。',
  'achievable.verdict.fail': '是近期速度的 {ratio} 倍。',
  'achievable.verdict.wrongWay': '近期趋势持平或在反方向变化。',
  'achievable.suggestion.adjust':
    '按近期速度，到 {deadline} 约为 {projected}，请规划加速的举措，或把目标调整到接近 {projected}，或把截止日期延后到 {eta} 左右。',
  'achievable.suggestion.adjustNoEta':
    '按近期速度，到 {deadline} 约为 {projected}，请规划加速的举措，或把目标调整到接近 {projected}。',
  'achievable.suggestion.wrongWay':
    '先找出拖累该 KPI 的原因并制定扭转的举措，或把目标设得更接近当前的 {current}。',
  'relevant.pass.parent': '已对齐上级目标{parent}。',
  'relevant.pass.topLevel': '已标记为顶层目标。',
  'relevant.unknown': '尚未关联上级目标。',
  'relevant.unknown.suggestion': '请对齐到上级目标，或标记为顶层目标，说明它服务于哪个更大的结果。',
  'examples.experience': 'NPS、满意度评分或投诉率',
  'examples.brand': '品牌词搜索量或提示后认知率',
  'examples.community': '社群周活跃人数或人均发言数',
  'examples.efficiency': '处理时长或人均每周完成量',
  'examples.quality': '缺陷率或退货率',
  'examples.service': '首次响应时长或满意度评分',
  'examples.default': '能统计的数量、比率或时长',
  'fallback.metric': '该指标',
  'interpretation.keyResult':
    '目标口径：以关键结果「{title}」为准，{metric}从 {baseline} 到 {target}，SMART 判断、进度和预测都按这一口径计算。',
  'interpretation.keyResult.written':
    '目标口径：以关键结果「{title}」为准，{metric}从 {baseline} 到 {target}（目标描述中的“{written}”按此理解），SMART 判断、进度和预测都按这一口径计算。',
  'interpretation.level': '目标口径：按目标描述，{metric}从 {baseline} 到 {target}。',
  'interpretation.levelNoBaseline': '目标口径：按目标描述，{metric}达到 {target}。',
  'interpretation.relative':
    '目标口径：按目标描述，{metric}在当前 {baseline} 的基础上相对{change}，即到 {target}；如果指的是百分点，请在关键结果里写明目标值。',
  'interpretation.added': '目标口径：按目标描述，{metric}在当前 {baseline} 的基础上{change}，即到 {target}。',
  'interpretation.changeNoCurrent': '目标口径：按目标描述，{metric}{change}；关联 KPI 后换算成目标值。',
  'unit.h': '{value} 小时',
  'unit.min': '{value} 分钟',
  'unit.s': '{value} 秒',
  'unit.d': '{value} 天',
  'unit.d.one': '{value} 天',
  'unit.wk': '{value} 周',
  'unit.pp': '{value} 个百分点',
  'unit.pt': '{value} 分',
};

const CATALOGUES: Record<SmartLocale, Record<SmartMessageKey, string>> = {
  en: SMART_MESSAGES_EN,
  'zh-CN': SMART_MESSAGES_ZH,
};

/** A SMART message in the given locale with its placeholders filled. */
export function message(
  locale: SmartLocale,
  key: SmartMessageKey,
  params: Record<string, unknown> = {},
): string {
  return interpolate(CATALOGUES[locale][key], params);
}

/** 80000 → "80,000", 6.25 → "6.25": thousands separators and at most two decimals. */
export function formatNumber(value: number, maxDecimals = 2): string {
  const factor = 10 ** maxDecimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const [whole = '0', fraction] = String(rounded).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && rounded !== 0 ? '-' : '';
  return fraction ? `${sign}${grouped}.${fraction}` : `${sign}${grouped}`;
}

const UNIT_MESSAGES: Partial<Record<string, SmartMessageKey>> = {
  h: 'unit.h',
  min: 'unit.min',
  s: 'unit.s',
  d: 'unit.d',
  wk: 'unit.wk',
  pp: 'unit.pp',
  pt: 'unit.pt',
};

/** A quantity as a reader expects it: "20%", "¥50,000", "2 h" / "2 小时", "5,000 人". */
export function formatQuantity(quantity: Quantity, locale: SmartLocale, prefix = ''): string {
  const number = `${prefix}${formatNumber(quantity.value)}`;
  const { unit } = quantity;
  if (unit === null) return number;
  if (unit === '%') return `${number}%`;
  if (unit === '×') return `${number}×`;
  if (unit === '¥' || unit === '$') return `${prefix}${unit}${formatNumber(quantity.value)}`;
  const key = unit === 'd' && Math.abs(quantity.value) === 1 ? 'unit.d.one' : UNIT_MESSAGES[unit];
  if (key) return message(locale, key, { value: number });
  // Chinese measure words (人, 单) read naturally only in Chinese.
  if (locale === 'en' && /[\u3400-\u9fff]/.test(unit)) return number;
  return `${number} ${unit}`;
}
