import type { Locale } from '../i18n/index.ts';
import { interpolate } from '../i18n/index.ts';

/** One failed check from schema validation, in the form zod reports it. */
export type ValidationIssue = {
  code: string;
  message?: string | undefined;
  origin?: string | undefined;
  minimum?: number | bigint | undefined;
  maximum?: number | bigint | undefined;
  expected?: string | undefined;
  format?: string | undefined;
  values?: readonly unknown[] | undefined;
  keys?: readonly string[] | undefined;
};

/** Issue codes of the request-wide input check (`findInputProblem`), translated here. */
export const NUL_CHARACTER = 'nul_character';
export const TOO_DEEP = 'too_deep';

/** How deep a request's JSON may nest: OpsPlan's own bodies stay far below this. */
export const MAX_INPUT_DEPTH = 32;

export type InputProblem = { path: string[]; issue: ValidationIssue };

/**
 * The first NUL character (in a value or a key) or over-deep nesting in a parsed request value, or null.
 * PostgreSQL cannot store U+0000 in text or jsonb, and deep nesting only serves to exhaust the stack, so
 * both are refused once for every route. Iterative, so hostile nesting cannot overflow the stack here.
 */
export function findInputProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH): InputProblem | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return { path, issue: { code: NUL_CHARACTER } };
      continue;
    }
    if (typeof current !== 'object' || current === null || ArrayBuffer.isView(current)) continue;
    if (path.length >= maxDepth) return { path, issue: { code: TOO_DEEP, maximum: maxDepth } };
    for (const [key, child] of Object.entries(current)) {
      if (key.includes('\u0000'))
        return { path: [...path, key.replaceAll('\u0000', '\\0')], issue: { code: NUL_CHARACTER } };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}

/** The message schemas give a refinement that asks for at least one field; translated here. */
export const AT_LEAST_ONE_FIELD = 'at_least_one_field';
/** The message a refinement gives a day outside the range a schema allows (routines: 2000–2100). */
export const DAY_OUT_OF_RANGE = 'day_out_of_range';
/** The message a refinement gives a date range whose end comes before its start. */
export const RANGE_ENDS_BEFORE_START = 'range_ends_before_start';

/** The message a refinement gives a name that is not an IANA time zone. */
export const UNKNOWN_TIME_ZONE = 'unknown_time_zone';
/** The message a refinement gives the end of a working day that is not after its start. */
export const WORKDAY_ENDS_BEFORE_START = 'workday_ends_before_start';
/** The message a refinement gives a link that is not an http(s) address. */
export const WEB_ADDRESS = 'web_address';
/** `sort=wbs` on the task list without a tree level (parentId or root=true). */
export const WBS_ORDER_NEEDS_LEVEL = 'wbs_order_needs_level';

const TEXT = {
  required: { en: 'Required.', 'zh-CN': '必填。' },
  minChars: { en: 'Use at least {minimum} characters.', 'zh-CN': '至少 {minimum} 个字符。' },
  maxChars: { en: 'Use at most {maximum} characters.', 'zh-CN': '最多 {maximum} 个字符。' },
  minNumber: { en: 'Must be at least {minimum}.', 'zh-CN': '不能小于 {minimum}。' },
  maxNumber: { en: 'Must be at most {maximum}.', 'zh-CN': '不能大于 {maximum}。' },
  minItems: { en: 'Add at least {minimum} items.', 'zh-CN': '至少需要 {minimum} 项。' },
  maxItems: { en: 'Use at most {maximum} items.', 'zh-CN': '最多 {maximum} 项。' },
  type: { en: 'Must be {expected}.', 'zh-CN': '应为{expected}。' },
  email: { en: 'Enter a valid e-mail address.', 'zh-CN': '请输入有效的邮箱地址。' },
  date: { en: 'Use a date like 2026-11-30.', 'zh-CN': '请使用 2026-11-30 这样的日期格式。' },
  format: { en: 'Not a valid {format}.', 'zh-CN': '{format} 格式不正确。' },
  oneOf: { en: 'Must be one of: {values}.', 'zh-CN': '应为以下之一：{values}。' },
  integer: { en: 'Must be a whole number.', 'zh-CN': '应为整数。' },
  unknownKeys: { en: 'Unknown field: {keys}.', 'zh-CN': '未知字段：{keys}。' },
  atLeastOne: { en: 'Change at least one field.', 'zh-CN': '请至少填写一个字段。' },
  invalid: { en: 'Not valid.', 'zh-CN': '填写无效。' },
  dayRange: {
    en: 'Use a date from 2000-01-01 to 2100-12-31.',
    'zh-CN': '请使用 2000-01-01 至 2100-12-31 之间的日期。',
  },
  rangeOrder: { en: 'Must be on or after the start.', 'zh-CN': '不能早于开始日期。' },
  timeZone: {
    en: 'Use a time zone name such as Asia/Shanghai or Europe/London.',
    'zh-CN': '请使用 Asia/Shanghai、Europe/London 这样的时区名称。',
  },
  workdayOrder: {
    en: 'Must be later than the start of the working day.',
    'zh-CN': '下班时间应晚于上班时间。',
  },
  webAddress: {
    en: 'Use a web address starting with http:// or https://.',
    'zh-CN': '请填写以 http:// 或 https:// 开头的网址。',
  },
  nul: { en: 'Must not contain a NUL character.', 'zh-CN': '不能包含空字符（NUL）。' },
  tooDeep: {
    en: 'Nested too deeply (at most {maximum} levels).',
    'zh-CN': '嵌套层级过深（最多 {maximum} 层）。',
  },
  wbsOrderLevel: {
    en: 'WBS order lists one level of the tree: give parentId or root=true.',
    'zh-CN': 'WBS 顺序只列出树的一层：请给出 parentId 或 root=true。',
  },
} as const;

const TYPE_NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  string: { en: 'text', 'zh-CN': '文本' },
  number: { en: 'a number', 'zh-CN': '数字' },
  int: { en: 'a whole number', 'zh-CN': '整数' },
  boolean: { en: 'true or false', 'zh-CN': '布尔值' },
  object: { en: 'an object', 'zh-CN': '对象' },
  array: { en: 'a list', 'zh-CN': '列表' },
};

/** A plain sentence for a validation failure, in the caller's language. */
export function validationMessage(issue: ValidationIssue, locale: Locale): string {
  const say = (key: keyof typeof TEXT, params: Record<string, unknown> = {}) =>
    interpolate(TEXT[key][locale], params);
  switch (issue.code) {
    case 'invalid_type':
      // zod's default message ends in "received undefined" when the field is missing altogether.
      if (issue.message?.endsWith('received undefined')) return say('required');
      if (issue.expected === 'int') return say('integer');
      return say('type', { expected: TYPE_NAMES[issue.expected ?? '']?.[locale] ?? issue.expected });
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? say('required') : say('minChars', issue);
      if (issue.origin === 'array' || issue.origin === 'set') return say('minItems', issue);
      return say('minNumber', issue);
    case 'too_big':
      if (issue.origin === 'string') return say('maxChars', issue);
      if (issue.origin === 'array' || issue.origin === 'set') return say('maxItems', issue);
      return say('maxNumber', issue);
    case 'invalid_format':
      if (issue.format === 'email') return say('email');
      if (issue.format === 'date') return say('date');
      // A pattern means nothing to a reader; "not valid" on the named field says enough.
      if (issue.format === 'regex') return say('invalid');
      return say('format', { format: issue.format });
    case 'invalid_value':
      return say('oneOf', { values: (issue.values ?? []).map(String).join(', ') });
    case 'unrecognized_keys':
      return say('unknownKeys', { keys: (issue.keys ?? []).join(', ') });
    case NUL_CHARACTER:
      return say('nul');
    case TOO_DEEP:
      return say('tooDeep', issue);
    case 'custom':
      if (issue.message === DAY_OUT_OF_RANGE) return say('dayRange');
      if (issue.message === RANGE_ENDS_BEFORE_START) return say('rangeOrder');
      if (issue.message === UNKNOWN_TIME_ZONE) return say('timeZone');
      if (issue.message === WORKDAY_ENDS_BEFORE_START) return say('workdayOrder');
      if (issue.message === WEB_ADDRESS) return say('webAddress');
      if (issue.message === WBS_ORDER_NEEDS_LEVEL) return say('wbsOrderLevel');
      return issue.message === AT_LEAST_ONE_FIELD ? say('atLeastOne') : say('invalid');
    default:
      return say('invalid');
  }
}
