import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, dropStaleTemplates, postgresTemplate, TEST_DIALECT } from './database.ts';

const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

describe.runIf(TEST_DIALECT === 'postgres')('test databases on PostgreSQL', () => {
  it('copies one migrated template and drops the templates of other migrations', async () => {
    const database = await createTestDatabase();
    await database.destroy();
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      const templates = async () =>
        (
          await admin.query<{ datname: string }>(
            `SELECT datname FROM pg_database WHERE datname LIKE 'opsplan\\_template\\_%' ORDER BY datname`,
          )
        ).rows.map((row) => row.datname);
      const current = await postgresTemplate();
      expect(await templates()).toContain(current);
      const stale = ['opsplan_template_0000000000000000', 'opsplan_template_0000000000000000_dead'];
      for (const name of stale) await admin.query(`CREATE DATABASE ${name}`);
      await dropStaleTemplates(admin, current);
      const left = await templates();
      expect(left).toContain(current);
      for (const name of stale) expect(left).not.toContain(name);
    } finally {
      await admin.end();
    }
  });
});
