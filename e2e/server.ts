import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app.ts';
import { loadConfig, type AppConfig } from '../src/server/config.ts';

export type RunningServer = { url: string; close: () => Promise<void> };

/**
 * The real app on a random port with a fresh SQLite folder, serving the built SPA from dist/web. A flow that
 * needs hours to pass (SLA breaches) passes its own `now`: the server runs in the test's process.
 */
export async function startServer(overrides: Partial<AppConfig> = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'opsplan-e2e-'));
  const app = await buildApp(
    loadConfig({
      dataDir,
      databaseUrl: undefined,
      // A separate build folder lets two people build and test at once without overwriting each other.
      webDir: process.env.E2E_WEB_DIR ?? 'dist/web',
      logLevel: 'silent',
      ...overrides,
    }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address: AddressInfo | string | null = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server is not listening on TCP');
  const url = `http://127.0.0.1:${address.port}`;
  // Invitation links are absolute from the public URL: on a random port it is known only now.
  if (overrides.publicUrl === undefined) app.services.config.publicUrl = url;
  return {
    url,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
