import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.ts';
import Fastify from 'fastify';
import { COMPRESS_MIN_BYTES, pickEncoding, registerCompression } from './compress.ts';

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('gzip;q=1.0, br;q=0.5')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*, br;q=0')).toBe('gzip');
    expect(pickEncoding('gzip;q=0, br;q=0')).toBeNull();
  });
});

describe('the size threshold', () => {
  it('sends a body under one TCP segment as it is, and compresses one from COMPRESS_MIN_BYTES on', async () => {
    const app = Fastify();
    registerCompression(app);
    // A JSON string of exactly `size` bytes.
    app.get('/sized/:size', async (request, reply) => {
      const size = Number((request.params as { size: string }).size);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify('x'.repeat(size - 2)));
    });
    const get = (size: number) =>
      app.inject({ method: 'GET', url: `/sized/${size}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(COMPRESS_MIN_BYTES).toBeGreaterThan(1200); // a task read (~1.2 KB) is sent as it is
    const below = await get(COMPRESS_MIN_BYTES - 1);
    expect(below.rawPayload.length).toBe(COMPRESS_MIN_BYTES - 1);
    expect(below.headers['content-encoding']).toBeUndefined();
    const at = await get(COMPRESS_MIN_BYTES);
    expect(at.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(at.rawPayload).length).toBe(COMPRESS_MIN_BYTES);
    await app.close();
  });
});

describe('compressed responses', () => {
  let test: TestApp;
  let webDir: string;
  const script = `console.log(${JSON.stringify('运营计划 OpsPlan '.repeat(400))});\n`;

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'opsplan-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), script);
    writeFileSync(path.join(webDir, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
    writeFileSync(path.join(webDir, 'assets', 'app-abc123.js.gz'), gzipSync(script));
    test = await createTestApp({ webDir });
  });

  afterAll(async () => {
    await test.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('compresses JSON above the threshold with the encoding the client accepts, same content', async () => {
    const url = '/api/openapi.json';
    const plain = await test.app.inject({ method: 'GET', url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_MIN_BYTES);
    expect(String(plain.headers.vary)).toMatch(/accept-encoding/i);

    const br = await test.app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());

    const gzip = await test.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('leaves small JSON alone', async () => {
    const response = await test.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'accept-encoding': 'br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.length).toBeLessThan(COMPRESS_MIN_BYTES);
    expect(response.headers['content-encoding']).toBeUndefined();
  });

  it('serves the build’s precompressed assets, cached for good, and the page itself uncached', async () => {
    const url = '/assets/app-abc123.js';
    const br = await test.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(script);

    const gzip = await test.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(script);

    const plain = await test.app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);

    const page = await test.app.inject({
      method: 'GET',
      url: '/goals',
      headers: { 'accept-encoding': 'br' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('<div id="root">');
  });
});
