import { afterEach, beforeEach } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../core/permissions/index.ts';
import { wbsCodes } from '../../core/tasks/wbs.ts';
import type { AppConfig } from '../config.ts';
import { as, createTestApp, createTestWorkspace, signUpUser, type TestApp, type TestUser } from './app.ts';

/**
 * Factories for the objects most tests start from, so a test file says what it needs instead of repeating how
 * to make it: a fresh app with a team per test (`useTestTeam`), then tasks, goals, KPIs and processes made
 * through the API as a given member, and members beyond the team (`addMember`); a non-2xx answer throws with its body.
 */

type MemberRole = Exclude<Role, 'owner'>;

/** The app under test with one workspace, its owner and a member per role asked for; refilled for every test. */
export type TeamFixture<R extends MemberRole> = TestApp &
  Record<R, TestUser> & {
    workspaceId: string;
    owner: TestUser;
    /** `/api/v1/w/<workspace>` + suffix, for this test's workspace unless another is given. */
    url(suffix: string, workspaceId?: string): string;
    /** A request as a member (cookie, CSRF token, English errors). */
    inject(user: TestUser, options: InjectOptions): Promise<LightMyRequestResponse>;
    /** Runs the scheduler's due jobs until none is left (outbox deliveries, e-mails, reminders). */
    drain(): Promise<void>;
  };

/**
 * Registers a `beforeEach` that builds a fresh app (with `config` over the test defaults; a function is called
 * then, e.g. for a mail server a hook before it started) and a team with an owner and one member per role, each
 * signed up in English unless `locales` says otherwise, and an `afterEach` that closes it. Read the fixture
 * inside tests and hooks only: its fields change with every test. Hooks a file registers after this call run
 * after it (and their `afterEach` before its).
 */
export function useTestTeam<R extends MemberRole>(
  roles: readonly R[],
  {
    config = {},
    locales = {},
  }: {
    config?: Partial<AppConfig> | (() => Partial<AppConfig>);
    locales?: Partial<Record<R | 'owner', 'zh-CN' | 'en'>>;
  } = {},
): TeamFixture<R> {
  let app: TestApp | null = null;
  let team: Record<string, unknown> = {};
  const current = (): TestApp => {
    if (!app) throw new Error('useTestTeam: the fixture is read outside a test');
    return app;
  };
  const fixture = {
    get app() {
      return current().app;
    },
    get database() {
      return current().database;
    },
    get clock() {
      return current().clock;
    },
    close: () => current().close(),
    url: (suffix: string, workspaceId?: string) =>
      `/api/v1/w/${workspaceId ?? (team.workspaceId as string)}${suffix}`,
    inject: (user: TestUser, options: InjectOptions) => current().app.inject(as(user, options)),
    async drain() {
      while ((await current().app.services.scheduler.runDue()) > 0);
    },
  };
  for (const key of ['workspaceId', 'owner', ...roles]) {
    Object.defineProperty(fixture, key, { enumerable: true, get: () => team[key] });
  }
  beforeEach(async () => {
    app = await createTestApp(typeof config === 'function' ? config() : config);
    const signUp = (who: R | 'owner') => {
      const locale = locales[who];
      return signUpUser(current().app, locale ? { locale } : {});
    };
    const owner = await signUp('owner');
    const members = {} as Record<R, TestUser>;
    for (const role of roles) members[role] = await signUp(role);
    team = { workspaceId: await createTestWorkspace(app.app, owner, members), owner, ...members };
  });
  afterEach(async () => {
    const closing = app;
    app = null;
    team = {};
    await closing?.close();
  });
  return fixture as TeamFixture<R>;
}

/** Where the factories below make things: an app and a workspace (a TeamFixture is one). */
export type WorkspaceScope = { app: TestApp['app']; workspaceId: string };

async function created<T>(
  scope: WorkspaceScope,
  user: TestUser,
  path: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await scope.app.inject(
    as(user, { method: 'POST', url: `/api/v1/w/${scope.workspaceId}${path}`, payload, headers }),
  );
  if (response.statusCode !== 201)
    throw new Error(`POST ${path} answered ${response.statusCode}: ${response.body}`);
  return response.json<T>();
}

export type CreatedTask = { id: string; title: string; wbs: string; [field: string]: unknown };

/** A task (title 整理周报 unless given) as `user`. */
export async function createTask(
  scope: WorkspaceScope,
  user: TestUser,
  fields: Record<string, unknown> = {},
): Promise<CreatedTask> {
  return (await created<{ task: CreatedTask }>(scope, user, '/tasks', { title: '整理周报', ...fields })).task;
}

/** The workspace's tasks as the tree sees them, and the WBS codes core's `wbsCodes` gives the whole plan. */
export async function wholePlanCodes(scope: { database: TestApp['database']; workspaceId: string }) {
  const rows = await scope.database.db
    .selectFrom('tasks')
    .select(['id', 'parent_id', 'position'])
    .where('workspace_id', '=', scope.workspaceId)
    .execute();
  const codes = wbsCodes(
    rows.map((row) => ({ id: row.id, parentId: row.parent_id, position: row.position })),
  );
  return { rows, codes };
}

export type CreatedGoal = { id: string; title: string; [field: string]: unknown };

/** A top-level goal (提升用户留存, this quarter, unless given) as `user`. */
export async function createGoal(
  scope: WorkspaceScope,
  user: TestUser,
  fields: Record<string, unknown> = {},
): Promise<CreatedGoal> {
  return (
    await created<{ goal: CreatedGoal }>(scope, user, '/goals', {
      title: '提升用户留存',
      isTopLevel: true,
      startDate: '2026-10-01',
      dueDate: '2026-12-31',
      ...fields,
    })
  ).goal;
}

export type CreatedKpi = { id: string; key: string; name: string; [field: string]: unknown };

/** A KPI (a daily count of sign-ups unless given) as `user`. */
export async function createKpi(
  scope: WorkspaceScope,
  user: TestUser,
  fields: Record<string, unknown> = {},
): Promise<CreatedKpi> {
  return (
    await created<{ kpi: CreatedKpi }>(scope, user, '/kpis', {
      key: 'signups',
      name: '注册用户数',
      frequency: 'day',
      ...fields,
    })
  ).kpi;
}

export type CreatedProcess = {
  id: string;
  version: { id: string; steps: Array<{ id: string; key: string; name: string; slaHours: number | null }> };
  [field: string]: unknown;
};

/** A process from a built-in template (用户反馈处理, `feedback`, unless given), named in `locale`. */
export async function createProcess(
  scope: WorkspaceScope,
  user: TestUser,
  { templateKey = 'feedback', locale = 'zh-CN' }: { templateKey?: string; locale?: 'zh-CN' | 'en' } = {},
): Promise<CreatedProcess> {
  return created<CreatedProcess>(scope, user, '/processes', { templateKey }, { 'accept-language': locale });
}

/** Sets a member's job title (which role-owned process steps go by), as the owner or an admin. */
export async function setMemberTitle(
  scope: WorkspaceScope,
  by: TestUser,
  member: TestUser,
  title: string,
): Promise<void> {
  const response = await scope.app.inject(
    as(by, {
      method: 'PATCH',
      url: `/api/v1/w/${scope.workspaceId}/members/${member.id}`,
      payload: { title },
    }),
  );
  if (response.statusCode !== 200)
    throw new Error(`member title answered ${response.statusCode}: ${response.body}`);
}

/**
 * A new user (named, with an e-mail or language, if given) who joins the workspace in `role` by an invitation
 * from `by`, as people join: a member beyond the team's one per role, e.g. a named peer for a review.
 */
export async function addMember(
  scope: WorkspaceScope,
  by: TestUser,
  { role, ...person }: { role: MemberRole } & Parameters<typeof signUpUser>[1] = { role: 'member' },
): Promise<TestUser> {
  const user = await signUpUser(scope.app, person);
  const invitation = await scope.app.inject(
    as(by, {
      method: 'POST',
      url: `/api/v1/w/${scope.workspaceId}/invitations`,
      payload: { role, expiresInDays: 7 },
    }),
  );
  if (invitation.statusCode !== 201)
    throw new Error(`invitation answered ${invitation.statusCode}: ${invitation.body}`);
  const { token } = invitation.json<{ token: string }>();
  const accepted = await scope.app.inject(
    as(user, { method: 'POST', url: `/api/v1/invitations/${token}/accept` }),
  );
  if (accepted.statusCode !== 200)
    throw new Error(`accepting answered ${accepted.statusCode}: ${accepted.body}`);
  return user;
}
