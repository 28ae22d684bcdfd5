import type { Insertable } from 'kysely';
import type { EventsTable, Executor } from '../../db/types.ts';

export async function insertEvent(executor: Executor, event: Insertable<EventsTable>): Promise<void> {
  await executor.insertInto('events').values(event).execute();
}

export function selectEvent(executor: Executor, eventId: string) {
  return executor.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
}

/** The subscribers an event has already been delivered to. */
export async function selectDeliveredSubscribers(executor: Executor, eventId: string): Promise<string[]> {
  const rows = await executor
    .selectFrom('event_deliveries')
    .select('subscriber')
    .where('event_id', '=', eventId)
    .execute();
  return rows.map((row) => row.subscriber);
}

/** Records a delivery once: a second dispatch of the same event to the same subscriber is a no-op. */
export async function insertDelivery(
  executor: Executor,
  eventId: string,
  subscriber: string,
  deliveredAt: number,
): Promise<void> {
  await executor
    .insertInto('event_deliveries')
    .values({ event_id: eventId, subscriber, delivered_at: deliveredAt })
    .onConflict((c) => c.columns(['event_id', 'subscriber']).doNothing())
    .execute();
}
