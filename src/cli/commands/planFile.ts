import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import type { Locale } from '../../core/i18n/index.ts';
import type { ReadPlanResult } from '../../core/plan/yaml.ts';
import { CliError } from '../options.ts';

export function parseLang(value: string): Locale {
  if (value === 'zh' || value === 'zh-CN') return 'zh-CN';
  if (value === 'en') return 'en';
  throw new InvalidArgumentError('use zh or en.');
}

/** A plan file read and checked; unreadable or invalid input exits 2 with each problem's line. */
export async function readPlanFile(
  file: string,
  lang: Locale | undefined,
): Promise<Extract<ReadPlanResult, { ok: true }>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const { readPlanText } = await import('../../core/plan/yaml.ts');
  const read = readPlanText(text);
  if (read.ok) return read;
  const locale = lang ?? (/[\u4e00-\u9fff]/.test(text) ? 'zh-CN' : 'en');
  const lines = read.issues.map(
    (issue) =>
      `${file}:${issue.line}:${issue.column}${issue.path ? ` ${issue.path}` : ''}: ${issue.message[locale]}`,
  );
  throw new CliError(lines.join('\n'));
}
