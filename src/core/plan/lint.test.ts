import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINT_MESSAGES, LINT_RULES, lintPlan, lintPlanSteps, type LintRule } from './lint.ts';
import type { Plan } from './model.ts';
import { addDays } from '../days/index.ts';
import { mulberry32 } from '../processes/eventlog.testing.ts';
import { previousLintPlan } from './lint.previous.testing.ts';
import { readPlanText } from './yaml.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function read(text: string) {
  const result = readPlanText(text);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

const TODAY = '2026-12-01';

describe('lintPlan', () => {
  it('in steps: pauses at least once per goal and task, and ends with what the one-go lint gives', () => {
    const { plan, locate } = read(fixture('broken.plan.yaml'));
    const steps = lintPlanSteps(plan, { today: TODAY, locale: 'zh-CN', locate });
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses += 1;
      step = steps.next();
    }
    expect(pauses).toBeGreaterThanOrEqual(plan.goals.length + plan.tasks.length);
    expect(step.value).toEqual(lintPlan(plan, { today: TODAY, locale: 'zh-CN', locate }));
    expect(step.value.findings.length).toBeGreaterThan(0);
  });

  it('catches every rule on the plan built to break them, each at its line', () => {
    const { plan, locate } = read(fixture('broken.plan.yaml'));
    const result = lintPlan(plan, { today: TODAY, locale: 'en', locate });
    const caught = new Set(result.findings.map((finding) => finding.rule));
    // plan-no-routines needs a plan without routines: the next test.
    const expected = (Object.keys(LINT_RULES) as LintRule[]).filter((rule) => rule !== 'plan-no-routines');
    expect([...expected].filter((rule) => !caught.has(rule))).toEqual([]);
    for (const finding of result.findings) {
      expect(finding.line).toBeGreaterThan(0);
      expect(finding.message).not.toContain('{');
    }
    const at = (rule: LintRule) => result.findings.filter((finding) => finding.rule === rule);
    // The cycle is named by task titles, in order.
    expect(at('dependency-cycle')[0]?.message).toContain('循环一 → 循环二 → 循环一');
    // Both the task with none and the one with two accountable people, at their raci lines.
    expect(at('task-one-accountable').map((finding) => [finding.subject, finding.path])).toEqual([
      ['t1', 'tasks[0].raci'],
      ['t2', 'tasks[1].raci'],
    ]);
    const lines = fixture('broken.plan.yaml').split('\n');
    const ghost = at('plan-unknown-person').find((finding) => finding.path === 'goals[1].owner');
    expect(lines[(ghost?.line ?? 0) - 1]).toContain('owner: ghost@example.com');
    const overAllocated = at('person-over-allocated')[0];
    expect(overAllocated?.message).toContain('80 h');
    expect(overAllocated?.message).toContain('10 h');
    expect(result.counts.error).toBeGreaterThan(10);
  });

  it('says in Chinese when asked, and wants routines and a review cadence', () => {
    const { plan } = read(fixture('clean.plan.yaml'));
    const bare: Plan = { ...plan, routines: [] };
    delete bare.cadence;
    const result = lintPlan(bare, { today: TODAY, locale: 'zh-CN' });
    expect(result.findings.map((finding) => [finding.rule, finding.line])).toEqual([
      ['plan-no-routines', null],
      ['plan-no-review-cadence', null],
    ]);
    expect(result.findings[1]?.message).toBe(LINT_MESSAGES['zh-CN']['plan-no-review-cadence']);
  });

  it('finds nothing in a complete plan and gives each goal its SMART verdict', () => {
    const { plan, locate } = read(fixture('clean.plan.yaml'));
    const result = lintPlan(plan, { today: TODAY, locale: 'en', locate });
    expect(result.findings).toEqual([]);
    expect(result.smart).toHaveLength(1);
    expect(result.smart[0]).toMatchObject({ goal: 'growth', line: 25 });
    expect(result.smart[0]?.criteria.measurable.status).toBe('pass');
    expect(result.smart[0]?.criteria.timeBound.status).toBe('pass');
  });

  it('reads a plan with bad input as issues naming the line and field, in both languages', () => {
    const text = fixture('clean.plan.yaml')
      .replace(
        '    weeklyCapacityHours: 40\n  - email: analyst',
        '    weeklyCapacity: 40\n  - email: analyst',
      )
      .replace('estimateHours: 24', 'estimateHours: lots');
    const result = readPlanText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.path, issue.line, issue.message.en])).toEqual([
      ['people[0].weeklyCapacity', 9, 'Unknown field: weeklyCapacity.'],
      ['tasks[0].estimateHours', 41, 'Must be a number.'],
    ]);
    expect(result.issues[0]?.message['zh-CN']).toBe('未知字段：weeklyCapacity。');
    const syntax = readPlanText('version: 1\nname: [oops\n');
    expect(syntax.ok).toBe(false);
    if (!syntax.ok) expect(syntax.issues[0]).toMatchObject({ code: 'yaml_syntax', line: 3 });
  });
});

describe('docs/plan-format.md', () => {
  it('has an example that reads and lints clean', () => {
    const doc = readFileSync(new URL('../../../docs/plan-format.md', import.meta.url), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const { plan, locate } = read(example);
    expect(plan.tasks.map((task) => task.key)).toEqual(['t1', 't1.1', 't1.2']);
    expect(lintPlan(plan, { today: '2026-12-20', locale: 'zh-CN', locate }).findings).toEqual([]);
  });
});

describe('lintPlan against the previous linter', () => {
  // The linter was made lighter for plans of 100,000 tasks (each person's worst week only, dependencies as two
  // lists, keys counted only when a list repeats one): on random plans with every kind of gap, in both languages,
  // it must find exactly what the previous one (lint.previous.testing.ts) found.
  type Random = ReturnType<typeof mulberry32>;
  const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (random: Random, from: number, to: number) => from + Math.floor(random() * (to - from + 1));

  function randomPlan(random: Random): Plan {
    const emails = Array.from({ length: int(random, 2, 6) }, (_, index) => `p${index}@example.com`);
    const people = emails.map((email, index) => ({
      email,
      name: `Person ${index}`,
      role: 'member',
      ...(random() < 0.8 ? { weeklyCapacityHours: pick(random, [8, 16, 40]) } : {}),
    }));
    // A person listed twice, once in a while, with another capacity.
    if (random() < 0.3)
      people.push({ email: emails[0] ?? '', name: 'Twice', role: 'member', weeklyCapacityHours: 4 });
    const someone = () => (random() < 0.05 ? 'stranger@example.com' : pick(random, emails));
    const kpis: Plan['kpis'] = Array.from({ length: int(random, 1, 5) }, (_, index) => ({
      key: random() < 0.1 ? 'k0' : `k${index}`,
      name: `KPI ${index}`,
      direction: 'higher' as const,
      aggregation: 'sum' as const,
      frequency: 'week' as const,
      ...(random() < 0.5 ? { owner: someone() } : {}),
      ...(random() < 0.3 ? { green: 10 } : {}),
      ...(random() < 0.2 ? { formula: pick(random, ['k0 + k1', 'k1 / k0', 'k9 * 2']) } : {}),
    }));
    const goals: Plan['goals'] = [];
    for (let index = 0; index < int(random, 1, 6); index += 1) {
      const start = addDays(TODAY, int(random, -60, 30));
      goals.push({
        key: random() < 0.1 && index > 0 ? 'g0' : `g${index}`,
        title: pick(random, [`Raise k0 to ${int(random, 10, 90)} by ${addDays(start, 60)}`, `目标 ${index}`]),
        start,
        due: addDays(start, int(random, -5, 90)),
        ...(random() < 0.7 ? { owner: someone() } : {}),
        ...(index > 0 && random() < 0.5 ? { parent: random() < 0.1 ? 'g404' : pick(random, goals).key } : {}),
        keyResults: Array.from({ length: int(random, 0, 2) }, (_, kr) => ({
          title: `KR ${kr}`,
          kpi: pick(random, ['k0', 'k1', 'k404']),
          ...(random() < 0.7 ? { baseline: int(random, 0, 5) } : {}),
          ...(random() < 0.7 ? { target: int(random, 3, 50) } : {}),
        })),
      });
    }
    const tasks: Plan['tasks'] = [];
    for (let index = 0; index < int(random, 0, 40); index += 1) {
      // Whole weeks of round hours: people go over in several weeks by the same amount.
      const start =
        random() < 0.6
          ? pick(random, ['2026-11-30', '2026-12-07', '2026-12-14'])
          : addDays(TODAY, int(random, -20, 40));
      const task: Plan['tasks'][number] = {
        key: random() < 0.05 && index > 0 ? 't0' : `t${index}`,
        title: random() < 0.2 ? '同名任务' : `Task ${index}`,
      };
      if (index > 0 && random() < 0.4) task.parent = random() < 0.05 ? 't404' : pick(random, tasks).key;
      if (random() < 0.5) task.goal = random() < 0.05 ? 'g404' : pick(random, goals).key;
      if (random() < 0.8) task.start = start;
      if (random() < 0.85)
        task.due = random() < 0.6 ? addDays(start, 4) : addDays(start, int(random, -3, 20));
      if (random() < 0.8) task.estimateHours = pick(random, [4, 8, 20, 40, 7.5]);
      if (random() < 0.3)
        task.status = pick(random, ['in_progress', 'done', 'blocked', 'cancelled'] as const);
      if (random() < 0.1) task.milestone = true;
      const earlier = tasks.filter(() => random() < 0.08).map((other) => ({ task: other.key }));
      // Now and then a dependency on a later task (a cycle, perhaps) or on none.
      if (random() < 0.1) earlier.push({ task: random() < 0.3 ? 't404' : `t${int(random, 0, 40)}` });
      if (earlier.length > 0) task.dependsOn = earlier;
      if (random() < 0.9) {
        const raci: NonNullable<Plan['tasks'][number]['raci']> = {};
        if (random() < 0.8) raci.responsible = random() < 0.2 ? [someone(), someone()] : [someone()];
        if (random() < 0.9) raci.accountable = random() < 0.1 ? [someone(), someone()] : [someone()];
        if (random() < 0.2) raci.informed = [someone()];
        task.raci = raci;
      }
      tasks.push(task);
    }
    return {
      version: 1,
      name: 'Random plan',
      locale: 'en',
      people,
      kpis,
      goals,
      tasks,
      processes: [],
      routines:
        random() < 0.5 ? [{ key: 'r1', title: 'Daily check', rule: 'FREQ=DAILY', startsOn: TODAY }] : [],
      ...(random() < 0.5 ? { cadence: { kpiReview: 'weekly' } } : {}),
    } as Plan;
  }

  it('finds exactly what the previous linter found, on random plans in both languages', () => {
    const random = mulberry32(42);
    const seen = new Set<string>();
    for (let round = 0; round < 150; round += 1) {
      const plan = randomPlan(random);
      for (const locale of ['en', 'zh-CN'] as const) {
        const options = { today: TODAY, locale };
        const result = lintPlan(plan, options);
        expect(result, `round ${round}, ${locale}`).toEqual(previousLintPlan(plan, options));
        for (const finding of result.findings) seen.add(finding.rule);
      }
    }
    // The random plans did break the rules whose checks changed, and most others.
    for (const rule of [
      'person-over-allocated',
      'dependency-cycle',
      'plan-duplicate-key',
      'plan-unknown-reference',
    ])
      expect(seen, rule).toContain(rule);
    expect(seen.size).toBeGreaterThan(14);
  });
});
