// `npm run bench:pages -- [--scale large] [--db sqlite|postgres] [--data-dir DIR] [--runs 3] [--only "goal tree,board"]`
// Each page of the web app in headless Chromium (/usr/bin/chromium) against the built app (`npm run build` first),
// served by the real server (`node bin/opsplan.js serve`) over the generated workspace of the scale (made or
// reused as the other benches do; the large one by default). Per page, a fresh browser context per sample (cold
// cache), 1280 × 800, zh-CN; the median of `--runs`: ms from navigation start until the app shell (the menu) is
// visible and until the page's content is (bench/lib/pages.ts: a selector that shows data, and no spinner left),
// the bytes the page's API requests transferred until then, and the JS+CSS it loaded. Plus the first screen's
// JS+CSS gzip bytes (what index.html loads). Results: bench/results/<date>-pages-<db>.json.
// `--latency MS` adds a network round trip to every request (Chromium's emulation; localhost has none).
// `--waterfall` prints, per page, where its last sample's time went: each request's start and end (ms since
// navigation start, from the page's resource timings), the main thread's long tasks, the shell and the content.
// Signing in writes a session row: point --data-dir at a copy when the data set must stay untouched.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Request } from 'playwright-core';
import { LAUNCH_ARGS } from '../src/server/documents/browser.ts';
import { describeTarget, ensureWorkspace } from './data/workspace.ts';
import { parseArgs } from './lib/args.ts';
import { installCleanup, ROOT } from './lib/children.ts';
import { appPages, findPageIds, LOADING_SELECTOR, SHELL_SELECTOR, type AppPage } from './lib/pages.ts';
import { fixed, printTable } from './lib/report.ts';
import { signIn, startServer, type Session } from './lib/server.ts';
import { parseScale, resolveTarget } from './lib/target.ts';
import { measureBundle } from './web.ts';

/** Issue #15's targets for every page at the large scale. */
const SHELL_TARGET_MS = 300;
const CONTENT_TARGET_MS = 1000;
const FIRST_SCREEN_TARGET_BYTES = 300 * 1024;
const CHROMIUM = '/usr/bin/chromium';

installCleanup();
const args = parseArgs(process.argv.slice(2));
const scale = parseScale(args.string('scale') ?? 'large');
const target = resolveTarget(args, scale);
const runs = args.number('runs', 3);
const timeoutMs = args.number('timeout', 30_000);
const isWaterfall = args.flag('waterfall');
// A network's round trip, added by Chromium to every request (0: localhost as is). Requests asked one after the
// other pay it each time, which localhost hides.
const latencyMs = args.number('latency', 0);
const only = args
  .string('only')
  ?.split(',')
  .map((name) => name.trim());
const webDir = path.join(ROOT, 'dist', 'web');
if (!existsSync(path.join(webDir, 'index.html')) || !existsSync(path.join(ROOT, 'dist', 'server'))) {
  throw new Error('No build: run `npm run build` first');
}
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found`);

type Sample = {
  shellMs: number | null;
  contentMs: number | null;
  apiBytes: number;
  apiRequests: number;
  assetBytes: number;
};
type PageResult = {
  page: string;
  path: string;
  shellMs: number | null;
  contentMs: number | null;
  apiBytes: number;
  apiRequests: number;
  assetBytes: number;
  /** The slowest API request of the median sample: the likely cause of a slow page. */
  slowestApi: { url: string; ms: number; bytes: number } | null;
  samples: Sample[];
  note: string | null;
};

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? null;
};

console.log(`OpsPlan bench · pages · scale ${scale} · ${describeTarget(target)}`);
const info = await ensureWorkspace(target, scale);
let server = await startServer(target);
let restarts = 0;

/**
 * A page that timed out may have left the server busy (SQLite reads run on its one thread): each sample starts
 * on an idle server, or it would be charged for the last page's work. A server still busy after a minute is
 * restarted (and counted), as waiting on it could take longer than the whole bench.
 */
async function idleServer(): Promise<void> {
  try {
    await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(60_000) });
  } catch {
    console.log('  (the server is still busy after 60 s: restarting it)');
    await server.stop();
    server = await startServer(target);
    restarts += 1;
  }
}
const results: PageResult[] = [];
let session: Session | null = null;
try {
  session = await signIn(server.baseUrl, info.email, info.password);
  const ids = await findPageIds(server.baseUrl, session.cookie, info.workspaceId);
  const pages = appPages({ ...ids, goalId: info.goalId, kpiKey: info.seriesKpiKey }).filter(
    (page) => !only || only.includes(page.name),
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });
  try {
    for (const page of pages) {
      const samples: Array<Sample & { slowest: PageResult['slowestApi'] }> = [];
      let note: string | null = null;
      for (let run = 0; run < runs && note === null; run += 1) {
        const sample = await measurePage(browser, page);
        if (sample.contentMs === null)
          note = `content (${page.content}) not shown within ${timeoutMs / 1000} s`;
        samples.push(sample);
      }
      const shown = samples.filter((sample) => sample.contentMs !== null);
      const contentMs = median(shown.map((sample) => sample.contentMs ?? 0));
      const middle = shown.find((sample) => sample.contentMs === contentMs) ?? samples[0];
      const result: PageResult = {
        page: page.name,
        path: `/w/{ws}${page.path.replace(info.goalId, '{goal}').replace(info.seriesKpiKey, '{kpi}')}`,
        shellMs: median(samples.flatMap((sample) => (sample.shellMs === null ? [] : [sample.shellMs]))),
        contentMs,
        apiBytes: middle?.apiBytes ?? 0,
        apiRequests: middle?.apiRequests ?? 0,
        assetBytes: middle?.assetBytes ?? 0,
        slowestApi: middle?.slowest ?? null,
        samples: samples.map(({ slowest: _slowest, ...sample }) => sample),
        note,
      };
      results.push(result);
      console.log(
        `  ${page.name}: shell ${fixed(result.shellMs, 0)} ms, content ${fixed(result.contentMs, 0)} ms, API ${fixed(result.apiBytes / 1024)} KB` +
          (note ? ` — ${note}` : ''),
      );
    }
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
}

type Marks = { shell?: number; content?: number; longTasks: Array<[number, number]> };
/** Runs in the page (through evaluate): the marks the init script keeps. */
declare function readMarks(): Marks;

function markScript(page: AppPage): string {
  return `(() => {
    const marks = { longTasks: [] };
    window.readMarks = () => marks;
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) marks.longTasks.push([entry.startTime, entry.duration]);
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
    const visible = (selector) => [...document.querySelectorAll(selector)].some((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    });
    const timer = setInterval(() => {
      if (marks.shell === undefined && visible(${JSON.stringify(SHELL_SELECTOR)})) marks.shell = performance.now();
      if (marks.content === undefined && visible(${JSON.stringify(page.content)}) && !visible(${JSON.stringify(LOADING_SELECTOR)})) {
        marks.content = performance.now();
      }
      if (marks.shell !== undefined && marks.content !== undefined) clearInterval(timer);
    }, 10);
  })();`;
}

type Timing = { name: string; kind: string; start: number; end: number; bytes: number };
/** Runs in the page: the navigation and each resource, ms since navigation start. */
function readTimings(): Timing[] {
  return performance
    .getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource'))
    .map((entry) => ({
      name: entry.name,
      kind: (entry as PerformanceResourceTiming).initiatorType,
      start: entry.startTime,
      end: (entry as PerformanceResourceTiming).responseEnd,
      bytes: (entry as PerformanceResourceTiming).transferSize,
    }));
}

async function printWaterfall(page: AppPage, tab: Awaited<ReturnType<Browser['newPage']>>): Promise<void> {
  const timings = await tab.evaluate(readTimings);
  const marks = await tab.evaluate(() => readMarks());
  const ms = (value: number) => String(Math.round(value)).padStart(6);
  const rows: Array<[number, string]> = timings.map((timing) => {
    const url = new URL(timing.name);
    const name = (url.pathname + url.search)
      .replace(info.workspaceId, '{ws}')
      .replace(/-[\w-]{8}\.(js|css)$/, '.$1');
    return [
      timing.start,
      `${ms(timing.start)} → ${ms(timing.end)} ms  ${timing.kind.padEnd(10)} ${(timing.bytes / 1024).toFixed(1).padStart(6)} KB  ${name}`,
    ];
  });
  for (const [start, duration] of marks.longTasks) {
    rows.push([start, `${ms(start)} → ${ms(start + duration)} ms  long task`]);
  }
  if (marks.shell !== undefined) rows.push([marks.shell, `${ms(marks.shell)} ms  shell (menu) shown`]);
  if (marks.content !== undefined) {
    rows.push([marks.content, `${ms(marks.content)} ms  content shown`]);
  }
  console.log(`  waterfall of ${page.name}:`);
  for (const [, line] of rows.sort((a, b) => a[0] - b[0])) console.log(`    ${line}`);
}

async function measurePage(
  browser: Browser,
  page: AppPage,
): Promise<Sample & { slowest: PageResult['slowestApi'] }> {
  await idleServer();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  if (!session) throw new Error('not signed in');
  await context.addCookies([
    { name: 'opsplan_session', value: session.token, url: server.baseUrl },
    { name: 'opsplan_csrf', value: session.csrf, url: server.baseUrl },
  ]);
  // Times come from inside the page (performance.now() since navigation start), polled every 10 ms. A string, not
  // a function: tsx would wrap a function's inner functions in helpers the page does not have.
  await context.addInitScript(markScript(page));
  const tab = await context.newPage();
  if (latencyMs > 0) {
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: latencyMs,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  }
  const api: Request[] = [];
  const assets: Request[] = [];
  tab.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) api.push(request);
    else if (/\.(js|css)$/.test(url.pathname)) assets.push(request);
  });
  try {
    await tab.goto(`${server.baseUrl}/w/${info.workspaceId}${page.path}`, { waitUntil: 'commit' });
    let contentMs: number | null = null;
    try {
      // Functions, not strings: the app's CSP forbids eval. No inner functions (see markScript).
      await tab.waitForFunction(() => readMarks().content !== undefined, undefined, {
        timeout: timeoutMs,
        polling: 50,
      });
      contentMs = (await tab.evaluate(() => readMarks().content)) ?? null;
    } catch (error) {
      // not shown in time: reported as such
      if (process.env.PAGES_DEBUG) console.log(error);
    }
    const shellMs = (await tab.evaluate(() => readMarks().shell)) ?? null;
    if (isWaterfall) await printWaterfall(page, tab);
    const sizes = async (requests: Request[]) =>
      (await Promise.all(requests.map(async (request) => (await request.sizes()).responseBodySize))).reduce(
        (sum, bytes) => sum + bytes,
        0,
      );
    let slowest: PageResult['slowestApi'] = null;
    for (const request of api) {
      const timing = request.timing();
      const ms = timing.responseEnd;
      if (!slowest || ms > slowest.ms) {
        slowest = {
          url:
            new URL(request.url()).pathname.replace(info.workspaceId, '{ws}') + new URL(request.url()).search,
          ms: Math.round(ms),
          bytes: (await request.sizes()).responseBodySize,
        };
      }
    }
    return {
      shellMs: shellMs === null ? null : Math.round(shellMs),
      contentMs: contentMs === null ? null : Math.round(contentMs),
      apiBytes: await sizes(api),
      apiRequests: api.length,
      assetBytes: await sizes(assets),
      slowest,
    };
  } finally {
    await context.close();
  }
}

const bundle = measureBundle(webDir);
const firstScreenBytes = bundle.firstScreen.jsGzipBytes + bundle.firstScreen.cssGzipBytes;
printTable(
  `Pages in Chromium · ${scale} · ${target.dialect} · ${latencyMs} ms added round trip · median of ${runs} (targets: shell ≤ ${SHELL_TARGET_MS} ms, content ≤ ${CONTENT_TARGET_MS} ms)`,
  ['page', 'shell ms', 'content ms', 'API KB', 'API reqs', 'JS+CSS KB', 'slowest API request'],
  results.map((result) => [
    result.page,
    result.shellMs,
    result.contentMs ?? `> ${timeoutMs}`,
    fixed(result.apiBytes / 1024),
    result.apiRequests,
    fixed(result.assetBytes / 1024),
    result.slowestApi
      ? `${result.slowestApi.url} ${result.slowestApi.ms} ms ${fixed(result.slowestApi.bytes / 1024)} KB`
      : '',
  ]),
);
console.log(
  `First screen JS+CSS: ${fixed(firstScreenBytes / 1024)} KB gzip (target ≤ ${FIRST_SCREEN_TARGET_BYTES / 1024} KB)`,
);
const date = new Date().toISOString().slice(0, 10);
const file = `bench/results/${date}-pages-${target.dialect}.json`;
writeFileSync(
  path.join(ROOT, file),
  `${JSON.stringify(
    {
      date,
      scale,
      db: target.dialect,
      runs,
      latencyMs,
      targets: {
        shellMs: SHELL_TARGET_MS,
        contentMs: CONTENT_TARGET_MS,
        firstScreenGzipBytes: FIRST_SCREEN_TARGET_BYTES,
      },
      firstScreen: { gzipBytes: firstScreenBytes, files: bundle.firstScreen.files },
      serverRestarts: restarts,
      pages: results,
    },
    null,
    2,
  )}\n`,
);
console.log(`Wrote ${file}`);
