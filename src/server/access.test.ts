import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  createTestWorkspace,
  signUpUser,
  type TestApp,
  type TestUser,
} from './testing/app.ts';

// Sweeps every route in the generated OpenAPI document, so a new route cannot forget auth or scoping.

type Operation = { method: string; path: string };

const PUBLIC = new Set([
  'POST /api/v1/auth/signup',
  'POST /api/v1/auth/login',
  'GET /api/v1/invitations/{token}',
  'GET /api/v1/calendar/{file}',
]);

let t: TestApp;
let operations: Operation[];
let owner: TestUser;
let outsider: TestUser;
let workspaceId: string;

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'unknown-id-0000');
}

beforeAll(async () => {
  t = await createTestApp();
  const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
  owner = await signUpUser(t.app);
  outsider = await signUpUser(t.app);
  workspaceId = await createTestWorkspace(t.app, owner);
  await createTestWorkspace(t.app, outsider);
});

afterAll(() => t.close());

describe('every route', () => {
  it('is in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });

  it('answers 401 without a session, except the public ones', async () => {
    const failures: string[] = [];
    for (const { method, path } of operations) {
      if (!path.startsWith('/api/v1') || PUBLIC.has(`${method} ${path}`)) continue;
      const response = await t.app.inject({
        method: method as 'GET',
        url: fill(path, { workspaceId }),
        payload: method === 'GET' || method === 'DELETE' ? undefined : {},
      });
      if (response.statusCode !== 401) failures.push(`${method} ${path} → ${response.statusCode}`);
      else expect(response.json().error.code).toBe('unauthenticated');
    }
    expect(failures).toEqual([]);
  });

  it('answers 404 for another workspace, whatever the body', async () => {
    const failures: string[] = [];
    for (const { method, path } of operations) {
      if (!path.includes('{workspaceId}')) continue;
      const response = await t.app.inject(
        as(outsider, {
          method: method as 'GET',
          url: fill(path, { workspaceId, userId: owner.id }),
          payload:
            method === 'GET' || method === 'DELETE'
              ? undefined
              : { name: 'x', role: 'member', expiresInDays: 1 },
        }),
      );
      if (response.statusCode !== 404)
        failures.push(`${method} ${path} → ${response.statusCode} ${response.body}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses unsafe cookie requests without the CSRF token', async () => {
    const failures: string[] = [];
    for (const { method, path } of operations) {
      if (method === 'GET' || PUBLIC.has(`${method} ${path}`) || !path.startsWith('/api/v1')) continue;
      const response = await t.app.inject({
        method: method as 'POST',
        url: fill(path, { workspaceId }),
        headers: { cookie: owner.cookie },
        payload: method === 'DELETE' ? undefined : {},
      });
      if (response.statusCode !== 403 || response.json().error.code !== 'csrf_failed') {
        failures.push(`${method} ${path} → ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
