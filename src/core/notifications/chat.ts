/** Chat platforms a workspace can post to, each in its own message format. */
export const CHAT_KINDS = ['dingtalk', 'feishu', 'wecom', 'slack', 'webhook'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

export type ChatMessage = {
  eventId: string | null;
  eventType: string;
  /** One line in the workspace's language. */
  title: string;
  /** Absolute link to the object in the app. */
  url: string;
  /** A short label for the link ("Open" / "查看"). */
  linkLabel: string;
  createdAt: number;
};

/** Markdown without link or emphasis syntax a title could smuggle in. */
function plain(text: string): string {
  return text
    .replace(/[[\]()<>*_`#|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The JSON body a platform expects (before any signature fields are added). */
export function chatBody(kind: ChatKind, message: ChatMessage): Record<string, unknown> {
  const title = plain(message.title);
  switch (kind) {
    case 'dingtalk':
      return {
        msgtype: 'markdown',
        markdown: {
          title: title.slice(0, 60),
          text: `#### ${title}\n\n[${message.linkLabel}](${message.url})`,
        },
      };
    case 'wecom':
      return {
        msgtype: 'markdown',
        markdown: { content: `**${title}**\n[${message.linkLabel}](${message.url})` },
      };
    case 'feishu':
      return {
        msg_type: 'interactive',
        card: {
          header: { title: { tag: 'plain_text', content: title.slice(0, 100) } },
          elements: [
            {
              tag: 'action',
              actions: [
                {
                  tag: 'button',
                  text: { tag: 'plain_text', content: message.linkLabel },
                  url: message.url,
                  type: 'primary',
                },
              ],
            },
          ],
        },
      };
    case 'slack': {
      // Slack mrkdwn escapes only these three.
      const escaped = message.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return {
        text: escaped,
        blocks: [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: `*${escaped}*\n<${message.url}|${message.linkLabel}>` },
          },
        ],
      };
    }
    case 'webhook':
      return {
        event: message.eventType,
        eventId: message.eventId,
        title: message.title,
        url: message.url,
        createdAt: message.createdAt,
      };
  }
}

/**
 * Whether a platform's answer means the message was taken: DingTalk and WeCom answer `errcode: 0`, Feishu
 * `code: 0` (older bots `StatusCode: 0`), Slack and plain webhooks any 2xx.
 */
export function isAcceptedReply(
  kind: ChatKind,
  status: number,
  body: string,
): { ok: boolean; detail: string } {
  if (status < 200 || status >= 300)
    return { ok: false, detail: `HTTP ${status} ${body.slice(0, 200)}`.trim() };
  if (kind === 'slack' || kind === 'webhook') return { ok: true, detail: '' };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { ok: false, detail: `unreadable reply: ${body.slice(0, 200)}` };
  }
  const code = kind === 'feishu' ? (parsed.code ?? parsed.StatusCode) : parsed.errcode;
  if (code === 0) return { ok: true, detail: '' };
  const message = parsed.errmsg ?? parsed.msg ?? parsed.StatusMessage ?? '';
  return { ok: false, detail: `${String(code)} ${String(message)}`.trim() };
}
