import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet sets with these options, in its order and spelling, found by running its middleware once on
 * a recording response. With fixed directives (no per-request nonce or function) they do not depend on the
 * request; a function among the directives is refused here rather than frozen.
 */
export function helmetHeaders(options: HelmetOptions): ReadonlyArray<readonly [string, string]> {
  const csp = options.contentSecurityPolicy;
  const directives = typeof csp === 'object' ? Object.values(csp.directives ?? {}) : [];
  if (
    directives.some(
      (value) =>
        typeof value === 'function' ||
        (Array.isArray(value) && value.some((item) => typeof item === 'function')),
    )
  )
    throw new Error('helmetHeaders: a directive computed per request cannot be set once');
  const headers = new Map<string, readonly [string, string]>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), [name, String(value)]);
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return [...headers.values()];
}

/**
 * helmet's security headers on every answer (API, pages, static files, errors), on the raw response as
 * @fastify/helmet wrote them, so a route can still replace one (`allowFraming`, a document preview). That plugin
 * ran helmet anew for each request: parsing the CSP, building twelve middlewares and two closures, 35 µs of a
 * request. They are worked out once at start.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
