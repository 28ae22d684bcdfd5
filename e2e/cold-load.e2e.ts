import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signUpWithWorkspace } from './flows.ts';
import { launchBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Seen = { path: string; start: number; end: number | null };

/** Every API request of the page with when it started and finished (ms, this process's clock). */
function watchApi(page: Page): Seen[] {
  const seen: Seen[] = [];
  const open = new Map<object, Seen>();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith('/api/')) return;
    const entry = { path, start: performance.now(), end: null };
    seen.push(entry);
    open.set(request, entry);
  });
  page.on('requestfinished', (request) => {
    const entry = open.get(request);
    if (entry) entry.end = performance.now();
  });
  return seen;
}

describe('a cold load', () => {
  it('asks for the user and the workspace at once, each once', async () => {
    const first = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const workspaceId = await signUpWithWorkspace(
      await first.newPage(),
      server.url,
      { name: '冷启动', email: 'cold-load@example.com', password: 'correct-horse-battery-7' },
      '冷启动工作区',
    );
    const cookies = await first.cookies(server.url);
    await first.close();

    // A new context: no cached scripts, no query cache; the session cookie only.
    const cold = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    await cold.addCookies(cookies);
    const page = await cold.newPage();
    const seen = watchApi(page);
    await page.goto(`${server.url}/w/${workspaceId}/goals`);
    await page.getByRole('heading', { name: '目标' }).waitFor();
    await page.getByRole('menuitem', { name: '成员' }).waitFor();

    const me = seen.filter((entry) => entry.path === '/api/v1/me');
    const workspace = seen.filter((entry) => entry.path === `/api/v1/w/${workspaceId}`);
    expect(me).toHaveLength(1);
    expect(workspace).toHaveLength(1);
    // Side by side, not the workspace after the user: it was asked before the user's answer came.
    expect(me[0]?.end).not.toBeNull();
    expect(workspace[0]?.start).toBeLessThan(me[0]?.end ?? 0);
    await cold.close();
  });
});
