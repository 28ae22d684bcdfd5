// Module micro-benchmarks of the goals/KPIs issue, each against a baseline run in the same invocation:
// (i) 1,000,000-row CSV import through the app's importMeasurements (in files of the import's row limit) vs
//     a bare insert of the same rows,
// (ii) series query over 1,000,000 points of one KPI vs the same SQL straight through the driver,
// (iii) rollup of a 10,000-goal tree: rollupProgress vs a bare traversal, rollupGoals vs its own SQL.
// Runs in a scratch database (a temporary SQLite folder, or `<database>_micro` on PostgreSQL) that is dropped
// at the end. Standalone: `npx tsx bench/micro.ts --db sqlite|postgres [--rows 1000000] [--runs 7]`.
import { addDays, dayFromNumber, dayNumber } from '../src/core/days/index.ts';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { rollupProgress, type GoalNode } from '../src/core/goals/progress.ts';
import { openDatabase } from '../src/db/index.ts';
import type { Database } from '../src/db/types.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import type { Actor } from '../src/server/context.ts';
import { rollupGoals } from '../src/server/goals/refresh.ts';
import { MEASUREMENT_IMPORT_MAX_ROWS } from '../src/server/kpis/files.ts';
import { getSeries, importMeasurements } from '../src/server/kpis/service.ts';
import { insertRows } from './data/insert.ts';
import { parseArgs } from './lib/args.ts';
import { createIdFactory, createRandom } from './lib/random.ts';
import { ensureDatabaseExists, resolveTarget, type Target } from './lib/target.ts';

type Timing = { medianMs: number; p99Ms: number; runs: number };

export type MicroResult = {
  import: {
    rows: number;
    appRowsPerSecond: number;
    appSeconds: number;
    /** The same files as dry runs: reading and checking alone, no transaction. */
    dryRunSeconds: number;
    baselineRowsPerSecond: number;
    baselineSeconds: number;
    baseline: string;
    ratio: number;
  };
  series: { points: number; app: Timing; directSql: Timing; ratio: number };
  rollup: {
    goals: number;
    rollupProgress: Timing;
    bareTraversal: Timing;
    inMemoryRatio: number;
    rollupGoalsFirstRunMs: number;
    rollupGoals: Timing;
    directSql: Timing;
    databaseRatio: number;
  };
};

const args = parseArgs(process.argv.slice(2));
const rows = args.number('rows', 1_000_000);
const runs = args.number('runs', 7);
const goalCount = args.number('goals', 10_000);
/** Only (i), the import: `--import-only` when working on it. */
const importOnly = args.flag('import-only');
const ANCHOR = '2026-11-01';
const IMPORT_KPIS = 500;

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
  return { medianMs: round(at(0.5)), p99Ms: round(at(0.99)), runs: sorted.length };
}

const round = (value: number) => Math.round(value * 100) / 100;

async function time(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** A scratch database next to the real one, so the generated workspaces stay untouched. */
async function scratchTarget(base: Target): Promise<{ target: Target; drop(): Promise<void> }> {
  if (!base.databaseUrl) {
    const dataDir = path.resolve('data', `bench-micro-${process.pid}`);
    mkdirSync(dataDir, { recursive: true });
    return {
      target: { ...base, dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const url = new URL(base.databaseUrl);
  url.pathname = `${url.pathname}_micro`;
  const target: Target = { ...base, databaseUrl: url.toString() };
  const admin = new URL(base.databaseUrl);
  admin.pathname = '/postgres';
  const dropDatabase = async () => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${url.pathname.slice(1)} WITH (FORCE)`);
    await client.end();
  };
  await dropDatabase();
  await ensureDatabaseExists(target);
  return { target, drop: dropDatabase };
}

type MeasurementTuple = [string, string, string, number, string, string, number, number];

/** The driver-level baseline: one prepared statement in one transaction (SQLite), 1,000-row INSERTs (pg). */
async function bareInsert(target: Target, tuples: readonly MeasurementTuple[]): Promise<void> {
  const columns = 'kpi_id, period, workspace_id, value, source, created_by, created_at, updated_at';
  if (!target.databaseUrl) {
    const db = new SQLite(path.join(target.dataDir, 'opsplan.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare(`INSERT INTO measurements (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    db.transaction(() => {
      for (const tuple of tuples) insert.run(...tuple);
    })();
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  for (let start = 0; start < tuples.length; start += 1000) {
    const chunk = tuples.slice(start, start + 1000);
    const values: unknown[] = [];
    const placeholders = chunk.map((tuple, index) => {
      values.push(...tuple);
      return `(${tuple.map((_, column) => `$${index * 8 + column + 1}`).join(', ')})`;
    });
    await client.query(`INSERT INTO measurements (${columns}) VALUES ${placeholders.join(', ')}`, values);
  }
  await client.query('COMMIT');
  await client.end();
}

/** The same compiled SQL, straight through the driver, N times. */
async function directQuery(
  target: Target,
  compiled: { sql: string; parameters: readonly unknown[] },
  count: number,
): Promise<number[]> {
  const samples: number[] = [];
  if (!target.databaseUrl) {
    const db = new SQLite(path.join(target.dataDir, 'opsplan.db'), { readonly: true });
    const statement = db.prepare(compiled.sql);
    const parameters = compiled.parameters as Array<string | number | null>;
    for (let run = 0; run < count; run += 1) samples.push(await time(() => statement.all(...parameters)));
    db.close();
    return samples;
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  for (let run = 0; run < count; run += 1) {
    samples.push(await time(() => client.query(compiled.sql, [...compiled.parameters])));
  }
  await client.end();
  return samples;
}

async function vacuum(target: Target): Promise<void> {
  if (!target.databaseUrl) return;
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  await client.query('VACUUM ANALYZE');
  await client.end();
}

function log(message: string): void {
  console.error(`  [micro] ${message}`);
}

async function main(): Promise<MicroResult | Pick<MicroResult, 'import'>> {
  const base = resolveTarget(args, 'medium');
  const scratch = await scratchTarget(base);
  const target = scratch.target;
  const handle = openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
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
    { database: handle },
  );
  const services = app.services;
  const db: Kysely<Database> = handle.db;
  try {
    const random = createRandom(7);
    const newId = createIdFactory(random);
    const now = Date.parse(`${ANCHOR}T10:00:00+08:00`);
    const userId = newId(now);
    const workspaceId = newId(now);
    await db
      .insertInto('users')
      .values({
        id: userId,
        email: 'micro@bench.opsplan.test',
        name: '微基准',
        password_hash: 'disabled',
        locale: 'zh-CN',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('workspaces')
      .values({
        id: workspaceId,
        name: 'OpsPlan bench · micro',
        created_by: userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('memberships')
      .values({
        workspace_id: workspaceId,
        user_id: userId,
        role: 'owner',
        title: null,
        weekly_capacity_hours: 40,
        created_at: now,
      })
      .execute();
    const actor: Actor = {
      userId,
      name: '微基准',
      email: 'micro@bench.opsplan.test',
      locale: 'zh-CN',
      sessionId: null,
      csrfToken: null,
      tokenWorkspaceId: null,
    };
    const kpi = (key: string) => ({
      id: newId(now),
      workspace_id: workspaceId,
      key,
      name: `导入指标 ${key}`,
      unit: '人',
      direction: 'higher',
      aggregation: 'sum',
      frequency: 'day',
      formula: null,
      owner_id: userId,
      green: 100,
      amber: 80,
      description: null,
      status: null,
      last_value: null,
      last_period: null,
      created_at: now,
      updated_at: now,
    });
    const importKpis = Array.from({ length: IMPORT_KPIS }, (_, index) =>
      kpi(`imp_${String(index).padStart(3, '0')}`),
    );
    const seriesKpi = kpi('series_1m');
    await insertRows(db, 'kpis', 18, [...importKpis, seriesKpi]);

    // (i) import: the same rows as CSV for the app, as tuples for the bare insert.
    const days = Math.ceil(rows / IMPORT_KPIS);
    const lines = ['kpi,period,value'];
    const tuples: MeasurementTuple[] = [];
    for (const importKpi of importKpis) {
      for (let day = 0; day < days && tuples.length < rows; day += 1) {
        const period = addDays(ANCHOR, day - days + 1);
        const value = 100 + Math.round(random.next() * 5000) / 100;
        lines.push(`${importKpi.key},${period},${value}`);
        tuples.push([importKpi.id, period, workspaceId, value, 'import', userId, now, now]);
      }
    }
    // An import reads at most MEASUREMENT_IMPORT_MAX_ROWS rows: the app gets the rows as files of that size.
    const csvFiles: string[] = [];
    for (let at = 1; at < lines.length; at += MEASUREMENT_IMPORT_MAX_ROWS) {
      const csvFile = path.join(os.tmpdir(), `opsplan-bench-import-${process.pid}-${csvFiles.length}.csv`);
      writeFileSync(
        csvFile,
        `${[lines[0], ...lines.slice(at, at + MEASUREMENT_IMPORT_MAX_ROWS)].join('\n')}\n`,
      );
      csvFiles.push(csvFile);
    }
    lines.length = 0;
    log(`bare insert of ${tuples.length.toLocaleString('en-US')} rows (baseline)`);
    const baselineMs = await time(() => bareInsert(target, tuples));
    await db.deleteFrom('measurements').where('workspace_id', '=', workspaceId).execute();
    await vacuum(target);
    log(`importMeasurements of the same rows from ${csvFiles.length} CSV files (app)`);
    const files = csvFiles.map((csvFile) => readFileSync(csvFile));
    for (const csvFile of csvFiles) rmSync(csvFile);
    const dryRunMs = await time(async () => {
      for (const file of files)
        await importMeasurements(
          { services, actor, workspaceId, locale: 'zh-CN' },
          { file, options: { dryRun: true, skipBadRows: false } },
        );
    });
    let saved = 0;
    const appMs = await time(async () => {
      for (const file of files) {
        const report = await importMeasurements(
          { services, actor, workspaceId, locale: 'zh-CN' },
          { file, options: { dryRun: false, skipBadRows: false } },
        );
        saved += report.saved;
      }
    });
    if (saved !== tuples.length) throw new Error(`import saved ${saved} of ${tuples.length} rows`);
    const importResult = {
      rows: tuples.length,
      appSeconds: round(appMs / 1000),
      dryRunSeconds: round(dryRunMs / 1000),
      appRowsPerSecond: Math.round((tuples.length * 1000) / appMs),
      baselineSeconds: round(baselineMs / 1000),
      baselineRowsPerSecond: Math.round((tuples.length * 1000) / baselineMs),
      baseline: target.databaseUrl
        ? 'pg: 1,000-row INSERTs in one transaction'
        : 'better-sqlite3: one prepared INSERT in one transaction',
      ratio: round(baselineMs / appMs),
    };
    if (importOnly) return { import: importResult };

    // (ii) series over 1,000,000 points of one KPI: one a day from 0001-01-01 (the only way one daily KPI
    // holds a million points).
    const first = dayNumber('0001-01-01');
    const seriesTuples: MeasurementTuple[] = Array.from({ length: rows }, (_, index) => [
      seriesKpi.id,
      dayFromNumber(first + index),
      workspaceId,
      1000 + (index % 97),
      'import',
      userId,
      now,
      now,
    ]);
    await bareInsert(target, seriesTuples);
    seriesTuples.length = 0;
    await vacuum(target);
    log(`series of ${rows.toLocaleString('en-US')} points, ${runs} runs each`);
    const appSeries: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      appSeries.push(
        await time(() =>
          getSeries({ services, actor, workspaceId, locale: actor.locale }, { key: 'series_1m', query: {} }),
        ),
      );
    }
    // Replicates selectMeasurements in src/server/kpis/queries.ts (the query getSeries runs for a plain KPI).
    const seriesSql = db
      .selectFrom('measurements')
      .select(['kpi_id', 'period', 'value'])
      .where('kpi_id', 'in', [seriesKpi.id])
      .orderBy('kpi_id')
      .orderBy('period')
      .compile();
    const directSeries = await directQuery(target, seriesSql, runs);

    // (iii) rollup of a 10,000-goal tree, depth up to 5, one to three key results each.
    const goalIds: string[] = [];
    const depthOf: number[] = [];
    const goalRows = [];
    const keyResultRows = [];
    for (let index = 0; index < goalCount; index += 1) {
      const id = newId(now + index);
      let parentIndex: number | null = null;
      if (index >= 50) {
        const candidate = random.int(Math.max(0, index - 500), index - 1);
        parentIndex = (depthOf[candidate] ?? 0) < 4 ? candidate : random.int(0, 49);
      }
      goalIds.push(id);
      depthOf.push(parentIndex === null ? 0 : (depthOf[parentIndex] ?? 0) + 1);
      goalRows.push({
        id,
        workspace_id: workspaceId,
        parent_id: parentIndex === null ? null : (goalIds[parentIndex] ?? null),
        title: `目标 ${index}`,
        description: null,
        owner_id: userId,
        start_date: addDays(ANCHOR, -60),
        due_date: addDays(ANCHOR, 60),
        status: 'active',
        weight: 1,
        is_top_level: parentIndex === null ? 1 : 0,
        progress: 0,
        projected_progress: null,
        health: 'no_data',
        health_reason: null,
        created_at: now,
        updated_at: now,
      });
      for (let position = 0; position < random.int(1, 3); position += 1) {
        const progress = Math.round(random.next() * 100) / 100;
        const onKpi = random.chance(0.7);
        keyResultRows.push({
          id: newId(now + index),
          workspace_id: workspaceId,
          goal_id: id,
          title: `关键结果 ${position + 1}`,
          kpi_id: onKpi ? random.pick(importKpis).id : null,
          baseline: onKpi ? 100 : null,
          target: onKpi ? 150 : null,
          weight: 1,
          is_done: 0,
          current: onKpi ? 100 + progress * 50 : null,
          progress,
          projected_progress: onKpi ? Math.min(1, progress * 1.3) : null,
          projected_value: null,
          reach_date: null,
          position,
          created_at: now,
          updated_at: now,
        });
      }
    }
    await insertRows(db, 'goals', 17, goalRows);
    await insertRows(db, 'key_results', 17, keyResultRows);
    await vacuum(target);

    const nodes = new Map<string, GoalNode & { children: GoalNode[] }>();
    for (const goal of goalRows)
      nodes.set(goal.id, { id: goal.id, weight: goal.weight, keyResults: [], children: [] });
    for (const keyResult of keyResultRows) {
      const node = nodes.get(keyResult.goal_id);
      if (node)
        (node.keyResults as Array<{ weight: number; progress: number }>).push({
          weight: keyResult.weight,
          progress: keyResult.progress,
        });
    }
    const roots: GoalNode[] = [];
    for (const goal of goalRows) {
      const node = nodes.get(goal.id);
      const parent = goal.parent_id ? nodes.get(goal.parent_id) : undefined;
      if (node && parent) parent.children.push(node);
      else if (node) roots.push(node);
    }
    const memoryRuns = runs * 5;
    log(`rollupProgress over ${goalCount.toLocaleString('en-US')} goals, ${memoryRuns} runs`);
    const rollupSamples: number[] = [];
    const traversalSamples: number[] = [];
    let checksum = 0;
    for (let run = 0; run < memoryRuns; run += 1) {
      rollupSamples.push(await time(() => rollupProgress(roots)));
      // Floor: visit every goal and key result once with the same explicit stack, no arithmetic beyond a sum.
      traversalSamples.push(
        await time(() => {
          const stack = [...roots];
          for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
            for (const keyResult of node.keyResults) checksum += keyResult.progress;
            stack.push(...node.children);
          }
        }),
      );
    }
    if (checksum < 0) console.error(checksum);

    log(`rollupGoals against the database, ${runs} runs after a first run that writes every goal`);
    const today = addDays(ANCHOR, 0);
    const firstRunMs = await time(() =>
      db.transaction().execute((trx) => rollupGoals(services, trx, workspaceId, today, now)),
    );
    const databaseSamples: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      databaseSamples.push(
        await time(() =>
          db.transaction().execute((trx) => rollupGoals(services, trx, workspaceId, today, now)),
        ),
      );
    }
    // Replicates the two reads of rollupGoals in src/server/goals/refresh.ts.
    const goalsSql = db
      .selectFrom('goals')
      .select([
        'id',
        'parent_id',
        'weight',
        'start_date',
        'due_date',
        'progress',
        'projected_progress',
        'health',
        'health_reason',
      ])
      .where('workspace_id', '=', workspaceId)
      .compile();
    const keyResultsSql = db
      .selectFrom('key_results')
      .select(['goal_id', 'weight', 'kpi_id', 'is_done', 'current', 'progress', 'projected_progress'])
      .where('workspace_id', '=', workspaceId)
      .compile();
    const goalsDirect = await directQuery(target, goalsSql, runs);
    const keyResultsDirect = await directQuery(target, keyResultsSql, runs);
    const directRollup = goalsDirect.map((ms, index) => ms + (keyResultsDirect[index] ?? 0));

    const appSeriesTiming = timing(appSeries);
    const directSeriesTiming = timing(directSeries);
    const rollupTiming = timing(rollupSamples);
    const traversalTiming = timing(traversalSamples);
    const databaseTiming = timing(databaseSamples);
    const directRollupTiming = timing(directRollup);
    return {
      import: importResult,
      series: {
        points: rows,
        app: appSeriesTiming,
        directSql: directSeriesTiming,
        ratio: round(directSeriesTiming.medianMs / appSeriesTiming.medianMs),
      },
      rollup: {
        goals: goalCount,
        rollupProgress: rollupTiming,
        bareTraversal: traversalTiming,
        inMemoryRatio: round(traversalTiming.medianMs / rollupTiming.medianMs),
        rollupGoalsFirstRunMs: round(firstRunMs),
        rollupGoals: databaseTiming,
        directSql: directRollupTiming,
        databaseRatio: round(directRollupTiming.medianMs / databaseTiming.medianMs),
      },
    };
  } finally {
    await app.close();
    await handle.destroy();
    await scratch.drop();
  }
}

const result = await main();
console.log(`RESULT ${JSON.stringify(result)}`);
