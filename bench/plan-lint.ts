// Lint of a generated 2,000-task plan.yaml: reading with positions, then every rule. Reports time, no assertion.
import { addDays } from '../src/core/days/index.ts';
import { performance } from 'node:perf_hooks';
import { lintPlan } from '../src/core/plan/lint.ts';
import { instantiateTemplate, PLAN_TEMPLATES } from '../src/core/plan/templates/index.ts';
import { readPlanText, writePlanYaml } from '../src/core/plan/yaml.ts';

const TASKS = Number(process.argv[2] ?? 2000);
const template = PLAN_TEMPLATES[0];
if (!template) throw new Error('no template');
const plan = instantiateTemplate(template, { locale: 'zh-CN', start: '2027-01-04' });
const people = plan.people.map((person) => person.email);
plan.tasks = [];
// 100 milestones of 19 tasks, each task after the one before it, people in turn.
for (let m = 0; plan.tasks.length < TASKS; m += 1) {
  const milestone = `t${m + 1}`;
  plan.tasks.push({
    key: milestone,
    title: `里程碑 ${m + 1}`,
    goal: 'g1',
    milestone: true,
    due: addDays('2027-01-04', 80),
    raci: { accountable: [people[0] ?? ''] },
  });
  for (let i = 1; i < 20 && plan.tasks.length < TASKS; i += 1) {
    const from = (m + i) % 70;
    plan.tasks.push({
      key: `${milestone}.${i}`,
      title: `任务 ${m + 1}.${i}`,
      parent: milestone,
      estimateHours: 2,
      start: addDays('2027-01-04', from),
      due: addDays('2027-01-04', from + 3),
      ...(i > 1 ? { dependsOn: [{ task: `${milestone}.${i - 1}` }] } : {}),
      raci: { responsible: [people[i % people.length] ?? ''], accountable: [people[0] ?? ''] },
    });
  }
}
const yaml = writePlanYaml(plan);
const runs: number[] = [];
let findings = 0;
for (let run = 0; run < 5; run += 1) {
  const started = performance.now();
  const read = readPlanText(yaml);
  if (!read.ok) throw new Error('generated plan is invalid');
  findings = lintPlan(read.plan, { today: '2027-01-01', locale: 'zh-CN', locate: read.locate }).findings
    .length;
  runs.push(performance.now() - started);
}
runs.sort((a, b) => a - b);
console.log(
  `plan lint: ${plan.tasks.length} tasks, ${(yaml.length / 1024).toFixed(0)} KiB YAML, ${findings} findings; ` +
    `median ${runs[2]?.toFixed(0)} ms, best ${runs[0]?.toFixed(0)} ms over 5 runs (read with positions + all rules)`,
);
