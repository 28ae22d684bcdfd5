import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { helmetHeaders } from './headers.ts';

/** What every answer carries, as @fastify/helmet wrote it with the app's options (taken from its answers). */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;" +
    "font-src 'self' data:;connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';" +
    "frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe('security headers', () => {
  let test: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'opsplan-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), 'console.log(1);\n');
    test = await createTestApp({ webDir });
  });

  afterAll(async () => {
    await test.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('are on every answer: API, errors, pages, static files, refused writes, again and again', async () => {
    const requests = [
      { method: 'GET', url: '/healthz' },
      { method: 'GET', url: '/api/v1/nowhere' },
      { method: 'GET', url: '/api/v1/auth/me' },
      { method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x', password: 'y' } },
      { method: 'GET', url: '/goals' },
      { method: 'GET', url: '/assets/app-abc123.js' },
      { method: 'GET', url: '/assets/missing.js' },
      { method: 'GET', url: '/healthz' },
    ] as const;
    for (const request of requests) {
      const response = await test.app.inject(request);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(response.headers[name], `${request.method} ${request.url}: ${name}`).toBe(value);
    }
  });

  it('an embed page still replaces the frame policy', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/embed/feedback/abc' });
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('are worked out once only when they do not depend on the request', () => {
    const nonce = () => "'nonce-abc'";
    expect(() =>
      helmetHeaders({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", nonce] } } }),
    ).toThrow(/per request/);
    expect(helmetHeaders({ xFrameOptions: { action: 'deny' } })).toContainEqual(['X-Frame-Options', 'DENY']);
  });
});
