import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINT_MESSAGES, LINT_RULES, lintPlan, lintPlanSteps, type LintRule } from './lint.ts';
import type { Plan } from './model.ts';
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
