import type { FastifyInstance } from 'fastify';
import type { Services } from './context.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
type Epoch = { count: number; at: number };
const epochs = new WeakMap<Services, Map<string, Epoch>>();

function epochsOf(services: Services): Map<string, Epoch> {
  let map = epochs.get(services);
  if (!map) {
    map = new Map();
    epochs.set(services, map);
  }
  return map;
}

/**
 * A counter per workspace that this app instance moves on every write request it answers: caches of whole-workspace
 * reads (plan health) keep it with what they computed and recompute when it moved. Writes by another instance or a
 * background job do not move it; such caches bound their age as well.
 */
export function writeEpoch(services: Services, workspaceId: string): number {
  return epochsOf(services).get(workspaceId)?.count ?? 0;
}

/**
 * When this instance last answered a write to the workspace (`services.now()`), null if never: an answer
 * computed elsewhere and read from the database is only as current as its time says.
 */
export function lastWriteAt(services: Services, workspaceId: string): number | null {
  return epochsOf(services).get(workspaceId)?.at ?? null;
}

export function touchWorkspace(services: Services, workspaceId: string): void {
  const map = epochsOf(services);
  map.set(workspaceId, { count: (map.get(workspaceId)?.count ?? 0) + 1, at: services.now() });
}

/** Moves the workspace's counter when a write to /w/:workspaceId/… succeeds, before its answer leaves. */
export function registerWriteEpochs(app: FastifyInstance, services: Services): void {
  app.addHook('onSend', async (request, reply) => {
    // A refused write changed nothing: every write is one transaction.
    if (READS.has(request.method) || reply.statusCode >= 400) return;
    const params = request.params as { workspaceId?: unknown } | undefined;
    if (typeof params?.workspaceId === 'string') touchWorkspace(services, params.workspaceId);
  });
}
