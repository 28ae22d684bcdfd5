import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { callApi, signUpWithWorkspace } from './flows.ts';
import { launchBrowser, screenshot } from './browser.ts';
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

type Hit = { kind: string; id: string; title: string };

describe('global search', () => {
  it('[SEARCH] Ctrl+K finds the demo plan by a Chinese fragment, arrows choose, Enter opens; the same on a phone in English', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signUpWithWorkspace(
      page,
      server.url,
      { name: '周敏', email: 'zhoumin-search@example.com', password: 'correct-horse-1' },
      '搜索组',
    );
    const demo = await callApi<{ workspace: { id: string } }>(
      context,
      server.url,
      'POST',
      '/workspaces/demo',
      {},
    );
    const base = `/w/${demo.workspace.id}`;
    await page.goto(`${server.url}${base}`);
    await page.getByTestId('search-open').waitFor();

    await page.keyboard.press('Control+k');
    const input = page.getByTestId('search-input');
    await input.waitFor();
    await expect.poll(() => input.evaluate((element) => element === document.activeElement)).toBe(true);
    await input.fill('活动');
    const hits = page.getByTestId('search-hit');
    await hits.first().waitFor();
    const expected = await callApi<{ items: Hit[] }>(
      context,
      server.url,
      'GET',
      `${base}/search?q=%E6%B4%BB%E5%8A%A8`,
    );
    expect(expected.items.length).toBeGreaterThan(2);
    expect(await hits.count()).toBe(expected.items.length);
    // Every hit shows the term highlighted.
    expect(await page.getByTestId('search-results').locator('mark').first().innerText()).toBe('活动');
    await screenshot(page, '90-search-zh');

    // Arrow down twice, Enter: the third hit opens.
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    expect(await hits.nth(2).getAttribute('aria-selected')).toBe('true');
    const third = expected.items[2];
    await input.press('Enter');
    await page.getByTestId('search-input').waitFor({ state: 'detached' });
    const path = new URL(page.url()).pathname + new URL(page.url()).search;
    expect(path).toContain(third?.id);

    // A phone, in English: the header keeps an icon; nothing found says so.
    const small = page;
    await small.goto(`${server.url}${base}`);
    await small.getByTestId('language-switch').getByText('English').click();
    await small.setViewportSize({ width: 390, height: 844 });
    await small.goto(`${server.url}${base}`);
    await small.getByTestId('search-open').click();
    await small.getByTestId('search-input').fill('zzzz-none');
    await small.getByText('Nothing contains “zzzz-none”').waitFor();
    await small.getByTestId('search-input').fill('用户');
    await small.getByTestId('search-hit').first().waitFor();
    await screenshot(small, '91-search-en-phone');
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await context.close();
  });
});
