import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// A workspace's working time: its time zone (IANA name), the daily working window in minutes of the local day,
// and the working-week pattern (five days, six days, or 大小周 with one of its six-day weeks). SLAs, schedules,
// workload, reminders and "today" follow it. No row means the server's defaults (OPSPLAN_TIMEZONE, 09:00–18:00,
// five days). The schedule reads the week pattern, so a change moves the plan revision like a holiday does.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('workspace_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('work_start_minutes', 'integer', (c) => c.notNull())
    .addColumn('work_end_minutes', 'integer', (c) => c.notNull())
    .addColumn('week_pattern', 'text', (c) => c.notNull())
    .addColumn('big_week_of', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  if (isPostgres) {
    // The function of migration 0014: once per transaction and workspace, at commit.
    await sql`
      CREATE CONSTRAINT TRIGGER workspace_settings_plan_revision
      AFTER INSERT OR UPDATE OR DELETE ON workspace_settings
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION opsplan_bump_plan_revision()`.execute(db);
    return;
  }
  for (const [event, row] of [
    ['INSERT', 'NEW'],
    ['UPDATE', 'NEW'],
    ['DELETE', 'OLD'],
  ] as const) {
    await sql
      .raw(
        `CREATE TRIGGER workspace_settings_plan_revision_${event.toLowerCase()} AFTER ${event} ON workspace_settings
         BEGIN
           INSERT INTO plan_revisions (workspace_id, revision) VALUES (${row}.workspace_id, 1)
             ON CONFLICT (workspace_id) DO UPDATE SET revision = revision + 1;
         END`,
      )
      .execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (isPostgres) {
    await sql`DROP TRIGGER workspace_settings_plan_revision ON workspace_settings`.execute(db);
  } else {
    for (const event of ['insert', 'update', 'delete']) {
      await sql.raw(`DROP TRIGGER workspace_settings_plan_revision_${event}`).execute(db);
    }
  }
  await db.schema.dropTable('workspace_settings').execute();
}
