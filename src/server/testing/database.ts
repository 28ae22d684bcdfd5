import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Dialect } from '../../db/index.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { Database } from '../../db/types.ts';

/** `npm test` runs on SQLite, `npm run test:pg` on PostgreSQL: the same tests, the same assertions. */
export const TEST_DIALECT: Dialect = process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh database of the dialect under test with every migration applied; destroy() drops it.
 *
 * Migrating took ~0.1 s per test on SQLite and ~1.3 s on PostgreSQL, in every `beforeEach`. Now the schema is
 * migrated once: on SQLite into bytes each test opens in memory, on PostgreSQL into a template database each
 * test's database is created from (`CREATE DATABASE … TEMPLATE`). buildApp's own migrateToLatest then finds
 * nothing to do.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (TEST_DIALECT === 'sqlite') return openDatabase({ sqliteFile: await sqliteTemplate() });

  const name = `opsplan_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${await postgresTemplate()}`);
  } catch (error) {
    // A run on other migrations (another branch) dropped this template as stale: make it again, once.
    if ((error as { code?: string }).code !== '3D000') throw error;
    postgresTemplateName = null;
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${await postgresTemplate()}`);
  } finally {
    await admin.end();
  }
  const handle = openDatabase({ databaseUrl: databaseUrl(name), poolSize: 5 });
  return {
    ...handle,
    async destroy() {
      await handle.destroy();
      const cleanup = new pg.Client({ connectionString: ADMIN_URL });
      await cleanup.connect();
      // pool.end() resolves before its connections have closed; dropping them by force would hit the
      // closing clients with an error, so wait for them to go first.
      await waitForNoConnections(cleanup, name);
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

let sqliteBytes: Promise<Buffer> | null = null;

/** The migrated schema as a serialized SQLite database, made once per test process. */
function sqliteTemplate(): Promise<Buffer> {
  sqliteBytes ??= (async () => {
    const sqlite = new SQLite(':memory:');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrateToLatest(db);
    const bytes = sqlite.serialize();
    await db.destroy();
    return bytes;
  })();
  return sqliteBytes;
}

let postgresTemplateName: Promise<string> | null = null;

/**
 * A database migrated once and copied by every test, named by a hash of the migration files so a changed
 * migration makes a new one. Test files run in parallel processes: an advisory lock lets one of them build
 * it (under a scratch name, renamed when complete) while the others wait, then find it.
 */
export function postgresTemplate(): Promise<string> {
  postgresTemplateName ??= (async () => {
    const folder = new URL('../../db/migrations/', import.meta.url);
    const hash = createHash('sha256');
    for (const file of readdirSync(folder).sort())
      hash.update(file).update(readFileSync(new URL(file, folder)));
    const name = `opsplan_template_${hash.digest('hex').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`SELECT pg_advisory_lock(hashtext('opsplan test template'))`);
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) {
        const scratch = `${name}_${randomBytes(4).toString('hex')}`;
        await admin.query(`CREATE DATABASE ${scratch}`);
        const handle = openDatabase({ databaseUrl: databaseUrl(scratch), poolSize: 1 });
        try {
          await migrateToLatest(handle.db);
        } finally {
          await handle.destroy();
        }
        // A template must have no connections when it is copied: wait for the pool's to close.
        await waitForNoConnections(admin, scratch);
        await admin.query(`ALTER DATABASE ${scratch} RENAME TO ${name}`);
        await dropStaleTemplates(admin, name);
      }
    } finally {
      await admin.end();
    }
    return name;
  })();
  return postgresTemplateName;
}

/**
 * Templates of other migrations, and scratch copies a crashed build left, stay on the server for good: drop
 * them when a new template is made. One in use (being copied) is left for the next time.
 */
export async function dropStaleTemplates(admin: pg.Client, current: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'opsplan\\_template\\_%' AND datname <> $1`,
    [current],
  );
  for (const { datname } of rows) {
    await admin.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
  }
}

async function waitForNoConnections(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 250; attempt += 1) {
    const { rows } = await admin.query<{ count: string }>(
      'SELECT count(*) AS count FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    if (Number(rows[0]?.count ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Counts the transactions begun and open on `db` from now on, so a test can act while one runs (a request sent
 * while an import's transaction is open). Wraps `db.transaction()`; nothing else changes.
 */
export function watchTransactions(db: Kysely<Database>): { readonly open: number; readonly begun: number } {
  const state = { open: 0, begun: 0 };
  const begin = db.transaction.bind(db);
  Object.defineProperty(db, 'transaction', {
    configurable: true,
    value: () =>
      new Proxy(begin(), {
        get(builder, property) {
          if (property !== 'execute') {
            const value = Reflect.get(builder, property, builder) as unknown;
            // Kysely's builders keep their state in private fields: call their methods on the builder itself.
            return typeof value === 'function' ? (value as () => unknown).bind(builder) : value;
          }
          return <T>(callback: (trx: Transaction<Database>) => Promise<T>) =>
            builder.execute(async (trx) => {
              state.open += 1;
              state.begun += 1;
              try {
                return await callback(trx);
              } finally {
                state.open -= 1;
              }
            });
        },
      }),
  });
  return state;
}
