// Framework ceiling: a bare node:http server answering `GET /?bytes=N` with a pre-built JSON body of N bytes,
// in its own process. Whatever OpsPlan does per request is the distance from this.
import http from 'node:http';

const bodies = new Map<number, Buffer>();

function bodyOf(bytes: number): Buffer {
  let body = bodies.get(bytes);
  if (!body) {
    const padding = Math.max(0, bytes - '{"data":""}'.length);
    body = Buffer.from(JSON.stringify({ data: 'x'.repeat(padding) }));
    bodies.set(bytes, body);
  }
  return body;
}

const server = http.createServer((request, response) => {
  const bytes = Number(new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('bytes') ?? 100);
  const body = bodyOf(Number.isFinite(bytes) ? Math.min(bytes, 50_000_000) : 100);
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
  });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
