import type { Db, Executor } from '../../db/types.ts';
import { newId } from '../../db/ids.ts';
import type { Scheduler } from '../jobs/scheduler.ts';
import * as queries from './queries.ts';

export type DomainEvent = {
  id: string;
  workspaceId: string | null;
  type: string;
  payload: unknown;
  createdAt: number;
};

export type EventSubscriber = (event: DomainEvent) => Promise<void>;

export const DISPATCH_JOB = 'events.dispatch';

/**
 * The domain-event outbox. `emit` writes the event and its dispatch job in the caller's transaction, so an
 * event exists exactly when its change does. The dispatch job hands it to each subscriber and records each
 * delivery: a crash re-runs the job after its lease, and only subscribers not yet recorded are called again
 * (at least once each).
 */
export class Outbox {
  private readonly subscribers = new Map<string, { types: Set<string> | null; handler: EventSubscriber }>();

  constructor(
    private readonly db: Db,
    private readonly scheduler: Scheduler,
    private readonly now: () => number,
  ) {
    scheduler.register(DISPATCH_JOB, (payload) => this.dispatch((payload as { eventId: string }).eventId), {
      maxAttempts: 20,
    });
  }

  /** Subscribes by a stable name (deliveries are recorded under it); `types` null means every event. */
  subscribe(name: string, types: string[] | null, handler: EventSubscriber): void {
    this.subscribers.set(name, { types: types ? new Set(types) : null, handler });
  }

  async emit(
    executor: Executor,
    event: { workspaceId: string | null; type: string; payload: unknown },
  ): Promise<string> {
    const now = this.now();
    const id = newId(now);
    await queries.insertEvent(executor, {
      id,
      workspace_id: event.workspaceId,
      type: event.type,
      payload: JSON.stringify(event.payload),
      created_at: now,
    });
    await this.scheduler.enqueue(executor, {
      name: DISPATCH_JOB,
      payload: { eventId: id },
      key: `event:${id}`,
    });
    return id;
  }

  private async dispatch(eventId: string): Promise<void> {
    const row = await queries.selectEvent(this.db, eventId);
    if (!row) return;
    const delivered = new Set(await queries.selectDeliveredSubscribers(this.db, eventId));
    const event: DomainEvent = {
      id: row.id,
      workspaceId: row.workspace_id,
      type: row.type,
      payload: JSON.parse(row.payload) as unknown,
      createdAt: row.created_at,
    };
    for (const [name, subscriber] of this.subscribers) {
      if (delivered.has(name) || (subscriber.types && !subscriber.types.has(event.type))) continue;
      await subscriber.handler(event);
      await queries.insertDelivery(this.db, eventId, name, this.now());
    }
  }
}
