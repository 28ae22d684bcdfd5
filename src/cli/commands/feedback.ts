import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type {
  ClusterResult,
  FeedbackEncoding,
  FeedbackItem,
  SynonymGroup,
} from '../../core/feedback/index.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../core/i18n/index.ts';
import { CliError } from '../options.ts';

type ClusterCommandOptions = {
  json?: boolean;
  lang?: Locale;
  threshold?: number;
  minSize?: number;
  synonyms?: string;
  encoding?: FeedbackEncoding;
};

const TEXT = {
  en: {
    cluster: 'Issue {rank} · {count} items · {label}',
    terms: 'shared terms',
    unclustered: 'Not in any cluster · {count} items',
    summary: '{items} items: {clusters} clusters, {unclustered} not clustered.',
    unreadable: 'cannot read {file}: {reason}',
    synonymsUnreadable: 'cannot read the synonyms file {file}: {reason}',
  },
  'zh-CN': {
    cluster: '共性问题 {rank} · {count} 条 · {label}',
    terms: '共同关键词',
    unclustered: '未归入任何问题 · {count} 条',
    summary: '共 {items} 条反馈：{clusters} 个共性问题，{unclustered} 条未归类。',
    unreadable: '无法读取 {file}：{reason}',
    synonymsUnreadable: '无法读取同义词文件 {file}：{reason}',
  },
} as const;

function say(locale: Locale, key: keyof (typeof TEXT)['en'], params: Record<string, unknown>): string {
  return TEXT[locale][key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

function parseLang(value: string): Locale {
  if (value === 'zh' || value === 'zh-CN') return 'zh-CN';
  if (value === 'en') return 'en';
  throw new InvalidArgumentError('use zh or en.');
}

function parseThreshold(value: string): number {
  const threshold = Number(value);
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(value) || threshold <= 0) {
    throw new InvalidArgumentError('use a number above 0 and at most 1, e.g. 0.2.');
  }
  return threshold;
}

function parseMinSize(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 2)
    throw new InvalidArgumentError('use a whole number of 2 or more.');
  return Number(value);
}

function parseEncoding(value: string): FeedbackEncoding {
  const lower = value.toLowerCase();
  if (lower === 'utf-8' || lower === 'utf8') return 'utf-8';
  if (lower === 'gbk' || lower === 'gb2312' || lower === 'gb18030') return 'gbk';
  throw new InvalidArgumentError('use utf-8 or gbk.');
}

/** The language of messages: --lang, else OPSPLAN_LOCALE, else the shell's LANG, else the default. */
function environmentLocale(env: NodeJS.ProcessEnv = process.env): Locale | null {
  if (isLocale(env.OPSPLAN_LOCALE)) return env.OPSPLAN_LOCALE;
  const lang = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').toLowerCase();
  if (lang.startsWith('zh')) return 'zh-CN';
  if (lang.startsWith('en')) return 'en';
  return null;
}

/** The language most of the texts are written in. */
function textLocale(items: readonly FeedbackItem[]): Locale {
  let han = 0;
  let latin = 0;
  for (const item of items) {
    han += item.text.match(/\p{Script=Han}/gu)?.length ?? 0;
    // Two Han characters say about as much as one English word.
    latin += (item.text.match(/[A-Za-z]+/g)?.length ?? 0) * 2;
  }
  return han >= latin ? 'zh-CN' : 'en';
}

/** A synonyms file: one group a line, terms separated by commas, slashes or 、; # starts a comment. */
export function parseSynonymsFile(text: string): SynonymGroup[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line, index) => ({
      id: `custom_${index + 1}`,
      terms: line
        .split(/[,，、/|;；]/)
        .map((term) => term.trim())
        .filter(Boolean),
    }))
    .filter((group) => group.terms.length > 0);
}

export function registerFeedback(program: Command): void {
  const feedback = program
    .command('feedback')
    .description('Work with user feedback (用户反馈) without a server');
  feedback
    .command('cluster')
    .description('Group the feedback in a CSV file (header with id,text) into common issues (共性问题)')
    .argument('<file>', 'CSV file, UTF-8, with at least the columns id and text')
    .option('--json', 'print {"clusters":[{"label","terms","itemIds"}],"unclustered":[…]}')
    .option('--lang <lang>', 'language of messages and the table: zh or en (default: the texts’)', parseLang)
    .option(
      '--threshold <similarity>',
      'average cosine similarity at which groups join (default 0.22)',
      parseThreshold,
    )
    .option(
      '--min-size <items>',
      'smallest cluster (default 2, 3 from 200 items, 5 from 2,000)',
      parseMinSize,
    )
    .option('--synonyms <file>', 'extra synonym groups, one a line: 快递, 物流, shipping')
    .option(
      '--encoding <encoding>',
      'utf-8 (default) or gbk for files exported by Chinese spreadsheet tools',
      parseEncoding,
    )
    .action((file: string, options: ClusterCommandOptions) => clusterCommand(file, options));
}

function readBytes(file: string, locale: Locale, key: 'unreadable' | 'synonymsUnreadable'): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? locale === 'en'
          ? 'no such file'
          : '文件不存在'
        : code === 'EISDIR'
          ? locale === 'en'
            ? 'it is a folder'
            : '这是一个文件夹'
          : code === 'EACCES'
            ? locale === 'en'
              ? 'permission denied'
              : '没有读取权限'
            : (code ?? String(error));
    throw new CliError(say(locale, key, { file, reason }));
  }
}

async function clusterCommand(file: string, options: ClusterCommandOptions): Promise<void> {
  // The clustering and jieba load only when this command runs.
  const [
    { clusterFeedback, defaultSynonyms, feedbackCsvMessage, FeedbackCsvError, readFeedbackCsv },
    segmenter,
  ] = await Promise.all([
    import('../../core/feedback/index.ts'),
    import('../../server/feedback/segmenter.ts'),
  ]);
  const messageLocale = options.lang ?? environmentLocale() ?? DEFAULT_LOCALE;
  const bytes = readBytes(file, messageLocale, 'unreadable');
  let items: FeedbackItem[];
  try {
    const read = readFeedbackCsv(bytes, options.encoding ? { encoding: options.encoding } : {});
    items = read.items;
    for (const warning of read.warnings) {
      process.stderr.write(
        `opsplan: ${feedbackCsvMessage(warning.code, { file, ...warning.params }, messageLocale)}\n`,
      );
    }
  } catch (error) {
    if (error instanceof FeedbackCsvError) {
      throw new CliError(feedbackCsvMessage(error.code, { file, ...error.params }, messageLocale));
    }
    throw error;
  }
  const custom = options.synonyms
    ? parseSynonymsFile(readBytes(options.synonyms, messageLocale, 'synonymsUnreadable').toString('utf8'))
    : [];
  const result = clusterFeedback(items, {
    segment: segmenter.jiebaSegmenter(),
    // The file's own groups come first: a term claimed there wins over the seeded map.
    synonyms: [...custom, ...defaultSynonyms()],
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.minSize !== undefined ? { minSize: options.minSize } : {}),
  });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ clusters: result.clusters, unclustered: result.unclustered })}\n`,
    );
    return;
  }
  const locale = options.lang ?? environmentLocale() ?? textLocale(items);
  process.stdout.write(renderTable(result, items, locale));
}

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length > length ? `${[...flat].slice(0, length - 1).join('')}…` : flat;
}

function renderTable(result: ClusterResult, items: readonly FeedbackItem[], locale: Locale): string {
  const textById = new Map(items.map((item) => [item.id, item.text]));
  const width = Math.min(12, Math.max(2, ...items.map((item) => item.id.length)));
  const line = (id: string): string => `  ${id.padEnd(width)}  ${shorten(textById.get(id) ?? '', 60)}`;
  const lines: string[] = [];
  result.clusters.forEach((cluster, index) => {
    lines.push(
      say(locale, 'cluster', { rank: index + 1, count: cluster.itemIds.length, label: cluster.label }),
    );
    lines.push(`  ${say(locale, 'terms', {})}: ${cluster.terms.join(locale === 'en' ? ', ' : '、')}`);
    for (const id of cluster.itemIds) lines.push(line(id));
    lines.push('');
  });
  if (result.unclustered.length > 0) {
    lines.push(say(locale, 'unclustered', { count: result.unclustered.length }));
    for (const id of result.unclustered) lines.push(line(id));
    lines.push('');
  }
  lines.push(
    say(locale, 'summary', {
      items: items.length,
      clusters: result.clusters.length,
      unclustered: result.unclustered.length,
    }),
  );
  return `${lines.join('\n')}\n`;
}
