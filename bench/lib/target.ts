import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Dialect } from '../../src/db/index.ts';
import type { Args } from './args.ts';

export type Scale = 'small' | 'medium' | 'large';

/** How big each generated workspace is. `large` is the size the goals/KPIs issue asks for. */
export type ScaleSpec = {
  members: number;
  goals: number;
  kpis: number;
  measurements: number;
  /** Share of KPIs that are formulas over two other KPIs. */
  formulaShare: number;
  auditEntries: number;
  /** Milestones, tasks and subtasks, each with two finish-to-start dependencies on earlier work. */
  tasks: number;
  /** Run the 1,000,000-row module micro-benchmarks by default at this scale. */
  runsMicroByDefault: boolean;
};

export const SCALES: Record<Scale, ScaleSpec> = {
  small: {
    members: 20,
    goals: 100,
    kpis: 200,
    measurements: 20_000,
    formulaShare: 0.05,
    auditEntries: 2_000,
    tasks: 1_000,
    runsMicroByDefault: false,
  },
  medium: {
    members: 100,
    goals: 1_000,
    kpis: 2_000,
    measurements: 200_000,
    formulaShare: 0.05,
    auditEntries: 20_000,
    tasks: 10_000,
    runsMicroByDefault: true,
  },
  large: {
    members: 500,
    goals: 5_000,
    kpis: 20_000,
    measurements: 2_000_000,
    formulaShare: 0.05,
    auditEntries: 200_000,
    tasks: 100_000,
    runsMicroByDefault: true,
  },
};

export function parseScale(value: string | undefined): Scale {
  const scale = value ?? 'small';
  if (scale === 'small' || scale === 'medium' || scale === 'large') return scale;
  throw new Error(`--scale must be small, medium or large (got "${scale}")`);
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/opsplan_bench';

/** Where the benchmark data lives: a SQLite folder per scale, or one PostgreSQL database for all scales. */
export type Target = { dialect: Dialect; dataDir: string; databaseUrl: string | undefined };

export function resolveTarget(args: Args, scale: Scale): Target {
  const db = args.string('db') ?? 'sqlite';
  if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db must be sqlite or postgres (got "${db}")`);
  const dataDir = path.resolve(args.string('data-dir') ?? path.join('data', `bench-${scale}`));
  if (db === 'sqlite') return { dialect: 'sqlite', dataDir, databaseUrl: undefined };
  const databaseUrl = args.string('database-url') ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const host = new URL(databaseUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new Error(`benchmarks only touch 127.0.0.1: refusing ${host}`);
  }
  return { dialect: 'postgres', dataDir, databaseUrl };
}

/** The environment a server child (or any child opening the database) needs. */
export function targetEnv(target: Target): Record<string, string> {
  return target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : { DATA_DIR: target.dataDir };
}

/** Creates the PostgreSQL database when it does not exist yet (SQLite files are created on open). */
export async function ensureDatabaseExists(target: Target): Promise<void> {
  if (!target.databaseUrl) return;
  const url = new URL(target.databaseUrl);
  const name = url.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name "${name}"`);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

export function openTarget(target: Target, poolSize?: number): DatabaseHandle {
  return openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir, poolSize });
}

export function sqliteFile(target: Target): string {
  return path.join(target.dataDir, 'opsplan.db');
}

async function adminQuery(url: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/**
 * A database of its own for a bench that builds its workspace over the API: SQLite in a scratch folder, or the
 * PostgreSQL database `<name>_<label>` (127.0.0.1 only) made afresh; `cleanup` removes either.
 */
export async function scratchTarget(
  args: Args,
  dialect: Dialect,
  label: string,
): Promise<{ target: Target; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `opsplan-${label}-`));
    return {
      target: { dialect, dataDir, databaseUrl: undefined },
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const base = new URL(args.string('database-url') ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  if (base.hostname !== '127.0.0.1' && base.hostname !== 'localhost') throw new Error('127.0.0.1 only');
  const name = `${base.pathname.slice(1)}_${label}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const admin = new URL(base);
  admin.pathname = '/postgres';
  await adminQuery(admin.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(admin.toString(), `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    target: { dialect, dataDir: os.tmpdir(), databaseUrl: url.toString() },
    cleanup: () => adminQuery(admin.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
