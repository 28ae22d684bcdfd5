import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// A second counter beside the plan revision (0014): `top_revision` moves only when a top-level task's rank can
// change — a top-level task deleted, moved in or out of the top level or to another position, or inserted before
// an existing one. Creating a task at the end of the top level (what task create, routines and the soak do) does
// not move it, so the WBS codes' cached top-level order (tasks/service.ts) is extended by the appended tasks
// instead of read again whole at every plan revision.
//
// PostgreSQL: deferred constraint triggers like 0014's, so "inserted before an existing one" is decided at commit
// while holding the workspace's plan_revisions row, after every earlier commit: two transactions inserting at once
// cannot both see themselves as last. Bumped at most once per transaction and workspace.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('plan_revisions')
    .addColumn('top_revision', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  if (isPostgres) {
    await sql`
      CREATE FUNCTION opsplan_bump_top_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ws text;
        done text;
      BEGIN
        IF TG_OP = 'DELETE' THEN ws := OLD.workspace_id; ELSE ws := NEW.workspace_id; END IF;
        done := coalesce(current_setting('opsplan.top_revision_bumped', true), '');
        IF position(',' || ws || ',' IN done) > 0 THEN RETURN NULL; END IF;
        INSERT INTO plan_revisions (workspace_id) VALUES (ws) ON CONFLICT (workspace_id) DO NOTHING;
        -- Waits for the transactions committing before this one; the check below then sees their tasks.
        PERFORM 1 FROM plan_revisions WHERE workspace_id = ws FOR UPDATE;
        IF TG_OP = 'INSERT' AND NOT EXISTS (
          SELECT 1 FROM tasks
          WHERE workspace_id = ws AND parent_id IS NULL AND id <> NEW.id
            AND (position > NEW.position OR (position = NEW.position AND id > NEW.id))
        ) THEN
          RETURN NULL;
        END IF;
        UPDATE plan_revisions SET top_revision = top_revision + 1 WHERE workspace_id = ws;
        PERFORM set_config('opsplan.top_revision_bumped', done || ',' || ws || ',', true);
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE CONSTRAINT TRIGGER tasks_top_revision_insert AFTER INSERT ON tasks
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.parent_id IS NULL)
      EXECUTE FUNCTION opsplan_bump_top_revision()`.execute(db);
    await sql`
      CREATE CONSTRAINT TRIGGER tasks_top_revision_update AFTER UPDATE ON tasks
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN ((OLD.parent_id IS NULL OR NEW.parent_id IS NULL)
        AND (OLD.parent_id IS DISTINCT FROM NEW.parent_id OR OLD.position <> NEW.position))
      EXECUTE FUNCTION opsplan_bump_top_revision()`.execute(db);
    await sql`
      CREATE CONSTRAINT TRIGGER tasks_top_revision_delete AFTER DELETE ON tasks
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.parent_id IS NULL)
      EXECUTE FUNCTION opsplan_bump_top_revision()`.execute(db);
    return;
  }

  // SQLite has one writer at a time: a row's check at its statement sees every other committed task.
  const bump = (row: 'NEW' | 'OLD') =>
    `INSERT INTO plan_revisions (workspace_id, top_revision) VALUES (${row}.workspace_id, 1)
       ON CONFLICT (workspace_id) DO UPDATE SET top_revision = top_revision + 1;`;
  await sql
    .raw(
      `CREATE TRIGGER tasks_top_revision_insert AFTER INSERT ON tasks
       WHEN NEW.parent_id IS NULL AND EXISTS (
         SELECT 1 FROM tasks
         WHERE workspace_id = NEW.workspace_id AND parent_id IS NULL AND id <> NEW.id
           AND (position > NEW.position OR (position = NEW.position AND id > NEW.id)))
       BEGIN ${bump('NEW')} END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER tasks_top_revision_update AFTER UPDATE OF parent_id, position ON tasks
       WHEN (OLD.parent_id IS NULL OR NEW.parent_id IS NULL)
         AND (OLD.parent_id IS NOT NEW.parent_id OR OLD.position <> NEW.position)
       BEGIN ${bump('NEW')} END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER tasks_top_revision_delete AFTER DELETE ON tasks WHEN OLD.parent_id IS NULL
       BEGIN ${bump('OLD')} END`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const event of ['insert', 'update', 'delete']) {
    await sql.raw(`DROP TRIGGER tasks_top_revision_${event}${isPg(db) ? ' ON tasks' : ''}`).execute(db);
  }
  if (isPg(db)) await sql`DROP FUNCTION opsplan_bump_top_revision()`.execute(db);
  await db.schema.alterTable('plan_revisions').dropColumn('top_revision').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const isPg = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;
