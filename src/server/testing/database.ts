import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Dialect } from '../../db/index.ts';

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
