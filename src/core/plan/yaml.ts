/**
 * plan.yaml in and out. Reading keeps every node's place (line:column) so each schema error and each lint
 * finding points at the line to fix; writing gives the same text for the same plan.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import type { LocalizedText } from '../errors/index.ts';
import { validationMessage, type ValidationIssue } from '../errors/validation.ts';
import { interpolate, LOCALES } from '../i18n/index.ts';
import type { Plan } from './model.ts';
import { PlanSchema } from './schema.ts';

export type PlanPath = ReadonlyArray<string | number>;
export type SourcePosition = { line: number; column: number };
/** Where a path of the plan is written; null when the plan did not come from text. */
export type Locate = (path: PlanPath) => SourcePosition | null;

export type PlanInputIssue = {
  code: 'yaml_syntax' | 'plan_invalid';
  /** `goals[0].keyResults[1].kpi`; empty for the whole document. */
  path: string;
  line: number;
  column: number;
  message: LocalizedText;
};

export type ReadPlanResult =
  { ok: true; plan: Plan; locate: Locate } | { ok: false; issues: PlanInputIssue[] };

/** `goals[0].keyResults[1].kpi` */
export function formatPath(path: PlanPath): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join('');
}

const SYNTAX: LocalizedText = {
  en: 'YAML syntax error: {detail}',
  'zh-CN': 'YAML 语法错误：{detail}',
};

function locator(document: Document, lineCounter: LineCounter): Locate {
  return (path) => {
    // The deepest node that exists: a missing field points at the object that lacks it.
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = document.getIn(path.slice(0, depth), true) as
        { range?: [number, number, number] } | undefined;
      const offset = depth === 0 ? document.contents?.range?.[0] : node?.range?.[0];
      if (offset !== undefined) {
        const position = lineCounter.linePos(offset);
        return { line: position.line, column: position.col };
      }
    }
    return { line: 1, column: 1 };
  };
}

/** The position of a field's name inside a map (for an unknown field, point at the field itself). */
function keyPosition(document: Document, lineCounter: LineCounter, path: PlanPath, key: string) {
  const node = document.getIn(path, true);
  if (!isMap(node)) return null;
  for (const pair of node.items) {
    if (isPair(pair) && isScalar(pair.key) && pair.key.value === key && pair.key.range) {
      const position = lineCounter.linePos(pair.key.range[0]);
      return { line: position.line, column: position.col };
    }
  }
  return null;
}

function both(render: (locale: (typeof LOCALES)[number]) => string): LocalizedText {
  return Object.fromEntries(LOCALES.map((locale) => [locale, render(locale)])) as LocalizedText;
}

/** Parses and validates plan.yaml (JSON is YAML too); every problem comes back with its line and field. */
export function readPlanText(text: string): ReadPlanResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.slice(0, 20).map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        const detail = error.message.split('\n')[0] ?? error.code;
        return {
          code: 'yaml_syntax',
          path: '',
          line: position.line,
          column: position.col,
          message: both((locale) => interpolate(SYNTAX[locale], { detail })),
        };
      }),
    };
  }
  const locate = locator(document, lineCounter);
  const parsed = PlanSchema.safeParse(document.toJS({ maxAliasCount: 100 }));
  if (parsed.success) return { ok: true, plan: parsed.data as Plan, locate };
  const issues: PlanInputIssue[] = [];
  for (const issue of parsed.error.issues.slice(0, 50)) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    // An unknown field is reported once per field, at the field.
    const targets = keys.length > 0 ? keys.map((key) => [...path, key]) : [path];
    for (const target of targets) {
      const last = target.at(-1);
      const position =
        (keys.length > 0 && typeof last === 'string'
          ? keyPosition(document, lineCounter, path, last)
          : null) ?? locate(target);
      issues.push({
        code: 'plan_invalid',
        path: formatPath(target),
        line: position?.line ?? 1,
        column: position?.column ?? 1,
        message: both((locale) =>
          validationMessage(
            { ...(issue as ValidationIssue), ...(keys.length > 0 ? { keys: [String(last)] } : {}) },
            locale,
          ),
        ),
      });
    }
  }
  return { ok: false, issues };
}

/** plan.yaml text: block style, no line folding, keys in the model's order. */
export function writePlanYaml(plan: Plan): string {
  return stringify(plan, { lineWidth: 0, minContentWidth: 0, indentSeq: true, aliasDuplicateObjects: false });
}
