import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { can, permissionsOf, type Permission, type Role } from '../core/permissions/index.ts';
import {
  as,
  createTestApp,
  createTestWorkspace,
  signUpUser,
  type TestApp,
  type TestUser,
} from './testing/app.ts';
import { Generator, learnIds, operationsOf, type KnownIds } from './testing/fuzz.ts';
import type * as AccessModule from './workspaces/access.ts';

// The role matrix reads which permission each route asks `authorize` for, as it happens, and expects exactly
// the roles that lack it (by src/core/permissions) to be refused: no hand-kept list of routes and roles.
const checked = vi.hoisted(() => [] as string[]);
vi.mock('./workspaces/access.ts', async (importOriginal) => {
  const original = await importOriginal<typeof AccessModule>();
  return {
    ...original,
    authorize: (...args: Parameters<typeof original.authorize>) => {
      checked.push(args[3]);
      return original.authorize(...args);
    },
  };
});

// Sweeps every route in the generated OpenAPI document, so a new route cannot forget auth or scoping.

type Operation = { method: string; path: string };

const PUBLIC = new Set([
  'POST /api/v1/auth/signup',
  'POST /api/v1/auth/login',
  'GET /api/v1/invitations/{token}',
  'GET /api/v1/calendar/{file}',
  // One-click unsubscribe from notification e-mails: the signed token in the link is the credential.
  'GET /api/v1/unsubscribe',
  'POST /api/v1/unsubscribe',
  // The feedback portal (rate limited per address) and the signed CSAT link from a resolution message.
  'GET /api/v1/portal/{portalId}',
  'GET /api/v1/portal/{portalId}/items',
  'POST /api/v1/portal/{portalId}/items',
  'GET /api/v1/portal/{portalId}/items/{itemId}',
  'POST /api/v1/portal/{portalId}/items/{itemId}/votes',
  'POST /api/v1/portal/ratings',
  // An open survey's public link (rate limited per address, a honeypot).
  'GET /api/v1/public/surveys/{surveyId}',
  'POST /api/v1/public/surveys/{surveyId}/responses',
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

/** Writes that ask only for a permission a viewer holds: they change nothing but the caller's own state. */
const WRITES_NEEDING_ONLY_VIEWING = new Set<string>([
  // The caller's own saved views, calendar feed and notifications.
  'POST /api/v1/w/{workspaceId}/views',
  'DELETE /api/v1/w/{workspaceId}/views/{viewId}',
  'POST /api/v1/w/{workspaceId}/calendar-feed',
  'POST /api/v1/w/{workspaceId}/notifications/{notificationId}/read',
  'POST /api/v1/w/{workspaceId}/notifications/read-all',
  // Analyses a goal statement; stores nothing.
  'POST /api/v1/w/{workspaceId}/smart',
]);

/**
 * Writes whose valid body the schema cannot describe, so the generated one stops at a 400 before the service
 * (from-template checks the role before it builds the plan from the body, so it is not here).
 */
const BODY_BEYOND_SCHEMA = new Set<string>([
  // An IANA zone name and a day that ends after it starts; its roles are tested in workspaces/worktime.test.ts.
  'PUT /api/v1/w/{workspaceId}/work-time',
]);

describe('the role matrix', () => {
  const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
  /** Weakest first, so what a stronger role deletes is still there for the weaker ones. */
  const MATRIX_ROLES = ['viewer', 'member', 'manager', 'admin', 'owner'] as const satisfies readonly Role[];

  it('refuses exactly the roles that lack the permission a route asks for', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const scoped = operationsOf(document)
      .filter((operation) => operation.path.includes('{workspaceId}') && !operation.streams)
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    // A workspace full of demo data, with one signed-up person in each role.
    const people = { owner: await signUpUser(t.app) } as Record<Role, TestUser>;
    const demo = await t.app.inject(
      as(people.owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: {} }),
    );
    const matrixWorkspace = demo.json<{ workspace: { id: string } }>().workspace.id;
    for (const role of ['admin', 'manager', 'member', 'viewer'] as const) {
      people[role] = await signUpUser(t.app);
      const invitation = await t.app.inject(
        as(people.owner, {
          method: 'POST',
          url: `/api/v1/w/${matrixWorkspace}/invitations`,
          payload: { role, expiresInDays: 7 },
        }),
      );
      const { token } = invitation.json<{ token: string }>();
      await t.app.inject(as(people[role], { method: 'POST', url: `/api/v1/invitations/${token}/accept` }));
    }
    const ids: KnownIds = { own: new Map(), foreign: new Map() };
    await learnIds(t.app, people.owner, scoped, matrixWorkspace, ids.own);
    // Member routes act on demo colleagues only, so the people of the matrix keep their roles.
    const matrixUserIds = new Set(Object.values(people).map((person) => person.id));
    ids.own.set(
      'userId',
      (ids.own.get('userId') ?? []).filter((id) => !matrixUserIds.has(id)),
    );
    const generator = new Generator(document, ids, 1024 * 1024);

    const failures: string[] = [];
    const unreached: string[] = [];
    const viewerWrites: string[] = [];
    /** Routes only admins and owners may use: the member (and manager) calls above were refused. */
    const adminRoutes: string[] = [];
    const judged = new Set<string>();
    for (const operation of scoped) {
      // Flags with a default (`dryRun=true`) can change what a route asks for: try the other value too.
      const flags = operation.parameters.filter(
        (parameter) =>
          parameter.in === 'query' && parameter.schema.enum && parameter.schema.default !== undefined,
      );
      const variants: Record<string, string>[] = [{}];
      if (flags.length > 0)
        variants.push(
          Object.fromEntries(
            flags.map((flag) => [
              flag.name,
              String(flag.schema.enum?.find((value) => value !== flag.schema.default)),
            ]),
          ),
        );
      const askedByVariant: Permission[][] = [];
      for (const variant of variants) {
        const name = `${operation.method} ${operation.path}${Object.keys(variant).length ? ` ${new URLSearchParams(variant)}` : ''}`;
        for (const role of MATRIX_ROLES) {
          // A valid request, so the service (where roles are checked) is reached: the first seed that passes.
          let answer: { statusCode: number; body: string } | null = null;
          for (let attempt = 0; attempt < 6; attempt += 1) {
            const request = generator.request(operation, 7919 * (attempt + 1), 0, attempt === 0);
            const url = new URL(request.url, 'http://opsplan.test');
            for (const [key, value] of Object.entries(variant)) url.searchParams.set(key, value);
            checked.length = 0;
            answer = await t.app.inject(
              as(people[role], {
                method: request.method as 'GET',
                url: `${url.pathname}${url.search}`,
                headers: request.headers,
                ...(request.payload !== undefined ? { payload: request.payload } : {}),
              }),
            );
            if (checked.length > 0 || answer.statusCode !== 400) break;
          }
          if (!answer) continue;
          const permissions = [...checked] as Permission[];
          if (permissions.length === 0) {
            if (answer.statusCode === 400) unreached.push(`${name} as ${role}`);
            else if (WRITE.has(operation.method) && answer.statusCode < 300 && role === 'viewer')
              failures.push(`${name}: a viewer got ${answer.statusCode} and no permission was checked`);
            continue;
          }
          if (role === 'owner') askedByVariant.push(permissions);
          if (WRITE.has(operation.method)) judged.add(`${operation.method} ${operation.path} as ${role}`);
          const lacking = permissions.filter((permission) => !can(role, permission));
          const refused = answer.statusCode === 403 && answer.body.includes('"forbidden"');
          if (lacking.length > 0 && !refused)
            failures.push(
              `${name} as ${role} (lacks ${lacking.join(', ')}) → ${answer.statusCode} ${answer.body.slice(0, 120)}`,
            );
          if (lacking.length === 0 && refused)
            failures.push(`${name} as ${role} (holds ${permissions.join(', ')}) → 403`);
        }
      }
      const asked = askedByVariant.flat();
      if (
        WRITE.has(operation.method) &&
        asked.length > 0 &&
        asked.every((p) => permissionsOf('viewer').includes(p))
      )
        viewerWrites.push(`${operation.method} ${operation.path}`);
      if (asked.some((permission) => !can('manager', permission)))
        adminRoutes.push(`${operation.method} ${operation.path}`);
    }
    expect(failures).toEqual([]);
    // Every write was judged for every role: each asks for a permission (a read may rely on membership alone,
    // which the workspace scope checks before validation).
    const writes = scoped.filter(
      (operation) =>
        WRITE.has(operation.method) && !BODY_BEYOND_SCHEMA.has(`${operation.method} ${operation.path}`),
    );
    const unjudged = writes.flatMap((operation) =>
      MATRIX_ROLES.map((role) => `${operation.method} ${operation.path} as ${role}`).filter(
        (call) => !judged.has(call),
      ),
    );
    expect(unjudged).toEqual([]);
    // Every write that needs more than viewing refused a viewer above; these few need only viewing.
    expect(viewerWrites.sort()).toEqual([...WRITES_NEEDING_ONLY_VIEWING].sort());
    expect(adminRoutes).toEqual(
      expect.arrayContaining([
        'PATCH /api/v1/w/{workspaceId}',
        'PATCH /api/v1/w/{workspaceId}/members/{userId}',
      ]),
    );
    // The generator reached the service of every route with a valid request.
    expect(unreached.filter((call) => !BODY_BEYOND_SCHEMA.has(call.split(' as ')[0] ?? ''))).toEqual([]);
  }, 120_000);
});
