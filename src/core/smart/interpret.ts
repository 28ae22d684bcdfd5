import { targetLevelFrom } from './achievable.ts';
import { formatQuantity, message, type SmartMessageKey } from './messages.ts';
import { normaliseUnit } from './numbers.ts';
import type { Extraction, SmartLocale } from './types.ts';

/** The KPI a goal is measured by, as the interpretation needs it. */
export type InterpretedKpi = {
  name: string;
  /** As written on the KPI: '人', '%', '万人', 'k users'. */
  unit: string | null;
  /** The value the goal counts from today: the latest value, or the running total since the goal's start for a sum. */
  current: number | null;
  /** A sum KPI (sign-ups per day) counts up from zero over the goal's window. */
  isCumulative: boolean;
};

export type InterpretationInput = {
  extracted: Extraction;
  /** The key result on that KPI, as saved or as typed in the form; its baseline and target win when both are set. */
  keyResult?: { title?: string | null; baseline: number | null; target: number | null } | null;
  kpi?: InterpretedKpi | null;
  locale: SmartLocale;
};

/**
 * How the target is read: the key result's own numbers, a level the text names ("提升到 5 万"), a relative
 * change of the current value ("提升20%" of 7.8 is 9.36), or an amount added to it ("增加 300 人").
 */
export type TargetReading = 'keyResult' | 'level' | 'relative' | 'added';

export type TargetInterpretation = {
  source: 'keyResult' | 'text';
  reading: TargetReading;
  /** In the KPI's own scale (a KPI kept in 万 reads 4.6万 as 4.6). */
  baseline: number | null;
  target: number | null;
  /** Normalised unit the numbers are in (see normaliseUnit). */
  unit: string | null;
  /** One sentence, in the locale, saying which reading the SMART check, progress and forecast use. */
  sentence: string;
};

const KPI_SCALES: Array<[RegExp, number]> = [
  [/^\s*(?:百万|million\b|mn\b)/i, 1e6],
  [/^\s*千万/, 1e7],
  [/^\s*万/, 1e4],
  [/^\s*亿/, 1e8],
  [/^\s*(?:千(?![克米瓦卡])|k(?![a-z])|thousand\b)/i, 1e3],
  [/^\s*(?:bn\b|billion\b)/i, 1e9],
];

/** The scale a KPI's unit keeps its values in: 1e4 for '万人', 1e3 for 'k users', 1 otherwise. */
export function kpiScale(unit: string | null | undefined): number {
  if (!unit) return 1;
  for (const [pattern, scale] of KPI_SCALES) if (pattern.test(unit)) return scale;
  return 1;
}

/** Units that are amounts of the KPI itself, so "4.6万" is rescaled to a KPI kept in 万. */
function isScalable(unit: string | null): boolean {
  return unit === null || unit === '¥' || unit === '$' || /^[\u3400-\u9fff]$/.test(unit);
}

/** Whole numbers from 100 up, two decimals below: 7.8 × 1.2 is 9.36, 43,320 × 1.1 is 47,652. */
function roundLevel(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

/**
 * The one reading of a goal's target that its SMART verdict, key result and forecast share: the key result's
 * baseline and target when it has both, else the statement's target resolved against the KPI's current value.
 * Null when neither names a target.
 */
export function interpretTarget(input: InterpretationInput): TargetInterpretation | null {
  const { extracted, keyResult, kpi, locale } = input;
  const kpiUnit = kpi ? normaliseUnit(kpi.unit) : null;
  const metric = kpi?.name ?? extracted.metric ?? message(locale, 'fallback.metric');
  const written = extracted.target;
  const signed = (value: number, unit: string | null) =>
    formatQuantity({ value, unit }, locale, extracted.direction === 'decrease' ? '-' : '+');

  if (keyResult && keyResult.baseline !== null && keyResult.target !== null) {
    const unit = kpiUnit ?? written?.unit ?? null;
    const params = {
      title: keyResult.title?.trim() || metric,
      metric,
      baseline: formatQuantity({ value: keyResult.baseline, unit }, locale),
      target: formatQuantity({ value: keyResult.target, unit }, locale),
      written: written
        ? extracted.targetMode === 'change'
          ? signed(written.value, written.unit)
          : formatQuantity(written, locale)
        : '',
    };
    const restates =
      written === null ||
      (extracted.targetMode !== 'change' &&
        Math.abs(written.value / kpiScale(kpi?.unit) - keyResult.target) < 1e-9);
    return {
      source: 'keyResult',
      reading: 'keyResult',
      baseline: keyResult.baseline,
      target: keyResult.target,
      unit,
      sentence: message(
        locale,
        restates ? 'interpretation.keyResult' : 'interpretation.keyResult.written',
        params,
      ),
    };
  }
  if (!written) return null;

  const scale = isScalable(written.unit) ? kpiScale(kpi?.unit) : 1;
  const writtenValue = written.value / scale;
  const writtenBaseline = extracted.baseline ? extracted.baseline.value / scale : null;
  const current = kpi?.current ?? null;
  const format = (value: number, unit: string | null) => formatQuantity({ value, unit }, locale);

  if (extracted.targetMode !== 'change') {
    const unit = kpiUnit ?? written.unit;
    const baseline =
      writtenBaseline ??
      (kpi ? (kpi.isCumulative ? 0 : current === null ? null : roundLevel(current)) : null);
    const key: SmartMessageKey =
      baseline === null ? 'interpretation.levelNoBaseline' : 'interpretation.level';
    return {
      source: 'text',
      reading: 'level',
      baseline,
      target: writtenValue,
      unit,
      sentence: message(locale, key, {
        metric,
        baseline: baseline === null ? '' : format(baseline, unit),
        target: format(writtenValue, unit),
      }),
    };
  }

  const reading: TargetReading = written.unit === '%' ? 'relative' : 'added';
  const unit = kpiUnit ?? extracted.baseline?.unit ?? (reading === 'added' ? written.unit : null);
  const from = kpi ? (kpi.isCumulative ? 0 : current) : writtenBaseline;
  const amount = reading === 'relative' ? `${written.value}%` : format(writtenValue, unit);
  // "相对提升 20%" in Chinese, "+20%" in English.
  const change =
    locale === 'zh-CN'
      ? `${message(locale, extracted.direction === 'decrease' ? 'direction.decrease' : 'direction.increase')} ${amount}`
      : reading === 'relative'
        ? signed(written.value, '%')
        : signed(writtenValue, unit);
  if (from === null) {
    return {
      source: 'text',
      reading,
      baseline: null,
      target: null,
      unit,
      sentence: message(locale, 'interpretation.changeNoCurrent', {
        metric,
        change,
      }),
    };
  }
  const target = roundLevel(
    targetLevelFrom(from, { value: writtenValue, unit: written.unit }, 'change', extracted.direction),
  );
  const baseline = roundLevel(from);
  return {
    source: 'text',
    reading,
    baseline,
    target,
    unit,
    sentence: message(locale, reading === 'relative' ? 'interpretation.relative' : 'interpretation.added', {
      metric,
      change,
      baseline: format(baseline, unit),
      target: format(target, unit),
    }),
  };
}
