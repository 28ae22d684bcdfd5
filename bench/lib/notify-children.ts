// The child processes of bench/notifications.ts, one role per process (argv[2]):
//   sse <workers.json>     opens one Server-Sent Events stream per cookie, prints READY when every stream said
//                          `ready`, then ROUND <first> <last> (absolute ms) each time every stream got one more
//                          `notification` event
//   drain <target.json>    builds the app on the database (scheduler off), prints READY, waits for GO on stdin,
//                          runs due jobs until none are left, prints DONE <jobs run>
//   post <plan.json>       the baseline: the same signed webhook bodies POSTed by a bare loop, `concurrency` at once
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';

const now = () => performance.timeOrigin + performance.now();

async function sse(file: string) {
  const { url, cookies } = JSON.parse(readFileSync(file, 'utf8')) as { url: string; cookies: string[] };
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const counts = new Array<number>(cookies.length).fill(0);
  let ready = 0;
  let round = 0;
  let first = Infinity;
  let last = 0;
  const check = () => {
    if (counts.every((count) => count > round)) {
      console.log(`ROUND ${first.toFixed(3)} ${last.toFixed(3)}`);
      round += 1;
      first = Infinity;
      last = 0;
    }
  };
  cookies.forEach((cookie, index) => {
    const request = http.get(url, { agent, headers: { cookie, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        console.error(`stream ${index} answered ${response.statusCode}`);
        process.exit(1);
      }
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith('event: ready')) {
            ready += 1;
            if (ready === cookies.length) console.log('READY');
          } else if (frame.startsWith('event: notification')) {
            const at = now();
            first = Math.min(first, at);
            last = Math.max(last, at);
            counts[index] = (counts[index] ?? 0) + 1;
            check();
          }
          end = buffer.indexOf('\n\n');
        }
      });
    });
    request.on('error', (error) => {
      console.error(error);
      process.exit(1);
    });
  });
}

async function drain(file: string) {
  const target = JSON.parse(readFileSync(file, 'utf8')) as { dataDir: string; databaseUrl?: string };
  const app = await buildApp(
    loadConfig(
      {
        dataDir: target.dataDir,
        databaseUrl: target.databaseUrl,
        webDir: null,
        logLevel: 'error',
        runScheduler: false,
      },
      {},
    ),
  );
  console.log('READY');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'GO') break;
  let ran = 0;
  let idle = 0;
  // Two empty claims in a row: the other instance may hold the last jobs of a batch.
  while (idle < 2) {
    const count = await app.services.scheduler.runDue();
    ran += count;
    idle = count === 0 ? idle + 1 : 0;
    if (count === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  console.log(`DONE ${ran}`);
  await app.close();
}

async function post(file: string) {
  const plan = JSON.parse(readFileSync(file, 'utf8')) as {
    concurrency: number;
    requests: Array<{ url: string; headers: Record<string, string>; body: string }>;
  };
  const lines = createInterface({ input: process.stdin });
  console.log('READY');
  for await (const line of lines) if (line.trim() === 'GO') break;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const request = plan.requests[next];
      next += 1;
      if (!request) return;
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(5000),
      });
      await response.text();
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  console.log(`DONE ${plan.requests.length}`);
}

const [role, file] = process.argv.slice(2);
if (!file) throw new Error('usage: notify-children.ts sse|drain|post <file.json>');
if (role === 'sse') await sse(file);
else if (role === 'drain') await drain(file);
else if (role === 'post') await post(file);
else throw new Error(`unknown role ${role}`);
