import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// A counter per workspace that moves whenever anything the schedule (critical path) reads changes: tasks,
// dependencies, task roles, the working calendar, and the names of the people in task roles. Database triggers
// keep it, so no write path (API, imports, routines, plan import, demo, bench generators) can forget it, and every
// app instance sees the same value: it is the key of the computed-schedule cache (tasks/schedule.ts).
//
// SQLite: AFTER row triggers (one writer at a time). PostgreSQL: deferred constraint triggers, so the counter row
// is locked only at commit — after every other lock of the transaction — and bumped once per transaction and
// workspace (a transaction-local setting remembers which), however many rows changed.

const TABLES = ['tasks', 'task_dependencies', 'task_roles', 'workspace_calendar_days'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('plan_revisions')
    // No foreign key: a workspace's deletion cascades to its tasks, whose triggers must not fail on it.
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  if (isPostgres) {
    await sql`
      CREATE FUNCTION opsplan_bump_plan_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ws text;
        done text;
      BEGIN
        IF TG_OP = 'DELETE' THEN ws := OLD.workspace_id; ELSE ws := NEW.workspace_id; END IF;
        done := coalesce(current_setting('opsplan.plan_revision_bumped', true), '');
        IF position(',' || ws || ',' IN done) > 0 THEN RETURN NULL; END IF;
        INSERT INTO plan_revisions (workspace_id, revision) VALUES (ws, 1)
          ON CONFLICT (workspace_id) DO UPDATE SET revision = plan_revisions.revision + 1;
        PERFORM set_config('opsplan.plan_revision_bumped', done || ',' || ws || ',', true);
        RETURN NULL;
      END $$`.execute(db);
    for (const table of TABLES) {
      await sql`
        CREATE CONSTRAINT TRIGGER ${sql.raw(`${table}_plan_revision`)}
        AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION opsplan_bump_plan_revision()`.execute(db);
    }
    // A renamed person changes the names shown in task roles: every workspace they belong to moves.
    await sql`
      CREATE FUNCTION opsplan_bump_plan_revision_of_user() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO plan_revisions (workspace_id, revision)
          SELECT workspace_id, 1 FROM memberships WHERE user_id = NEW.id
          ON CONFLICT (workspace_id) DO UPDATE SET revision = plan_revisions.revision + 1;
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER users_plan_revision AFTER UPDATE OF name ON users
      FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
      EXECUTE FUNCTION opsplan_bump_plan_revision_of_user()`.execute(db);
    return;
  }

  const bump = (row: 'NEW' | 'OLD') =>
    `INSERT INTO plan_revisions (workspace_id, revision) VALUES (${row}.workspace_id, 1)
       ON CONFLICT (workspace_id) DO UPDATE SET revision = revision + 1;`;
  for (const table of TABLES) {
    for (const [event, row] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_plan_revision_${event.toLowerCase()} AFTER ${event} ON ${table}
           BEGIN ${bump(row)} END`,
        )
        .execute(db);
    }
  }
  await sql
    .raw(
      `CREATE TRIGGER users_plan_revision AFTER UPDATE OF name ON users
       WHEN OLD.name IS NOT NEW.name
       BEGIN
         INSERT INTO plan_revisions (workspace_id, revision)
           SELECT workspace_id, 1 FROM memberships WHERE user_id = NEW.id AND true
           ON CONFLICT (workspace_id) DO UPDATE SET revision = revision + 1;
       END`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (isPostgres) {
    for (const table of TABLES)
      await sql`DROP TRIGGER ${sql.raw(`${table}_plan_revision`)} ON ${sql.table(table)}`.execute(db);
    await sql`DROP TRIGGER users_plan_revision ON users`.execute(db);
    await sql`DROP FUNCTION opsplan_bump_plan_revision()`.execute(db);
    await sql`DROP FUNCTION opsplan_bump_plan_revision_of_user()`.execute(db);
  } else {
    for (const table of TABLES) {
      for (const event of ['insert', 'update', 'delete']) {
        await sql.raw(`DROP TRIGGER ${table}_plan_revision_${event}`).execute(db);
      }
    }
    await sql.raw('DROP TRIGGER users_plan_revision').execute(db);
  }
  await db.schema.dropTable('plan_revisions').execute();
}
