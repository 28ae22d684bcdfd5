import { InvalidArgumentError, type Command } from 'commander';
import type { Locale } from '../../core/i18n/index.ts';
import type { LintResult, LintSeverity } from '../../core/plan/lint.ts';
import { loadConfig } from '../../server/config.ts';
import { dayInTimezone } from '../../server/time.ts';
import { CliError, EXIT, processIo, type CliIo } from '../options.ts';
import { parseLang, readPlanFile } from './planFile.ts';

type LintOptions = { lang?: Locale; format: 'text' | 'json'; failOn: LintSeverity; today?: string };

const SUMMARY = {
  en: { error: 'errors', warning: 'warnings', info: 'info', smart: 'SMART', clean: 'No findings.' },
  'zh-CN': { error: '个错误', warning: '个警告', info: '条提示', smart: 'SMART', clean: '没有发现问题。' },
} as const;
const MARKS = { pass: '✓', warn: '!', fail: '✗', unknown: '?' } as const;

function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if ((values as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`use one of: ${values.join(', ')}.`);
  };
}

export function registerLint(program: Command, io: CliIo = processIo()): void {
  program
    .command('lint')
    .description('Check a plan.yaml: SMART goals, RACI, dates, dependency loops, workload, SLAs, KPI targets')
    .argument('<file>', 'the plan file (YAML or JSON)')
    .option('--lang <lang>', 'language of the messages: zh or en (default: the plan’s)', parseLang)
    .option('--format <format>', 'text or json', choice(['text', 'json'] as const), 'text')
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding is at least this severe: error, warning or info',
      choice(['error', 'warning', 'info'] as const),
      'error',
    )
    .option('--today <day>', 'the day SMART counts from (default: today)')
    .action((file: string, options: LintOptions) => lint(file, options, io));
}

async function lint(file: string, options: LintOptions, io: CliIo): Promise<void> {
  const { plan, locate } = await readPlanFile(file, options.lang);
  const { atLeast, lintPlan } = await import('../../core/plan/lint.ts');
  const locale = options.lang ?? plan.locale;
  const today = options.today ?? dayInTimezone(Date.now(), plan.timezone ?? loadConfig({}, io.env).timezone);
  const result = lintPlan(plan, { today, locale, locate });
  io.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify({ file, ...result }, null, 2)}\n`
      : render(file, result, locale),
  );
  const failing = result.findings.filter((finding) => atLeast(finding.severity, options.failOn)).length;
  if (failing > 0) throw new CliError(`${failing} finding(s) at or above ${options.failOn}.`, EXIT.findings);
}

function render(file: string, result: LintResult, locale: Locale): string {
  const words = SUMMARY[locale];
  const lines = result.findings.map(
    (finding) =>
      `${file}:${finding.line ?? 1}:${finding.column ?? 1} ${finding.severity} ${finding.rule} ${finding.path}: ${finding.message}`,
  );
  if (result.smart.length > 0) lines.push('');
  for (const verdict of result.smart) {
    const marks = Object.values(verdict.criteria)
      .map((criterion) => MARKS[criterion.status])
      .join('');
    lines.push(`${words.smart} ${verdict.goal} ${verdict.score}/5 ${marks}`);
  }
  lines.push('');
  const { error, warning, info } = result.counts;
  lines.push(
    error + warning + info === 0
      ? words.clean
      : locale === 'en'
        ? `${error} ${words.error}, ${warning} ${words.warning}, ${info} ${words.info}`
        : `${error} ${words.error}，${warning} ${words.warning}，${info} ${words.info}`,
  );
  return `${lines.join('\n')}\n`;
}
