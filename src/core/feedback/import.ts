import type { Locale } from '../i18n/index.ts';
import { interpolate } from '../i18n/index.ts';
import { eventLogCellText, parseLogTimestamp } from '../processes/eventlog.ts';
import { ZoneClock } from '../processes/zone.ts';

/**
 * Reading app-store review exports and customer-service ticket exports into feedback items. The columns are
 * found by the names those exports use (English or Chinese); what kind of export it is follows from them:
 * a star rating or an app version means app-store reviews, anything else customer-service tickets.
 */
export const FEEDBACK_IMPORT_COLUMNS = {
  ref: [
    'id',
    'reviewid',
    'review id',
    'ticketid',
    'ticket',
    'ticketno',
    'ticketnumber',
    '工单号',
    '工单编号',
    '工单id',
    '编号',
    '评论id',
    '单号',
  ],
  title: ['title', 'reviewtitle', 'subject', 'summary', '标题', '评论标题', '主题', '问题标题'],
  body: [
    'content',
    'body',
    'text',
    'review',
    'reviewtext',
    'reviewcontent',
    'description',
    'comment',
    'feedback',
    'message',
    '内容',
    '评论内容',
    '评论',
    '问题描述',
    '描述',
    '反馈内容',
    '反馈',
    '详情',
    '问题详情',
    '留言',
  ],
  rating: ['rating', 'starrating', 'stars', 'star', 'score', '评分', '星级', '评星', '打分'],
  date: [
    'date',
    'reviewdate',
    'time',
    'created',
    'createdat',
    'createdtime',
    'submittedat',
    'lastupdated',
    '时间',
    '日期',
    '评论时间',
    '创建时间',
    '提交时间',
    '反馈时间',
    '受理时间',
  ],
  version: ['version', 'appversion', 'appversionname', 'appversioncode', '版本', '版本号', 'app版本'],
  source: ['channel', 'source', 'platform', 'store', '渠道', '来源', '平台', '应用商店'],
  category: ['category', 'type', 'issuetype', '分类', '类别', '问题类型', '问题分类', '工单类型'],
  productArea: ['productarea', 'module', 'area', 'feature', '模块', '产品模块', '功能模块', '产品线'],
  tags: ['tags', 'labels', '标签'],
  email: ['email', 'e-mail', 'mail', '邮箱', '电子邮件', '联系邮箱'],
  name: [
    'name',
    'author',
    'user',
    'username',
    'nickname',
    'reviewer',
    'customer',
    '用户',
    '用户名',
    '昵称',
    '客户',
    '客户名称',
    '联系人',
  ],
} as const;

export type FeedbackImportColumn = keyof typeof FEEDBACK_IMPORT_COLUMNS;
export type FeedbackImportKind = 'app_store' | 'support';

/** Limits the import keeps to; the server's item limits. */
export const FEEDBACK_IMPORT_TITLE_MAX = 200;
export const FEEDBACK_IMPORT_BODY_MAX = 20_000;

/** One row as a feedback item to insert. */
export type ImportedFeedback = {
  row: number;
  ref: string | null;
  title: string;
  body: string;
  rating: number | null;
  sentiment: 'positive' | 'neutral' | 'negative' | null;
  createdAt: number | null;
  category: string | null;
  productArea: string | null;
  tags: string[];
  email: string | null;
  name: string | null;
};

export type FeedbackImportIssueCode =
  | 'no_text'
  | 'title_too_long'
  | 'body_too_long'
  | 'bad_rating'
  | 'bad_date'
  | 'future_date'
  | 'bad_email'
  | 'duplicate_ref';

export type FeedbackImportIssue = {
  row: number;
  column: FeedbackImportColumn | null;
  code: FeedbackImportIssueCode;
  params: Record<string, string | number>;
};

const ISSUE_MESSAGES: Record<Locale, Record<FeedbackImportIssueCode, string>> = {
  en: {
    no_text: 'The row has no text: fill in the content (or the title).',
    title_too_long: 'The title is longer than {max} characters.',
    body_too_long: 'The text is longer than {max} characters.',
    bad_rating: '“{value}” is not a rating from 1 to 5.',
    bad_date: '“{value}” is not a date (use 2025-03-01 or 2025-03-01 14:30).',
    future_date: '{value} is in the future.',
    bad_email: '“{value}” is not an e-mail address.',
    duplicate_ref: '{value} already appears in row {first}.',
  },
  'zh-CN': {
    no_text: '该行没有内容：请填写内容（或标题）。',
    title_too_long: '标题超过 {max} 个字符。',
    body_too_long: '内容超过 {max} 个字符。',
    bad_rating: '“{value}”不是 1 到 5 的评分。',
    bad_date: '“{value}”不是日期（请用 2025-03-01 或 2025-03-01 14:30）。',
    future_date: '{value} 晚于现在。',
    bad_email: '“{value}”不是电子邮件地址。',
    duplicate_ref: '{value} 已在第 {first} 行出现。',
  },
};

/** A row problem in the reader's language. */
export function feedbackImportIssueMessage(issue: FeedbackImportIssue, locale: Locale): string {
  return interpolate(ISSUE_MESSAGES[locale][issue.code], issue.params);
}

function normaliseHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.()（）]+/g, '');
}

const HEADER_INDEX = new Map<string, FeedbackImportColumn>();
for (const [column, names] of Object.entries(FEEDBACK_IMPORT_COLUMNS) as Array<
  [FeedbackImportColumn, readonly string[]]
>) {
  for (const name of names) HEADER_INDEX.set(normaliseHeader(name), column);
}

/** Which import column each header cell is (null for columns the import ignores); the first of a kind wins. */
export function mapFeedbackColumns(header: readonly string[]): {
  columns: Partial<Record<FeedbackImportColumn, number>>;
  mapping: Array<{ header: string; column: FeedbackImportColumn | null }>;
} {
  const columns: Partial<Record<FeedbackImportColumn, number>> = {};
  const mapping = header.map((cell, index) => {
    const column = HEADER_INDEX.get(normaliseHeader(cell)) ?? null;
    if (column === null || columns[column] !== undefined) return { header: cell, column: null };
    columns[column] = index;
    return { header: cell, column };
  });
  return { columns, mapping };
}

const STARS = /^[★☆]+$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A rating cell: 1–5, "4 stars", "4星", "★★★★☆"; undefined when it is not one. */
export function parseRating(text: string): number | undefined {
  const value = text.trim();
  if (STARS.test(value)) {
    const filled = [...value].filter((star) => star === '★').length;
    return filled >= 1 && filled <= 5 ? filled : undefined;
  }
  const match = /^(\d(?:\.0+)?)\s*(?:stars?|星|分)?$/i.exec(value);
  if (!match) return undefined;
  const rating = Number(match[1]);
  return Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : undefined;
}

/** What a star rating says about the writer's mood. */
export function ratingSentiment(rating: number): 'positive' | 'neutral' | 'negative' {
  return rating <= 2 ? 'negative' : rating === 3 ? 'neutral' : 'positive';
}

/** A title for a row without one: the text's first sentence, cut at 60 characters. */
export function titleFromBody(body: string): string {
  const first = body.split(/[\n。！？!?]/u).find((part) => part.trim() !== '') ?? body;
  const trimmed = first.trim().replace(/\s+/g, ' ');
  const characters = [...trimmed];
  return characters.length > 60 ? `${characters.slice(0, 59).join('')}…` : trimmed;
}

export type FeedbackImportResult = {
  kind: FeedbackImportKind;
  mapping: Array<{ header: string; column: FeedbackImportColumn | null }>;
  items: ImportedFeedback[];
  rowCount: number;
  issues: FeedbackImportIssue[];
  issueCount: number;
};

/**
 * Reads an export row by row: `header()` once, `row()` for each data row, then `finish()`. Times without an
 * offset are read in the workspace's zone; `now` refuses dates in the future.
 */
export class FeedbackImportReader {
  private columns: Partial<Record<FeedbackImportColumn, number>> = {};
  private mapping: FeedbackImportResult['mapping'] = [];
  private readonly items: ImportedFeedback[] = [];
  private readonly issues: FeedbackImportIssue[] = [];
  private issueCount = 0;
  private rowCount = 0;
  private readonly refs = new Map<string, number>();
  private readonly clock: ZoneClock;

  constructor(private readonly options: { timeZone: string; now: number; issueLimit?: number }) {
    this.clock = new ZoneClock(options.timeZone);
  }

  /** The header row; returns the text columns it lacks (content or title), empty when it has one. */
  header(cells: readonly unknown[]): string[] {
    const mapped = mapFeedbackColumns(cells.map(eventLogCellText));
    this.columns = mapped.columns;
    this.mapping = mapped.mapping;
    return this.columns.body === undefined && this.columns.title === undefined ? ['content'] : [];
  }

  private issue(
    row: number,
    column: FeedbackImportColumn | null,
    code: FeedbackImportIssueCode,
    params = {},
  ) {
    this.issueCount += 1;
    if (this.issues.length < (this.options.issueLimit ?? 200))
      this.issues.push({ row, column, code, params });
  }

  private cell(cells: readonly unknown[], column: FeedbackImportColumn): string {
    const index = this.columns[column];
    return index === undefined ? '' : eventLogCellText(cells[index]).trim();
  }

  row(cells: readonly unknown[], row: number): void {
    if (cells.every((cell) => eventLogCellText(cell).trim() === '')) return;
    this.rowCount += 1;
    const before = this.issueCount;
    let title = this.cell(cells, 'title');
    let body = this.cell(cells, 'body');
    if (!title && !body) this.issue(row, this.columns.body === undefined ? 'title' : 'body', 'no_text');
    if (!body) body = title;
    if (!title) title = titleFromBody(body);
    if (title.length > FEEDBACK_IMPORT_TITLE_MAX)
      this.issue(row, 'title', 'title_too_long', { max: FEEDBACK_IMPORT_TITLE_MAX });
    if (body.length > FEEDBACK_IMPORT_BODY_MAX)
      this.issue(row, 'body', 'body_too_long', { max: FEEDBACK_IMPORT_BODY_MAX });

    const ratingText = this.cell(cells, 'rating');
    const rating = ratingText === '' ? null : (parseRating(ratingText) ?? null);
    if (ratingText !== '' && rating === null) this.issue(row, 'rating', 'bad_rating', { value: ratingText });

    let createdAt: number | null = null;
    const dateText = this.cell(cells, 'date');
    if (dateText !== '') {
      const parsed = parseLogTimestamp(dateText, this.clock);
      if (!parsed) this.issue(row, 'date', 'bad_date', { value: dateText });
      else if (parsed.instant > this.options.now + 86_400_000)
        this.issue(row, 'date', 'future_date', { value: dateText });
      else createdAt = parsed.instant;
    }

    const email = this.cell(cells, 'email').toLowerCase();
    if (email !== '' && (!EMAIL.test(email) || email.length > 254))
      this.issue(row, 'email', 'bad_email', { value: email });

    const ref = this.cell(cells, 'ref');
    if (ref !== '') {
      const first = this.refs.get(ref);
      if (first !== undefined) this.issue(row, 'ref', 'duplicate_ref', { value: ref, first });
      else this.refs.set(ref, row);
    }
    if (this.issueCount > before) return;

    const tags = this.cell(cells, 'tags')
      .split(/[,，;；|]/u)
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '' && tag.length <= 80);
    const version = this.cell(cells, 'version');
    if (version) tags.push(`v${version.replace(/^v/i, '')}`.slice(0, 80));
    if (rating !== null) tags.push(`${rating}★`);
    const source = this.cell(cells, 'source');
    if (source) tags.push(source.slice(0, 80));
    this.items.push({
      row,
      ref: ref || null,
      title,
      body,
      rating,
      sentiment: rating === null ? null : ratingSentiment(rating),
      createdAt,
      category: this.cell(cells, 'category').slice(0, 80) || null,
      productArea: this.cell(cells, 'productArea').slice(0, 80) || null,
      tags: [...new Set(tags)].slice(0, 20),
      email: email || null,
      name: this.cell(cells, 'name').slice(0, 200) || null,
    });
  }

  finish(): FeedbackImportResult {
    const kind: FeedbackImportKind =
      this.columns.rating !== undefined || this.columns.version !== undefined ? 'app_store' : 'support';
    return {
      kind,
      mapping: this.mapping,
      items: this.items,
      rowCount: this.rowCount,
      issues: this.issues,
      issueCount: this.issueCount,
    };
  }
}
