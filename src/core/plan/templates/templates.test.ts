import { describe, expect, it } from 'vitest';
import { lintPlan } from '../lint.ts';
import { PlanSchema } from '../schema.ts';
import { readPlanText, writePlanYaml } from '../yaml.ts';
import { buildPlanDocument } from '../document/build.ts';
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

  it('writes the goal and key result titles again from the numbers given, and still lints clean', () => {
    const ecommerce = PLAN_TEMPLATES[1];
    if (!ecommerce) throw new Error('no template');
    const numbers = { orders: { baseline: 420, target: 480 }, gmv: { baseline: 48000, target: 66000 } };
    const zh = instantiateTemplate(ecommerce, { locale: 'zh-CN', start: '2027-03-01', targets: numbers });
    expect(zh.goals[0]?.title).toBe('三个月内日订单数从420单提升到480单');
    expect(zh.goals[0]?.keyResults.map((kr) => kr.title)).toEqual([
      '日订单数达到 480单',
      '日销售额达到 ¥66000',
    ]);
    const en = instantiateTemplate(ecommerce, { locale: 'en', start: '2027-03-01', targets: numbers });
    expect(en.goals[0]?.title).toBe('Increase daily orders from 420 to 480 within 3 months');
    expect(en.goals[0]?.keyResults[1]?.title).toBe('Daily sales reaches ¥66,000');
    // The template's own numbers keep its wording.
    const same = instantiateTemplate(ecommerce, {
      locale: 'zh-CN',
      start: '2027-03-01',
      targets: { orders: { baseline: 400, target: 500 } },
    });
    expect(same.goals[0]?.title).toBe('三个月内日订单数从400单提升到500单');
    // Every template with other numbers is still a clean, SMART plan.
    for (const template of PLAN_TEMPLATES) {
      const targets = Object.fromEntries(
        template.goal.keyResults.map((kr) => [
          kr.kpi,
          { baseline: kr.baseline + 1, target: Math.round(kr.target * 1.5) + 1 },
        ]),
      );
      for (const locale of ['zh-CN', 'en'] as const) {
        const plan = instantiateTemplate(template, { locale, start: '2027-01-04', targets });
        const result = lintPlan(plan, { today: '2027-01-01', locale });
        expect(
          result.findings.map((finding) => `${finding.rule} ${finding.message}`),
          `${template.key} ${locale}: ${plan.goals[0]?.title}`,
        ).toEqual([]);
        for (const verdict of result.smart) {
          expect(verdict.criteria.specific.status, `${template.key} ${locale}`).toBe('pass');
          expect(verdict.criteria.measurable.status, `${template.key} ${locale}`).toBe('pass');
          expect(verdict.criteria.timeBound.status, `${template.key} ${locale}`).toBe('pass');
        }
      }
    }
  });

  it('writes the e-commerce order flow with 接单 as its first step, owner and SLA included, and no RACI gap', () => {
    const ecommerce = PLAN_TEMPLATES.find((template) => template.key === 'ecommerce');
    if (!ecommerce) throw new Error('no e-commerce template');
    const plan = instantiateTemplate(ecommerce, { locale: 'zh-CN', start: '2027-01-04' });
    const document = buildPlanDocument(plan, null, { locale: 'zh-CN', now: Date.UTC(2027, 0, 4) });
    const chapter = document.chapters.find((entry) => entry.id === 'processes');
    const table = chapter?.blocks.find((block) => block.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no process table');
    // Its phases are milestones: nobody carries one out, so the RACI gaps are clean (as the linter says).
    const work = document.chapters.find((entry) => entry.id === 'work');
    expect(work?.blocks).toContainEqual({
      kind: 'note',
      tone: 'info',
      text: '所有未完成的任务都有一位负责人（A）和至少一位执行人（R）。',
    });
    expect(table.rows.map((row) => [row[1], row[4]])).toEqual([
      ['接单', '2 小时'],
      ['付款确认', '4 小时'],
      ['物流安排', '24 小时'],
      ['售后服务', '48 小时'],
    ]);
  });
});
