import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { createBulkWriter } from '../../src/db/bulk.ts';
import type { Database } from '../../src/db/types.ts';
import { buildApp } from '../../src/server/app.ts';
import { resolveSession } from '../../src/server/auth/service.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Actor, Services } from '../../src/server/context.ts';
import { getDashboard, getGoal, listGoalNodes } from '../../src/server/goals/service.ts';
import { getSeries, listKpis } from '../../src/server/kpis/service.ts';
import { requireMembership } from '../../src/server/workspaces/access.ts';
import { listMembers } from '../../src/server/workspaces/service.ts';
import type { CapturedQuery } from '../baselines/direct-sql.ts';
import type { WorkspaceInfo } from '../data/workspace.ts';
import { sqliteFile, type Target } from './target.ts';

export type ReadEndpoint =
  'dashboard' | 'goals' | 'goalsAll' | 'goal' | 'series' | 'kpis' | 'kpisAll' | 'members';

/**
 * The exact SQL each read endpoint runs, taken from the app itself: the request's session lookup and
 * membership check (the auth plugin's hooks), then the service function the route calls, executed once over
 * a Kysely instance whose log hook records every compiled query. Nothing is re-typed by hand.
 */
export async function captureEndpointSql(
  target: Target,
  info: WorkspaceInfo,
  sessionToken: string,
): Promise<Record<ReadEndpoint, CapturedQuery[]>> {
  let recording: CapturedQuery[] | null = null;
  const log = (event: LogEvent) => {
    recording?.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
  };
  const db = target.databaseUrl
    ? new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.databaseUrl, max: 2 }) }),
        log,
      })
    : new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(sqliteFile(target)) }), log });
  const app = await buildApp(
    loadConfig(
      {
        logLevel: 'warn',
        runScheduler: false,
        webDir: null,
        dataDir: target.dataDir,
        databaseUrl: target.databaseUrl,
      },
      {},
    ),
    {
      database: {
        db,
        dialect: target.dialect,
        sqlitePath: null,
        ping: async () => {
          await sql`SELECT 1`.execute(db);
        },
        bulk: createBulkWriter(target.dialect),
        destroy: () => db.destroy(),
      },
    },
  );
  const services: Services = app.services;
  const record = async (run: (actor: Actor) => Promise<unknown>): Promise<CapturedQuery[]> => {
    recording = [];
    const actor = await resolveSession(services, sessionToken);
    if (!actor) throw new Error('the bench session is not valid');
    await requireMembership(services.db, actor, info.workspaceId);
    await run(actor);
    const queries = recording;
    recording = null;
    return queries;
  };
  const ws = info.workspaceId;
  try {
    return {
      dashboard: await record((actor) => getDashboard(services, actor, ws, 'zh-CN')),
      goals: await record((actor) => listGoalNodes(services, actor, ws, { parentId: 'root' })),
      goalsAll: await record((actor) => listGoalNodes(services, actor, ws, {})),
      goal: await record((actor) =>
        getGoal({ services, actor, workspaceId: ws, locale: 'zh-CN' }, { goalId: info.goalId }),
      ),
      series: await record((actor) =>
        getSeries(
          { services, actor, workspaceId: ws, locale: actor.locale },
          { key: info.seriesKpiKey, query: { from: info.seriesFrom, to: info.seriesTo } },
        ),
      ),
      kpis: await record((actor) => listKpis(services, actor, ws, { limit: 50 })),
      kpisAll: await record((actor) => listKpis(services, actor, ws)),
      members: await record((actor) => listMembers(services, actor, ws)),
    };
  } finally {
    await app.close();
    await db.destroy();
  }
}
