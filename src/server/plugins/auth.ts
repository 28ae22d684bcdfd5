import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../core/errors/index.ts';
import { localeFromAcceptLanguage } from '../../core/i18n/index.ts';
import { resolveSession, type NewSession } from '../auth/service.ts';
import type { Services } from '../context.ts';
import { resolveApiToken } from '../tokens/service.ts';
import { requireMembership } from '../workspaces/access.ts';

export const SESSION_COOKIE = 'opsplan_session';
/** Readable by the page, which echoes it in X-CSRF-Token: a cross-site form cannot. */
export const CSRF_COOKIE = 'opsplan_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSessionCookies(reply: FastifyReply, services: Services, session: NewSession): void {
  const common = { path: '/', sameSite: 'lax', secure: services.config.secureCookies } as const;
  const expires = new Date(session.expiresAt);
  reply.setCookie(SESSION_COOKIE, session.sessionToken, { ...common, httpOnly: true, expires });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false, expires });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Resolves who is calling (cookie or Bearer token), their language, and enforces CSRF for cookie sessions. */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRequest', async (request) => {
    const explicitLocale = localeFromAcceptLanguage(request.headers['accept-language']);
    request.locale = explicitLocale ?? app.services.config.defaultLocale;
    if (!request.url.startsWith('/api/')) return;

    // Another workspace's id is a 404 before any route hook or the body parser runs, so nothing about it
    // leaks. A NUL in the id is left to the input check (400), since PostgreSQL cannot even compare it.
    const params = request.params as { workspaceId?: unknown } | undefined;
    const workspaceId =
      typeof params?.workspaceId === 'string' && !params.workspaceId.includes('\u0000')
        ? params.workspaceId
        : undefined;
    const authorization = request.headers.authorization;
    if (authorization) {
      const [scheme, secret] = authorization.split(' ');
      const actor = scheme === 'Bearer' && secret ? await resolveApiToken(app.services, secret) : null;
      if (!actor) throw new AppError('unauthenticated');
      request.actor = actor;
    } else {
      const sessionToken = request.cookies[SESSION_COOKIE];
      // The membership comes with the session (one read); requireMembership below uses it.
      request.actor = sessionToken ? await resolveSession(app.services, sessionToken, workspaceId) : null;
    }
    if (!request.actor) {
      if (request.url.startsWith('/api/v1/') && !request.routeOptions.config.isPublic) {
        throw new AppError('unauthenticated');
      }
      return;
    }
    if (!explicitLocale) request.locale = request.actor.locale;

    const needsCsrf =
      request.actor.sessionId !== null &&
      !SAFE_METHODS.has(request.method) &&
      !request.routeOptions.config.skipCsrf;
    if (needsCsrf && request.headers['x-csrf-token'] !== request.actor.csrfToken) {
      throw new AppError('csrf_failed');
    }
    if (workspaceId !== undefined) await requireMembership(app.services.db, request.actor, workspaceId);
  });
}
