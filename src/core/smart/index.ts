export type {
  Criterion,
  CriterionResult,
  CriterionStatus,
  Direction,
  Extraction,
  GoalFields,
  KpiPoint,
  Quantity,
  SmartAnalysis,
  SmartContext,
  SmartLocale,
} from './types.ts';
export { analyseGoal, extractGoal } from './analyse.ts';
export { assessAchievable, recentTrend, targetLevelFrom } from './achievable.ts';
export type { AchievableAssessment, AchievableInput, PaceComparison } from './achievable.ts';
export { findDeadlines, parseDeadline } from './dates.ts';
export type { DeadlineMatch } from './dates.ts';
export { detectLocale } from './extract.ts';
export { SMART_MESSAGES_EN, SMART_MESSAGES_ZH, formatQuantity } from './messages.ts';
export type { SmartMessageKey } from './messages.ts';
export { normaliseUnit, parseChineseNumber, parseQuantities } from './numbers.ts';
export type { QuantityMatch } from './numbers.ts';
export { interpretTarget, kpiScale } from './interpret.ts';
export type {
  InterpretationInput,
  InterpretedKpi,
  TargetInterpretation,
  TargetReading,
} from './interpret.ts';
