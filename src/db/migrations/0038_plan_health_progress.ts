import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
//
// Plan health shows how far a long computation has come (src/server/plans/healthStore.ts): the instance that
// claimed it writes its steps done and to do into the row, so every instance answers "computing, 40 %". A
// workspace's first computation of a large plan is claimed by a row of generation 0 whose `answer` is empty: there
// is nothing to serve yet, only the claim and the progress; storing the answer makes it generation 1.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plan_health').addColumn('progress_done', 'integer').execute();
  await db.schema.alterTable('plan_health').addColumn('progress_total', 'integer').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plan_health').dropColumn('progress_total').execute();
  await db.schema.alterTable('plan_health').dropColumn('progress_done').execute();
}
