import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isTrivialPassword, parsePasswordList, passwordProblem } from './index.ts';

const common = parsePasswordList(
  readFileSync(new URL('../../server/auth/common-passwords.txt', import.meta.url), 'utf8'),
);
const check = (password: string, email = 'someone@example.com') =>
  passwordProblem(password, { email, commonPasswords: common });

describe('isTrivialPassword', () => {
  it.each([
    '        ',
    '\t \t \t \t',
    'aaaaaaaa',
    '0000000000',
    '12345678',
    '87654321',
    '34567890',
    'abcdefgh',
    'ZYXWVUTS',
    'qwertyui',
    'asdfghjkl',
    '1qaz2wsx',
    'abcabcabc',
    '12121212',
    'woaiwoai',
  ])('refuses %j', (password) => expect(isTrivialPassword(password)).toBe(true));

  it.each(['tea at the lake', 'q7#mLp2!x', '12345679x', 'abcdefgz'])('accepts %j', (password) =>
    expect(isTrivialPassword(password)).toBe(false),
  );
});

describe('the bundled list', () => {
  it('holds a few thousand entries, the obvious ones among them, none shorter than the length rule', () => {
    expect(common.size).toBeGreaterThan(3000);
    for (const password of [
      '12345678',
      'password',
      'qwerty123',
      '11111111',
      'iloveyou',
      'a1234567',
      'woaini1314',
    ])
      expect(common.has(password), password).toBe(true);
    expect([...common].filter((password) => password.length < 8)).toEqual([]);
  });
});

describe('passwordProblem', () => {
  it('names the first reason, or none', () => {
    expect(check('12345678')).toBe('password_too_simple');
    expect(check('        ')).toBe('password_too_simple');
    expect(check('PassWord123')).toBe('password_too_common');
    expect(check('woaini1314')).toBe('password_too_common');
    expect(check('lina.wang@example.com', 'lina.wang@example.com')).toBe('password_contains_email');
    expect(check('my-LinaWang-2026', 'lina.wang@example.com')).toBe('password_contains_email');
    // A two-letter local part is too short to mean anything.
    expect(check('lio river stone', 'li@example.com')).toBeNull();
    expect(check('tea at the lake, 7 pm')).toBeNull();
  });
});
