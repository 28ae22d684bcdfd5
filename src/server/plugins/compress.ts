import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** JSON bodies from this size on are compressed; below it the headers cost more than compression saves. */
export const COMPRESS_MIN_BYTES = 1024;

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
 * workload bench). Larger bodies still go to the thread pool.
 */
export const COMPRESS_SYNC_MAX_BYTES = 64 * 1024;

function brotliOptions(size: number): zlib.BrotliOptions {
  return {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
}

/** Brotli at quality 4 (close to gzip's speed, smaller), tuned for text. */
export function brotliJson(text: string): Promise<Buffer> {
  return brotli(text, brotliOptions(Buffer.byteLength(text)));
}

export function gzipJson(text: string | Buffer): Promise<Buffer> {
  return gzip(text, { level: 6 });
}

/**
 * Compresses JSON answers of at least `COMPRESS_MIN_BYTES` with brotli (quality 4: close to gzip's speed, smaller)
 * or gzip, off the event loop (zlib's thread pool). Streams (files, documents, live events) pass untouched; static
 * files are compressed at build time and served by @fastify/static with `preCompressed`.
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
    const text = typeof payload === 'string' ? payload : payload.toString('utf8');
    const body =
      size <= COMPRESS_SYNC_MAX_BYTES
        ? encoding === 'br'
          ? zlib.brotliCompressSync(text, brotliOptions(size))
          : zlib.gzipSync(payload, { level: 6 })
        : encoding === 'br'
          ? await brotliJson(text)
          : await gzipJson(payload);
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return body;
  });
}
