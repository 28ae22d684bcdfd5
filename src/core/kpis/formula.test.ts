import { describe, expect, it } from 'vitest';
import {
  FORMULA_MAX_DEPTH,
  FORMULA_MESSAGES,
  checkReferences,
  computeFormulaSeries,
  evaluateFormula,
  findFormulaCycle,
  formulaErrorMessage,
  parseFormula,
  type FormulaError,
  type FormulaNode,
} from './formula.ts';

function parse(source: string): { ast: FormulaNode; references: string[] } {
  const result = parseFormula(source);
  if (!result.ok) throw new Error(`expected ${source} to parse, got ${JSON.stringify(result.error)}`);
  return result;
}

function evaluate(source: string, values: Record<string, number | null> = {}): number | null {
  return evaluateFormula(parse(source).ast, values);
}

function errorOf(source: string): FormulaError {
  const result = parseFormula(source);
  if (result.ok) throw new Error(`expected ${source} to fail`);
  return result.error;
}

describe('parseFormula', () => {
  it('builds a tree with positions and lists references once, in order of first use', () => {
    const { ast, references } = parse('orders / visits * 100');
    expect(ast).toEqual({
      kind: 'binary',
      operator: '*',
      position: 16,
      left: {
        kind: 'binary',
        operator: '/',
        position: 7,
        left: { kind: 'reference', key: 'orders', position: 0 },
        right: { kind: 'reference', key: 'visits', position: 9 },
      },
      right: { kind: 'number', value: 100, position: 18 },
    });
    expect(references).toEqual(['orders', 'visits']);
    expect(parse('b + a * b - max(a, c_2)').references).toEqual(['b', 'a', 'c_2']);
  });

  it('treats a function name without parentheses as a KPI key', () => {
    expect(parse('sum + 1').references).toEqual(['sum']);
  });

  it('reads decimals and exponents', () => {
    expect(evaluate('1e3')).toBe(1000);
    expect(evaluate('.5 + 1.25')).toBe(1.75);
    expect(evaluate('2.5e-1')).toBe(0.25);
    expect(evaluate('1E+2')).toBe(100);
    expect(evaluate('3.')).toBe(3);
  });
});

describe('operator precedence and associativity', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['8 / 4 / 2', 1],
    ['2 ^ 3 ^ 2', 512],
    ['(2 ^ 3) ^ 2', 64],
    ['-2 ^ 2', -4],
    ['(-2) ^ 2', 4],
    ['2 ^ -1', 0.5],
    ['--3', 3],
    ['+3 - -2', 5],
    ['2 * -3', -6],
    ['1 + 2 > 2', 1],
    ['1 + 1 < 2', 0],
    ['2 <= 2', 1],
    ['2 >= 3', 0],
    ['2 == 2', 1],
    ['2 != 2', 0],
  ])('%s = %d', (source, expected) => {
    expect(evaluate(source)).toBe(expected);
  });
});

describe('functions', () => {
  it.each([
    ['sum(1, 2, 3)', 6],
    ['avg(2, 4)', 3],
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ['abs(-4)', 4],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(2.345, 2)', 2.35],
    ['round(1.005, 2)', 1.01],
    ['round(1234, -2)', 1200],
    ['round(1.5, 20)', 1.5],
    ['sum(1, max(2, 5) * 2)', 11],
  ])('%s = %d', (source, expected) => {
    expect(evaluate(source)).toBe(expected);
  });

  it('evaluates nested if by its condition', () => {
    const source = 'if(a > 10, if(a > 100, 3, 2), 1)';
    expect(evaluate(source, { a: 5 })).toBe(1);
    expect(evaluate(source, { a: 50 })).toBe(2);
    expect(evaluate(source, { a: 500 })).toBe(3);
  });

  it('evaluates only the branch if chooses, so a guard against zero works', () => {
    const source = 'if(visits == 0, 0, orders / visits)';
    expect(evaluate(source, { visits: 0, orders: null })).toBe(0);
    expect(evaluate(source, { visits: 200, orders: 50 })).toBe(0.25);
  });
});

describe('evaluateFormula', () => {
  it('computes a conversion rate', () => {
    expect(evaluate('orders / visits * 100', { orders: 30, visits: 1200 })).toBe(2.5);
  });

  it('gives null for a missing value, a division by zero or a result that is not finite', () => {
    expect(evaluate('orders / visits', { orders: 30 })).toBeNull();
    expect(evaluate('orders / visits', { orders: 30, visits: null })).toBeNull();
    expect(evaluate('orders / visits', { orders: 30, visits: 0 })).toBeNull();
    expect(evaluate('sum(a, b)', { a: 1, b: null })).toBeNull();
    expect(evaluate('if(a, 1, 2)', {})).toBeNull();
    expect(evaluate('(-8) ^ 0.5')).toBeNull();
    expect(evaluate('10 ^ 400')).toBeNull();
  });

  it('does not read keys from the object prototype', () => {
    expect(evaluate('constructor + 1', {})).toBeNull();
  });
});

describe('formula errors', () => {
  it.each<[string, FormulaError]>([
    ['', { code: 'formula_empty', position: 0, params: { column: 1 } }],
    ['   ', { code: 'formula_empty', position: 0, params: { column: 1 } }],
    [
      'orders / visits )',
      { code: 'formula_syntax', position: 16, params: { found: ')', expected: 'end', column: 17 } },
    ],
    ['(a + b', { code: 'formula_syntax', position: 6, params: { found: '', expected: ')', column: 7 } }],
    ['1 +', { code: 'formula_syntax', position: 3, params: { found: '', expected: 'operand', column: 4 } }],
    ['-', { code: 'formula_syntax', position: 1, params: { found: '', expected: 'operand', column: 2 } }],
    [
      'a * )',
      { code: 'formula_syntax', position: 4, params: { found: ')', expected: 'operand', column: 5 } },
    ],
    ['a # b', { code: 'formula_syntax', position: 2, params: { found: '#', expected: 'end', column: 3 } }],
    [
      'a + #',
      { code: 'formula_syntax', position: 4, params: { found: '#', expected: 'operand', column: 5 } },
    ],
    ['a % 2', { code: 'formula_syntax', position: 2, params: { found: '%', expected: 'end', column: 3 } }],
    [
      '（a）',
      { code: 'formula_syntax', position: 0, params: { found: '（', expected: 'operand', column: 1 } },
    ],
    ['a b', { code: 'formula_syntax', position: 2, params: { found: 'b', expected: 'end', column: 3 } }],
    ['1e+', { code: 'formula_syntax', position: 3, params: { found: '', expected: 'digit', column: 4 } }],
    [
      '2 * 1ex',
      { code: 'formula_syntax', position: 6, params: { found: 'x', expected: 'digit', column: 7 } },
    ],
    ['max(a b)', { code: 'formula_syntax', position: 6, params: { found: 'b', expected: ',)', column: 7 } }],
    [
      'max(a,',
      { code: 'formula_syntax', position: 6, params: { found: '', expected: 'operand', column: 7 } },
    ],
    [
      '0 < x < 10',
      { code: 'formula_syntax', position: 6, params: { found: '<', expected: 'end', column: 7 } },
    ],
    [
      '(0 < x < 10)',
      { code: 'formula_syntax', position: 7, params: { found: '<', expected: ')', column: 8 } },
    ],
    ['sqr(a)', { code: 'formula_unknown_function', position: 0, params: { name: 'sqr', column: 1 } }],
    ['1 + SUM(a)', { code: 'formula_unknown_function', position: 4, params: { name: 'SUM', column: 5 } }],
    [
      'round(a, 1, 2)',
      { code: 'formula_arity', position: 0, params: { name: 'round', min: 1, max: 2, count: 3, column: 1 } },
    ],
    [
      'a + sum()',
      { code: 'formula_arity', position: 4, params: { name: 'sum', min: 1, max: -1, count: 0, column: 5 } },
    ],
    [
      'if(a, b)',
      { code: 'formula_arity', position: 0, params: { name: 'if', min: 3, max: 3, count: 2, column: 1 } },
    ],
  ])('%j', (source, expected) => {
    expect(errorOf(source)).toEqual(expected);
  });

  it('reports the first fault, not a later bad number', () => {
    expect(errorOf(') + 1e')).toEqual({
      code: 'formula_syntax',
      position: 0,
      params: { found: ')', expected: 'operand', column: 1 },
    });
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const depth = FORMULA_MAX_DEPTH + 1;
    expect(errorOf(`${'('.repeat(depth)}a${')'.repeat(depth)}`)).toEqual({
      code: 'formula_too_complex',
      position: FORMULA_MAX_DEPTH,
      params: { limit: FORMULA_MAX_DEPTH, column: FORMULA_MAX_DEPTH + 1 },
    });
    expect(errorOf(Array.from({ length: 10_000 }, () => 'a').join('+')).code).toBe('formula_too_complex');
    expect(errorOf('-'.repeat(100_000) + '1').code).toBe('formula_too_complex');
    const deepest = FORMULA_MAX_DEPTH;
    expect(evaluate(`${'('.repeat(deepest)}2${')'.repeat(deepest)}`)).toBe(2);
  });

  it('puts errors into words in both languages', () => {
    expect(formulaErrorMessage(errorOf('orders / visits )'), 'en')).toBe(
      'Unexpected ")" at character 17; expected an operator or the end of the formula.',
    );
    expect(formulaErrorMessage(errorOf('orders / visits )'), 'zh-CN')).toBe(
      '第 17 个字符处出现意外的“)”，此处应为运算符或公式结尾。',
    );
    expect(formulaErrorMessage(errorOf('1 +'), 'en')).toBe(
      'Unexpected end of formula at character 4; expected a number, KPI key, function or "(".',
    );
    expect(formulaErrorMessage(errorOf('sqr(a)'), 'en')).toBe("Unknown function 'sqr' at character 1.");
    expect(formulaErrorMessage(errorOf('round(a, 1, 2)'), 'en')).toBe(
      'round() takes 1 or 2 arguments but was given 3 (character 1).',
    );
    expect(formulaErrorMessage(errorOf('sum()'), 'zh-CN')).toBe(
      'sum() 需要至少 1 个参数，实际为 0 个（第 1 个字符）。',
    );
    expect(formulaErrorMessage(errorOf('if(1)'), 'en')).toBe(
      'if() takes 3 arguments but was given 1 (character 1).',
    );
    expect(formulaErrorMessage(errorOf('abs()'), 'en')).toBe(
      'abs() takes 1 argument but was given 0 (character 1).',
    );
    expect(formulaErrorMessage(errorOf('round(1, 2, 3)'), 'zh-CN')).toBe(
      'round() 需要 1 或 2 个参数，实际为 3 个（第 1 个字符）。',
    );
    expect(formulaErrorMessage(errorOf('if(1)'), 'zh-CN')).toBe(
      'if() 需要 3 个参数，实际为 1 个（第 1 个字符）。',
    );
    expect(formulaErrorMessage(errorOf(''), 'zh-CN')).toBe('公式为空。');
  });

  it('has the same message keys in both languages', () => {
    expect(Object.keys(FORMULA_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(FORMULA_MESSAGES.en).sort());
  });
});

describe('findFormulaCycle', () => {
  it('finds a self-reference', () => {
    expect(findFormulaCycle({ a: ['a'] })).toEqual(['a', 'a']);
  });

  it('finds a three-step cycle as a closed path', () => {
    expect(findFormulaCycle({ a: ['b'], b: ['c'], c: ['a'] })).toEqual(['a', 'b', 'c', 'a']);
  });

  it('reports only the cycle, not the path that led into it', () => {
    expect(findFormulaCycle({ x: ['y'], y: ['z'], z: ['y'] })).toEqual(['y', 'z', 'y']);
  });

  it('accepts a DAG whose branches share children, and references to plain KPIs', () => {
    expect(
      findFormulaCycle({
        top: ['left', 'right'],
        left: ['base', 'visits'],
        right: ['base'],
        base: ['orders'],
      }),
    ).toBeNull();
    expect(findFormulaCycle({})).toBeNull();
  });

  it('walks a 100,000-long chain without overflowing the stack', () => {
    const definitions: Record<string, string[]> = {};
    for (let index = 0; index < 100_000; index += 1) definitions[`k${index}`] = [`k${index + 1}`];
    expect(findFormulaCycle(definitions)).toBeNull();
    definitions.k100000 = ['k0'];
    expect(findFormulaCycle(definitions)?.length).toBe(100_002);
  });
});

describe('checkReferences', () => {
  it('lists unknown keys once, in order', () => {
    expect(checkReferences(['a', 'b', 'a', 'c'], ['a'])).toEqual(['b', 'c']);
    expect(checkReferences(['a'], new Set(['a']))).toEqual([]);
    // A Map of the KPIs by key is looked up as it is (plan lint passes its own).
    expect(checkReferences(['a', 'b', 'b'], new Map([['a', { name: 'A' }]]))).toEqual(['b']);
  });
});

describe('computeFormulaSeries', () => {
  const orders = new Map([
    ['2025-03-01', 10],
    ['2025-01-01', 30],
    ['2025-02-01', 40],
  ]);
  const visits = new Map([
    ['2025-02-01', 0],
    ['2025-01-01', 1200],
    ['2025-04-01', 500],
    ['2025-05-01', 800],
  ]);

  it('keeps only periods where every reference has a value and the result is defined, sorted', () => {
    const { ast } = parse('orders / visits * 100');
    expect([...computeFormulaSeries(ast, { orders, visits })]).toEqual([['2025-01-01', 2.5]]);
    const total = parse('orders + visits').ast;
    expect([...computeFormulaSeries(total, { orders, visits })]).toEqual([
      ['2025-01-01', 1230],
      ['2025-02-01', 40],
    ]);
  });

  it('works from a single series and yields nothing without references or data', () => {
    expect([...computeFormulaSeries(parse('visits / 100').ast, { visits })]).toEqual([
      ['2025-01-01', 12],
      ['2025-02-01', 0],
      ['2025-04-01', 5],
      ['2025-05-01', 8],
    ]);
    expect(computeFormulaSeries(parse('1 + 1').ast, { visits }).size).toBe(0);
    expect(computeFormulaSeries(parse('orders + refunds').ast, { orders }).size).toBe(0);
  });
});
