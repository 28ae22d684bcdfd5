import { addDays } from '../../src/core/days/index.ts';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/types.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { refreshKpisAndGoals } from '../../src/server/goals/refresh.ts';
import { hashPassword } from '../../src/server/secrets.ts';
import { createIdFactory, createRandom } from '../lib/random.ts';
import { ensureDatabaseExists, openTarget, SCALES, type Scale, type Target } from '../lib/target.ts';
import { benchUserEmail, GENERATORS, HEADLINE_KPIS, type GeneratorContext } from './generators.ts';

export const SEED = 20_261_127;
export const ANCHOR_DAY = '2026-11-01';
export const BENCH_PASSWORD = 'opsplan-bench-password';

const markerName = (scale: Scale) => `OpsPlan bench · ${scale}`;
const pendingName = (scale: Scale) => `${markerName(scale)} (generating)`;

/** What the load test needs to know about a generated workspace. */
export type WorkspaceInfo = {
  scale: Scale;
  workspaceId: string;
  email: string;
  password: string;
  /** A sub-goal with key results on KPIs: the "goal page". */
  goalId: string;
  /** The goal with the most tasks: "timeline data". */
  timelineGoalId: string | null;
  /** A daily KPI with two years of data: "KPI series for a year". */
  seriesKpiKey: string;
  /** A daily KPI with key results on it: "measurement push" refreshes real goals. */
  pushKpiKey: string;
  seriesFrom: string;
  seriesTo: string;
  anchorDay: string;
  counts: Record<string, number>;
  generatedNow: boolean;
  generationSeconds: number | null;
  refreshSeconds: number | null;
};

async function removeIncomplete(db: Kysely<Database>, scale: Scale): Promise<void> {
  const pending = await db.selectFrom('workspaces').select('id').where('name', '=', pendingName(scale)).execute();
  for (const { id } of pending) {
    console.log(`  removing an incomplete ${scale} workspace from an interrupted run`);
    const kpiIds = db.selectFrom('kpis').select('id').where('workspace_id', '=', id);
    // Children first: key results restrict KPI deletion, so cascade order cannot be left to chance.
    await db.deleteFrom('check_ins').where('workspace_id', '=', id).execute();
    await db.deleteFrom('key_results').where('workspace_id', '=', id).execute();
    await db.updateTable('goals').set({ parent_id: null }).where('workspace_id', '=', id).execute();
    await db.deleteFrom('goals').where('workspace_id', '=', id).execute();
    await db.deleteFrom('measurements').where('kpi_id', 'in', kpiIds).execute();
    await db.deleteFrom('kpis').where('workspace_id', '=', id).execute();
    await db.deleteFrom('audit_entries').where('workspace_id', '=', id).execute();
    await db.deleteFrom('events').where('workspace_id', '=', id).execute();
    await db.deleteFrom('memberships').where('workspace_id', '=', id).execute();
    await db.deleteFrom('workspaces').where('id', '=', id).execute();
  }
  await db.deleteFrom('users').where('email', 'like', `%.${scale}@bench.opsplan.test`).execute();
}

async function generate(db: Kysely<Database>, target: Target, scale: Scale): Promise<{ seconds: number }> {
  const started = performance.now();
  const random = createRandom(SEED + scale.length);
  const newId = createIdFactory(random);
  const anchorMs = Date.parse(`${ANCHOR_DAY}T10:00:00+08:00`);
  const benchUserId = newId(anchorMs - 500 * 86_400_000);
  const workspaceId = newId(anchorMs - 500 * 86_400_000);
  const createdAt = anchorMs - 500 * 86_400_000;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id: benchUserId,
        email: benchUserEmail(scale),
        name: '运营负责人 Bench',
        password_hash: await hashPassword(BENCH_PASSWORD),
        locale: 'zh-CN',
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    await trx
      .insertInto('workspaces')
      .values({
        id: workspaceId,
        name: pendingName(scale),
        created_by: benchUserId,
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    await trx
      .insertInto('memberships')
      .values({
        workspace_id: workspaceId,
        user_id: benchUserId,
        role: 'owner',
        title: '运营总监',
        weekly_capacity_hours: 40,
        created_at: createdAt,
      })
      .execute();
  });
  const context: GeneratorContext = {
    db,
    scale,
    spec: SCALES[scale],
    random,
    newId,
    workspaceId,
    benchUserId,
    anchorDay: ANCHOR_DAY,
    anchorMs,
    memberIds: [],
    kpis: [],
    goals: [],
  };
  for (const generator of GENERATORS) {
    console.log(`- ${generator.name}`);
    await generator.run(context);
  }
  // Statistics for the planner after the bulk load, on both databases (the app refreshes them as data grows).
  await sql`ANALYZE`.execute(db);
  return { seconds: (performance.now() - started) / 1000 };
}

/**
 * The app's own refresh over every KPI and goal, so stored status, progress, forecast and health are what
 * the app would have computed itself. Uses the real Services of a built (not listening) app.
 */
async function refreshAll(target: Target, workspaceId: string): Promise<number> {
  const handle = openTarget(target);
  const app = await buildApp(
    loadConfig({ logLevel: 'warn', runScheduler: false, webDir: null, dataDir: target.dataDir, databaseUrl: target.databaseUrl }, {}),
    { database: handle },
  );
  const started = performance.now();
  try {
    await handle.db.transaction().execute((trx) => refreshKpisAndGoals(app.services, trx, workspaceId, 'all'));
  } finally {
    await app.close();
    await handle.destroy();
  }
  return (performance.now() - started) / 1000;
}

async function describe(db: Kysely<Database>, scale: Scale, workspaceId: string) {
  const goal = await db
    .selectFrom('key_results')
    .innerJoin('goals', 'goals.id', 'key_results.goal_id')
    .select('goals.id')
    .where('key_results.workspace_id', '=', workspaceId)
    .where('key_results.kpi_id', 'is not', null)
    .where('goals.parent_id', 'is not', null)
    .orderBy('goals.id')
    .limit(1)
    .executeTakeFirst();
  const headline = await db
    .selectFrom('kpis')
    .select(['key', 'id'])
    .where('workspace_id', '=', workspaceId)
    .where('frequency', '=', 'day')
    .where('formula', 'is', null)
    .orderBy('key')
    .execute();
  const isHeadline = (key: string) => Number(key.slice(-5)) < HEADLINE_KPIS;
  const headlineKeys = headline.filter((kpi) => isHeadline(kpi.key));
  const withKeyResult = await db
    .selectFrom('key_results')
    .innerJoin('kpis', 'kpis.id', 'key_results.kpi_id')
    .select('kpis.key')
    .where('key_results.workspace_id', '=', workspaceId)
    .where(
      'kpis.key',
      'in',
      headlineKeys.map((kpi) => kpi.key),
    )
    .orderBy('kpis.key')
    .limit(1)
    .executeTakeFirst();
  const busiest = await db
    .selectFrom('tasks')
    .select(['goal_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .where('goal_id', 'is not', null)
    .groupBy('goal_id')
    .orderBy('count', 'desc')
    .orderBy('goal_id')
    .limit(1)
    .executeTakeFirst();
  const seriesKpiKey = headlineKeys[0]?.key;
  if (!goal || !seriesKpiKey) throw new Error(`the ${scale} workspace has no goal with key results or no daily KPI`);

  const count = async (
    table: 'memberships' | 'goals' | 'key_results' | 'kpis' | 'check_ins' | 'audit_entries' | 'tasks' | 'task_dependencies',
  ) => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  };
  const measurements = await db
    .selectFrom('measurements')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('kpi_id', 'in', db.selectFrom('kpis').select('id').where('workspace_id', '=', workspaceId))
    .executeTakeFirstOrThrow();
  return {
    goalId: goal.id,
    timelineGoalId: busiest?.goal_id ?? null,
    seriesKpiKey,
    pushKpiKey: withKeyResult?.key ?? headlineKeys[1]?.key ?? seriesKpiKey,
    counts: {
      members: await count('memberships'),
      goals: await count('goals'),
      keyResults: await count('key_results'),
      kpis: await count('kpis'),
      measurements: Number(measurements.count),
      checkIns: await count('check_ins'),
      auditEntries: await count('audit_entries'),
      tasks: await count('tasks'),
      taskDependencies: await count('task_dependencies'),
    },
  };
}

/** Generates the workspace of this scale unless a complete one is already there (marked by its name). */
export async function ensureWorkspace(target: Target, scale: Scale, options: { force?: boolean } = {}): Promise<WorkspaceInfo> {
  await ensureDatabaseExists(target);
  const handle = openTarget(target);
  try {
    await migrateToLatest(handle.db);
    let existing = await handle.db.selectFrom('workspaces').select('id').where('name', '=', markerName(scale)).executeTakeFirst();
    if (existing && options.force) {
      await handle.db.updateTable('workspaces').set({ name: pendingName(scale) }).where('id', '=', existing.id).execute();
      existing = undefined;
    }
    let generationSeconds: number | null = null;
    let refreshSeconds: number | null = null;
    let workspaceId = existing?.id;
    if (workspaceId) {
      console.log(`The ${scale} workspace already exists in ${describeTarget(target)}: skipping generation.`);
    } else {
      console.log(`Generating the ${scale} workspace in ${describeTarget(target)} (seed ${SEED}):`);
      await removeIncomplete(handle.db, scale);
      generationSeconds = (await generate(handle.db, target, scale)).seconds;
      const created = await handle.db
        .selectFrom('workspaces')
        .select('id')
        .where('name', '=', pendingName(scale))
        .executeTakeFirstOrThrow();
      workspaceId = created.id;
      console.log(`- refresh: the app's refreshKpisAndGoals(…, 'all') over every KPI and goal`);
      refreshSeconds = await refreshAll(target, workspaceId);
      console.log(`  refreshed in ${refreshSeconds.toFixed(1)} s`);
      await handle.db.updateTable('workspaces').set({ name: markerName(scale) }).where('id', '=', workspaceId).execute();
      console.log(`Generated in ${(generationSeconds + refreshSeconds).toFixed(1)} s.`);
    }
    const details = await describe(handle.db, scale, workspaceId);
    return {
      scale,
      workspaceId,
      email: benchUserEmail(scale),
      password: BENCH_PASSWORD,
      ...details,
      seriesFrom: addDays(ANCHOR_DAY, -364),
      seriesTo: ANCHOR_DAY,
      anchorDay: ANCHOR_DAY,
      generatedNow: generationSeconds !== null,
      generationSeconds,
      refreshSeconds,
    };
  } finally {
    await handle.destroy();
  }
}

export function describeTarget(target: Target): string {
  if (!target.databaseUrl) return `SQLite ${target.dataDir}/opsplan.db`;
  const url = new URL(target.databaseUrl);
  return `PostgreSQL ${url.host}${url.pathname}`;
}
