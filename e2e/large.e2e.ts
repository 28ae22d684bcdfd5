// The large workspace in the browser: every page of the web app opens on the generated large workspace (500 people,
// 5,000 goals, 20,000 KPIs, 2,000,000 measurements, 100,000 tasks) and shows its content. Skipped unless
// OPSPLAN_E2E_LARGE=1, so CI time is unchanged; the data set comes from `npm run bench:data -- --scale large`
// (OPSPLAN_E2E_LARGE_DATA_DIR, default data/bench-large) and is copied first, as signing in writes. No timing
// assertions: `npm run bench:pages` measures the times.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { appPages, findPageIds, LOADING_SELECTOR, SHELL_SELECTOR } from '../bench/lib/pages.ts';
import { BENCH_PASSWORD } from '../bench/data/workspace.ts';
import { launchBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

const enabled = process.env.OPSPLAN_E2E_LARGE === '1';
const source = path.resolve(process.env.OPSPLAN_E2E_LARGE_DATA_DIR ?? 'data/bench-large');
const EMAIL = 'bench.large@bench.opsplan.test';

describe.skipIf(!enabled)('the large workspace in the browser', () => {
  let copy: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let workspaceId: string;

  beforeAll(async () => {
    if (!existsSync(path.join(source, 'opsplan.db'))) {
      throw new Error(
        `${source}/opsplan.db not found: npm run bench:data -- --scale large --data-dir ${source}`,
      );
    }
    copy = await mkdtemp(path.join(tmpdir(), 'opsplan-e2e-large-'));
    await copyFile(path.join(source, 'opsplan.db'), path.join(copy, 'opsplan.db'));
    server = await startServer({ dataDir: copy });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const login = await context.request.post(`${server.url}/api/v1/auth/login`, {
      data: { email: EMAIL, password: BENCH_PASSWORD },
    });
    expect(login.ok()).toBe(true);
    const me = (await (await context.request.get(`${server.url}/api/v1/me`)).json()) as {
      workspaces: Array<{ id: string; name: string }>;
    };
    const large = me.workspaces.find((workspace) => workspace.name === 'OpsPlan bench · large');
    if (!large) throw new Error('the signed-in user has no "OpsPlan bench · large" workspace');
    workspaceId = large.id;
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  it('[LARGE] every page shows its content', async () => {
    const cookies = await context.cookies(server.url);
    const cookie = cookies.map((item) => `${item.name}=${item.value}`).join('; ');
    const pages = appPages(await findPageIds(server.url, cookie, workspaceId));
    expect(pages.length).toBeGreaterThan(25);
    // Every page is tried and photographed, so one run names every page that does not show its content; each in
    // a tab of its own, as a page that does not finish can leave its tab unable to navigate.
    const missing: string[] = [];
    for (const target of pages) {
      const page = await context.newPage();
      try {
        await page.goto(`${server.url}/w/${workspaceId}${target.path}`, { timeout: 60_000 });
        await page.locator(SHELL_SELECTOR).first().waitFor({ timeout: 60_000 });
        await page.locator(target.content).first().waitFor({ timeout: 60_000 });
        await expect
          .poll(
            () =>
              page
                .locator(LOADING_SELECTOR)
                .evaluateAll(
                  (elements) =>
                    elements.filter((element) => element.getBoundingClientRect().width > 0).length,
                ),
            { timeout: 60_000 },
          )
          .toBe(0);
      } catch {
        missing.push(target.name);
      }
      // For a person to look at; a page too busy to be photographed is already named by its content check.
      await page
        .screenshot({
          path: `e2e/screenshots/large-${target.name.replace(/\s+/g, '-')}.png`,
          timeout: 30_000,
        })
        .catch(() => undefined);
      await page.close({ runBeforeUnload: false }).catch(() => undefined);
    }
    expect(missing).toEqual([]);
  }, 1_800_000);
});
