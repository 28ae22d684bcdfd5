import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Pages other sites may frame: the feedback form and a survey, as `/embed/feedback/:portalId` and
 * `/embed/survey/:surveyId`. Every other page keeps `frame-ancestors 'none'`.
 */
export const EMBED_PREFIX = '/embed/';

const EMBED_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  'frame-ancestors *',
].join('; ');

/** Lets any site frame this response (an embed page), replacing the app's default deny. */
export function allowFraming(reply: FastifyReply): FastifyReply {
  reply.removeHeader('x-frame-options');
  // helmet writes its headers on the raw response.
  reply.raw.removeHeader('x-frame-options');
  reply.raw.removeHeader('content-security-policy');
  return reply.header('content-security-policy', EMBED_CSP);
}

/**
 * The loader a site puts on its page: `<script src="https://ops.example.com/embed.js" data-portal="ID" async>`
 * (or `data-survey="ID"`, optionally `data-token`, `data-lang="zh-CN|en"`) adds an iframe of the embed page
 * after the script tag and keeps its height to the page's content (the page posts it).
 */
export const EMBED_SCRIPT = `(function () {
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  var portal = script.getAttribute('data-portal');
  var survey = script.getAttribute('data-survey');
  if (!portal && !survey) return;
  var params = new URLSearchParams();
  var lang = script.getAttribute('data-lang');
  var token = script.getAttribute('data-token');
  if (lang) params.set('lang', lang);
  if (survey && token) params.set('t', token);
  var query = params.toString();
  var frame = document.createElement('iframe');
  frame.src = origin + (portal ? '/embed/feedback/' + encodeURIComponent(portal) : '/embed/survey/' + encodeURIComponent(survey)) + (query ? '?' + query : '');
  frame.title = script.getAttribute('data-title') || (portal ? 'Feedback' : 'Survey');
  frame.loading = 'lazy';
  frame.style.width = '100%';
  frame.style.border = '0';
  // A first height until the page reports its own; then exactly the content, shorter or taller.
  frame.style.height = '420px';
  script.parentNode.insertBefore(frame, script.nextSibling);
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (data && data.type === 'opsplan:height' && typeof data.height === 'number') {
      frame.style.height = Math.ceil(data.height) + 'px';
    }
  });
})();
`;

export function registerEmbedScript(app: FastifyInstance): void {
  app.get('/embed.js', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      // Loaded by other sites' pages.
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(EMBED_SCRIPT),
  );
}
