import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * JSON bodies from this size on are compressed. A smaller one fits in one TCP segment (1,460 bytes on Ethernet) as it
 * is: compressing saves at most that one packet of the same first flight, no round trip, and costs the server a
 * brotli run (a task read's 1.2 KB: 20–60 µs) and a client a decoder. Was 1 KB.
 */
export const COMPRESS_MIN_BYTES = 1460;

export type Encoding = 'br' | 'gzip';

/** The encoding to answer with for an Accept-Encoding header: brotli, else gzip, unless refused with q=0. */
export function pickEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params
      .map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1])
      .find((value) => value !== undefined);
    weights.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

/**
 * Up to this size a body is compressed on the event loop (a page of 50 tasks, 47 KB: ~0.2 ms of brotli): handing it
 * to zlib's thread pool and back cost more than that on a busy machine (0.5 ms a request, profiled under the
 * workload bench). Larger bodies go to the thread pool.
 */
const COMPRESS_SYNC_MAX_BYTES = 64 * 1024;

/** JSON compressed with brotli at quality 4 (close to gzip's speed, smaller, tuned for text) or gzip at level 6. */
export async function compressJson(encoding: Encoding, json: string | Buffer): Promise<Buffer> {
  const size = Buffer.byteLength(json);
  const brotliOptions = {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
  const gzipOptions = { level: 6 };
  if (size <= COMPRESS_SYNC_MAX_BYTES)
    return encoding === 'br'
      ? zlib.brotliCompressSync(json, brotliOptions)
      : zlib.gzipSync(json, gzipOptions);
  return encoding === 'br' ? brotli(json, brotliOptions) : gzip(json, gzipOptions);
}

/**
 * Compresses JSON answers of at least `COMPRESS_MIN_BYTES` with `compressJson`. Streams (files, documents, live
 * events) pass untouched; static files are compressed at build time and served by @fastify/static with
 * `preCompressed`.
 */
export function registerCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader('content-encoding')) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) return payload;
    const size = Buffer.byteLength(payload);
    if (size < COMPRESS_MIN_BYTES) return payload;
    const vary = String(reply.getHeader('vary') ?? '');
    if (!/accept-encoding/i.test(vary))
      reply.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = pickEncoding(request.headers['accept-encoding']);
    if (!encoding) return payload;
    const body = await compressJson(encoding, payload);
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return body;
  });
}
