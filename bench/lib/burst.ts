import type { Session } from './server.ts';

export type BurstRequest = { path: string; method: 'GET' | 'POST'; body?: unknown };

export type BurstResult = {
  requests: number;
  wallMs: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers by HTTP status; 0 counts requests that got no answer at all. */
  statuses: Record<string, number>;
  non2xx: number;
  /** Error codes of the non-2xx answers, by code. */
  errorCodes: Record<string, number>;
};

export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Fires every request at once over real HTTP (Node's fetch, one socket each, signed in with the session
 * cookie and CSRF header like the browser) and waits for all of them: wall time, latency of each from the
 * common start, and what came back.
 */
export async function fireBurst(
  baseUrl: string,
  session: Session,
  requests: readonly BurstRequest[],
): Promise<BurstResult> {
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf, 'accept-language': 'en' };
  const started = performance.now();
  const answers = await Promise.all(
    requests.map(async (request) => {
      try {
        const response = await fetch(`${baseUrl}${request.path}`, {
          method: request.method,
          headers: request.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        });
        const text = await response.text();
        let code: string | null = null;
        if (!response.ok) {
          try {
            code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
          } catch {
            code = null;
          }
        }
        return { status: response.status, code, ms: performance.now() - started };
      } catch {
        return { status: 0, code: 'no_answer', ms: performance.now() - started };
      }
    }),
  );
  const wallMs = performance.now() - started;
  const statuses: Record<string, number> = {};
  const errorCodes: Record<string, number> = {};
  for (const answer of answers) {
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    if (answer.code) errorCodes[answer.code] = (errorCodes[answer.code] ?? 0) + 1;
  }
  const latencies = answers.map((answer) => answer.ms);
  return {
    requests: requests.length,
    wallMs: round(wallMs),
    requestsPerSecond: round((requests.length / wallMs) * 1000),
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    statuses,
    non2xx: answers.filter((answer) => answer.status < 200 || answer.status >= 300).length,
    errorCodes,
  };
}
