// Database floor: the SQL an endpoint runs (captured from the app's own Kysely queries), replayed straight
// through the driver in a loop for a fixed time, in its own process. Reads a job file, prints one JSON line.
import { readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';

export type CapturedQuery = { sql: string; parameters: unknown[] };

export type DirectSqlJob = {
  dialect: 'sqlite' | 'postgres';
  sqliteFile: string | null;
  databaseUrl: string | null;
  /** One "operation" = these queries in order, as one request runs them. */
  queries: CapturedQuery[];
  connections: number;
  durationMs: number;
};

export type DirectSqlResult = { operations: number; opsPerSecond: number; p50Ms: number; p99Ms: number };

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

function summarise(latencies: number[], elapsedMs: number): DirectSqlResult {
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    opsPerSecond: (latencies.length * 1000) / elapsedMs,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

type SqliteValue = string | number | bigint | Buffer | null;

function sqliteParameters(parameters: readonly unknown[]): SqliteValue[] {
  return parameters.map((value) => (typeof value === 'boolean' ? Number(value) : (value as SqliteValue)));
}

// better-sqlite3 is synchronous: one connection, one query at a time, exactly as the app's single
// SQLite connection serves every request. Concurrency does not apply.
function runSqlite(job: DirectSqlJob): DirectSqlResult {
  if (!job.sqliteFile) throw new Error('sqliteFile missing');
  const db = new SQLite(job.sqliteFile, { readonly: true });
  db.pragma('busy_timeout = 5000');
  const statements = job.queries.map((query) => ({
    statement: db.prepare(query.sql),
    parameters: sqliteParameters(query.parameters),
  }));
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + job.durationMs;
  for (let now = started; now < deadline;) {
    const opStart = now;
    for (const { statement, parameters } of statements) {
      if (statement.reader) statement.all(...parameters);
      else statement.run(...parameters);
    }
    now = performance.now();
    latencies.push(now - opStart);
  }
  const elapsed = performance.now() - started;
  db.close();
  return summarise(latencies, elapsed);
}

async function runPostgres(job: DirectSqlJob): Promise<DirectSqlResult> {
  // The app's pool holds 10 connections; the floor gets the same.
  const pool = new pg.Pool({ connectionString: job.databaseUrl ?? '', max: Math.min(10, job.connections) });
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + job.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const opStart = performance.now();
      for (const query of job.queries) await pool.query(query.sql, query.parameters);
      latencies.push(performance.now() - opStart);
    }
  };
  await Promise.all(Array.from({ length: job.connections }, worker));
  const elapsed = performance.now() - started;
  await pool.end();
  return summarise(latencies, elapsed);
}

const jobFile = process.argv[2];
if (!jobFile) throw new Error('usage: direct-sql.ts <job.json>');
const job = JSON.parse(readFileSync(jobFile, 'utf8')) as DirectSqlJob;
const result = job.dialect === 'sqlite' ? runSqlite(job) : await runPostgres(job);
console.log(JSON.stringify(result));
