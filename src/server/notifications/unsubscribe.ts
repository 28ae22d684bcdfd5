import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Locale } from '../../core/i18n/index.ts';
import { escapeHtml } from '../../core/notifications/email.ts';
import { responses } from '../http.ts';
import * as service from './service.ts';

const PAGE = {
  en: {
    confirm: 'Stop these e-mails from OpsPlan?',
    button: 'Unsubscribe',
    done: 'Done: you will no longer get these e-mails. You can turn them on again in your profile.',
  },
  'zh-CN': {
    confirm: '不再接收 OpsPlan 的此类邮件？',
    button: '退订',
    done: '已退订：你将不再收到此类邮件。可在个人资料中重新开启。',
  },
} as const;

function page(locale: Locale, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>OpsPlan</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`;
}

const Query = z.object({ token: z.string().min(10).max(2000) });

/**
 * One-click unsubscribe (RFC 8058). Mail clients POST to the List-Unsubscribe address; a person following the
 * link in the message first sees a page with one button, so a link scanner that only GETs changes nothing.
 */
export const unsubscribeRoutes: FastifyPluginAsyncZod = async (app) => {
  // Mail clients post `List-Unsubscribe=One-Click` as a form; the token is in the address.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, _body, done) => done(null, {}),
  );

  app.get(
    '/unsubscribe',
    {
      config: { isPublic: true },
      schema: {
        tags: ['notifications'],
        summary: 'The page behind an e-mail’s unsubscribe link (asks before changing anything)',
        querystring: Query,
        response: responses({ 200: z.string().describe('text/html') }),
      },
    },
    async (request, reply) => {
      const t = PAGE[request.locale];
      const action = `/api/v1/unsubscribe?token=${encodeURIComponent(request.query.token)}`;
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            request.locale,
            `<p>${escapeHtml(t.confirm)}</p><form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(t.button)}</button></form>`,
          ),
        );
    },
  );

  app.post(
    '/unsubscribe',
    {
      config: { isPublic: true, skipCsrf: true },
      schema: {
        tags: ['notifications'],
        summary: 'Turn e-mail off for the event types in the signed token',
        querystring: Query,
        body: z
          .object({ 'List-Unsubscribe': z.literal('One-Click').optional() })
          .nullish()
          .describe('RFC 8058 form field; the token in the address is what counts'),
        response: responses({ 200: z.string().describe('text/html') }),
      },
    },
    async (request, reply) => {
      const result = await service.unsubscribe(app.services, request.query.token);
      return reply
        .type('text/html; charset=utf-8')
        .send(page(result.locale, `<p>${escapeHtml(PAGE[result.locale].done)}</p>`));
    },
  );
};
