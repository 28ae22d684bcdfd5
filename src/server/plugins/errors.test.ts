import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestTeam, type TestApp, type TestUser } from '../testing/app.ts';
import { errorShapeProblem } from '../testing/errorShape.ts';

// Errors raised by Fastify and Node themselves come out in the documented shape, translated, like ours.

let t: TestApp;
let owner: TestUser;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ workspaceId, owner } = await createTestTeam(t.app, []));
});
afterAll(() => t.close());

type Answer = { statusCode: number; headers: Record<string, unknown>; body: string };

function expectError(response: Answer, status: number, code: string, message?: string) {
  expect(errorShapeProblem(response), response.body).toBeNull();
  expect(response.statusCode).toBe(status);
  const error = (JSON.parse(response.body) as { error: { code: string; message: string } }).error;
  expect(error.code).toBe(code);
  if (message) expect(error.message).toBe(message);
}

/** One raw HTTP/1.1 exchange with the listening app, for what Node's parser refuses before Fastify. */
async function raw(port: number, request: string): Promise<Answer> {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  return { statusCode: Number(statusLine.split(' ')[1]), headers, body };
}

describe('errors from Fastify', () => {
  it('answers bad percent-encoding in the path in the caller language', async () => {
    const url = `/api/v1/w/${workspaceId}/tasks/%E0%A4%A`;
    expectError(
      await t.app.inject(as(owner, { method: 'GET', url })),
      400,
      'bad_url',
      'The address is not valid (check its percent-encoding).',
    );
    expectError(
      await t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'zh-CN' } }),
      400,
      'bad_url',
      '请求地址无效（请检查其中的百分号编码）。',
    );
  });

  it('answers a path parameter over the router limit with 414', async () => {
    const response = await t.app.inject(
      as(owner, { method: 'GET', url: `/api/v1/w/${workspaceId}/tasks/${'a'.repeat(101)}` }),
    );
    expectError(response, 414, 'uri_too_long', 'The address is too long.');
  });

  it('answers malformed and empty JSON', async () => {
    for (const payload of ['{"title":', '']) {
      const response = await t.app.inject(
        as(owner, {
          method: 'POST',
          url: `/api/v1/w/${workspaceId}/tasks`,
          headers: { 'content-type': 'application/json' },
          payload,
        }),
      );
      expectError(response, 400, 'invalid_json', 'The request body is not valid JSON.');
    }
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await t.app.inject(
      as(owner, {
        method: 'POST',
        url: `/api/v1/w/${workspaceId}/tasks`,
        headers: { 'content-type': 'application/xml', 'accept-language': 'zh-CN' },
        payload: '<task/>',
      }),
    );
    expectError(response, 415, 'unsupported_media_type', '请以 JSON 格式发送请求内容。');
  });

  it('answers text/plain with 415, also on routes that take files', async () => {
    for (const [url, code] of [
      [`/api/v1/w/${workspaceId}/tasks`, 'unsupported_media_type'],
      // Import routes name the file types they read.
      [`/api/v1/w/${workspaceId}/tasks/import?dryRun=true`, 'import_unsupported_type'],
    ] as const) {
      const response = await t.app.inject(
        as(owner, {
          method: 'POST',
          url,
          headers: { 'content-type': 'text/plain' },
          payload: 'wbs,title\n1,Launch',
        }),
      );
      expectError(response, 415, code);
    }
  });

  it('answers a body over the limit with 413, naming the limit', async () => {
    const response = await t.app.inject(
      as(owner, {
        method: 'POST',
        url: `/api/v1/w/${workspaceId}/tasks`,
        payload: { title: 'x'.repeat(1_100_000) },
      }),
    );
    expectError(response, 413, 'payload_too_large', 'The request is too large (limit 1024 KB).');
  });

  it('answers an unknown route or method with 404', async () => {
    expectError(
      await t.app.inject(as(owner, { method: 'GET', url: '/api/v1/nothing-here' })),
      404,
      'not_found',
    );
    expectError(
      await t.app.inject(as(owner, { method: 'PUT', url: `/api/v1/w/${workspaceId}/tasks`, payload: {} })),
      404,
      'not_found',
      'Not found.',
    );
  });
});

describe('errors from Node before a request exists', () => {
  let port: number;
  let listening: TestApp;

  beforeAll(async () => {
    // A separate app: listening on the shared one would leave inject() racing a real server.
    listening = await createTestApp({ defaultLocale: 'en' });
    await listening.app.listen({ port: 0, host: '127.0.0.1' });
    const address = listening.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    port = address.port;
  });
  afterAll(() => listening.close());

  it('answers an address over the header limit (the real-world 414) in the shape', async () => {
    const response = await raw(
      port,
      `GET /api/v1/health?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expectError(response, 431, 'headers_too_large', 'The address or the request headers are too long.');
  });

  it('answers a request it cannot parse in the shape', async () => {
    const response = await raw(port, 'GARBAGE\r\n\r\n');
    expectError(response, 400, 'bad_request', 'The request could not be read.');
  });
});
