import { describe, expect, it } from 'vitest';
import { lintPlan } from '../lint.ts';
import { PlanSchema } from '../schema.ts';
import { readPlanText, writePlanYaml } from '../yaml.ts';
import { instantiateTemplate, PLAN_TEMPLATES } from './index.ts';

describe('plan templates', () => {
  it('are five complete plans that lint clean in both languages', () => {
    expect(PLAN_TEMPLATES.map((template) => template.key)).toEqual([
      'user-growth',
      'ecommerce',
      'content',
      'community',
      'launch',
    ]);
    for (const template of PLAN_TEMPLATES) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const plan = instantiateTemplate(template, { locale, start: '2027-01-04' });
        expect(PlanSchema.safeParse(plan).success, `${template.key} ${locale}`).toBe(true);
        // Through YAML and back, as a user would save it.
        const read = readPlanText(writePlanYaml(plan));
        expect(read.ok).toBe(true);
        const result = lintPlan(plan, { today: '2027-01-01', locale });
        expect(
          result.findings.map((finding) => `${finding.rule} ${finding.message}`),
          `${template.key} ${locale}`,
        ).toEqual([]);
        for (const verdict of result.smart) {
          expect(verdict.criteria.specific.status, `${template.key} ${locale}`).toBe('pass');
          expect(verdict.criteria.measurable.status).toBe('pass');
          expect(verdict.criteria.timeBound.status).toBe('pass');
        }
        expect(plan.processes[0]?.steps.every((step) => step.kind === 'end' || step.slaHours)).toBe(true);
        expect(plan.tasks.some((task) => task.dependsOn?.length)).toBe(true);
        expect(plan.routines.map((routine) => routine.key)).toEqual(['daily-data-check', 'weekly-report']);
      }
    }
  });

  it('takes the start date, the people and the numbers', () => {
    const template = PLAN_TEMPLATES[1];
    if (!template) throw new Error('no template');
    const plan = instantiateTemplate(template, {
      locale: 'zh-CN',
      start: '2027-03-01',
      people: { lead: 'boss@shop.cn', analyst: 'ana@shop.cn', operator: 'op@shop.cn' },
      targets: { orders: { baseline: 300, target: 450 } },
    });
    expect(plan.goals[0]).toMatchObject({ start: '2027-03-01', due: '2027-05-30', owner: 'boss@shop.cn' });
    expect(plan.goals[0]?.keyResults[0]).toMatchObject({ kpi: 'orders', baseline: 300, target: 450 });
    expect(plan.processes[0]?.steps.map((step) => step.name)).toEqual([
      '接单',
      '付款确认',
      '物流安排',
      '售后服务',
      '结束',
    ]);
    expect(plan.tasks[1]?.raci).toEqual({ responsible: ['op@shop.cn'], accountable: ['boss@shop.cn'] });
  });
});
