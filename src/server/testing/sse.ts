import http from 'node:http';

export type SseEvent = { event: string; data: unknown };

export type SseClient = {
  /** Resolves with the next event of this name (earlier ones of other names are skipped). */
  next(event: string, timeoutMs?: number): Promise<SseEvent>;
  received: SseEvent[];
  close(): void;
};

/** A real Server-Sent Events client over node:http, reading the stream as a browser's EventSource would. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const received: SseEvent[] = [];
    const waiters: { event: string; resolve: (e: SseEvent) => void }[] = [];
    let consumed = 0;
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      if (response.statusCode !== 200) {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => reject(new Error(`SSE ${response.statusCode}: ${body}`)));
        return;
      }
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          boundary = buffer.indexOf('\n\n');
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length === 0) continue;
          const parsed: SseEvent = { event, data: JSON.parse(data.join('\n')) as unknown };
          received.push(parsed);
          const index = waiters.findIndex((waiter) => waiter.event === event);
          if (index >= 0) {
            const [waiter] = waiters.splice(index, 1);
            consumed = received.length;
            waiter?.resolve(parsed);
          }
        }
      });
      resolve({
        received,
        next(event, timeoutMs = 5000) {
          const earlier = received.slice(consumed).find((e) => e.event === event);
          if (earlier) {
            consumed = received.indexOf(earlier) + 1;
            return Promise.resolve(earlier);
          }
          return new Promise((resolveEvent, rejectEvent) => {
            const timer = setTimeout(
              () => rejectEvent(new Error(`no "${event}" event within ${timeoutMs} ms`)),
              timeoutMs,
            );
            waiters.push({
              event,
              resolve: (e) => {
                clearTimeout(timer);
                resolveEvent(e);
              },
            });
          });
        },
        close() {
          request.destroy();
        },
      });
    });
    request.on('error', reject);
  });
}
