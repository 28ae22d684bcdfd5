import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signUpUser, type TestApp, type TestUser } from './testing/app.ts';
import { errorShapeProblem } from './testing/errorShape.ts';
import {
  Generator,
  learnIds,
  operationsOf,
  type FuzzRequest,
  type KnownIds,
  type Operation,
} from './testing/fuzz.ts';

// Every operation of the OpenAPI document gets seeded, reproducible requests: a valid sample, then mutations of
// it (wrong types, missing and extra fields, huge strings, control characters, deep nesting, bad dates and ids,
// another workspace's ids), as the owner of a workspace full of demo data and now and then anonymously.
// Any 5xx, or any error outside `{ error: { code, message, fields? } }`, fails with what reproduces it.
// New routes are covered as soon as they are in the document.

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
/** Requests per operation after its valid sample; FUZZ_REQUESTS raises it for a longer local run. */
const PER_OPERATION = Number(process.env.FUZZ_REQUESTS ?? 25);
/** Only operations whose "METHOD /path" contains this, to replay a failure. */
const ONLY = process.env.FUZZ_ONLY ?? '';
const TIMEOUT_MS = 15_000;
const OPERATION_BUDGET_MS = 1_500;

let t: TestApp;
let owner: TestUser;
let operations: Operation[];
let generator: Generator;
let workspaceId: string;
const ids: KnownIds = { own: new Map(), foreign: new Map() };

type Answer = { statusCode: number; headers: Record<string, unknown>; body: string };

async function send(request: FuzzRequest, user: TestUser | null): Promise<Answer> {
  const options = {
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Answer>((resolve) => {
    timer = setTimeout(() => resolve({ statusCode: 599, headers: {}, body: 'no answer (hung)' }), TIMEOUT_MS);
  });
  try {
    return await Promise.race([t.app.inject(user ? as(user, options) : options), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A 502/504 naming what failed outside OpsPlan (a chat receiver that cannot be reached) is the answer the API
 * documents for it, not a fault of ours; a 500 (`internal`) always is.
 */
function isGatewayError(response: Answer): boolean {
  if (response.statusCode !== 502 && response.statusCode !== 504) return false;
  if (errorShapeProblem(response)) return false;
  return (JSON.parse(response.body) as { error: { code: string } }).error.code !== 'internal';
}

/** Session-ending and destructive operations run last, so the rest meet a live session and data. */
function order(operation: Operation): number {
  if (/logout|password/.test(operation.path)) return 3;
  if (operation.method === 'DELETE') return 2;
  return 1;
}

beforeAll(async () => {
  t = await createTestApp();
  const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  operations = operationsOf(document)
    .filter((operation) => `${operation.method} ${operation.path}`.includes(ONLY))
    .sort((a, b) => order(a) - order(b));

  owner = await signUpUser(t.app);
  const outsider = await signUpUser(t.app);
  const demo = async (user: TestUser) => {
    const response = await t.app.inject(
      as(user, { method: 'POST', url: '/api/v1/workspaces/demo', payload: {} }),
    );
    if (response.statusCode !== 201) throw new Error(response.body);
    return response.json<{ workspace: { id: string } }>().workspace.id;
  };
  workspaceId = await demo(owner);
  const foreignWorkspace = await demo(outsider);
  // The ids of things a valid request creates (views, routines, invitations, tokens, feeds) count too.
  generator = new Generator(document, ids, t.app.initialConfig.bodyLimit ?? 1024 * 1024);
  await learnIds(t.app, owner, operations, workspaceId, ids.own);
  for (const operation of operations.filter((op) => order(op) === 1 && op.method !== 'GET' && !op.streams)) {
    await send(generator.request(operation, SEED, 0), owner);
  }
  await learnIds(t.app, owner, operations, workspaceId, ids.own);
  await learnIds(t.app, outsider, operations, foreignWorkspace, ids.foreign);
}, 120_000);

afterAll(() => t.close());

describe('fuzzing every operation of the OpenAPI document', () => {
  it('answers every request without a 5xx and every error in the documented shape', async () => {
    const failures: string[] = [];
    let count = 0;
    let succeeded = 0;
    let validSucceeded = 0;
    for (const operation of operations) {
      if (operation.streams) continue;
      const opStarted = Date.now();
      for (let index = 0; index <= PER_OPERATION; index += 1) {
        // Costly operations (password hashing, demo workspaces) get fewer requests, never fewer than 10.
        if (index >= 10 && Date.now() - opStarted > OPERATION_BUDGET_MS) break;
        const request = generator.request(operation, SEED, index);
        const response = await send(request, request.anonymous ? null : owner);
        count += 1;
        if (response.statusCode < 300) {
          succeeded += 1;
          if (index === 0) validSucceeded += 1;
        }
        const problem =
          response.statusCode >= 500 && !isGatewayError(response)
            ? `status ${response.statusCode}`
            : response.statusCode >= 400
              ? errorShapeProblem(response)
              : null;
        if (problem) {
          const payload = request.payload === undefined ? '' : String(request.payload);
          failures.push(
            [
              `${operation.method} ${operation.path} #${index} (${request.mutation}${request.anonymous ? ', anonymous' : ''}): ${problem}`,
              `  request: ${request.method} ${request.url.slice(0, 300)} ${payload.slice(0, 300)}`,
              `  answer: ${response.body.slice(0, 300)}`,
              `  replay: FUZZ_SEED=${SEED} FUZZ_ONLY='${operation.method} ${operation.path}' npx vitest run src/server/fuzz.test.ts`,
            ].join('\n'),
          );
        }
      }
    }
    // Enough requests to mean something, and enough of them reaching the services (a fuzzer that only ever meets
    // 404s proves nothing). The per-operation budget, not a timed assertion, keeps the run in what CI can afford.
    if (process.env.FUZZ_STATS)
      console.log({ count, succeeded, validSucceeded, operations: operations.length });
    expect(count).toBeGreaterThan(ONLY ? 0 : 2000);
    expect(validSucceeded).toBeGreaterThan(operations.length * 0.4);
    expect(
      failures,
      `${failures.length} of ${count} requests failed (seed ${SEED}):\n${failures.slice(0, 25).join('\n')}`,
    ).toEqual([]);
  }, 300_000);
});
