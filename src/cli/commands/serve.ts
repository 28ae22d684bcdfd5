import { existsSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import {
  addDatabaseOptions,
  CliError,
  configFromOptions,
  parsePort,
  processIo,
  type CliIo,
  type DatabaseOptions,
} from '../options.ts';

type ServeOptions = DatabaseOptions & { port?: number; host?: string };

export function registerServe(program: Command, io: CliIo = processIo()): void {
  const command = program
    .command('serve')
    .description('Serve the API and the web app (Ctrl+C or SIGTERM stops it gracefully)')
    .option('--port <port>', 'port to listen on; 0 picks a free one (env PORT, default 3000)', parsePort)
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)');
  addDatabaseOptions(command).action((options: ServeOptions) => serve(options, io));
}

async function serve(options: ServeOptions, io: CliIo): Promise<void> {
  const config = configFromOptions(options, {}, io.env);
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new CliError(`PORT must be a port number from 0 to 65535 (got "${io.env.PORT}").`);
  }
  // Start-up allocates mostly what lives as long as the process (modules, routes, schemas): V8 would grow the young
  // generation to its maximum for it (2 × 16 MB, held for good, a fifth of the idle RSS) while it serves nothing.
  // It stays at its initial size until the server listens; then V8's default growth (×2) sizes it for the load.
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  // Loaded here, not at the top: the other commands and `--help` do not pay for the server.
  const { buildApp } = await import('../../server/app.ts');
  let app: FastifyInstance;
  try {
    app = await buildApp(config);
  } finally {
    v8.setFlagsFromString('--semi-space-growth-factor=2');
  }
  // Under load V8 let the old generation grow to about four times what was live before collecting it (a soak at
  // 8,000 tasks: 55 MB live, 210 MB of heap, 400 MB RSS). Twice is enough headroom: the same soak then peaks at
  // 290–300 MB RSS with the same throughput within the machine's noise (BENCHMARKS.md, "Soak"). A flag given on the
  // command line wins.
  if (!process.execArgv.some((flag) => flag.includes('heap-growing-percent'))) {
    v8.setFlagsFromString('--heap-growing-percent=100');
  }

  const webDir = config.webDir ? path.resolve(config.webDir) : null;
  if (!webDir || !existsSync(path.join(webDir, 'index.html'))) {
    app.log.warn(
      `No built web app in ${webDir ?? '(WEB_DIR unset)'}: serving the API only. Run \`npm run build\` to build the web app.`,
    );
  }

  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(
        `Port ${config.port} on ${config.host} is already in use: stop the other server or pass --port.`,
      );
    }
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new CliError(
        `Cannot listen on ${config.host}:${config.port} (${code}): pass another --host or --port.`,
      );
    }
    throw error;
  }
  // On a port picked at listen time (--port 0) links can only name the address now known.
  if (!io.env.PUBLIC_URL && config.port === 0) config.publicUrl = address;
  app.log.info({ url: address }, `OpsPlan is running at ${address} (API docs at ${address}/api/docs)`);
  stopOnSignals(app);
}

/** The first SIGINT/SIGTERM closes the app (requests in flight finish, scheduler stops, database closes); a second forces exit. */
function stopOnSignals(app: FastifyInstance): void {
  let isClosing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (isClosing) {
      app.log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    isClosing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight (send the signal again to force)');
    app.close().then(
      () => {
        app.log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
