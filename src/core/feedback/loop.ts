import type { Locale } from '../i18n/index.ts';
import { escapeHtml } from '../notifications/email.ts';

/** The language to write to a submitter in: Chinese when they wrote Chinese, else English. */
export function messageLocale(text: string): Locale {
  return /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en';
}

const TEXT = {
  'zh-CN': {
    subject: (title: string) => `你的反馈已处理：${title}`,
    intro: (title: string) => `你反馈的“${title}”已处理。`,
    done: '我们做了什么：',
    ask: '你对处理结果满意吗？点一下分数即可（1 = 很不满意，5 = 非常满意）：',
    page: '查看反馈页面：',
  },
  en: {
    subject: (title: string) => `Your feedback was resolved: ${title}`,
    intro: (title: string) => `Your feedback “${title}” has been resolved.`,
    done: 'What we did:',
    ask: 'Are you satisfied with the outcome? One click on a score is enough (1 = very unsatisfied, 5 = very satisfied):',
    page: 'See the feedback page:',
  },
} as const;

/** The message telling a submitter what was done, with five one-click rating links (`ratingUrl(score)`). */
export function resolutionMessage(
  locale: Locale,
  input: { title: string; resolution: string; ratingUrl: (score: number) => string; pageUrl: string },
) {
  const t = TEXT[locale];
  const scores = [1, 2, 3, 4, 5];
  const text = [
    t.intro(input.title),
    '',
    t.done,
    input.resolution,
    '',
    t.ask,
    ...scores.map((score) => `${score}: ${input.ratingUrl(score)}`),
    '',
    `${t.page} ${input.pageUrl}`,
  ].join('\n');
  const buttons = scores
    .map(
      (score) =>
        `<a href="${escapeHtml(input.ratingUrl(score))}" style="display:inline-block;margin:0 4px;padding:8px 14px;border:1px solid #1677ff;border-radius:6px;color:#1677ff;text-decoration:none">${score}</a>`,
    )
    .join('');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#1f1f1f;line-height:1.6"><p>${escapeHtml(t.intro(input.title))}</p><p><strong>${escapeHtml(t.done)}</strong><br>${escapeHtml(input.resolution).replace(/\n/g, '<br>')}</p><p>${escapeHtml(t.ask)}</p><p>${buttons}</p><p>${escapeHtml(t.page)} <a href="${escapeHtml(input.pageUrl)}">${escapeHtml(input.pageUrl)}</a></p></body></html>`;
  return { subject: t.subject(input.title.slice(0, 120)), text, html };
}

const PROCESS_DONE = {
  'zh-CN': '已按用户反馈处理流程处理完毕。',
  en: 'Handled through our feedback process.',
} as const;

/**
 * What a finished feedback case did, in the words the team wrote: the latest `solution` field of its steps
 * (the template's 制定解决方案), else a plain sentence in the submitter's language.
 */
export function processResolution(
  locale: Locale,
  visits: readonly { fieldValues: Record<string, unknown> }[],
): string {
  const solutions = visits.flatMap((visit) => {
    const value = visit.fieldValues.solution;
    return typeof value === 'string' && value.trim() ? [value.trim()] : [];
  });
  return solutions.at(-1) ?? PROCESS_DONE[locale];
}
