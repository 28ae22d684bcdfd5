import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Data only: calendar feeds are now revoked with the membership; drop those that outlived theirs, so a person
// invited back does not find an old URL working again.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom('calendar_feeds')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('memberships')
            .select('memberships.user_id')
            .whereRef('memberships.workspace_id', '=', 'calendar_feeds.workspace_id')
            .whereRef('memberships.user_id', '=', 'calendar_feeds.user_id'),
        ),
      ),
    )
    .execute();
}
