import type { Locale } from '../i18n/index.ts';

export type EmailItem = { title: string; url: string; unsubscribeUrl: string };

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

/** One notification as an e-mail, HTML and plain text, in the recipient's language. */
export function singleEmail(item: EmailItem, locale: Locale): EmailContent {
  const t = TEXT[locale];
  return {
    subject: item.title,
    text: `${item.title}\n\n${t.open}: ${item.url}\n\n${t.unsubscribe}: ${item.unsubscribeUrl}\n`,
    html: page(
      `<p style="font-size:16px"><strong>${escapeHtml(item.title)}</strong></p>` +
        `<p><a href="${escapeHtml(item.url)}">${escapeHtml(t.open)}</a></p>` +
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
