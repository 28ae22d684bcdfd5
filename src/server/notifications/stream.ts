import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Services } from '../context.ts';
import { countUnread } from './queries.ts';
import { liveNotification } from './service.ts';

const HEARTBEAT_MS = 25_000;

// Open streams per app (services object), so shutdown can end them instead of waiting for the browsers.
const openStreams = new WeakMap<Services, Set<() => void>>();

function write(reply: FastifyReply, event: string, data: unknown): void {
  reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Holds a Server-Sent Events response open: first `ready` with the unread count, then each new notification
 * of this person in this workspace and each `read` from another tab. The browser's EventSource reconnects by
 * itself; a comment line every 25 s keeps proxies from closing an idle stream.
 */
export async function openStream(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  workspaceId: string,
): Promise<void> {
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  reply.raw.write('retry: 3000\n\n');
  const unsubscribe = await services.live.subscribe(actor.userId, (message) => {
    if (message.workspaceId !== workspaceId) return;
    if (message.kind === 'notification') {
      write(reply, 'notification', liveNotification(message, request.locale) ?? { id: null });
    } else {
      write(reply, 'read', {});
    }
  });
  const heartbeat = setInterval(() => reply.raw.write(': ping\n\n'), HEARTBEAT_MS);
  let streams = openStreams.get(services);
  if (!streams) {
    streams = new Set();
    openStreams.set(services, streams);
  }
  const end = () => reply.raw.end();
  streams.add(end);
  reply.raw.once('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(end);
  });
  // Subscribed first, counted second: a notification in between is counted and also sent, never lost.
  write(reply, 'ready', { unread: await countUnread(services.db, workspaceId, actor.userId) });
}

/** Ends every open stream of this app; browsers reconnect to another instance. */
export function closeStreams(services: Services): void {
  for (const end of openStreams.get(services) ?? []) end();
}
