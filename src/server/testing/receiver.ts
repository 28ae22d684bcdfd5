import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedRequest = { method: string; url: URL; headers: http.IncomingHttpHeaders; body: string };

/** What the receiver answers; 'hang' never answers (to test time-outs). */
export type ReceiverReply = { status: number; body: string } | 'hang';

export type TestReceiver = {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
};

/** A real HTTP server on 127.0.0.1 and a free port, standing in for a chat platform or webhook consumer. */
export async function startReceiver(
  reply: (request: ReceivedRequest) => ReceiverReply,
): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? '',
        url: new URL(incoming.url ?? '/', 'http://127.0.0.1'),
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const answer = reply(request);
      if (answer === 'hang') return;
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
