import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.ts';
import { callApi, choose, signUpWithWorkspace } from './flows.ts';
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

type Observation = {
  id: string;
  title: string;
  task: { id: string; title: string } | null;
  sourceUrl: string | null;
};

describe('competitors', () => {
  it('[COMPETITORS] add a competitor, record an observation, turn it into a task and fill the SWOT, on a phone', async () => {
    const lead = { name: '陈静', email: 'chenjing-competitors@example.com', password: 'correct-horse-5' };
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const workspaceId = await signUpWithWorkspace(page, server.url, lead, '市场组');

    await page.goto(`${server.url}/w/${workspaceId}/competitors`);
    await page.getByRole('button', { name: '添加竞品' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('快购商城');
    // A non-web address is refused under its field, in words.
    await dialog.getByLabel('官网').fill('javascript:alert(1)');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.getByText('请填写以 http:// 或 https:// 开头的网址。').waitFor();
    await dialog.getByLabel('官网').fill('https://quickcart.example.com');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('competitor-card').getByText('快购商城').waitFor();

    await page.getByRole('button', { name: '记录动态' }).click();
    const observe = page.getByRole('dialog');
    await choose(page, observe.getByLabel('按类别筛选'), '价格');
    await observe.getByLabel('标题').fill('会员免运费门槛降到 39 元');
    await observe.getByLabel('说明').fill('<b>对标</b>我们的 49 元门槛');
    await observe.getByLabel('来源链接').fill('https://quickcart.example.com/help/shipping');
    await observe.getByRole('button', { name: /确\s*定/ }).click();
    await observe.waitFor({ state: 'hidden' });
    const entry = page.getByTestId('observation').first();
    await entry.getByText('会员免运费门槛降到 39 元').waitFor();
    // HTML shows as the text it is.
    await entry.getByText('<b>对标</b>我们的 49 元门槛').waitFor();

    await entry.getByRole('button', { name: '转为任务' }).click();
    const taskDialog = page.getByRole('dialog');
    await taskDialog.getByLabel('任务标题').fill('评估是否下调免运费门槛');
    await taskDialog.getByRole('button', { name: /确\s*定/ }).click();
    await taskDialog.waitFor({ state: 'hidden' });
    await entry.getByRole('link', { name: '任务：评估是否下调免运费门槛' }).waitFor();

    await page.getByRole('button', { name: '编辑 SWOT' }).click();
    const swot = page.getByRole('dialog');
    await swot.getByLabel('优势 S').fill('自建物流\n会员复购高');
    await swot.getByLabel('威胁 T').fill('免运费门槛下调');
    await swot.getByRole('button', { name: /确\s*定/ }).click();
    await swot.waitFor({ state: 'hidden' });
    const grid = page.getByTestId('swot-grid');
    await grid.getByRole('region', { name: '优势 S' }).getByText('会员复购高').waitFor();
    await grid.getByRole('region', { name: '威胁 T' }).getByText('免运费门槛下调').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'competitors-new-zh-390');

    const saved = await callApi<{ observations: Observation[] }>(
      context,
      server.url,
      'GET',
      `/w/${workspaceId}/competitor-observations`,
    );
    expect(saved.observations[0]?.task?.title).toBe('评估是否下调免运费门槛');
    await page.goto(`${server.url}/w/${workspaceId}/tasks`);
    await page.getByText('评估是否下调免运费门槛').first().waitFor();
    await context.close();
  }, 120_000);

  it('[COMPETITORS] the demo competitors show their timeline, SWOT and linked task in both languages, filtered by kind', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signUpWithWorkspace(
      page,
      server.url,
      { name: '孙浩', email: 'sunhao-competitors@example.com', password: 'correct-horse-6' },
      '临时',
    );
    const words = {
      'zh-CN': {
        first: '快购商城',
        linked: /任务：竞品拉新活动调研/,
        pricing: '价格',
        swot: '优势 S',
        filter: '按类别筛选',
      },
      en: {
        first: 'QuickCart',
        linked: /Task: Competitor acquisition campaign research/,
        pricing: 'Pricing',
        swot: 'Strengths',
        filter: 'Filter by kind',
      },
    } as const;
    for (const locale of ['zh-CN', 'en'] as const) {
      await callApi(context, server.url, 'PATCH', '/me', { locale });
      const demo = await callApi<{ workspace: { id: string } }>(
        context,
        server.url,
        'POST',
        '/workspaces/demo',
        {
          locale,
        },
      );
      const base = `${server.url}/w/${demo.workspace.id}/competitors`;
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(base);
        await page.getByTestId('competitor-card').first().waitFor();
        await page.getByTestId('competitor-card').filter({ hasText: words[locale].first }).click();
        await page.getByRole('link', { name: words[locale].linked }).waitFor();
        await page.getByTestId('swot-grid').getByRole('region', { name: words[locale].swot }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await screenshot(page, `competitors-demo-${locale}-${width}`);
      }
      // The kind filter narrows the timeline to price moves.
      await page
        .getByRole('group', { name: words[locale].filter })
        .getByText(words[locale].pricing, { exact: true })
        .click();
      await page.waitForURL(/category=pricing/);
      // The unfiltered list can still be on screen (or empty while the filtered one loads): wait for the one.
      await expect.poll(() => page.getByTestId('observation').count()).toBe(1);
      await screenshot(page, `competitors-pricing-${locale}-390`);
    }
    await context.close();
  }, 180_000);
});
