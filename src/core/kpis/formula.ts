import { interpolate, type Locale } from '../i18n/index.ts';

/**
 * KPI formulas: `conversion_rate = orders / visits * 100`.
 *
 * Grammar, loosest binding first (comparisons do not chain, so `0 < x < 10` is an error rather than a
 * silent `(0 < x) < 10`):
 *   comparison     := additive (('<' | '<=' | '>' | '>=' | '==' | '!=') additive)?
 *   additive       := multiplicative (('+' | '-') multiplicative)*
 *   multiplicative := unary (('*' | '/') unary)*
 *   unary          := ('-' | '+') unary | power
 *   power          := primary ('^' unary)?            right-associative; -2^2 = -4, 2^-1 = 0.5
 *   primary        := number | key | name '(' comparison (',' comparison)* ')' | '(' comparison ')'
 * `%` is not an operator: in an operations team it reads as "percent" as often as "modulo".
 */

export type FormulaFunction = 'sum' | 'avg' | 'min' | 'max' | 'abs' | 'round' | 'if';
export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '^';
export type BinaryOperator = ArithmeticOperator | ComparisonOperator;

/** A parsed formula. `position` is the 0-based index of the node's first (or operator) character. */
export type FormulaNode =
  | { kind: 'number'; value: number; position: number }
  | { kind: 'reference'; key: string; position: number }
  | { kind: 'negate'; operand: FormulaNode; position: number }
  | { kind: 'binary'; operator: BinaryOperator; left: FormulaNode; right: FormulaNode; position: number }
  | { kind: 'call'; name: FormulaFunction; args: FormulaNode[]; position: number };

export type FormulaErrorCode =
  'formula_syntax' | 'formula_unknown_function' | 'formula_arity' | 'formula_empty' | 'formula_too_complex';

/**
 * Params by code:
 * - formula_syntax: `found` (source text of the offending token, '' at the end of the formula) and
 *   `expected` (one of {@link FormulaExpected}).
 * - formula_unknown_function: `name`.
 * - formula_arity: `name`, `min`, `max` (-1 when unbounded), `count` (arguments given).
 * - formula_too_complex: `limit` (maximum nesting depth).
 * All codes also carry `column` (position + 1) for messages meant for people.
 */
export type FormulaError = {
  code: FormulaErrorCode;
  position: number;
  params: Record<string, string | number>;
};

/** What the parser wanted where it failed: a value, a particular symbol, the end, or an exponent digit. */
export type FormulaExpected = 'operand' | ')' | ',)' | '(' | 'end' | 'digit';

export type ParseFormulaResult =
  { ok: true; ast: FormulaNode; references: string[] } | { ok: false; error: FormulaError };

/** Deep enough for any formula a person writes, shallow enough that evaluation cannot overflow the stack. */
export const FORMULA_MAX_DEPTH = 256;

const ARITY: Record<FormulaFunction, { min: number; max: number }> = {
  sum: { min: 1, max: Infinity },
  avg: { min: 1, max: Infinity },
  min: { min: 1, max: Infinity },
  max: { min: 1, max: Infinity },
  abs: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  if: { min: 3, max: 3 },
};

function isFormulaFunction(name: string): name is FormulaFunction {
  return Object.hasOwn(ARITY, name);
}

/** Messages for the formula error codes, plus the words used to fill `found`/`expected` in {@link formulaErrorMessage}. */
export const FORMULA_MESSAGES = {
  en: {
    formula_syntax: 'Unexpected {found} at character {column}; expected {expected}.',
    formula_unknown_function: "Unknown function '{name}' at character {column}.",
    formula_arity: '{name}() takes {arity} but was given {count} (character {column}).',
    formula_empty: 'The formula is empty.',
    formula_too_complex: 'The formula is nested more than {limit} levels deep (character {column}).',
    formula_found_end: 'end of formula',
    formula_found_text: '"{text}"',
    formula_expected_operand: 'a number, KPI key, function or "("',
    formula_expected_close: '")"',
    formula_expected_comma_or_close: '"," or ")"',
    formula_expected_open: '"("',
    formula_expected_end: 'an operator or the end of the formula',
    formula_expected_digit: 'a digit',
    formula_arity_one: '1 argument',
    formula_arity_exact: '{min} arguments',
    formula_arity_either: '{min} or {max} arguments',
    formula_arity_range: '{min} to {max} arguments',
    formula_arity_at_least_one: 'at least 1 argument',
    formula_arity_at_least: 'at least {min} arguments',
  },
  'zh-CN': {
    formula_syntax: '第 {column} 个字符处出现意外的{found}，此处应为{expected}。',
    formula_unknown_function: '第 {column} 个字符处的函数“{name}”不存在。',
    formula_arity: '{name}() 需要{arity}参数，实际为 {count} 个（第 {column} 个字符）。',
    formula_empty: '公式为空。',
    formula_too_complex: '公式嵌套超过 {limit} 层（第 {column} 个字符）。',
    formula_found_end: '公式结尾',
    formula_found_text: '“{text}”',
    formula_expected_operand: '数字、KPI 键、函数或“(”',
    formula_expected_close: '“)”',
    formula_expected_comma_or_close: '“,”或“)”',
    formula_expected_open: '“(”',
    formula_expected_end: '运算符或公式结尾',
    formula_expected_digit: '数字',
    formula_arity_one: ' 1 个',
    formula_arity_exact: ' {min} 个',
    formula_arity_either: ' {min} 或 {max} 个',
    formula_arity_range: ' {min} 到 {max} 个',
    formula_arity_at_least_one: '至少 1 个',
    formula_arity_at_least: '至少 {min} 个',
  },
} as const satisfies Record<Locale, Record<string, string>>;

type FormulaMessageKey = keyof (typeof FORMULA_MESSAGES)['en'];

const EXPECTED_MESSAGE: Record<FormulaExpected, FormulaMessageKey> = {
  operand: 'formula_expected_operand',
  ')': 'formula_expected_close',
  ',)': 'formula_expected_comma_or_close',
  '(': 'formula_expected_open',
  end: 'formula_expected_end',
  digit: 'formula_expected_digit',
};

function arityMessage(min: number, max: number): FormulaMessageKey {
  if (max === -1) return min === 1 ? 'formula_arity_at_least_one' : 'formula_arity_at_least';
  if (min === max) return min === 1 ? 'formula_arity_one' : 'formula_arity_exact';
  return max === min + 1 ? 'formula_arity_either' : 'formula_arity_range';
}

function isFormulaExpected(value: unknown): value is FormulaExpected {
  return typeof value === 'string' && Object.hasOwn(EXPECTED_MESSAGE, value);
}

/** A formula error as a sentence in a language, with its symbolic params put into words. */
export function formulaErrorMessage(error: FormulaError, locale: Locale): string {
  const messages: Record<FormulaMessageKey, string> = FORMULA_MESSAGES[locale];
  const params: Record<string, string | number> = { ...error.params };
  if (error.code === 'formula_syntax') {
    const found = String(error.params.found ?? '');
    params.found =
      found === '' ? messages.formula_found_end : interpolate(messages.formula_found_text, { text: found });
    const expected = error.params.expected;
    if (isFormulaExpected(expected)) params.expected = messages[EXPECTED_MESSAGE[expected]];
  }
  if (error.code === 'formula_arity') {
    const { min, max } = error.params;
    params.arity = interpolate(messages[arityMessage(Number(min), Number(max))], { min, max });
  }
  return interpolate(messages[error.code], params);
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

type Token =
  | { kind: 'number'; value: number; text: string; position: number }
  | { kind: 'name'; text: string; position: number }
  | { kind: 'symbol'; text: string; position: number }
  | { kind: 'end'; text: ''; position: number }
  // A character no token starts with, or a number cut short (`1e`); reported when the parser reaches it,
  // so that an earlier fault is reported first and the expectation fits the context.
  | { kind: 'invalid'; text: string; position: number; expected?: FormulaExpected };

class FormulaParseFailure {
  constructor(readonly error: FormulaError) {}
}

function fail(
  code: FormulaErrorCode,
  position: number,
  params: Record<string, string | number> = {},
): FormulaParseFailure {
  return new FormulaParseFailure({ code, position, params: { ...params, column: position + 1 } });
}

const SYMBOLS = ['<=', '>=', '==', '!=', '<', '>', '+', '-', '*', '/', '^', '(', ')', ','];

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isNameStart(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z_]$/.test(char);
}

function isNamePart(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z0-9_]$/.test(char);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      index += 1;
      continue;
    }
    const start = index;
    if (isDigit(char) || (char === '.' && isDigit(source[index + 1]))) {
      while (isDigit(source[index])) index += 1;
      if (source[index] === '.') {
        index += 1;
        while (isDigit(source[index])) index += 1;
      }
      if (source[index] === 'e' || source[index] === 'E') {
        index += 1;
        if (source[index] === '+' || source[index] === '-') index += 1;
        if (!isDigit(source[index])) {
          tokens.push({ kind: 'invalid', text: source[index] ?? '', position: index, expected: 'digit' });
          break;
        }
        while (isDigit(source[index])) index += 1;
      }
      if (tokens.at(-1)?.kind === 'invalid') break;
      const text = source.slice(start, index);
      tokens.push({ kind: 'number', value: Number(text), text, position: start });
      continue;
    }
    // Upper case is accepted here so that `Visits` or `SUM` fail as an unknown key or function, which
    // says more than "unexpected character".
    if (isNameStart(char)) {
      while (isNamePart(source[index])) index += 1;
      tokens.push({ kind: 'name', text: source.slice(start, index), position: start });
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => source.startsWith(candidate, index));
    if (symbol === undefined) {
      // Whole code point, so that a full-width "（" is reported as itself rather than half a surrogate.
      const found = String.fromCodePoint(source.codePointAt(index) ?? 0);
      tokens.push({ kind: 'invalid', text: found, position: index });
      break;
    }
    tokens.push({ kind: 'symbol', text: symbol, position: start });
    index += symbol.length;
  }
  tokens.push({ kind: 'end', text: '', position: source.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser

const COMPARISONS: readonly string[] = ['<', '<=', '>', '>=', '==', '!='];

function isComparison(text: string): text is ComparisonOperator {
  return COMPARISONS.includes(text);
}

function isArithmetic(text: string): text is ArithmeticOperator {
  return ['+', '-', '*', '/', '^'].includes(text);
}

class Parser {
  private index = 0;
  private nesting = 0;
  readonly references: string[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly tokens: Token[]) {}

  parse(): FormulaNode {
    const ast = this.comparison();
    const token = this.peek();
    if (token.kind !== 'end') throw this.unexpected(token, 'end');
    return ast;
  }

  private peek(): Token {
    // The tokenizer always ends the list with an end token, and the parser never moves past it.
    return this.tokens[this.index] ?? { kind: 'end', text: '', position: 0 };
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private isSymbol(text: string): boolean {
    const token = this.peek();
    return token.kind === 'symbol' && token.text === text;
  }

  private unexpected(token: Token, expected: FormulaExpected): FormulaParseFailure {
    if (token.kind === 'invalid' && token.expected !== undefined) expected = token.expected;
    return fail('formula_syntax', token.position, { found: token.text, expected });
  }

  /** Guards both the parser's own recursion and the depth of the tree that evaluation will walk. */
  private enter(position: number): void {
    this.nesting += 1;
    if (this.nesting > FORMULA_MAX_DEPTH) {
      throw fail('formula_too_complex', position, { limit: FORMULA_MAX_DEPTH });
    }
  }

  private leave(): void {
    this.nesting -= 1;
  }

  private comparison(): FormulaNode {
    const left = this.additive();
    const token = this.peek();
    if (token.kind === 'symbol' && isComparison(token.text)) {
      this.advance();
      const right = this.additive();
      return { kind: 'binary', operator: token.text, left, right, position: token.position };
    }
    return left;
  }

  private additive(): FormulaNode {
    return this.leftAssociative(['+', '-'], () => this.multiplicative());
  }

  private multiplicative(): FormulaNode {
    return this.leftAssociative(['*', '/'], () => this.unary());
  }

  private leftAssociative(operators: readonly string[], operand: () => FormulaNode): FormulaNode {
    let left = operand();
    let chained = 0;
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'symbol' || !operators.includes(token.text) || !isArithmetic(token.text)) break;
      this.advance();
      // A chain like a+b+c+… is a left-deep tree without parser recursion, so it counts separately.
      chained += 1;
      this.enter(token.position);
      const right = operand();
      left = { kind: 'binary', operator: token.text, left, right, position: token.position };
    }
    this.nesting -= chained;
    return left;
  }

  private unary(): FormulaNode {
    const token = this.peek();
    if (token.kind === 'symbol' && (token.text === '-' || token.text === '+')) {
      this.advance();
      this.enter(token.position);
      const operand = this.unary();
      this.leave();
      return token.text === '-' ? { kind: 'negate', operand, position: token.position } : operand;
    }
    return this.power();
  }

  private power(): FormulaNode {
    const base = this.primary();
    const token = this.peek();
    if (token.kind === 'symbol' && token.text === '^') {
      this.advance();
      this.enter(token.position);
      const exponent = this.unary();
      this.leave();
      return { kind: 'binary', operator: '^', left: base, right: exponent, position: token.position };
    }
    return base;
  }

  private primary(): FormulaNode {
    const token = this.advance();
    if (token.kind === 'number') return { kind: 'number', value: token.value, position: token.position };
    if (token.kind === 'name') {
      if (this.isSymbol('(')) return this.call(token.text, token.position);
      if (!this.seen.has(token.text)) {
        this.seen.add(token.text);
        this.references.push(token.text);
      }
      return { kind: 'reference', key: token.text, position: token.position };
    }
    if (token.kind === 'symbol' && token.text === '(') {
      this.enter(token.position);
      const inner = this.comparison();
      this.leave();
      const close = this.advance();
      if (close.kind !== 'symbol' || close.text !== ')') throw this.unexpected(close, ')');
      return inner;
    }
    throw this.unexpected(token, 'operand');
  }

  private call(name: string, position: number): FormulaNode {
    if (!isFormulaFunction(name)) throw fail('formula_unknown_function', position, { name });
    this.advance(); // '('
    this.enter(position);
    const args: FormulaNode[] = [];
    if (!this.isSymbol(')')) {
      for (;;) {
        args.push(this.comparison());
        const separator = this.advance();
        if (separator.kind === 'symbol' && separator.text === ')') break;
        if (separator.kind !== 'symbol' || separator.text !== ',') throw this.unexpected(separator, ',)');
      }
    } else {
      this.advance();
    }
    this.leave();
    const { min, max } = ARITY[name];
    if (args.length < min || args.length > max) {
      throw fail('formula_arity', position, {
        name,
        min,
        max: max === Infinity ? -1 : max,
        count: args.length,
      });
    }
    return { kind: 'call', name, args, position };
  }
}

/** Parses a formula into a tree and the KPI keys it references (in order of first use), or a positioned error. */
export function parseFormula(source: string): ParseFormulaResult {
  if (source.trim() === '') {
    return { ok: false, error: { code: 'formula_empty', position: 0, params: { column: 1 } } };
  }
  try {
    const parser = new Parser(tokenize(source));
    const ast = parser.parse();
    return { ok: true, ast, references: parser.references };
  } catch (failure) {
    if (failure instanceof FormulaParseFailure) return { ok: false, error: failure.error };
    throw failure;
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Rounds half away from zero at `digits` decimals; decimal shifting avoids 1.005 → 1.00 binary artefacts. */
function roundTo(value: number, digits: number): number {
  const shift = (n: number, places: number): number => {
    const [mantissa = '0', exponent = '0'] = n.toExponential().split('e');
    return Number(`${mantissa}e${Number(exponent) + places}`);
  };
  const places = Math.trunc(digits);
  // Doubles carry about 17 significant digits; rounding further right changes nothing.
  if (places > 17) return value;
  const magnitude = Math.round(shift(Math.abs(value), places));
  return Math.sign(value) * shift(magnitude, -places);
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function evaluateAll(args: FormulaNode[], values: Record<string, number | null>): number[] | null {
  const results: number[] = [];
  for (const arg of args) {
    const value = evaluateFormula(arg, values);
    if (value === null) return null;
    results.push(value);
  }
  return results;
}

function evaluateCall(
  node: Extract<FormulaNode, { kind: 'call' }>,
  values: Record<string, number | null>,
): number | null {
  if (node.name === 'if') {
    const [condition, whenTrue, whenFalse] = node.args;
    if (condition === undefined || whenTrue === undefined || whenFalse === undefined) return null;
    const test = evaluateFormula(condition, values);
    if (test === null) return null;
    // Only the chosen branch is evaluated, so `if(visits == 0, 0, orders / visits)` works.
    return evaluateFormula(test !== 0 ? whenTrue : whenFalse, values);
  }
  const args = evaluateAll(node.args, values);
  if (args === null || args.length === 0) return null;
  switch (node.name) {
    case 'sum':
      return finite(args.reduce((total, value) => total + value, 0));
    case 'avg':
      return finite(args.reduce((total, value) => total + value, 0) / args.length);
    case 'min':
      return Math.min(...args);
    case 'max':
      return Math.max(...args);
    case 'abs':
      return Math.abs(args[0] ?? 0);
    case 'round':
      return finite(roundTo(args[0] ?? 0, args[1] ?? 0));
  }
}

function evaluateBinary(operator: BinaryOperator, left: number, right: number): number | null {
  switch (operator) {
    case '+':
      return finite(left + right);
    case '-':
      return finite(left - right);
    case '*':
      return finite(left * right);
    case '/':
      return right === 0 ? null : finite(left / right);
    case '^':
      return finite(left ** right);
    case '<':
      return left < right ? 1 : 0;
    case '<=':
      return left <= right ? 1 : 0;
    case '>':
      return left > right ? 1 : 0;
    case '>=':
      return left >= right ? 1 : 0;
    case '==':
      return left === right ? 1 : 0;
    case '!=':
      return left !== right ? 1 : 0;
  }
}

/** Evaluates a parsed formula; null when a needed value is missing or the maths has no finite answer (x/0). */
export function evaluateFormula(ast: FormulaNode, values: Record<string, number | null>): number | null {
  switch (ast.kind) {
    case 'number':
      return ast.value;
    case 'reference': {
      const value = Object.hasOwn(values, ast.key) ? values[ast.key] : undefined;
      return value === undefined || value === null || !Number.isFinite(value) ? null : value;
    }
    case 'negate': {
      const operand = evaluateFormula(ast.operand, values);
      return operand === null ? null : -operand;
    }
    case 'binary': {
      const left = evaluateFormula(ast.left, values);
      if (left === null) return null;
      const right = evaluateFormula(ast.right, values);
      if (right === null) return null;
      return evaluateBinary(ast.operator, left, right);
    }
    case 'call':
      return evaluateCall(ast, values);
  }
}

// ---------------------------------------------------------------------------------------------
// References between KPIs

/** The first reference cycle among formula KPIs as a path (`['a', 'b', 'a']`), or null when there is none. */
export function findFormulaCycle(definitions: Record<string, string[]>): string[] | null {
  const done = new Set<string>();
  // Sorted so that the reported cycle does not depend on the order rows came out of the database.
  for (const root of Object.keys(definitions).sort()) {
    if (done.has(root)) continue;
    // Iterative depth-first search: a long chain of formulas must not overflow the stack.
    const path: string[] = [root];
    const onPath = new Map<string, number>([[root, 0]]);
    const nextChild: number[] = [0];
    while (path.length > 0) {
      const depth = path.length - 1;
      const key = path[depth] ?? '';
      const children = Object.hasOwn(definitions, key) ? (definitions[key] ?? []) : [];
      const childIndex = nextChild[depth] ?? 0;
      if (childIndex >= children.length) {
        done.add(key);
        onPath.delete(key);
        path.pop();
        nextChild.pop();
        continue;
      }
      nextChild[depth] = childIndex + 1;
      const child = children[childIndex] ?? '';
      const cycleStart = onPath.get(child);
      if (cycleStart !== undefined) return [...path.slice(cycleStart), child];
      if (done.has(child)) continue;
      onPath.set(child, path.length);
      path.push(child);
      nextChild.push(0);
    }
  }
  return null;
}

/**
 * The referenced keys that are not known KPI keys, each once, in order of first use. Pass a Set or Map of the keys
 * when checking many formulas against the same KPIs: a list is copied into a Set on every call (at 20,000 KPIs and
 * 1,000 formulas that copy was most of plan health's time).
 */
export function checkReferences(
  references: readonly string[],
  knownKeys: Iterable<string> | { has(key: string): boolean },
): string[] {
  const known = 'has' in knownKeys ? knownKeys : new Set(knownKeys);
  return [...new Set(references)].filter((key) => !known.has(key));
}

function collectReferences(ast: FormulaNode, into: Set<string>): void {
  switch (ast.kind) {
    case 'reference':
      into.add(ast.key);
      return;
    case 'negate':
      collectReferences(ast.operand, into);
      return;
    case 'binary':
      collectReferences(ast.left, into);
      collectReferences(ast.right, into);
      return;
    case 'call':
      for (const arg of ast.args) collectReferences(arg, into);
      return;
    case 'number':
      return;
  }
}

/** The formula's value in each period, sorted, where every referenced KPI has a value and the result is defined. */
export function computeFormulaSeries(
  ast: FormulaNode,
  seriesByKey: Record<string, ReadonlyMap<string, number>>,
): Map<string, number> {
  const keysInUse = new Set<string>();
  collectReferences(ast, keysInUse);
  const keys = [...keysInUse];
  const series = keys.map((key) => (Object.hasOwn(seriesByKey, key) ? seriesByKey[key] : undefined));
  const result = new Map<string, number>();
  const [first, ...others] = series;
  // A formula without references has no periods of its own.
  if (first === undefined) return result;
  const periods = [...first.keys()].filter((period) => others.every((other) => other?.has(period))).sort();
  for (const period of periods) {
    const values: Record<string, number | null> = {};
    keys.forEach((key, index) => {
      values[key] = series[index]?.get(period) ?? null;
    });
    const value = evaluateFormula(ast, values);
    if (value !== null) result.set(period, value);
  }
  return result;
}
