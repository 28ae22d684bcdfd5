import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Dialect } from '../../db/index.ts';
import type { Database } from '../../db/types.ts';

/** `npm test` runs on SQLite, `npm run test:pg` on PostgreSQL: the same tests, the same assertions. */
export const TEST_DIALECT: Dialect = process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty database of the dialect under test; destroy() drops it. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (TEST_DIALECT === 'sqlite') return openDatabase({ sqliteFile: ':memory:' });

  const name = `opsplan_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    ...handle,
    async destroy() {
      await handle.destroy();
      const cleanup = new pg.Client({ connectionString: ADMIN_URL });
      await cleanup.connect();
      // pool.end() resolves before its connections have closed; dropping them by force would hit the
      // closing clients with an error, so wait for them to go first.
      for (let attempt = 0; attempt < 250; attempt += 1) {
        const { rows } = await cleanup.query<{ count: string }>(
          'SELECT count(*) AS count FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (Number(rows[0]?.count ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
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
