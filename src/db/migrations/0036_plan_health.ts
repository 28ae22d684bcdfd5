import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// The last plan health computed per workspace and language (src/server/plans/healthStore.ts): a large plan takes
// seconds to read and lint, so a request answers from this row at once, even after a restart or on another
// instance, while one recomputation runs. `answer` is the whole answer (every finding, for the paged findings)
// as brotli-compressed JSON; `generation` moves on every store, so an instance knows when its copy is older;
// `refreshing_since` is the claim of the instance recomputing it, void after a timeout.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan_health')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('revision', 'bigint', (c) => c.notNull()) // the plan revision read before the plan
    .addColumn('day', 'text', (c) => c.notNull()) // the workspace's day it was linted for
    .addColumn('computed_at', 'bigint', (c) => c.notNull()) // when its computation began
    .addColumn('items', 'integer', (c) => c.notNull()) // planned items: what decides to wait for a recomputation
    .addColumn('answer', 'bytea', (c) => c.notNull())
    .addColumn('refreshing_since', 'bigint')
    .addPrimaryKeyConstraint('plan_health_pk', ['workspace_id', 'locale'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_health').execute();
}
