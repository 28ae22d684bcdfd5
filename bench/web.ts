import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { LAUNCH_ARGS } from '../src/server/documents/browser.ts';
import type { WorkspaceInfo } from './data/workspace.ts';
import type { Session } from './lib/server.ts';

export type ChunkSize = { file: string; name: string; gzipBytes: number; rawBytes: number };

export type BundleReport = {
  firstScreen: { jsGzipBytes: number; cssGzipBytes: number; files: ChunkSize[] };
  /** Chunks named after a page: what each lazy route adds when first visited (its own chunk only). */
  routeChunks: ChunkSize[];
  sharedChunks: ChunkSize[];
};

function sizeOf(dir: string, file: string): ChunkSize {
  const raw = readFileSync(path.join(dir, file));
  const base = path.basename(file);
  return {
    file: base,
    name: base.replace(/-[\w-]{8}\.(js|css)$/, '.$1'),
    gzipBytes: gzipSync(raw, { level: 6 }).length,
    rawBytes: raw.length,
  };
}

/**
 * Gzipped sizes from the built files: the first screen is what index.html loads (entry script,
 * modulepreloads, stylesheets) and the Chinese language chunk with what it imports; every other chunk loads on
 * demand. vite.config.ts is not touched.
 */
export function measureBundle(webDir: string): BundleReport {
  const html = readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (match) => match[1] ?? '',
  );
  // The UI language is a chunk of its own (src/web/i18n/index.ts) that main.tsx loads before the first render:
  // the first screen carries one, Chinese by default.
  const language = readdirSync(path.join(webDir, 'assets')).find((file) =>
    /^pack\.zh-CN-[\w-]{8}\.js$/.test(file),
  );
  if (language) {
    referenced.push(`assets/${language}`);
    // And what it imports (antd's picker texts share a small chunk with the other language).
    const code = readFileSync(path.join(webDir, 'assets', language), 'utf8');
    for (const match of code.matchAll(/from\s*"\.\/([^"]+\.js)"/g)) {
      const file = `assets/${match[1] ?? ''}`;
      if (!referenced.includes(file)) referenced.push(file);
    }
  }
  const firstFiles = referenced.filter(Boolean).map((file) => sizeOf(webDir, file));
  const firstNames = new Set(firstFiles.map((chunk) => chunk.file));
  const assets = readdirSync(path.join(webDir, 'assets')).filter(
    (file) => /\.(js|css)$/.test(file) && !firstNames.has(file),
  );
  const others = assets
    .map((file) => sizeOf(webDir, path.join('assets', file)))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const isPage = (chunk: ChunkSize) => /Page\.(js|css)$/.test(chunk.name);
  const sum = (chunks: ChunkSize[], extension: string) =>
    chunks
      .filter((chunk) => chunk.file.endsWith(extension))
      .reduce((total, chunk) => total + chunk.gzipBytes, 0);
  return {
    firstScreen: {
      jsGzipBytes: sum(firstFiles, '.js'),
      cssGzipBytes: sum(firstFiles, '.css'),
      files: firstFiles,
    },
    routeChunks: others.filter(isPage),
    sharedChunks: others.filter((chunk) => !isPage(chunk)),
  };
}

export type RenderResult = {
  page: string;
  path: string;
  waitedFor: string | null;
  /** Median of the runs, ms from navigation start until the element was visible; null when skipped. */
  medianMs: number | null;
  runsMs: number[];
  note: string | null;
};

const CHROMIUM = '/usr/bin/chromium';

type PageToRender = { page: string; path: string; texts: string[] };

async function textsToWaitFor(
  baseUrl: string,
  info: WorkspaceInfo,
  session: Session,
): Promise<PageToRender[]> {
  const get = async <T>(url: string): Promise<T> => {
    const response = await fetch(`${baseUrl}${url}`, {
      headers: { cookie: session.cookie, 'accept-language': 'zh-CN' },
    });
    return (await response.json()) as T;
  };
  const ws = info.workspaceId;
  const dashboard = await get<{ attention: Array<{ title: string }>; redKpis: Array<{ name: string }> }>(
    `/api/v1/w/${ws}/dashboard`,
  );
  const goals = await get<{ items: Array<{ title: string; parentId: string | null }> }>(
    `/api/v1/w/${ws}/goals`,
  );
  const list = goals.items;
  return [
    {
      page: 'dashboard',
      path: `/w/${ws}`,
      texts: [dashboard.attention[0]?.title, dashboard.redKpis[0]?.name].filter(
        (text): text is string => !!text,
      ),
    },
    {
      page: 'goal tree',
      path: `/w/${ws}/goals`,
      texts: list
        .filter((goal) => goal.parentId === null)
        .slice(0, 1)
        .map((goal) => goal.title),
    },
  ];
}

/** Time to render in headless Chromium, cold cache each run (a fresh browser context). */
export async function measureRender(
  baseUrl: string,
  info: WorkspaceInfo,
  session: Session,
  runs: number,
): Promise<RenderResult[] | { skipped: string }> {
  if (!existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} not found: time-to-render skipped` };
  const pages = await textsToWaitFor(baseUrl, info, session);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });
  const results: RenderResult[] = [];
  try {
    for (const target of pages) {
      const runsMs: number[] = [];
      let note: string | null = null;
      let waitedFor: string | null = null;
      for (let run = 0; run < runs && note === null; run += 1) {
        const context = await browser.newContext({ locale: 'zh-CN' });
        await context.addCookies([
          { name: 'opsplan_session', value: session.token, url: baseUrl },
          { name: 'opsplan_csrf', value: session.csrf, url: baseUrl },
        ]);
        const page = await context.newPage();
        try {
          await page.goto(`${baseUrl}${target.path}`, { waitUntil: 'commit' });
          let found = false;
          for (const text of target.texts) {
            try {
              await page.waitForSelector(`text=${JSON.stringify(text)}`, {
                state: 'visible',
                timeout: 15_000,
              });
              waitedFor = text;
              found = true;
              break;
            } catch {
              // try the next known text
            }
          }
          if (!found) {
            note = `none of ${JSON.stringify(target.texts)} became visible within 15 s: this build of the web app does not show that data at ${target.path.replace(info.workspaceId, '{ws}')} (yet)`;
            break;
          }
          runsMs.push(await page.evaluate(() => performance.now()));
        } finally {
          await context.close();
        }
      }
      const sorted = [...runsMs].sort((a, b) => a - b);
      results.push({
        page: target.page,
        path: target.path.replace(info.workspaceId, '{ws}'),
        waitedFor,
        medianMs: sorted.length > 0 ? (sorted[Math.floor(sorted.length / 2)] ?? null) : null,
        runsMs: runsMs.map((ms) => Math.round(ms)),
        note,
      });
    }
  } finally {
    await browser.close();
  }
  return results;
}
