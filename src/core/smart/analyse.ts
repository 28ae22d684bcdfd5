import { daysBetween } from '../days/index.ts';
import { assessAchievable, type AchievableAssessment } from './achievable.ts';
import { addMonths, formatDay, parseDay } from './dates.ts';
import { isLowerBetter, readGoal, type GoalReading } from './extract.ts';
import { formatNumber, formatQuantity, message, type SmartMessageKey } from './messages.ts';
import { normaliseUnit } from './numbers.ts';
import type {
  Criterion,
  CriterionResult,
  CriterionStatus,
  Extraction,
  GoalFields,
  Quantity,
  SmartAnalysis,
  SmartContext,
  SmartLocale,
} from './types.ts';

const STATUS_POINTS: Record<CriterionStatus, number> = { pass: 1, warn: 0.5, fail: 0, unknown: 0 };

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/** Structured fields from the goal form are what the owner confirmed, so they win over the text. */
function applyFields(reading: GoalReading, fields: GoalFields | undefined): GoalReading {
  if (!fields) return reading;
  const next = { ...reading };
  const unit = isPresent(fields.unit) ? normaliseUnit(fields.unit) : undefined;
  if (isPresent(fields.metric) && fields.metric.trim() !== '') {
    next.metric = fields.metric.trim();
    next.isConcrete = true;
    next.kind = next.kind ?? 'metric';
  }
  if (isPresent(fields.baseline)) {
    next.baseline = {
      value: fields.baseline,
      unit: unit ?? reading.baseline?.unit ?? reading.target?.unit ?? null,
    };
  }
  if (isPresent(fields.target)) {
    const textUnit = reading.targetMode === 'level' ? reading.target?.unit : null;
    next.target = { value: fields.target, unit: unit ?? textUnit ?? null };
    next.targetMode = 'level';
    next.kind = 'metric';
  } else if (unit !== undefined && next.target && next.targetMode === 'level') {
    next.target = { ...next.target, unit };
  }
  if (isPresent(fields.deadline) && /^\d{4}-\d{2}-\d{2}$/.test(fields.deadline))
    next.deadline = fields.deadline;
  if (isPresent(fields.direction)) next.direction = fields.direction;
  if (next.kind === 'metric' && next.direction === null && next.target && next.baseline) {
    next.direction = next.target.value >= next.baseline.value ? 'increase' : 'decrease';
  }
  return next;
}

function result(
  locale: SmartLocale,
  status: CriterionStatus,
  reason: SmartMessageKey,
  suggestion: SmartMessageKey | null,
  params: Record<string, unknown> = {},
): CriterionResult {
  return {
    status,
    reason: message(locale, reason, params),
    suggestion: suggestion ? message(locale, suggestion, params) : null,
  };
}

function vagueExamplesKey(area: string): SmartMessageKey {
  if (/体验|experience|\bux\b/i.test(area)) return 'examples.experience';
  if (
    /品牌|知名度|认知|影响力|形象|口碑|声量|brand|awareness|reputation|image|visibility|presence/i.test(area)
  ) {
    return 'examples.brand';
  }
  if (/社群|社区|粘性|黏性|活跃度|community|engagement/i.test(area)) return 'examples.community';
  if (/效率|efficiency|productivity/i.test(area)) return 'examples.efficiency';
  if (/质量|quality/i.test(area)) return 'examples.quality';
  if (/服务|客服|service|support/i.test(area)) return 'examples.service';
  return 'examples.default';
}

function assessSpecific(reading: GoalReading, locale: SmartLocale): CriterionResult {
  const direction = reading.direction ? message(locale, `direction.${reading.direction}`) : '';
  const { metric } = reading;
  if (reading.kind === 'deliverable' && metric) {
    return reading.isConcrete
      ? result(locale, 'pass', 'specific.pass.deliverable', null, { deliverable: metric })
      : result(
          locale,
          'warn',
          'specific.warn.vagueDeliverable',
          'specific.warn.vagueDeliverable.suggestion',
          {
            deliverable: metric,
          },
        );
  }
  if (reading.kind === 'metric' && metric) {
    const hasOutcome = reading.direction !== null || reading.target !== null;
    if (reading.isConcrete && hasOutcome)
      return result(locale, 'pass', 'specific.pass.metric', null, { metric, direction });
    if (!reading.isConcrete) {
      return {
        status: 'warn',
        reason: message(locale, 'specific.warn.vague', { metric, direction }),
        suggestion: message(locale, 'specific.warn.vague.suggestion', {
          examples: message(locale, vagueExamplesKey(metric)),
        }),
      };
    }
    return result(locale, 'warn', 'specific.warn.noDirection', 'specific.warn.noDirection.suggestion', {
      metric,
    });
  }
  return result(locale, 'fail', 'specific.fail', 'specific.fail.suggestion', { area: reading.area ?? '' });
}

function formatChange(target: Quantity, reading: GoalReading, locale: SmartLocale): string {
  const sign = reading.direction === 'decrease' ? '-' : '+';
  return formatQuantity(target, locale, sign);
}

function assessMeasurable(reading: GoalReading, locale: SmartLocale): CriterionResult {
  const { target, baseline } = reading;
  if (target) {
    if (reading.targetMode === 'change') {
      return result(locale, 'pass', 'measurable.pass.change', null, {
        change: formatChange(target, reading, locale),
      });
    }
    return baseline
      ? result(locale, 'pass', 'measurable.pass.levelFrom', null, {
          baseline: formatQuantity({ ...baseline, unit: baseline.unit ?? target.unit }, locale),
          target: formatQuantity(target, locale),
        })
      : result(locale, 'pass', 'measurable.pass.level', null, { target: formatQuantity(target, locale) });
  }
  if (reading.kind === 'deliverable' && reading.metric) {
    return result(locale, 'pass', 'measurable.pass.deliverable', null, { deliverable: reading.metric });
  }
  return result(locale, 'fail', 'measurable.fail', 'measurable.fail.suggestion', {
    metric: reading.metric ?? message(locale, 'fallback.metric'),
  });
}

function endOfNextQuarter(today: string): string {
  const day = parseDay(today);
  const next = addMonths({ ...day, day: 1 }, 3);
  const lastMonth = Math.ceil(next.month / 3) * 3;
  return formatDay({
    year: next.year,
    month: lastMonth,
    day: new Date(Date.UTC(next.year, lastMonth, 0)).getUTCDate(),
  });
}

function assessTimeBound(reading: GoalReading, today: string, locale: SmartLocale): CriterionResult {
  const example = endOfNextQuarter(today);
  if (reading.deadline) {
    const days = daysBetween(today, reading.deadline);
    return days < 0
      ? result(locale, 'warn', 'timeBound.warn.past', 'timeBound.warn.past.suggestion', {
          deadline: reading.deadline,
          days: formatQuantity({ value: -days, unit: 'd' }, locale),
        })
      : result(locale, 'pass', 'timeBound.pass', null, {
          deadline: reading.deadline,
          days: formatQuantity({ value: days, unit: 'd' }, locale),
        });
  }
  if (reading.hasRecurringPeriod) {
    return result(locale, 'warn', 'timeBound.warn.recurring', 'timeBound.fail.suggestion', { example });
  }
  return result(locale, 'fail', 'timeBound.fail', 'timeBound.fail.suggestion', { example });
}

function formatRate(value: number, isRelative: boolean, unit: string | null, locale: SmartLocale): string {
  const sign = value > 0 ? '+' : value < 0 ? '-' : '';
  if (isRelative) return `${sign}${Math.abs(value).toFixed(1)}%`;
  return `${sign}${formatQuantity({ value: Math.abs(value), unit }, locale)}`;
}

/** Projections are estimates: whole numbers for large values, two decimals for rates such as 4.35%. */
function formatLevel(value: number, unit: string | null, locale: SmartLocale): string {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
  return formatQuantity({ value: rounded, unit }, locale);
}

function assessAchievableCriterion(
  reading: GoalReading,
  context: SmartContext,
  locale: SmartLocale,
): CriterionResult {
  const assessment: AchievableAssessment = assessAchievable({
    today: context.today,
    target: reading.target,
    targetMode: reading.targetMode,
    // "Reach 10k" is met by 12k, "reach a 2-day delivery time" by 1.5 days.
    direction:
      reading.direction === 'reach'
        ? isLowerBetter(reading.metric)
          ? 'decrease'
          : 'increase'
        : reading.direction,
    deadline: reading.deadline,
    history: context.history,
  });
  // A change target ("+20%") is expressed in the KPI's own unit once turned into a level.
  const levelUnit =
    reading.targetMode === 'change' ? (reading.baseline?.unit ?? null) : (reading.target?.unit ?? null);
  const level = (value: number) => formatLevel(value, levelUnit, locale);
  switch (assessment.outcome) {
    case 'noHistory':
      return result(
        locale,
        'unknown',
        'achievable.unknown.noHistory',
        'achievable.unknown.noHistory.suggestion',
      );
    case 'fewPoints':
      return result(
        locale,
        'unknown',
        'achievable.unknown.fewPoints',
        'achievable.unknown.fewPoints.suggestion',
        {
          count: assessment.count,
        },
      );
    case 'noTarget':
      return result(
        locale,
        'unknown',
        'achievable.unknown.noTarget',
        'achievable.unknown.noTarget.suggestion',
      );
    case 'noDeadline':
      return result(
        locale,
        'unknown',
        'achievable.unknown.noDeadline',
        'achievable.unknown.noDeadline.suggestion',
      );
    case 'reached':
      return result(locale, 'pass', 'achievable.pass.reached', null, {
        current: level(assessment.current),
        target: level(assessment.targetLevel),
      });
    case 'deadlinePassed':
      return result(
        locale,
        'fail',
        'achievable.fail.deadlinePassed',
        'achievable.fail.deadlinePassed.suggestion',
        {
          deadline: reading.deadline,
          current: level(assessment.current),
          target: level(assessment.targetLevel),
        },
      );
    case 'compared': {
      const rateUnit = assessment.isRelative ? null : levelUnit;
      const params = {
        required: formatRate(assessment.requiredPerMonth, assessment.isRelative, rateUnit, locale),
        trend: formatRate(assessment.trendPerMonth, assessment.isRelative, rateUnit, locale),
        current: level(assessment.current),
        target: level(assessment.targetLevel),
        deadline: reading.deadline,
        months: assessment.windowMonths,
        ratio: assessment.ratio === null ? '' : formatNumber(assessment.ratio, 1),
        projected: level(assessment.projected),
        eta: assessment.eta,
      };
      const verdict: SmartMessageKey =
        assessment.ratio === null ? 'achievable.verdict.wrongWay' : `achievable.verdict.${assessment.status}`;
      const separator = locale === 'zh-CN' ? '' : ' ';
      // "the last 1 months" reads wrong: a one-month window has its own sentence.
      const compare = assessment.windowMonths === 1 ? 'achievable.compare.oneMonth' : 'achievable.compare';
      const reason = `${message(locale, compare, params)}${separator}${message(locale, verdict, params)}`;
      const suggestion: SmartMessageKey | null =
        assessment.status === 'pass'
          ? null
          : assessment.ratio === null
            ? 'achievable.suggestion.wrongWay'
            : assessment.eta
              ? 'achievable.suggestion.adjust'
              : 'achievable.suggestion.adjustNoEta';
      return {
        status: assessment.status,
        reason,
        suggestion: suggestion ? message(locale, suggestion, params) : null,
      };
    }
  }
}

function assessRelevant(context: SmartContext, locale: SmartLocale): CriterionResult {
  if (context.parentGoalId) {
    const parent = context.parentGoalTitle?.trim() || context.parentGoalId;
    return result(locale, 'pass', 'relevant.pass.parent', null, {
      parent: locale === 'zh-CN' ? `「${parent}」` : `“${parent}”`,
    });
  }
  if (context.isTopLevel) return result(locale, 'pass', 'relevant.pass.topLevel', null);
  return result(locale, 'unknown', 'relevant.unknown', 'relevant.unknown.suggestion');
}

function toExtraction(reading: GoalReading): Extraction {
  const { metric, direction, baseline, target, deadline, kind, targetMode } = reading;
  return { metric, direction, baseline, target, deadline, kind, targetMode };
}

/** Metric, direction, baseline, target, deadline and kind that a goal statement sets, resolved against `today`. */
export function extractGoal(statement: string, today: string): Extraction {
  return toExtraction(readGoal(statement, today));
}

/** SMART analysis of a goal statement in Chinese or English: what it says and how each criterion fares. */
export function analyseGoal(statement: string, context: SmartContext): SmartAnalysis {
  const reading = applyFields(readGoal(statement, context.today), context.fields);
  const locale = context.locale ?? reading.locale;
  const criteria: Record<Criterion, CriterionResult> = {
    specific: assessSpecific(reading, locale),
    measurable: assessMeasurable(reading, locale),
    achievable: assessAchievableCriterion(reading, context, locale),
    relevant: assessRelevant(context, locale),
    timeBound: assessTimeBound(reading, context.today, locale),
  };
  const score = Object.values(criteria).reduce((sum, criterion) => sum + STATUS_POINTS[criterion.status], 0);
  return { extracted: toExtraction(reading), criteria, score, locale };
}
