import type { Locale } from '../i18n/index.ts';
import { renderMarkdown } from '../markdown/index.ts';

/** A part of a message's body below its title: a list (linked where the line has a link) or Markdown text. */
export type EmailSection = {
  heading: string;
  items?: readonly { text: string; detail?: string | null; url?: string | null }[];
  ordered?: boolean;
  markdown?: string;
  /** What the section says when it holds nothing. */
  empty: string;
};

export type EmailItem = {
  title: string;
  url: string;
  unsubscribeUrl: string;
  /** The content itself (a meeting's agenda, its minutes, decisions and actions), not only the summary line. */
  sections?: readonly EmailSection[];
};

export type EmailContent = { subject: string; text: string; html: string };

const TEXT = {
  en: {
    open: 'Open in OpsPlan',
    digestSubject: 'OpsPlan: {count} updates today',
    digestIntro: 'Here is what happened since yesterday:',
    unsubscribe: 'Stop e-mails like this',
    footer: 'You receive this because of your notification settings in OpsPlan.',
  },
  'zh-CN': {
    open: '在 OpsPlan 中查看',
    digestSubject: 'OpsPlan：今日 {count} 条动态',
    digestIntro: '以下是自昨天以来的动态：',
    unsubscribe: '不再接收此类邮件',
    footer: '你收到此邮件是因为你在 OpsPlan 中的通知设置。',
  },
} as const;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function page(body: string, locale: Locale): string {
  return `<!doctype html><html lang="${locale}"><body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#1f1f1f;line-height:1.6">${body}<p style="color:#8c8c8c;font-size:12px">${escapeHtml(TEXT[locale].footer)}</p></body></html>`;
}

function sectionText(section: EmailSection): string {
  const lines = [section.heading, ''];
  if (section.markdown !== undefined) {
    lines.push(section.markdown.trim() || section.empty);
  } else if (!section.items || section.items.length === 0) {
    lines.push(section.empty);
  } else {
    section.items.forEach((item, index) => {
      const bullet = section.ordered ? `${index + 1}.` : '•';
      lines.push(`${bullet} ${item.text}${item.detail ? ` (${item.detail.replace(/\n/g, ' ')})` : ''}`);
      if (item.url) lines.push(`   ${item.url}`);
    });
  }
  return lines.join('\n');
}

function sectionHtml(section: EmailSection): string {
  const heading = `<h3 style="font-size:15px;margin:20px 0 6px">${escapeHtml(section.heading)}</h3>`;
  const empty = `<p style="color:#8c8c8c">${escapeHtml(section.empty)}</p>`;
  if (section.markdown !== undefined) {
    // renderMarkdown refuses raw HTML and unsafe links: the output is safe in a message.
    return heading + (section.markdown.trim() ? renderMarkdown(section.markdown) : empty);
  }
  if (!section.items || section.items.length === 0) return heading + empty;
  const tag = section.ordered ? 'ol' : 'ul';
  const items = section.items
    .map((item) => {
      const text = item.url
        ? `<a href="${escapeHtml(item.url)}">${escapeHtml(item.text)}</a>`
        : escapeHtml(item.text);
      const detail = item.detail ? ` <span style="color:#595959">(${escapeHtml(item.detail)})</span>` : '';
      return `<li>${text}${detail}</li>`;
    })
    .join('');
  return `${heading}<${tag} style="padding-left:20px;margin:0">${items}</${tag}>`;
}

/** One notification as an e-mail, HTML and plain text, in the recipient's language. */
export function singleEmail(item: EmailItem, locale: Locale): EmailContent {
  const t = TEXT[locale];
  const sections = item.sections ?? [];
  const bodyText = sections.map((section) => `${sectionText(section)}\n\n`).join('');
  return {
    subject: item.title,
    text: `${item.title}\n\n${bodyText}${t.open}: ${item.url}\n\n${t.unsubscribe}: ${item.unsubscribeUrl}\n`,
    html: page(
      `<p style="font-size:16px"><strong>${escapeHtml(item.title)}</strong></p>` +
        sections.map(sectionHtml).join('') +
        `<p style="margin-top:20px"><a href="${escapeHtml(item.url)}">${escapeHtml(t.open)}</a></p>` +
        `<p><a href="${escapeHtml(item.unsubscribeUrl)}" style="color:#8c8c8c;font-size:12px">${escapeHtml(t.unsubscribe)}</a></p>`,
      locale,
    ),
  };
}

/** The day's notifications in one e-mail; each line keeps its own unsubscribe link for its kind. */
export function digestEmail(items: readonly EmailItem[], locale: Locale): EmailContent {
  const t = TEXT[locale];
  const subject = t.digestSubject.replace('{count}', String(items.length));
  const text = [
    t.digestIntro,
    '',
    ...items.map((item) => `• ${item.title}\n  ${item.url}\n  ${t.unsubscribe}: ${item.unsubscribeUrl}`),
    '',
  ].join('\n');
  const html = page(
    `<p>${escapeHtml(t.digestIntro)}</p><ul>` +
      items
        .map(
          (item) =>
            `<li><a href="${escapeHtml(item.url)}">${escapeHtml(item.title)}</a> · ` +
            `<a href="${escapeHtml(item.unsubscribeUrl)}" style="color:#8c8c8c;font-size:12px">${escapeHtml(t.unsubscribe)}</a></li>`,
        )
        .join('') +
      '</ul>',
    locale,
  );
  return { subject, text, html };
}
