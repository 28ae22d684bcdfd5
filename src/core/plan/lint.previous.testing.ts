// The plan linter as it was before plan health's memory work (issue #15, commit 53d7011): every person-week of
// the over-allocation check built with its task list, a dependency object per dependency, every list's keys
// counted. Kept only as the reference lint.test.ts compares the linter's findings with on random plans; the rule
// tables are the linter's own (unchanged).
import { interpolate } from '../i18n/index.ts';
import { checkReferences, findFormulaCycle, formulaErrorMessage, parseFormula } from '../kpis/formula.ts';
import { PROCESS_MESSAGES, validateProcess, type ProcessStep } from '../processes/graph.ts';
import { DEFAULT_CALENDAR } from '../schedule/calendar.ts';
import { findDependencyCycle, formatCycle } from '../schedule/cpm.ts';
import type { Criterion } from '../smart/types.ts';
import { checkRecurrence } from '../tasks/recurrence.ts';
import { workloadByWeek } from '../workload/index.ts';
import {
  LINT_MESSAGES,
  LINT_RULES,
  parseStepOwner,
  type LintFinding,
  type LintOptions,
  type LintResult,
  type LintRule,
  type LintSeverity,
  type SmartVerdict,
} from './lint.ts';
import type { Plan, PlanRaci } from './model.ts';
import { goalSmart } from './smart.ts';
import { formatPath, type PlanPath } from './yaml.ts';

/** The previous linter in one go. */
export function previousLintPlan(plan: Plan, options: LintOptions): LintResult {
  const steps = previousSteps(plan, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const WHAT: Record<LintOptions['locale'], Record<string, string>> = {
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

const CRITERIA: Record<LintOptions['locale'], Record<Criterion, string>> = {
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

function raciPeople(raci: PlanRaci | undefined): Array<[keyof PlanRaci, number, string]> {
  const out: Array<[keyof PlanRaci, number, string]> = [];
  for (const field of ['responsible', 'accountable', 'consulted', 'informed'] as const) {
    (raci?.[field] ?? []).forEach((email, index) => out.push([field, index, email]));
  }
  return out;
}

/**
 * The lint as steps: it pauses after each goal and each task, so that a caller on a server can give other work a
 * turn between them (at 100,000 tasks the whole lint is seconds). `lintPlan` runs it without pausing.
 */
function* previousSteps(plan: Plan, options: LintOptions): Generator<void, LintResult, void> {
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

  // Keys: each list's keys unique; every reference resolves.
  const duplicates = (
    kind: string,
    list: 'people' | 'kpis' | 'goals' | 'tasks' | 'processes' | 'routines',
  ) => {
    const seen = new Map<string, number>();
    const items = plan[list] as ReadonlyArray<{ key?: string; email?: string }>;
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
  duplicates('person', 'people');
  duplicates('kpi', 'kpis');
  duplicates('goal', 'goals');
  duplicates('task', 'tasks');
  duplicates('process', 'processes');
  duplicates('routine', 'routines');

  const people = new Map(plan.people.map((person) => [person.email, person]));
  const kpis = new Map(plan.kpis.map((kpi) => [kpi.key, kpi]));
  const goals = new Map(plan.goals.map((goal) => [goal.key, goal]));
  const tasks = new Map(plan.tasks.map((task) => [task.key, task]));
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
  const dependencies: Array<{ from: string; to: string }> = [];
  for (const [index, task] of plan.tasks.entries()) {
    yield;
    const at = ['tasks', index];
    const subject = task.key;
    reference('task', tasks, task.parent, [...at, 'parent']);
    reference('goal', goals, task.goal, [...at, 'goal']);
    (task.dependsOn ?? []).forEach((dependency, depIndex) => {
      if (!tasks.has(dependency.task))
        reference('task', tasks, dependency.task, [...at, 'dependsOn', depIndex, 'task']);
      else dependencies.push({ from: dependency.task, to: task.key });
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
  const cycle = findDependencyCycle(
    plan.tasks.map((task) => task.key),
    dependencies,
  );
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
  overAllocation(plan, options, add);
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
  const workload = workloadByWeek(
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
  );
  const titles = new Map(plan.tasks.map((task) => [task.key, task.title]));
  for (const load of workload.people) {
    const worst = load.weeks
      .filter((week) => week.isOverAllocated)
      .sort((a, b) => b.plannedHours - b.capacityHours - (a.plannedHours - a.capacityHours))[0];
    if (!worst) continue;
    const index = plan.people.findIndex((person) => person.email === load.personId);
    const person = plan.people[index];
    add(
      'person-over-allocated',
      ['people', index],
      {
        name: person?.name ?? load.personId,
        week: worst.week,
        // Hours spread over working days come out fractional: one decimal is what a reader can use.
        planned: Math.round(worst.plannedHours * 10) / 10,
        capacity: Math.round(worst.capacityHours * 10) / 10,
        tasks: worst.tasks
          .slice(0, 3)
          .map((task) => titles.get(task.taskId) ?? task.taskId)
          .join(options.locale === 'en' ? ', ' : '、'),
      },
      load.personId,
    );
  }
}
