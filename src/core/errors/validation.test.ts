import { describe, expect, it } from 'vitest';
import { validationMessage } from './validation.ts';

describe('validationMessage', () => {
  it('says a missing field is required, in both languages', () => {
    const issue = {
      code: 'invalid_type',
      expected: 'string',
      message: 'Invalid input: expected string, received undefined',
    };
    expect(validationMessage(issue, 'en')).toBe('Required.');
    expect(validationMessage(issue, 'zh-CN')).toBe('必填。');
  });

  it('names the expected type when the value has the wrong one', () => {
    const issue = {
      code: 'invalid_type',
      expected: 'number',
      message: 'Invalid input: expected number, received string',
    };
    expect(validationMessage(issue, 'en')).toBe('Must be a number.');
    expect(validationMessage(issue, 'zh-CN')).toBe('应为数字。');
  });

  it('gives lengths and bounds with their numbers', () => {
    expect(validationMessage({ code: 'too_small', origin: 'string', minimum: 8 }, 'zh-CN')).toBe(
      '至少 8 个字符。',
    );
    expect(validationMessage({ code: 'too_small', origin: 'string', minimum: 1 }, 'en')).toBe('Required.');
    expect(validationMessage({ code: 'too_big', origin: 'number', maximum: 30 }, 'en')).toBe(
      'Must be at most 30.',
    );
    expect(validationMessage({ code: 'invalid_value', values: ['owner', 'admin'] }, 'en')).toBe(
      'Must be one of: owner, admin.',
    );
    expect(validationMessage({ code: 'invalid_format', format: 'email' }, 'zh-CN')).toBe(
      '请输入有效的邮箱地址。',
    );
  });
});
