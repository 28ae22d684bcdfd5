import { InvalidArgumentError, type Command } from 'commander';
import type * as SmartCore from '../../core/smart/index.ts';
import type { SmartAnalysis } from '../../core/smart/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import { loadConfig } from '../../server/config.ts';
import { dayInTimezone } from '../../server/time.ts';
import { CliError, CliFindings, processIo, type CliIo } from '../options.ts';

type SmartModule = typeof SmartCore;
type SmartOptions = { today?: string; lang?: Locale; json?: boolean };

const MARKS = { pass: '✓', warn: '!', fail: '✗', unknown: '?' } as const;
const LABELS = {
  en: {
    specific: 'Specific',
    measurable: 'Measurable',
    achievable: 'Achievable',
    relevant: 'Relevant',
    timeBound: 'Time-bound',
    extracted: 'Read from the text',
    metric: 'metric',
    deliverable: 'deliverable',
    direction: 'direction',
    baseline: 'baseline',
    target: 'target',
    deadline: 'deadline',
    score: 'SMART score',
    fix: 'fix',
    increase: 'increase',
    decrease: 'decrease',
    reach: 'reach',
  },
  'zh-CN': {
    specific: '具体',
    measurable: '可衡量',
    achievable: '可实现',
    relevant: '相关',
    timeBound: '有时限',
    extracted: '从文本中识别',
    metric: '指标',
    deliverable: '交付物',
    direction: '方向',
    baseline: '基线',
    target: '目标值',
    deadline: '截止日期',
    score: 'SMART 得分',
    fix: '建议',
    increase: '提升',
    decrease: '降低',
    reach: '达到',
  },
} as const;

function parseDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError('use a date like 2026-11-26.');
  }
  return value;
}

function parseLang(value: string): Locale {
  if (value === 'zh' || value === 'zh-CN') return 'zh-CN';
  if (value === 'en') return 'en';
  throw new InvalidArgumentError('use zh or en.');
}

export function registerSmart(program: Command, io: CliIo = processIo()): void {
  program
    .command('smart')
    .description(
      'Check a goal statement against SMART: specific, measurable, achievable, relevant, time-bound',
    )
    .argument('<statement>', 'the goal, e.g. "在三个月内将用户增长率提升20%"')
    .option('--today <day>', 'count relative deadlines from this day (default: today)', parseDay)
    .option('--lang <lang>', 'language of the report: zh or en (default: the statement’s)', parseLang)
    .option('--json', 'print the analysis as JSON')
    .addHelpText('after', '\nExits 1 when a criterion fails (✗), 0 otherwise.')
    .action(async (statement: string, options: SmartOptions) => {
      // The analysis (and its date parser) loads only when the command runs.
      smart(await import('../../core/smart/index.ts'), statement, options, io);
    });
}

function smart(core: SmartModule, statement: string, options: SmartOptions, io: CliIo): void {
  if (!statement.trim())
    throw new CliError('Give a goal statement, e.g. opsplan smart "本月新增注册用户5000人".');
  const config = loadConfig({}, io.env);
  const today = options.today ?? dayInTimezone(Date.now(), config.timezone);
  const locale = options.lang ?? core.detectLocale(statement);
  const analysis = core.analyseGoal(statement, { today, locale });
  io.stdout.write(options.json ? `${JSON.stringify(analysis, null, 2)}\n` : render(core, analysis, locale));
  // The documented exit code for findings: a script can tell a goal that fails a criterion.
  if (Object.values(analysis.criteria).some((criterion) => criterion.status === 'fail'))
    throw new CliFindings();
}

function render(core: SmartModule, analysis: SmartAnalysis, locale: Locale): string {
  const label = LABELS[locale];
  const { extracted } = analysis;
  const facts = [
    extracted.metric
      ? `${extracted.kind === 'deliverable' ? label.deliverable : label.metric}: ${extracted.metric}`
      : null,
    extracted.direction ? `${label.direction}: ${label[extracted.direction]}` : null,
    extracted.baseline ? `${label.baseline}: ${core.formatQuantity(extracted.baseline, locale)}` : null,
    extracted.target ? `${label.target}: ${core.formatQuantity(extracted.target, locale)}` : null,
    extracted.deadline ? `${label.deadline}: ${extracted.deadline}` : null,
  ].filter((fact): fact is string => fact !== null);
  const lines = [`${label.extracted}: ${facts.length > 0 ? facts.join(' · ') : '—'}`, ''];
  for (const criterion of ['specific', 'measurable', 'achievable', 'relevant', 'timeBound'] as const) {
    const result = analysis.criteria[criterion];
    lines.push(`${MARKS[result.status]} ${label[criterion]}: ${result.reason}`);
    if (result.suggestion) lines.push(`    ${label.fix}: ${result.suggestion}`);
  }
  lines.push('', `${label.score}: ${analysis.score} / 5`);
  return `${lines.join('\n')}\n`;
}
