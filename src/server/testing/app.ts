import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Role } from '../../core/permissions/index.ts';
import type { DatabaseHandle } from '../../db/index.ts';
import { buildApp } from '../app.ts';
import { loadConfig, type AppConfig } from '../config.ts';
import { createTestDatabase } from './database.ts';

export type TestClock = { now: number; advance(ms: number): void };

export type TestApp = {
  app: FastifyInstance;
  database: DatabaseHandle;
  clock: TestClock;
  close(): Promise<void>;
};

/** The real app over a fresh database of the dialect under test, with a clock the test moves. */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock: TestClock = {
    now: Date.UTC(2026, 10, 26, 9, 0, 0),
    advance(ms) {
      this.now += ms;
    },
  };
  const config = loadConfig(
    {
      logLevel: 'silent',
      runScheduler: false,
      webDir: null,
      checkResponses: true,
      now: () => clock.now,
      ...overrides,
    },
    {},
  );
  const app = await buildApp(config, { database });
  return {
    app,
    database,
    clock,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

export type TestUser = { id: string; email: string; name: string; cookie: string; csrf: string };

let userCounter = 0;

/** Signs a new user up through the API and keeps their cookies for later requests. */
export async function signUpUser(
  app: FastifyInstance,
  overrides: { email?: string; name?: string; password?: string; locale?: 'zh-CN' | 'en' } = {},
): Promise<TestUser> {
  userCounter += 1;
  const body = {
    email: overrides.email ?? `user${userCounter}-${Date.now()}@example.com`,
    name: overrides.name ?? `User ${userCounter}`,
    password: overrides.password ?? 'correct horse battery',
    locale: overrides.locale ?? 'en',
  };
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.body}`);
  const cookies = response.cookies;
  const session = cookies.find((c) => c.name === 'opsplan_session');
  const csrf = cookies.find((c) => c.name === 'opsplan_csrf');
  if (!session || !csrf) throw new Error('sign-up set no session cookies');
  const user = response.json<{ user: { id: string } }>().user;
  return {
    id: user.id,
    email: body.email,
    name: body.name,
    cookie: `opsplan_session=${session.value}; opsplan_csrf=${csrf.value}`,
    csrf: csrf.value,
  };
}

/** A request made as a user: cookie, CSRF token and English errors unless told otherwise. */
export function as(user: TestUser, options: InjectOptions): InjectOptions {
  return {
    ...options,
    headers: {
      cookie: user.cookie,
      'x-csrf-token': user.csrf,
      'accept-language': 'en',
      ...(options.headers ?? {}),
    },
  };
}

/** A workspace owned by `owner`, with further members in the given roles (joined by invitation). */
export async function createTestWorkspace(
  app: FastifyInstance,
  owner: TestUser,
  members: Partial<Record<Exclude<Role, 'owner'>, TestUser>> = {},
): Promise<string> {
  const created = await app.inject(
    as(owner, { method: 'POST', url: '/api/v1/workspaces', payload: { name: 'Growth team' } }),
  );
  if (created.statusCode !== 201) throw new Error(`workspace failed: ${created.body}`);
  const workspaceId = created.json<{ workspace: { id: string } }>().workspace.id;
  for (const [role, user] of Object.entries(members)) {
    const invitation = await app.inject(
      as(owner, {
        method: 'POST',
        url: `/api/v1/w/${workspaceId}/invitations`,
        payload: { role, expiresInDays: 7 },
      }),
    );
    if (invitation.statusCode !== 201) throw new Error(`invitation failed: ${invitation.body}`);
    const { token } = invitation.json<{ token: string }>();
    const accepted = await app.inject(
      as(user, { method: 'POST', url: `/api/v1/invitations/${token}/accept` }),
    );
    if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.body}`);
  }
  return workspaceId;
}

type MemberRole = Exclude<Role, 'owner'>;
export type TestTeam<R extends MemberRole> = { workspaceId: string; owner: TestUser } & Record<R, TestUser>;

/** A workspace with an owner and one signed-up member per role asked for. */
export async function createTestTeam<R extends MemberRole>(
  app: FastifyInstance,
  roles: readonly R[],
): Promise<TestTeam<R>> {
  const owner = await signUpUser(app);
  const members = {} as Record<R, TestUser>;
  for (const role of roles) members[role] = await signUpUser(app);
  const workspaceId = await createTestWorkspace(app, owner, members);
  return { workspaceId, owner, ...members };
}

/** Daily points from a day on, e.g. a month of sign-ups: `dailyPoints('2026-11-01', 30, (i) => 100 + i)`. */
export function dailyPoints(from: string, count: number, value: (index: number) => number) {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) => ({
    period: new Date(start + index * 86_400_000).toISOString().slice(0, 10),
    value: value(index),
  }));
}
