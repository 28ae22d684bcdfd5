import { describe, expect, it } from 'vitest';
import { validateProcess } from './graph.ts';
import { processTemplates } from './templates.ts';

describe('process templates', () => {
  it('are valid processes in both languages, with the same shape', () => {
    const zh = processTemplates('zh-CN');
    const en = processTemplates('en');
    expect(zh.map((template) => template.key)).toEqual(['feedback', 'order', 'campaign', 'content']);
    for (const [index, template] of zh.entries()) {
      expect(validateProcess(template.steps)).toEqual([]);
      expect(validateProcess(en[index]?.steps ?? [])).toEqual([]);
      expect(en[index]?.steps.map((step) => step.key)).toEqual(template.steps.map((step) => step.key));
    }
    expect(zh[0]?.steps.map((step) => step.name).slice(0, 4)).toEqual([
      '收集反馈',
      '分析问题',
      '制定解决方案',
      '反馈用户',
    ]);
    expect(zh[1]?.steps.map((step) => step.name)).toContain('付款确认');
    expect(en[0]?.name).toBe('User feedback handling');
  });
});
