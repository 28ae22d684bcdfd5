export type Criterion = 'specific' | 'measurable' | 'achievable' | 'relevant' | 'timeBound';
export type CriterionStatus = 'pass' | 'warn' | 'fail' | 'unknown';
export type Direction = 'increase' | 'decrease' | 'reach';
export type SmartLocale = 'zh-CN' | 'en';

/**
 * A number with a normalised unit. Units: '%' percent, 'pp' percentage points, 'h' hours, 'min' minutes,
 * 's' seconds, 'd' days, 'wk' weeks, '¥' yuan, '$' dollars, 'pt' score points (分), '×' multiple (倍),
 * Chinese measure words for counts ('人', '个', '单', '次', '条', '篇', '场', '家', '件'), or null.
 */
export type Quantity = { value: number; unit: string | null };

export type Extraction = {
  metric: string | null;
  direction: Direction | null;
  baseline: Quantity | null;
  target: Quantity | null;
  deadline: string | null;
  kind: 'metric' | 'deliverable' | null;
  /** 'change' when the target is an amount to add or remove ("提升20%"), 'level' when it is the value to reach. */
  targetMode: 'level' | 'change' | null;
};

export type KpiPoint = { date: string; value: number };

export type GoalFields = {
  metric?: string | null;
  baseline?: number | null;
  target?: number | null;
  unit?: string | null;
  deadline?: string | null;
  direction?: Direction | null;
};

export type SmartContext = {
  today: string;
  locale?: SmartLocale;
  parentGoalId?: string | null;
  /** The parent goal's title, named in the relevance reason instead of its id. */
  parentGoalTitle?: string | null;
  isTopLevel?: boolean;
  history?: KpiPoint[];
  fields?: GoalFields;
};

export type CriterionResult = { status: CriterionStatus; reason: string; suggestion: string | null };

export type SmartAnalysis = {
  extracted: Extraction;
  criteria: Record<Criterion, CriterionResult>;
  score: number;
  locale: SmartLocale;
};
