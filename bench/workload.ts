// `npm run bench:workload -- [--db sqlite|postgres] [--tasks 1000] [--requests 200] [--warmup 20] [--label NAME]
//   [--kanboard-dir DIR | --kanboard-url URL [--kanboard-user jsonrpc] [--kanboard-password TOKEN] [--kanboard-pid PID]]`
// The Kanboard-like workload of issue #15, against the real server (`node bin/opsplan.js serve`, the build) in its
// own process: a fresh workspace of 1,000 tasks (100 parents × 9 subtasks, each subtask after its previous
// sibling) made over the API, then one client sends sequential requests — one task by id, a page of 50, the whole
// schedule (what the board and the timeline read), the schedule right after a task changed (its first read at a
// new plan revision), a new task — and `/healthz` as the in-run baseline. Medians of `--requests` after
// `--warmup`. Requests carry `accept-encoding: br, gzip` like a browser; bytes are what went over the wire.
// With Kanboard (`--kanboard-dir`: started here with `php -S` over a scratch SQLite; `--kanboard-url`: one already
// running), the same 1,000 tasks are made there over its JSON-RPC API and each operation is timed on both servers
// in turn (OpsPlan, Kanboard, OpsPlan, …) so a busy moment of the machine falls on both; the table gives
// OpsPlan ÷ Kanboard. Without either option Kanboard is skipped with a note.
// SQLite in a scratch folder; PostgreSQL in a scratch database `<name>_workload` (127.0.0.1 only), both removed
// afterwards. Results: bench/results/<date>-workload-<db>[-kanboard][-<label>].json.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from './lib/args.ts';
import { installCleanup, residentMb, ROOT } from './lib/children.ts';
import { day, makePhasedPlan } from './lib/plan.ts';
import { connectKanboard, startKanboard, type Kanboard } from './lib/kanboard.ts';
import { signUpLead, startServer } from './lib/server.ts';
import { scratchTarget } from './lib/target.ts';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const db = args.string('db') ?? 'sqlite';
const taskCount = args.number('tasks', 1000);
const requests = args.number('requests', 200);
const warmup = args.number('warmup', 20);
// --identity: no accept-encoding (what a client that does not ask for compression gets).
const acceptEncoding = args.flag('identity') ? 'identity' : 'br, gzip';
// --label NAME: appended to the results file's name, so runs side by side do not overwrite each other.
const label = args.string('label');
if (label !== undefined && !/^[\w-]+$/.test(label)) throw new Error('--label: letters, digits, - and _ only');
if (db !== 'sqlite' && db !== 'postgres') throw new Error('--db must be sqlite or postgres');

const { target, cleanup } = await scratchTarget(args, db, 'workload');

const server = await startServer(target);
const base = server.baseUrl;
const session = await signUpLead(base, 'workload');

type Answer = { status: number; bytes: number; ms: number; body: unknown };

async function call(method: string, url: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {
    cookie: session.cookie,
    'accept-encoding': acceptEncoding,
    'accept-language': 'zh-CN',
  };
  if (method !== 'GET') {
    headers['x-csrf-token'] = session.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
  }
  const started = performance.now();
  const response = await fetch(`${base}${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  const bytes = Number(response.headers.get('content-length') ?? Buffer.byteLength(text));
  if (response.status >= 400) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return { status: response.status, bytes, ms, body: text ? JSON.parse(text) : null };
}

const { workspace } = (await call('POST', '/api/v1/workspaces', { name: '工作量 · workload' })).body as {
  workspace: { id: string };
};
const ws = `/api/v1/w/${workspace.id}`;
const setupStarted = performance.now();
const ids = await makePhasedPlan(async (url, body) => (await call('POST', url, body)).body, ws, taskCount);
const setupMs = performance.now() - setupStarted;
const opsplanRssAfterSetup = residentMb(server.pid);

// Kanboard: the same 1,000 tasks in one project — 100 phases and 9 tasks each, every task "is blocked by" its
// previous sibling (900 links), the same due dates, priorities, tags and estimates, and the two checklist items as
// Kanboard subtasks. Kanboard has no parent task, so the phase is a task of its own, as in OpsPlan.
const kanboardDir = args.string('kanboard-dir');
const kanboardUrl = args.string('kanboard-url');
let kanboard: Kanboard | null = null;
if (kanboardDir) kanboard = await startKanboard({ dir: kanboardDir, acceptEncoding });
else if (kanboardUrl) {
  const pid = args.string('kanboard-pid');
  kanboard = connectKanboard({
    url: kanboardUrl,
    user: args.string('kanboard-user') ?? 'jsonrpc',
    password: args.string('kanboard-password') ?? process.env.KANBOARD_API_TOKEN ?? '',
    pid: pid === undefined ? undefined : Number(pid),
    acceptEncoding,
  });
}
const kanboardIds: number[] = [];
const kanboardDue: string[] = [];
let kanboardProject = 0;
let kanboardLinks = 0;
let kanboardSubtasks = 0;
let kanboardVersion = '';
let kanboardSetupMs = 0;
let kanboardRssAfterSetup: number | null = null;
if (kanboard) {
  const kb = kanboard;
  const started = performance.now();
  kanboardVersion = String((await kb.call('getVersion')).body);
  kanboardProject = Number(
    (await kb.call('createProject', { name: `工作量 · workload ${new Date().toISOString()}` })).body,
  );
  // Kanboard's priorities run 0 (low) to 3: OpsPlan's urgent, high, medium, low.
  const priorities = [3, 2, 1, 0];
  for (let parent = 0; kanboardIds.length < taskCount; parent += 1) {
    const phase = Number(
      (
        await kb.call('createTask', {
          project_id: kanboardProject,
          title: `阶段 ${parent + 1} · Phase ${parent + 1}`,
          description: `第 ${parent + 1} 阶段的目标与交付物 · goals and deliverables of phase ${parent + 1}`,
          time_estimated: 8,
          tags: [`phase-${(parent % 5) + 1}`],
        })
      ).body,
    );
    kanboardIds.push(phase);
    let previous: number | null = null;
    for (let child = 0; child < 9 && kanboardIds.length < taskCount; child += 1) {
      const due = day(parent + child * 2);
      const task = Number(
        (
          await kb.call('createTask', {
            project_id: kanboardProject,
            title: `任务 ${parent + 1}.${child + 1} · Task ${parent + 1}.${child + 1}`,
            description:
              '按计划完成并在周会上汇报进展。Finish as planned and report at the weekly meeting. '.repeat(3),
            time_estimated: 4 + ((parent + child) % 5) * 4,
            date_due: due,
            priority: priorities[(parent + child) % 4],
            tags: [`phase-${(parent % 5) + 1}`, child % 2 ? 'ops' : 'content'],
          })
        ).body,
      );
      kanboardIds.push(task);
      kanboardDue.push(due);
      await kb.call('createSubtask', {
        task_id: task,
        title: '准备 · prepare',
        status: child % 3 === 0 ? 2 : 0,
      });
      await kb.call('createSubtask', { task_id: task, title: '复核 · review' });
      kanboardSubtasks += 2;
      // link 3 is "is blocked by" in Kanboard's seeded links.
      if (previous) {
        await kb.call('createTaskLink', { task_id: task, opposite_task_id: previous, link_id: 3 });
        kanboardLinks += 1;
      }
      previous = task;
    }
  }
  kanboardSetupMs = performance.now() - started;
  kanboardRssAfterSetup = residentMb(kb.pid);
} else {
  console.log(
    'Kanboard: skipped (no --kanboard-dir or --kanboard-url; bench/README.md, "Kanboard beside it", sets one up).\n',
  );
}
// A page of 50: Kanboard has no paging; its nearest is a search, `searchTasks` with `due:<=D` where D is the due
// date of the 50th task by due date (what OpsPlan's `?sort=due&limit=50` shows first), so at least 50 come back.
const pageDue = [...kanboardDue].sort()[49] ?? day(0);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

type Run = (index: number) => Promise<Answer>;
type Operation = { name: string; opsplan: Run; kanboard?: { name: string; run: Run } };
const kb = kanboard;
const kbTask = (index: number) => kanboardIds[(index * 7) % kanboardIds.length];
const schedule: Run = () => call('GET', `${ws}/schedule`);
const operations: Operation[] = [
  {
    name: '/healthz (baseline)',
    opsplan: () => call('GET', '/healthz'),
    kanboard: kb ? { name: 'getVersion', run: () => kb.call('getVersion') } : undefined,
  },
  {
    name: 'one task by id',
    opsplan: (index) => call('GET', `${ws}/tasks/${ids[(index * 7) % ids.length]}`),
    kanboard: kb
      ? { name: 'getTask', run: (index) => kb.call('getTask', { task_id: kbTask(index) }) }
      : undefined,
  },
  {
    name: 'a page of 50 tasks',
    opsplan: () => call('GET', `${ws}/tasks?sort=due&limit=50`),
    kanboard: kb
      ? {
          name: `searchTasks due:<=${pageDue}`,
          run: () => kb.call('searchTasks', { project_id: kanboardProject, query: `due:<=${pageDue}` }),
        }
      : undefined,
  },
  {
    name: 'whole schedule (board, timeline)',
    opsplan: schedule,
    kanboard: kb
      ? {
          name: 'getAllTasks (whole list)',
          run: () => kb.call('getAllTasks', { project_id: kanboardProject, status_id: 1 }),
        }
      : undefined,
  },
  ...(kb
    ? [
        {
          name: 'whole schedule (board, timeline)',
          opsplan: schedule,
          kanboard: {
            name: 'getBoard (whole board)',
            run: () => kb.call('getBoard', { project_id: kanboardProject }),
          },
        },
      ]
    : []),
  {
    name: 'whole schedule after a task changed',
    opsplan: async (index) => {
      // The write is not timed: only the first read at the new plan revision.
      await call('PATCH', `${ws}/tasks/${ids[(index * 13) % ids.length]}`, {
        estimateHours: 4 + (index % 7),
      });
      return schedule(index);
    },
    kanboard: kb
      ? {
          name: 'getBoard after updateTask',
          run: async (index) => {
            await kb.call('updateTask', {
              id: kanboardIds[(index * 13) % kanboardIds.length],
              time_estimated: 4 + (index % 7),
            });
            return kb.call('getBoard', { project_id: kanboardProject });
          },
        }
      : undefined,
  },
  {
    name: 'create a task',
    opsplan: (index) =>
      call('POST', `${ws}/tasks`, { title: `新任务 ${index} · new task`, estimateHours: 4 }),
    kanboard: kb
      ? {
          name: 'createTask',
          run: (index) =>
            kb.call('createTask', {
              project_id: kanboardProject,
              title: `新任务 ${index} · new task`,
              time_estimated: 4,
            }),
        }
      : undefined,
  },
];

type Figures = { medianMs: number; p90Ms: number; bytes: number };
function figures(times: readonly number[], bytes: number): Figures {
  return {
    medianMs: Number(median(times).toFixed(2)),
    p90Ms: Number(percentile(times, 90).toFixed(2)),
    bytes,
  };
}

const results: {
  name: string;
  opsplan: Figures;
  kanboard?: Figures & { call: string; items?: number };
}[] = [];
for (const operation of operations) {
  for (let index = 0; index < warmup; index += 1) {
    await operation.opsplan(index);
    await operation.kanboard?.run(index);
  }
  const times: number[] = [];
  const kanboardTimes: number[] = [];
  let bytes = 0;
  let kanboardBytes = 0;
  let items: number | undefined;
  // In turn, one request each: a busy moment of the machine falls on both servers alike.
  for (let index = 0; index < requests; index += 1) {
    const answer = await operation.opsplan(warmup + index);
    times.push(answer.ms);
    bytes = answer.bytes;
    if (operation.kanboard) {
      const other = await operation.kanboard.run(warmup + index);
      kanboardTimes.push(other.ms);
      kanboardBytes = other.bytes;
      // Rows of a task list (getBoard answers swimlanes).
      if (Array.isArray(other.body) && !operation.kanboard.name.startsWith('getBoard'))
        items = other.body.length;
    }
  }
  results.push({
    name: operation.name,
    opsplan: figures(times, bytes),
    kanboard: operation.kanboard
      ? { call: operation.kanboard.name, items, ...figures(kanboardTimes, kanboardBytes) }
      : undefined,
  });
}
const rssMb = residentMb(server.pid);
const kanboardRssMb = kanboard ? residentMb(kanboard.pid) : null;
await server.stop();
await kanboard?.stop();
await cleanup();

const mb = (value: number | null) => (value === null ? '—' : `${value.toFixed(0)} MB`);
const baseline = results[0]?.opsplan.medianMs ?? 1;
console.log(
  `${db}: ${taskCount} tasks (set up over the API in ${(setupMs / 1000).toFixed(1)} s), ${requests} sequential requests after ${warmup}, load ${os.loadavg()[0]?.toFixed(1)}\n`,
);
if (kanboard) {
  console.log(
    `Kanboard ${kanboardVersion} at ${kanboard.url} (PHP built-in server, SQLite): ${kanboardIds.length} tasks, ${kanboardLinks} links, ${kanboardSubtasks} subtasks set up over JSON-RPC in ${(kanboardSetupMs / 1000).toFixed(1)} s; requests in turn with OpsPlan's\n`,
  );
  console.log(
    '| operation | OpsPlan median ms | p90 | bytes (wire) | Kanboard call | Kanboard median ms | p90 | bytes | OpsPlan ÷ Kanboard |\n| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
  );
  for (const result of results) {
    const other = result.kanboard;
    console.log(
      `| ${result.name} | ${result.opsplan.medianMs} | ${result.opsplan.p90Ms} | ${result.opsplan.bytes.toLocaleString('en')} | ${other ? `${other.call}${other.items === undefined ? '' : ` (${other.items} items)`}` : '—'} | ${other?.medianMs ?? '—'} | ${other?.p90Ms ?? '—'} | ${other?.bytes.toLocaleString('en') ?? '—'} | ${other ? (result.opsplan.medianMs / other.medianMs).toFixed(2) : '—'} |`,
    );
  }
} else {
  console.log(
    '| operation | median ms | p90 ms | bytes (wire) | ÷ /healthz |\n| --- | ---: | ---: | ---: | ---: |',
  );
  for (const result of results) {
    console.log(
      `| ${result.name} | ${result.opsplan.medianMs} | ${result.opsplan.p90Ms} | ${result.opsplan.bytes.toLocaleString('en')} | ${(result.opsplan.medianMs / baseline).toFixed(1)} |`,
    );
  }
}
console.log(
  `\nserver RSS: OpsPlan ${mb(opsplanRssAfterSetup)} after the set-up, ${mb(rssMb)} after the run${kanboard ? `; Kanboard (php -S) ${mb(kanboardRssAfterSetup)} after the set-up, ${mb(kanboardRssMb)} after the run` : ''}`,
);
const file = path.join(
  ROOT,
  'bench',
  'results',
  `${new Date().toISOString().slice(0, 10)}-workload-${db}${args.flag('identity') ? '-identity' : ''}${kanboard ? '-kanboard' : ''}${label ? `-${label}` : ''}.json`,
);
writeFileSync(
  file,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      db,
      taskCount,
      requests,
      warmup,
      loadAverage: os.loadavg()[0],
      setupMs: Math.round(setupMs),
      rssMb,
      rssAfterSetupMb: opsplanRssAfterSetup,
      kanboard: kanboard
        ? {
            version: kanboardVersion,
            setupMs: Math.round(kanboardSetupMs),
            tasks: kanboardIds.length,
            rssAfterSetupMb: kanboardRssAfterSetup,
            rssMb: kanboardRssMb,
          }
        : null,
      results,
    },
    null,
    2,
  )}\n`,
);
console.log(path.relative(ROOT, file));
