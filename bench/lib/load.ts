import { spawn } from 'node:child_process';
import path from 'node:path';
import { collect, ROOT, sampleRss, track } from './children.ts';

export type LoadRequest = {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
};

export type LoadResult = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Peak resident memory of the server process(es) during the run, MB. */
  serverRssMb: number | null;
};

type AutocannonJson = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
};

/** One autocannon run in its own process (never in the server's), sampling the server's RSS meanwhile. */
export async function runLoad(
  request: LoadRequest,
  serverPids: ReadonlyArray<number | undefined> = [],
): Promise<LoadResult> {
  const args = [
    path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js'),
    '--json',
    '--connections',
    String(request.connections),
    '--duration',
    String(request.durationSeconds),
    '--timeout',
    '30',
  ];
  if (request.method) args.push('--method', request.method);
  if (request.body !== undefined) args.push('--body', request.body);
  for (const [name, value] of Object.entries(request.headers ?? {}))
    args.push('--headers', `${name}:${value}`);
  args.push(request.url);
  const samplers = serverPids.map((pid) => sampleRss(pid));
  const child = track(spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
  child.stderr?.resume();
  let output: string;
  let peaks: Array<number | null> = [];
  try {
    output = await collect(child, 'autocannon');
  } finally {
    peaks = samplers.map((stop) => stop());
  }
  const json = JSON.parse(output) as AutocannonJson;
  const known = peaks.filter((peak): peak is number => peak !== null);
  return {
    requestsPerSecond: json.requests.total / Math.max(1, json.duration),
    p50Ms: json.latency.p50,
    p99Ms: json.latency.p99,
    requests: json.requests.total,
    errors: json.errors + json.timeouts,
    non2xx: json.non2xx,
    serverRssMb: known.length > 0 ? known.reduce((sum, peak) => sum + peak, 0) : null,
  };
}
