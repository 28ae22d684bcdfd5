/**
 * The plan linter: a SMART verdict for every goal and the completeness and consistency findings a reviewer
 * would raise, each with a stable rule id, the YAML path, its line:column when the plan came from text, a
 * severity and a message in zh-CN or en. Pure: `today` and the working calendar are parameters.
 *
 * Choices:
 * - Severity says what import does: an `error` is something the database would refuse or a reference that
 *   cannot be resolved, so import stops; a `warning` is a plan a manager should not sign yet; `info` is advice.
 * - A root goal counts as top level for SMART's "relevant": a plan lists the goals it was written for.
 * - Over-allocation counts Responsible people (the Accountable when nobody is Responsible), the way the
 *   workload heatmap does, and reports each person once with their worst week.
 */
import { interpolate, type Locale } from '../i18n/index.ts';
import { checkReferences, findFormulaCycle, formulaErrorMessage, parseFormula } from '../kpis/formula.ts';
import { PROCESS_MESSAGES, validateProcess, type ProcessStep, type StepOwner } from '../processes/graph.ts';
import { DEFAULT_CALENDAR, type WorkCalendar } from '../schedule/calendar.ts';
import { findDependencyCycleIn, formatCycle } from '../schedule/cpm.ts';
import type { Criterion, SmartAnalysis } from '../smart/types.ts';
import { checkRecurrence } from '../tasks/recurrence.ts';
import { worstWeeks } from '../workload/index.ts';
import type { Plan, PlanObservations, PlanRaci, PlanTask } from './model.ts';
import { goalSmart } from './smart.ts';
import { formatPath, type Locate, type PlanPath } from './yaml.ts';

export type LintSeverity = 'error' | 'warning' | 'info';
/** The chapter of the plan a finding belongs to: the plan health page groups by it. */
export type LintChapter = 'goals' | 'tasks' | 'schedule' | 'processes' | 'kpis' | 'cadence';

export const LINT_RULES = {
  'plan-duplicate-key': { severity: 'error', chapter: 'goals' },
  'plan-unknown-person': { severity: 'error', chapter: 'tasks' },
  'plan-unknown-reference': { severity: 'error', chapter: 'goals' },
  'goal-not-smart': { severity: 'warning', chapter: 'goals' },
  'goal-due-before-start': { severity: 'error', chapter: 'goals' },
  'goal-no-key-results': { severity: 'warning', chapter: 'goals' },
  'goal-no-owner': { severity: 'warning', chapter: 'goals' },
  'key-result-incomplete': { severity: 'error', chapter: 'goals' },
  'task-one-accountable': { severity: 'error', chapter: 'tasks' },
  'task-no-responsible': { severity: 'warning', chapter: 'tasks' },
  'task-due-before-start': { severity: 'error', chapter: 'schedule' },
  'task-outside-goal-period': { severity: 'warning', chapter: 'schedule' },
  'task-no-dates': { severity: 'info', chapter: 'schedule' },
  'dependency-cycle': { severity: 'error', chapter: 'schedule' },
  'person-over-allocated': { severity: 'warning', chapter: 'schedule' },
  'process-invalid': { severity: 'error', chapter: 'processes' },
  'process-step-no-owner': { severity: 'error', chapter: 'processes' },
  'process-step-no-sla': { severity: 'warning', chapter: 'processes' },
  'kpi-no-owner': { severity: 'warning', chapter: 'kpis' },
  'kpi-no-target': { severity: 'warning', chapter: 'kpis' },
  'kpi-formula-invalid': { severity: 'error', chapter: 'kpis' },
  'routine-invalid-rule': { severity: 'error', chapter: 'cadence' },
  'plan-no-review-cadence': { severity: 'warning', chapter: 'cadence' },
  'plan-no-routines': { severity: 'warning', chapter: 'cadence' },
} as const satisfies Record<string, { severity: LintSeverity; chapter: LintChapter }>;

export type LintRule = keyof typeof LINT_RULES;

export type LintFinding = {
  rule: LintRule;
  severity: LintSeverity;
  chapter: LintChapter;
  /** `tasks[3].raci.accountable` */
  path: string;
  line: number | null;
  column: number | null;
  message: string;
  /** The key of the goal, task, KPI, process or routine concerned, when there is one. */
  subject: string | null;
};

export type SmartVerdict = {
  goal: string;
  path: string;
  line: number | null;
  column: number | null;
  score: number;
  criteria: SmartAnalysis['criteria'];
};

export type LintResult = {
  findings: LintFinding[];
  smart: SmartVerdict[];
  counts: Record<LintSeverity, number>;
};

export type LintOptions = {
  today: string;
  locale: Locale;
  locate?: Locate | undefined;
  calendar?: WorkCalendar | undefined;
  /** The live workspace's KPI history, so a goal's SMART verdict is the one its page and the document give. */
  observations?: PlanObservations | null | undefined;
};

export const LINT_MESSAGES: Record<Locale, Record<LintRule, string>> = {
  en: {
    'plan-duplicate-key': '{what} "{key}" is listed {count} times; keys must be unique.',
    'plan-unknown-person': '"{email}" is not one of the plan’s people.',
    'plan-unknown-reference': '{what} "{key}" does not exist in the plan.',
    'goal-not-smart': 'Goal "{title}" is not SMART yet: {criteria} ({reason}).',
    'goal-due-before-start': 'Goal "{title}" is due ({due}) before it starts ({start}).',
    'goal-no-key-results': 'Goal "{title}" has no key result: add a KPI target or a deliverable.',
    'goal-no-owner': 'Goal "{title}" has no owner.',
    'key-result-incomplete':
      'Key result "{title}" on KPI "{kpi}" needs a baseline and a target that differ (baseline {baseline}, target {target}).',
    'task-one-accountable': 'Task "{title}" has {count} Accountable people; it needs exactly one.',
    'task-no-responsible': 'Task "{title}" has nobody Responsible for doing it.',
    'task-due-before-start': 'Task "{title}" is due ({due}) before it starts ({start}).',
    'task-outside-goal-period':
      'Task "{title}" runs {start} – {due}, outside its goal "{goal}" ({goalStart} – {goalDue}).',
    'task-no-dates': 'Task "{title}" has no due date, so it is not on the schedule.',
    'dependency-cycle': 'Dependencies go round in a loop: {cycle}.',
    'person-over-allocated':
      '{name} is planned for {planned} h in the week of {week} against {capacity} h of capacity ({tasks}).',
    'process-invalid': 'Process "{name}": {detail}',
    'process-step-no-owner': 'Step "{step}" of process "{name}" has nobody to do it.',
    'process-step-no-sla': 'Step "{step}" of process "{name}" has no SLA (hours allowed).',
    'kpi-no-owner': 'KPI "{name}" has no owner.',
    'kpi-no-target': 'KPI "{name}" has no target: set green/amber thresholds or use it in a key result.',
    'kpi-formula-invalid': 'The formula of KPI "{name}" is not valid: {detail}.',
    'routine-invalid-rule': 'Routine "{title}" has an invalid repeat rule: {detail}.',
    'plan-no-review-cadence': 'The plan has no review cadence (check-ins, KPI review, retrospective).',
    'plan-no-routines': 'The plan has no routines (such as a daily data check or a weekly report).',
  },
  'zh-CN': {
    'plan-duplicate-key': '{what}“{key}”出现了 {count} 次，键必须唯一。',
    'plan-unknown-person': '“{email}”不在计划的人员名单中。',
    'plan-unknown-reference': '{what}“{key}”在计划中不存在。',
    'goal-not-smart': '目标“{title}”还不符合 SMART：{criteria}（{reason}）。',
    'goal-due-before-start': '目标“{title}”的截止日期（{due}）早于开始日期（{start}）。',
    'goal-no-key-results': '目标“{title}”没有关键结果：请添加 KPI 目标值或交付物。',
    'goal-no-owner': '目标“{title}”没有负责人。',
    'key-result-incomplete':
      'KPI“{kpi}”上的关键结果“{title}”需要不相等的基线值和目标值（基线 {baseline}，目标 {target}）。',
    'task-one-accountable': '任务“{title}”有 {count} 个批准人（A），必须恰好一个。',
    'task-no-responsible': '任务“{title}”没有执行人（R）。',
    'task-due-before-start': '任务“{title}”的截止日期（{due}）早于开始日期（{start}）。',
    'task-outside-goal-period':
      '任务“{title}”的时间 {start} – {due} 超出了所属目标“{goal}”的周期（{goalStart} – {goalDue}）。',
    'task-no-dates': '任务“{title}”没有截止日期，不会出现在排期中。',
    'dependency-cycle': '任务依赖形成了循环：{cycle}。',
    'person-over-allocated':
      '{name} 在 {week} 那一周计划工作 {planned} 小时，超出产能 {capacity} 小时（{tasks}）。',
    'process-invalid': '流程“{name}”：{detail}',
    'process-step-no-owner': '流程“{name}”的步骤“{step}”没有执行人。',
    'process-step-no-sla': '流程“{name}”的步骤“{step}”没有设置 SLA（时限）。',
    'kpi-no-owner': 'KPI“{name}”没有负责人。',
    'kpi-no-target': 'KPI“{name}”没有目标：请设置绿/黄阈值，或在关键结果中使用它。',
    'kpi-formula-invalid': 'KPI“{name}”的公式无效：{detail}。',
    'routine-invalid-rule': '例行工作“{title}”的重复规则无效：{detail}。',
    'plan-no-review-cadence': '计划没有设定复盘节奏（目标检查、KPI 评审、复盘会）。',
    'plan-no-routines': '计划没有例行工作（如每日数据检查、每周周报）。',
  },
};

const WHAT: Record<Locale, Record<string, string>> = {
  en: {
    person: 'Person',
    kpi: 'KPI',
    goal: 'Goal',
    task: 'Task',
    process: 'Process',
    routine: 'Routine',
    step: 'Step',
  },
  'zh-CN': {
    person: '人员',
    kpi: 'KPI',
    goal: '目标',
    task: '任务',
    process: '流程',
    routine: '例行工作',
    step: '步骤',
  },
};

const CRITERIA: Record<Locale, Record<Criterion, string>> = {
  en: {
    specific: 'specific',
    measurable: 'measurable',
    achievable: 'achievable',
    relevant: 'relevant',
    timeBound: 'time-bound',
  },
  'zh-CN': {
    specific: '具体',
    measurable: '可衡量',
    achievable: '可实现',
    relevant: '相关',
    timeBound: '有时限',
  },
};

const SEVERITY_RANK: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Whether a finding is at or above a severity (an error is above a warning). */
export function atLeast(severity: LintSeverity, threshold: LintSeverity): boolean {
  return SEVERITY_RANK[severity] <= SEVERITY_RANK[threshold];
}

function raciPeople(raci: PlanRaci | undefined): Array<[keyof PlanRaci, number, string]> {
  const out: Array<[keyof PlanRaci, number, string]> = [];
  for (const field of ['responsible', 'accountable', 'consulted', 'informed'] as const) {
    (raci?.[field] ?? []).forEach((email, index) => out.push([field, index, email]));
  }
  return out;
}

/** A plan step's owner text as the process checks read it: `role:x`, `skill:x`, else a person. */
export function parseStepOwner(owner: string | undefined): StepOwner | null {
  if (!owner) return null;
  if (owner.startsWith('role:')) return { type: 'role', role: owner.slice(5) };
  if (owner.startsWith('skill:')) return { type: 'skill', skill: owner.slice(6) };
  return { type: 'person', userId: owner };
}

/** Lints a plan in one go. */
export function lintPlan(plan: Plan, options: LintOptions): LintResult {
  const steps = lintPlanSteps(plan, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The lint as steps: it pauses after each goal and each task, so that a caller on a server can give other work a
 * turn between them (at 100,000 tasks the whole lint is seconds). `lintPlan` runs it without pausing.
 */
export function* lintPlanSteps(plan: Plan, options: LintOptions): Generator<void, LintResult, void> {
  const { locale } = options;
  const locate = options.locate ?? (() => null);
  const findings: LintFinding[] = [];
  const add = (
    rule: LintRule,
    path: PlanPath,
    params: Record<string, unknown>,
    subject: string | null = null,
  ) => {
    const position = locate(path);
    findings.push({
      rule,
      severity: LINT_RULES[rule].severity,
      chapter: LINT_RULES[rule].chapter,
      path: formatPath(path),
      line: position?.line ?? null,
      column: position?.column ?? null,
      message: interpolate(LINT_MESSAGES[locale][rule], params),
      subject,
    });
  };
  const what = (kind: string) => WHAT[locale][kind] ?? kind;

  // Keys: each list's keys unique; every reference resolves. The lists' maps (the last of a key listed twice).
  const people = new Map(plan.people.map((person) => [person.email, person]));
  const kpis = new Map(plan.kpis.map((kpi) => [kpi.key, kpi]));
  const goals = new Map(plan.goals.map((goal) => [goal.key, goal]));
  const tasks = new Map(plan.tasks.map((task) => [task.key, task]));
  const duplicates = (
    kind: string,
    list: 'people' | 'kpis' | 'goals' | 'tasks' | 'processes' | 'routines',
    keyed?: ReadonlyMap<string | undefined, unknown>,
  ) => {
    const items = plan[list] as ReadonlyArray<{ key?: string; email?: string }>;
    // As many distinct keys as items, none of them empty: nothing to count (a second map of 100,000 tasks).
    if (keyed && keyed.size === items.length && !keyed.has('') && !keyed.has(undefined)) return;
    const seen = new Map<string, number>();
    items.forEach((item) => {
      const key = item.key ?? item.email ?? '';
      seen.set(key, (seen.get(key) ?? 0) + 1);
    });
    items.forEach((item, index) => {
      const key = item.key ?? item.email ?? '';
      const count = seen.get(key) ?? 0;
      if (count > 1) {
        add(
          'plan-duplicate-key',
          [list, index, item.key ? 'key' : 'email'],
          { what: what(kind), key, count },
          key,
        );
        seen.set(key, 0);
      }
    });
  };
  duplicates('person', 'people', people);
  duplicates('kpi', 'kpis', kpis);
  duplicates('goal', 'goals', goals);
  duplicates('task', 'tasks', tasks);
  duplicates('process', 'processes');
  duplicates('routine', 'routines');

  const person = (email: string | undefined, path: PlanPath, subject: string | null) => {
    if (email !== undefined && !people.has(email)) add('plan-unknown-person', path, { email }, subject);
  };
  const reference = (
    kind: string,
    known: ReadonlyMap<string, unknown>,
    key: string | undefined,
    path: PlanPath,
  ) => {
    if (key !== undefined && !known.has(key))
      add('plan-unknown-reference', path, { what: what(kind), key }, key);
  };

  // KPIs: owner, target, formula.
  const targeted = new Set(
    plan.goals.flatMap((goal) =>
      goal.keyResults.flatMap((kr) => (kr.kpi && kr.target !== undefined ? [kr.kpi] : [])),
    ),
  );
  const definitions: Record<string, string[]> = {};
  plan.kpis.forEach((kpi, index) => {
    const at = ['kpis', index];
    if (!kpi.owner) add('kpi-no-owner', at, { name: kpi.name }, kpi.key);
    else person(kpi.owner, [...at, 'owner'], kpi.key);
    if (kpi.green === undefined && !targeted.has(kpi.key))
      add('kpi-no-target', at, { name: kpi.name }, kpi.key);
    if (kpi.formula) {
      const parsed = parseFormula(kpi.formula);
      if (!parsed.ok) {
        add(
          'kpi-formula-invalid',
          [...at, 'formula'],
          { name: kpi.name, detail: formulaErrorMessage(parsed.error, locale) },
          kpi.key,
        );
      } else {
        definitions[kpi.key] = parsed.references;
        for (const key of checkReferences(parsed.references, kpis))
          add('plan-unknown-reference', [...at, 'formula'], { what: what('kpi'), key }, kpi.key);
      }
    }
  });
  const formulaCycle = findFormulaCycle(definitions);
  if (formulaCycle) {
    const first = plan.kpis.findIndex((kpi) => kpi.key === formulaCycle[0]);
    const name = plan.kpis[first]?.name ?? formulaCycle[0] ?? '';
    add('kpi-formula-invalid', ['kpis', Math.max(0, first), 'formula'], {
      name,
      detail: formulaCycle.join(' → '),
    });
  }

  // Goals: dates, owner, parent, key results, SMART.
  const smart: SmartVerdict[] = [];
  for (const [index, goal] of plan.goals.entries()) {
    yield;
    const at = ['goals', index];
    const subject = goal.key;
    if (goal.due < goal.start) add('goal-due-before-start', [...at, 'due'], goal, subject);
    if (!goal.owner) add('goal-no-owner', at, goal, subject);
    else person(goal.owner, [...at, 'owner'], subject);
    reference('goal', goals, goal.parent, [...at, 'parent']);
    if (goal.keyResults.length === 0) add('goal-no-key-results', [...at, 'keyResults'], goal, subject);
    goal.keyResults.forEach((kr, krIndex) => {
      const krAt = [...at, 'keyResults', krIndex];
      if (!kr.kpi) return;
      if (!kpis.has(kr.kpi)) {
        reference('kpi', kpis, kr.kpi, [...krAt, 'kpi']);
        return;
      }
      if (kr.baseline === undefined || kr.target === undefined || kr.baseline === kr.target) {
        add(
          'key-result-incomplete',
          krAt,
          { title: kr.title, kpi: kr.kpi, baseline: kr.baseline ?? '–', target: kr.target ?? '–' },
          subject,
        );
      }
    });
    const analysis = goalSmart(plan, goal, options.observations ?? null, { today: options.today, locale });
    const position = locate(at);
    smart.push({
      goal: goal.key,
      path: formatPath(at),
      line: position?.line ?? null,
      column: position?.column ?? null,
      score: analysis.score,
      criteria: analysis.criteria,
    });
    const failed = (Object.keys(analysis.criteria) as Criterion[]).filter(
      (criterion) => analysis.criteria[criterion].status === 'fail',
    );
    if (failed.length > 0) {
      add(
        'goal-not-smart',
        [...at, 'title'],
        {
          title: goal.title,
          criteria: failed
            .map((criterion) => CRITERIA[locale][criterion])
            .join(locale === 'en' ? ', ' : '、'),
          reason: analysis.criteria[failed[0] as Criterion].reason,
        },
        subject,
      );
    }
  }

  // Tasks: references, RACI, dates against the goal's period.
  const goalOf = (key: string): string | undefined => {
    for (let cursor = tasks.get(key), steps = 0; cursor && steps <= plan.tasks.length; steps += 1) {
      if (cursor.goal) return cursor.goal;
      cursor = cursor.parent ? tasks.get(cursor.parent) : undefined;
    }
    return undefined;
  };
  // Two lists of ends, not an object per dependency (200,000 at the large scale).
  const dependencyFrom: string[] = [];
  const dependencyTo: string[] = [];
  for (const [index, task] of plan.tasks.entries()) {
    yield;
    const at = ['tasks', index];
    const subject = task.key;
    reference('task', tasks, task.parent, [...at, 'parent']);
    reference('goal', goals, task.goal, [...at, 'goal']);
    (task.dependsOn ?? []).forEach((dependency, depIndex) => {
      if (!tasks.has(dependency.task))
        reference('task', tasks, dependency.task, [...at, 'dependsOn', depIndex, 'task']);
      else {
        dependencyFrom.push(dependency.task);
        dependencyTo.push(task.key);
      }
    });
    for (const [field, position, email] of raciPeople(task.raci))
      person(email, [...at, 'raci', field, position], subject);
    const accountable = task.raci?.accountable?.length ?? 0;
    if (accountable !== 1)
      add(
        'task-one-accountable',
        task.raci ? [...at, 'raci'] : at,
        { title: task.title, count: accountable },
        subject,
      );
    if (!task.milestone && (task.raci?.responsible?.length ?? 0) === 0)
      add('task-no-responsible', task.raci ? [...at, 'raci'] : at, task, subject);
    if (task.start && task.due && task.due < task.start)
      add('task-due-before-start', [...at, 'due'], task, subject);
    if (!task.due && task.status !== 'done' && task.status !== 'cancelled')
      add('task-no-dates', at, task, subject);
    const goal = goals.get(goalOf(task.key) ?? '');
    if (goal && ((task.start && task.start < goal.start) || (task.due && task.due > goal.due))) {
      add(
        'task-outside-goal-period',
        [...at, task.due && task.due > goal.due ? 'due' : 'start'],
        {
          title: task.title,
          start: task.start ?? '…',
          due: task.due ?? '…',
          goal: goal.title,
          goalStart: goal.start,
          goalDue: goal.due,
        },
        subject,
      );
    }
  }
  yield;
  const cycle = findDependencyCycleIn(
    plan.tasks.map((task) => task.key),
    dependencyFrom,
    dependencyTo,
  );
  dependencyFrom.length = 0;
  dependencyTo.length = 0;
  if (cycle) {
    const first = plan.tasks.findIndex((task) => task.key === cycle[0]);
    const titles = cycle.map((key) => tasks.get(key)?.title ?? key);
    add(
      'dependency-cycle',
      ['tasks', Math.max(0, first), 'dependsOn'],
      { cycle: formatCycle(titles) },
      cycle[0] ?? null,
    );
  }

  yield;
  overAllocation(plan, options, tasks, add);
  yield;

  // Processes: the graph checks the database applies, plus an SLA on every step someone works on.
  plan.processes.forEach((process, index) => {
    const at = ['processes', index];
    const steps: ProcessStep[] = process.steps.map((step) => ({
      key: step.key,
      name: step.name,
      kind: step.kind,
      owner: parseStepOwner(step.owner),
      slaHours: step.slaHours ?? null,
      checklist: step.checklist ?? [],
      fields: step.fields ?? [],
      outcomes: step.outcomes ?? [],
    }));
    process.steps.forEach((step, stepIndex) => {
      const stepAt = [...at, 'steps', stepIndex];
      const owner = parseStepOwner(step.owner);
      if (owner?.type === 'person') person(owner.userId, [...stepAt, 'owner'], process.key);
      if ((step.kind === 'task' || step.kind === 'decision') && step.slaHours === undefined)
        add('process-step-no-sla', stepAt, { name: process.name, step: step.name }, process.key);
    });
    person(
      process.owner && !process.owner.includes(':') ? process.owner : undefined,
      [...at, 'owner'],
      process.key,
    );
    for (const issue of validateProcess(steps)) {
      const stepIndex = process.steps.findIndex((step) => step.key === issue.params.stepKey);
      const stepAt = stepIndex >= 0 ? [...at, 'steps', stepIndex] : at;
      if (issue.code === 'process_no_owner') {
        add(
          'process-step-no-owner',
          stepAt,
          { name: process.name, step: issue.params.stepName },
          process.key,
        );
      } else {
        const detail = interpolate(PROCESS_MESSAGES[locale][issue.code], issue.params);
        add('process-invalid', stepAt, { name: process.name, detail }, process.key);
      }
    }
  });

  // Routines and the review cadence.
  plan.routines.forEach((routine, index) => {
    const at = ['routines', index];
    const problem = checkRecurrence({ rule: routine.rule, startsOn: routine.startsOn });
    if (problem)
      add('routine-invalid-rule', [...at, 'rule'], { title: routine.title, detail: problem }, routine.key);
    reference('goal', goals, routine.goal, [...at, 'goal']);
    for (const [field, position, email] of raciPeople(routine.raci))
      person(email, [...at, 'raci', field, position], routine.key);
  });
  if (plan.routines.length === 0) add('plan-no-routines', ['routines'], {});
  const cadence = plan.cadence ?? {};
  if (!Object.values(cadence).some(Boolean))
    add('plan-no-review-cadence', plan.cadence ? ['cadence'] : [], {});

  findings.sort(
    (a, b) =>
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return { findings, smart, counts };
}

function overAllocation(
  plan: Plan,
  options: LintOptions,
  /** The plan's tasks by key (the last of a key listed twice), for the titles a finding names. */
  tasks: ReadonlyMap<string, PlanTask>,
  add: (rule: LintRule, path: PlanPath, params: Record<string, unknown>, subject?: string | null) => void,
) {
  const dated = plan.tasks.filter((task) => task.due && (task.estimateHours ?? 0) > 0);
  if (dated.length === 0) return;
  let from = dated[0]?.start ?? dated[0]?.due ?? options.today;
  let to = from;
  for (const task of dated) {
    const start = task.start ?? task.due ?? from;
    if (start < from) from = start;
    if ((task.due ?? to) > to) to = task.due ?? to;
  }
  const weeks = Math.min(520, Math.ceil((Date.parse(to) - Date.parse(from)) / (7 * 86_400_000)) + 2);
  // Only each person's worst week: every person-week with its task list is 500 people × the plan's weeks.
  const worst = worstWeeks(
    // The first entry of a person listed twice counts (the duplicate is reported on its own).
    [...new Map([...plan.people].reverse().map((person) => [person.email, person])).values()].map(
      (person) => ({
        id: person.email,
        weeklyCapacityHours: person.weeklyCapacityHours ?? 40,
        unavailableDays: [],
      }),
    ),
    dated.map((task) => ({
      id: task.key,
      assigneeIds: task.raci?.responsible?.length ? task.raci.responsible : (task.raci?.accountable ?? []),
      estimateHours: task.estimateHours ?? null,
      start: task.start ?? null,
      due: task.due ?? null,
      status: task.status ?? 'todo',
    })),
    { from, weeks },
    options.calendar ?? DEFAULT_CALENDAR,
    3,
  );
  for (const week of worst) {
    const index = plan.people.findIndex((person) => person.email === week.personId);
    const person = plan.people[index];
    add(
      'person-over-allocated',
      ['people', index],
      {
        name: person?.name ?? week.personId,
        week: week.week,
        // Hours spread over working days come out fractional: one decimal is what a reader can use.
        planned: Math.round(week.plannedHours * 10) / 10,
        capacity: Math.round(week.capacityHours * 10) / 10,
        tasks: week.tasks
          .map((task) => tasks.get(task.taskId)?.title ?? task.taskId)
          .join(options.locale === 'en' ? ', ' : '、'),
      },
      week.personId,
    );
  }
}
