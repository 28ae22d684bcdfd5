import type { Locale } from '../core/i18n/index.ts';
import type { BulkWriter } from '../db/bulk.ts';
import type { Dialect } from '../db/index.ts';
import type { Db } from '../db/types.ts';
import type { AppConfig } from './config.ts';
import type { Outbox } from './events/outbox.ts';
import type { Scheduler } from './jobs/scheduler.ts';
import type { LiveBus } from './notifications/live.ts';

/** Who is calling: a signed-in browser session or an API token bound to one workspace. */
export type Actor = {
  userId: string;
  name: string;
  email: string;
  locale: Locale;
  sessionId: string | null;
  csrfToken: string | null;
  /** Set when the call comes with an API token: the only workspace it may touch. */
  tokenWorkspaceId: string | null;
  /**
   * The caller's role in the path's workspace, read with the session when the request began (null: not a member),
   * so the route's own authorize does not read it again. An actor lives for one request: the next request reads
   * the membership afresh, so a removed member is refused on it.
   */
  membership?: { workspaceId: string; role: string | null } | undefined;
};

/** What services need from the running app; passed explicitly, never imported. */
export type Services = {
  db: Db;
  dialect: Dialect;
  /** Throws when the database does not answer; never queues behind a running SQLite transaction. */
  ping: () => Promise<void>;
  /** Multi-row upserts in a transaction: prepared statements on SQLite, unnest arrays on PostgreSQL. */
  bulk: BulkWriter;
  config: AppConfig;
  now: () => number;
  scheduler: Scheduler;
  outbox: Outbox;
  /** Live updates to open browsers, across instances on PostgreSQL. */
  live: LiveBus;
};

/**
 * Who asks a workspace's use case, where and in which language: the first argument of a service that needs more
 * than the workspace and one id; what it is asked comes second, as one input object.
 */
export type WorkspaceContext = { services: Services; actor: Actor; workspaceId: string; locale: Locale };

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** Unsafe methods skip the CSRF check (sign-up and log-in have no session yet). */
    skipCsrf?: boolean;
    /** Reachable without signing in; every other /api/v1 route answers 401 before validating anything. */
    isPublic?: boolean;
  }
}
