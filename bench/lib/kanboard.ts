// Kanboard beside OpsPlan (issue #15, "Side by side with peers"): a JSON-RPC client for a running Kanboard, or a
// Kanboard started here from a source folder with PHP's built-in server and a scratch SQLite data folder. Nothing
// is fetched: the source is put in place once by hand (bench/README.md, "Kanboard beside it").
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, sleep, stop, track } from './children.ts';

export type KanboardAnswer = { status: number; bytes: number; ms: number; body: unknown };

export type Kanboard = {
  url: string;
  /** The PHP server's process, when known (started here, or `--kanboard-pid`): its RSS is reported. */
  pid: number | undefined;
  call(method: string, params?: Record<string, unknown>): Promise<KanboardAnswer>;
  stop(): Promise<void>;
};

function client(url: string, user: string, password: string, acceptEncoding: string) {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  let id = 0;
  return async (method: string, params: Record<string, unknown> = {}): Promise<KanboardAnswer> => {
    id += 1;
    const started = performance.now();
    const response = await fetch(`${url}/jsonrpc.php`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/json',
        'accept-encoding': acceptEncoding,
      },
      body: JSON.stringify({ jsonrpc: '2.0', method, id, params }),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    const bytes = Number(response.headers.get('content-length') ?? Buffer.byteLength(text));
    if (response.status >= 400)
      throw new Error(`Kanboard ${method}: ${response.status} ${text.slice(0, 300)}`);
    const parsed = JSON.parse(text) as { result?: unknown; error?: { message?: string } };
    // Kanboard answers `false` (or an error object) when a procedure refuses.
    if (parsed.error || parsed.result === false || parsed.result === undefined) {
      throw new Error(`Kanboard ${method}(${JSON.stringify(params).slice(0, 200)}): ${text.slice(0, 300)}`);
    }
    return { status: response.status, bytes, ms, body: parsed.result };
  };
}

/**
 * A Kanboard already running at `url`: user `jsonrpc` and the API token of its settings (application API), or a
 * user's name and password (user API, a bcrypt check per request).
 */
export function connectKanboard(options: {
  url: string;
  user: string;
  password: string;
  pid?: number;
  acceptEncoding: string;
}): Kanboard {
  const url = options.url.replace(/\/+$/, '');
  return {
    url,
    pid: options.pid,
    call: client(url, options.user, options.password, options.acceptEncoding),
    stop: async () => {},
  };
}

/**
 * Starts Kanboard from its source folder (`php -S 127.0.0.1:<free port> -t <dir>`, one PHP process, no workers,
 * OPcache on as under php-fpm; the CLI server leaves it off by default) over a fresh SQLite database in a scratch
 * DATA_DIR; Kanboard makes its schema on the first request. Calls go through its application API (user `jsonrpc`,
 * a random token given in API_AUTHENTICATION_TOKEN): with a user's password (admin/admin) every request would
 * also pay a bcrypt check, which OpsPlan's session cookie does not. The folder must not hold a config.php (its
 * defaults: SQLite, DATA_DIR and the token from the environment).
 */
export async function startKanboard(options: {
  dir: string;
  php?: string;
  acceptEncoding: string;
}): Promise<Kanboard> {
  const dir = path.resolve(options.dir);
  if (!existsSync(path.join(dir, 'jsonrpc.php'))) throw new Error(`${dir} holds no Kanboard (jsonrpc.php)`);
  if (existsSync(path.join(dir, 'config.php'))) {
    throw new Error(`${dir}/config.php would override the scratch database: remove it`);
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opsplan-kanboard-'));
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const child: ChildProcess = track(
    spawn(options.php ?? 'php', ['-d', 'opcache.enable_cli=1', '-S', `127.0.0.1:${port}`, '-t', dir], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        DATA_DIR: dataDir,
        DB_DRIVER: 'sqlite',
        LOG_DRIVER: 'file',
        API_AUTHENTICATION_TOKEN: token,
        PHP_CLI_SERVER_WORKERS: '1',
      },
      stdio: ['ignore', 'ignore', 'ignore'],
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const call = client(url, 'jsonrpc', token, options.acceptEncoding);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`php -S exited with ${child.exitCode} while starting`);
    try {
      await call('getVersion');
      break;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Kanboard did not answer within 60 s: ${String(error)}`);
    }
    await sleep(200);
  }
  return {
    url,
    pid: child.pid,
    call,
    stop: async () => {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
