import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, ROOT, sleep, stop, track } from './children.ts';
import { targetEnv, type Target } from './target.ts';

/**
 * What the `opsplan` command's first line (`#!/usr/bin/env -S VAR=value node --flag`) sets when run as a command:
 * its environment and Node's flags, read only at start (malloc arenas). The benches start
 * `node bin/opsplan.js` to put their own Node flags first, so they apply the line themselves.
 */
export function launchLine(root: string): { env: Record<string, string>; nodeArgs: string[] } {
  const first = readFileSync(path.join(root, 'bin', 'opsplan.js'), 'utf8').split('\n', 1)[0] ?? '';
  const words = /^#!\/usr\/bin\/env -S (.*)$/.exec(first)?.[1]?.trim().split(/\s+/) ?? [];
  const node = words.indexOf('node');
  const env = Object.fromEntries(
    words.slice(0, Math.max(node, 0)).map((word) => word.split('=', 2) as [string, string]),
  );
  return { env, nodeArgs: node >= 0 ? words.slice(node + 1) : [] };
}

export type RunningServer = {
  child: ChildProcess;
  pid: number | undefined;
  baseUrl: string;
  stop(): Promise<void>;
};

/** The real server, as an operator starts it (`opsplan serve`, with its launch line), in its own process. */
export async function startServer(
  target: Target,
  options: { root?: string; env?: Record<string, string>; nodeArgs?: readonly string[] } = {},
): Promise<RunningServer> {
  const root = options.root ?? ROOT;
  const port = await freePort();
  const launch = launchLine(root);
  // The bench's own environment wins, so MALLOC_ARENA_MAX=16 (glibc's default on two cores) measures the default.
  const env: NodeJS.ProcessEnv = {
    ...launch.env,
    ...process.env,
    ...targetEnv(target),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    OPSPLAN_SCHEDULER: 'off',
    ...options.env,
  };
  if (!target.databaseUrl) delete env.DATABASE_URL;
  const child = track(
    spawn(
      process.execPath,
      [
        ...launch.nodeArgs,
        // e.g. OPSPLAN_BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server under a bench;
        // a flag given here overrides the launch line's (the last one wins).
        ...(process.env.OPSPLAN_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        ...(options.nodeArgs ?? []),
        path.join(root, 'bin', 'opsplan.js'),
        'serve',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
      ],
      {
        cwd: root,
        env,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    ),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} while starting`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not answer /healthz within 60 s');
    await sleep(200);
  }
  return { child, pid: child.pid, baseUrl, stop: () => stop(child) };
}

export type Session = { token: string; csrf: string; cookie: string };

/** Signs in over HTTP like the browser does and keeps the session and CSRF cookies. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookies = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const equals = pair?.indexOf('=') ?? -1;
    if (pair && equals > 0) cookies.set(pair.slice(0, equals), pair.slice(equals + 1));
  }
  const token = cookies.get('opsplan_session');
  const csrf = cookies.get('opsplan_csrf');
  if (!token || !csrf) throw new Error('sign-in set no session cookies');
  return { token, csrf, cookie: `opsplan_session=${token}; opsplan_csrf=${csrf}` };
}

/** Signs up a fresh lead (`<label>-<time>@example.com`) and signs in: the start of a bench that builds its own workspace. */
export async function signUpLead(baseUrl: string, label: string): Promise<Session> {
  const email = `${label}-${Date.now()}@example.com`;
  const password = 'correct horse battery';
  const signup = await fetch(`${baseUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, name: '压测负责人', locale: 'zh-CN' }),
  });
  if (!signup.ok) throw new Error(`sign-up: ${signup.status} ${await signup.text()}`);
  return signIn(baseUrl, email, password);
}

/**
 * Asks `/healthz` one request at a time, `intervalMs` apart, until `done` settles; the latency of each answer:
 * how long the server kept everyone else waiting while it did `done`'s work.
 */
export async function probeHealthzWhile(
  baseUrl: string,
  done: Promise<unknown>,
  intervalMs: number,
): Promise<number[]> {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  const latencies: number[] = [];
  while (!finished) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/healthz`);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    await sleep(intervalMs);
  }
  return latencies;
}
