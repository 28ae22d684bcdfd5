/**
 * The plan as one value: what `plan.yaml` holds (plan-as-code), what the database exports, what the linter checks
 * and what the document renderers write. People, KPIs, goals and tasks refer to each other by their `key`
 * (a person by e-mail), never by database id, so a plan reads the same in any workspace.
 *
 * Facts measured from live data (latest KPI values, the measured bottleneck …) are not part of the plan a person
 * writes: they travel beside it as `PlanObservations`, filled when the plan comes from a workspace.
 */
import type { StepField, StepKind, StepOutcome } from '../processes/graph.ts';

export type PlanLocale = 'zh-CN' | 'en';

export type PlanPerson = {
  /** The person's e-mail: their key everywhere in the plan. */
  email: string;
  name: string;
  /** owner | admin | manager | member | viewer */
  role: string;
  title?: string;
  weeklyCapacityHours?: number;
  /** Skill name → level 1–5. */
  skills?: Record<string, number>;
};

export type PlanKpi = {
  key: string;
  name: string;
  unit?: string;
  direction: 'higher' | 'lower';
  aggregation: 'sum' | 'avg' | 'last' | 'min' | 'max';
  frequency: 'day' | 'week' | 'month';
  /** Over other KPIs' keys, e.g. `orders / visits * 100`. */
  formula?: string;
  /** E-mail of the owner. */
  owner?: string;
  green?: number;
  amber?: number;
  description?: string;
};

export type PlanKeyResult = {
  title: string;
  /** A KPI key; absent for a deliverable checked done. */
  kpi?: string;
  baseline?: number;
  target?: number;
  weight?: number;
  done?: boolean;
};

export type PlanGoal = {
  key: string;
  title: string;
  description?: string;
  /** Key of the parent goal. */
  parent?: string;
  owner?: string;
  start: string; // YYYY-MM-DD
  due: string; // YYYY-MM-DD
  status?: 'draft' | 'active' | 'done' | 'cancelled';
  weight?: number;
  keyResults: PlanKeyResult[];
};

export type PlanRaci = {
  /** E-mails. Exactly one accountable is the rule the linter checks. */
  responsible?: string[];
  accountable?: string[];
  consulted?: string[];
  informed?: string[];
};

export type PlanTask = {
  key: string;
  title: string;
  description?: string;
  /** Key of the parent task (WBS); WBS codes follow from the order of the list under each parent. */
  parent?: string;
  goal?: string;
  milestone?: boolean;
  status?: 'todo' | 'in_progress' | 'blocked' | 'done' | 'cancelled';
  priority?: 1 | 2 | 3 | 4;
  estimateHours?: number;
  start?: string;
  due?: string;
  bufferDays?: number;
  /** Keys of the tasks that must finish first, with an optional lag in days (`key` or `key+2`). */
  dependsOn?: { task: string; lagDays?: number }[];
  raci?: PlanRaci;
  requiredSkills?: { skill: string; minLevel: number }[];
  labels?: string[];
};

export type PlanProcessStep = {
  key: string;
  name: string;
  description?: string;
  kind: StepKind;
  /** One of: a person's e-mail, `role:<role>`, `skill:<skill>`; absent for start/end. */
  owner?: string;
  slaHours?: number;
  checklist?: string[];
  fields?: StepField[];
  outcomes?: StepOutcome[];
};

export type PlanProcess = {
  key: string;
  name: string;
  description?: string;
  owner?: string;
  steps: PlanProcessStep[];
};

export type PlanRoutine = {
  key: string;
  title: string;
  /** RFC 5545 RRULE, e.g. `FREQ=WEEKLY;BYDAY=FR`. */
  rule: string;
  startsOn: string;
  raci?: PlanRaci;
  estimateHours?: number;
  goal?: string;
};

export type PlanReviewCadence = {
  /** How often goals are checked in, KPIs reviewed, performance reviewed and 复盘 held. */
  checkIns?: 'weekly' | 'biweekly' | 'monthly';
  kpiReview?: 'weekly' | 'monthly';
  performanceReview?: 'monthly' | 'quarterly' | 'half_year';
  retrospective?: 'per_milestone' | 'monthly' | 'quarterly';
};

/**
 * Chapters 6–10 are filled by modules that may not exist yet; each contributes a free-form section here
 * (validated by its module) so the format stays stable while they land.
 */
export type PlanSections = {
  improvement?: Record<string, unknown>;
  communication?: Record<string, unknown>;
  training?: Record<string, unknown>;
  research?: Record<string, unknown>;
  feedback?: Record<string, unknown>;
};

export type Plan = {
  /** Format version of plan.yaml. */
  version: 1;
  name: string;
  locale: PlanLocale;
  /** IANA time zone, e.g. Asia/Shanghai. */
  timezone?: string;
  people: PlanPerson[];
  kpis: PlanKpi[];
  goals: PlanGoal[];
  tasks: PlanTask[];
  processes: PlanProcess[];
  routines: PlanRoutine[];
  cadence?: PlanReviewCadence;
  sections?: PlanSections;
};

/** Facts read from a workspace beside its plan; never written to plan.yaml. */
export type PlanObservations = {
  /** When the facts were read (epoch ms). */
  at: number;
  kpis: Record<
    string,
    {
      lastValue: number | null;
      lastPeriod: string | null;
      status: string | null;
      series: { period: string; value: number }[];
      /** A key result's KPI: every period since the earliest goal start, for the SMART check. */
      history?: { period: string; value: number }[];
    }
  >;
  goals: Record<
    string,
    { progress: number; projectedProgress: number | null; health: string; healthReason: string | null }
  >;
  processes: Record<
    string,
    {
      cases: number;
      medianLeadHours: number | null;
      bottleneck: { step: string; reason: string } | null;
      steps: {
        step: string;
        medianWaitHours: number | null;
        medianWorkHours: number | null;
        breachRate: number | null;
      }[];
    }
  >;
};
