import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { Db } from '../../db/types.ts';
import { notifyChannel } from './queries.ts';

/** What one browser tab hears: a new notification for its person, or that their inbox changed (read). */
export type LiveMessage = {
  userId: string;
  workspaceId: string;
  kind: 'notification' | 'read';
  notification?: {
    id: string;
    type: string;
    link: string;
    data: Record<string, unknown>;
    createdAt: number;
  };
};

export type LiveListener = (message: LiveMessage) => void;

/**
 * Live updates for open browsers. On PostgreSQL a message goes through NOTIFY and every app instance
 * LISTENs on one dedicated connection, so a browser connected to any instance hears it; on SQLite (one
 * process) an in-process emitter does the same job.
 */
export type LiveBus = {
  publish(messages: readonly LiveMessage[]): Promise<void>;
  /** Resolves once this instance is listening, so nothing published afterwards is missed. */
  subscribe(userId: string, listener: LiveListener): Promise<() => void>;
  close(): Promise<void>;
};

const CHANNEL = 'opsplan_live';
// NOTIFY payloads are capped at 8000 bytes; a larger message goes without its body and the page refetches.
const MAX_PAYLOAD = 7500;

class LocalListeners {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  add(userId: string, listener: LiveListener): () => void {
    this.emitter.on(userId, listener);
    return () => this.emitter.off(userId, listener);
  }
  emit(message: LiveMessage): void {
    this.emitter.emit(message.userId, message);
  }
  get count(): number {
    return this.emitter.eventNames().length;
  }
}

export function createInProcessLiveBus(): LiveBus {
  const listeners = new LocalListeners();
  return {
    async publish(messages) {
      for (const message of messages) listeners.emit(message);
    },
    async subscribe(userId, listener) {
      return listeners.add(userId, listener);
    },
    async close() {},
  };
}

export function createPostgresLiveBus(
  db: Db,
  connectionString: string,
  log: { warn(object: object, message: string): void },
): LiveBus {
  const listeners = new LocalListeners();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;

  const connect = async () => {
    // Loaded here, on PostgreSQL only: a SQLite server never loads the driver.
    const { default: driver } = await import('pg');
    const next = new driver.Client({ connectionString });
    next.on('notification', (notice) => {
      if (notice.channel !== CHANNEL || !notice.payload) return;
      try {
        listeners.emit(JSON.parse(notice.payload) as LiveMessage);
      } catch (error) {
        log.warn({ err: error }, 'unreadable live message');
      }
    });
    // A dropped connection is replaced on the next subscribe; open pages refetch when they reconnect.
    next.on('error', (error) => {
      log.warn({ err: error }, 'live connection lost');
      if (client === next) client = null;
      void next.end().catch(() => undefined);
    });
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  };

  return {
    async publish(messages) {
      if (messages.length === 0) return;
      const payloads = messages.map((message) => {
        const payload = JSON.stringify(message);
        return Buffer.byteLength(payload) > MAX_PAYLOAD
          ? JSON.stringify({ ...message, notification: undefined })
          : payload;
      });
      // One round trip for an event's whole fan-out (500 recipients were 500 statements).
      await notifyChannel(db, CHANNEL, payloads);
    },
    async subscribe(userId, listener) {
      const remove = listeners.add(userId, listener);
      if (!client && !closed) {
        connecting ??= connect().finally(() => {
          connecting = null;
        });
        await connecting;
      }
      return remove;
    },
    async close() {
      closed = true;
      await connecting?.catch(() => undefined);
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
