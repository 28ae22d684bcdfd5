import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Document = {
  openapi: string;
  paths: Record<string, Record<string, { responses?: Record<string, unknown>; requestBody?: unknown }>>;
};

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<Document>();
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(
      document as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('declares responses for every operation and a body for every write', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<Document>();
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const successes = Object.keys(operation.responses ?? {}).filter((code) => code.startsWith('2'));
        if (successes.length === 0) missing.push(`${method} ${path}: no success response`);
        if (
          ['post', 'patch', 'put'].includes(method) &&
          !operation.requestBody &&
          // Actions whose whole meaning is the path (log out, accept, vote, start a process, re-cluster, move a
          // review cycle to its next stage, refresh its scorecards, sign a review off) need no body.
          !/logout|accept|demo|calendar-feed|\/votes$|\/process$|\/recompute$|\/advance$|\/scorecards$|\/sign-off$/.test(
            path,
          )
        ) {
          missing.push(`${method} ${path}: no request body`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('serves interactive docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
    // Plain-http installs must not be told to upgrade the spec request to https.
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
