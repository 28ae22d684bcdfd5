import type { Services } from '../context.ts';

/** Liveness: the database answers. The ping goes straight to the driver (src/db), so it has no queries.ts. */
export async function pingDatabase(services: Services): Promise<void> {
  await services.ping();
}
