import { describe, expect, it } from 'vitest';
import { findInputProblem, NUL_CHARACTER, TOO_DEEP, validationMessage } from './validation.ts';

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

describe('findInputProblem', () => {
  it('finds a NUL character in a value or a key, with its path', () => {
    expect(findInputProblem({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toEqual({
      path: ['a', '1', 'c'],
      issue: { code: NUL_CHARACTER },
    });
    expect(findInputProblem({ 'k\u0000': 1 })?.path).toEqual(['k\\0']);
    expect(findInputProblem('\u0000')?.path).toEqual([]);
    expect(findInputProblem({ a: 'fine', b: [1, null, true, '\t\r'] })).toBeNull();
    expect(findInputProblem(Buffer.from([0, 0, 0]))).toBeNull();
  });

  it('stops at the depth limit without recursing', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 100_000; level += 1) deep = { d: deep };
    const problem = findInputProblem(deep, 32);
    expect(problem?.issue).toEqual({ code: TOO_DEEP, maximum: 32 });
    expect(problem?.path).toHaveLength(32);
    expect(findInputProblem({ a: { b: 'x' } }, 2)).toBeNull();
    expect(findInputProblem({ a: { b: { c: 'x' } } }, 2)?.path).toEqual(['a', 'b']);
  });

  it('has a message in both languages', () => {
    expect(validationMessage({ code: NUL_CHARACTER }, 'en')).toBe('Must not contain a NUL character.');
    expect(validationMessage({ code: TOO_DEEP, maximum: 32 }, 'zh-CN')).toBe('嵌套层级过深（最多 32 层）。');
  });
});
