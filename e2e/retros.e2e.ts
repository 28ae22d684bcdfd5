import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.ts';
import { callApi, choose, signUpWithWorkspace } from './flows.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let zhId: string;
let enId: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  await signUpWithWorkspace(
    page,
    server.url,
    { name: '王丽', email: 'wangli-retro@example.com', password: 'correct-horse-1' },
    '运营组',
  );
  zhId = (await callApi<{ workspace: { id: string } }>(context, server.url, 'POST', '/workspaces/demo', {}))
    .workspace.id;
  enId = (
    await callApi<{ workspace: { id: string } }>(context, server.url, 'POST', '/workspaces/demo', {
      locale: 'en',
    })
  ).workspace.id;
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

type Retro = {
  id: string;
  title: string;
  completion: { total: number; done: number; percent: number | null };
  actions: { title: string; taskId: string }[];
};

async function finishTask(workspaceId: string, taskId: string) {
  await callApi(context, server.url, 'PATCH', `/w/${workspaceId}/tasks/${taskId}`, { status: 'done' });
}

describe('复盘', () => {
  it('[RETRO] zh: a goal 复盘 through the four steps; its action is a task whose completion shows on it', async () => {
    await page.goto(`${server.url}/w/${zhId}/retros`);
    await page.getByTestId('retro-row').first().waitFor();
    await page.getByTestId('new-retro').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('标题').fill('增长目标季度复盘');
    await dialog
      .locator('.ant-segmented-item')
      .filter({ hasText: /^目标$/ })
      .click();
    await choose(page, dialog.getByLabel('选择目标'), '在三个月内将用户增长率提升20%');
    await page.locator('#create-retro').click();
    await page.getByTestId('retro-title').filter({ hasText: '增长目标季度复盘' }).waitFor();

    // 回顾目标: the goal's progress and key results are read from the data.
    const review = page.getByTestId('retro-review');
    await review.getByText('目标进度', { exact: false }).waitFor();
    expect(await review.locator('tbody tr').count()).toBeGreaterThan(1);

    // 评估结果 and 分析原因 with the 5-whys helper.
    await page.getByTestId('went-badly').getByRole('textbox').fill('日活增长慢于预期');
    await page.getByTestId('went-badly').getByRole('textbox').press('Enter');
    await page.getByTestId('went-badly').getByText('• 日活增长慢于预期').waitFor();
    await page.getByTestId('cause-problem').fill('日活增长慢于预期');
    await page.getByTestId('cause-problem').press('Enter');
    const chain = page.getByTestId('cause-chain').first();
    await chain.getByText('为什么「日活增长慢于预期」？').waitFor();
    await chain.getByTestId('why-answer').fill('新用户次日留存低');
    await chain.getByTestId('why-answer').press('Enter');
    await chain.getByText('为什么「新用户次日留存低」？').waitFor();
    await chain.getByTestId('why-answer').fill('没有新手引导');
    await chain.getByTestId('why-answer').press('Enter');
    await expect.poll(() => chain.getByTestId('root-cause').textContent()).toBe('没有新手引导');

    // 总结经验 with tags.
    await page.getByTestId('lesson-text').fill('拉新必须配套新手引导');
    await page.getByTestId('lesson-tags').click();
    await page.keyboard.type('留存');
    await page.keyboard.press('Enter');
    await page.getByTestId('add-lesson').click();
    await page
      .getByTestId('retro-lesson')
      .filter({ hasText: '拉新必须配套新手引导' })
      .getByText('#留存')
      .waitFor();

    // An action without an owner is not sent; with one it becomes a task.
    const actions = page.getByTestId('retro-actions');
    await actions.getByTestId('action-title').fill('上线新手引导 3 步');
    await page.getByTestId('add-retro-action').click();
    await actions.getByText('请填写此项').waitFor();
    await choose(page, actions.getByLabel('负责人', { exact: true }), '李娜');
    await page.getByTestId('add-retro-action').click();
    const action = page.getByTestId('retro-action').filter({ hasText: '上线新手引导 3 步' });
    await action.getByText('待办').waitFor();
    await page.getByTestId('retro-completion').getByText('0%').waitFor();
    await screenshot(page, 'retro-goal-1280-zh');

    const retroId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const saved = await callApi<{ retro: Retro }>(context, server.url, 'GET', `/w/${zhId}/retros/${retroId}`);
    const taskId = saved.retro.actions[0]?.taskId ?? '';
    const task = await callApi<{ task: { roles: { role: string; name: string }[] } }>(
      context,
      server.url,
      'GET',
      `/w/${zhId}/tasks/${taskId}`,
    );
    expect(task.task.roles.map((role) => `${role.role}:${role.name}`).sort()).toEqual(['A:李娜', 'R:李娜']);
    await finishTask(zhId, taskId);
    await page.reload();
    await page.getByTestId('retro-completion').getByText('100%').waitFor();
    await action.getByText('已完成').waitFor();

    await page.getByTestId('retro-done').click();
    await page.getByTestId('retro-status').filter({ hasText: '已完成' }).waitFor();
    await page.getByText('数据已于复盘完成时定格。').waitFor();

    // The improvement log finds the lesson by its tag.
    await page.goto(`${server.url}/w/${zhId}/retros?tab=log`);
    await choose(page, page.getByTestId('log-tag'), '#留存 (2)');
    await page.getByTestId('log-lesson').filter({ hasText: '拉新必须配套新手引导' }).waitFor();
    await screenshot(page, 'retro-log-1280-zh');
  });

  it('[RETRO] en: the demo campaign 复盘 reads its KPIs, and an action without an owner is refused in English', async () => {
    const list = await callApi<{ items: Retro[] }>(context, server.url, 'GET', `/w/${enId}/retros`);
    const campaign = list.items.find((item) => item.title.startsWith('Welcome-pack'));
    expect(campaign?.completion).toEqual({ total: 3, done: 1, percent: 33 });

    const cookies = await context.cookies(server.url);
    const csrf = cookies.find((cookie) => cookie.name === 'opsplan_csrf')?.value ?? '';
    const refused = await context.request.post(
      `${server.url}/api/v1/w/${enId}/retros/${campaign?.id}/actions`,
      {
        headers: { 'X-CSRF-Token': csrf, 'Accept-Language': 'en' },
        data: { actions: [{ title: 'Nobody’s job', dueDate: '2026-12-31' }] },
      },
    );
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'The action "Nobody’s job" needs an owner: every action becomes a task someone answers for. Nothing was saved.',
    );

    await callApi(context, server.url, 'PATCH', '/me', { locale: 'en' });
    const english = await context.newPage();
    await english.addInitScript(() => window.localStorage.setItem('opsplan.locale', 'en'));
    await english.goto(`${server.url}/w/${enId}/retros/${campaign?.id}`);
    await english.getByTestId('retro-title').filter({ hasText: 'Welcome-pack' }).waitFor();
    await english.getByTestId('retro-review').getByText('New users').waitFor();
    await english.getByTestId('retro-causes').getByText('Root cause').first().waitFor();
    await english.getByTestId('retro-completion').getByText('33%').waitFor();
    const actions = english.getByTestId('retro-actions');
    await actions.getByTestId('action-title').fill('Estimate support volume for the next campaign');
    await choose(english, actions.getByLabel('Owner', { exact: true }), 'Hao Sun');
    await english.getByTestId('add-retro-action').click();
    await english
      .getByTestId('retro-action')
      .filter({ hasText: 'Estimate support volume' })
      .getByText('To do')
      .waitFor();
    await english.getByTestId('retro-completion').getByText('25%').waitFor();
    await english.getByTestId('lesson-suggestion').first().waitFor();
    await screenshot(english, 'retro-campaign-1280-en');

    // The process 复盘 opens version 2 and links the comparison.
    const process = list.items.find((item) => item.title.startsWith('User feedback process'));
    await english.goto(`${server.url}/w/${enId}/retros/${process?.id}`);
    await english.getByTestId('open-version').click();
    await english.getByTestId('retro-compare').click();
    await english.waitForURL(/\/compare\?from=.+&to=.+/);
    await english.close();
    await callApi(context, server.url, 'PATCH', '/me', { locale: 'zh-CN' });
  });

  it('[RETRO] pages in both languages at 1280 and 390 px fit the screen', async () => {
    for (const [locale, workspaceId] of [
      ['zh-CN', zhId],
      ['en', enId],
    ] as const) {
      const list = await callApi<{ items: Retro[] }>(context, server.url, 'GET', `/w/${workspaceId}/retros`);
      const campaign = list.items.at(-1)?.id ?? '';
      const pages: Array<[string, string]> = [
        ['retros', `/w/${workspaceId}/retros`],
        ['retro', `/w/${workspaceId}/retros/${campaign}`],
        ['improvement-log', `/w/${workspaceId}/retros?tab=log`],
      ];
      await callApi(context, server.url, 'PATCH', '/me', { locale });
      for (const width of [1280, 390]) {
        const viewer = await context.newPage();
        await viewer.setViewportSize({ width, height: width > 400 ? 900 : 844 });
        await viewer.addInitScript((value) => window.localStorage.setItem('opsplan.locale', value), locale);
        for (const [name, path] of pages) {
          await viewer.goto(`${server.url}${path}`);
          await viewer.locator('h3').first().waitFor();
          await viewer.waitForLoadState('networkidle');
          const overflow = await viewer.evaluate(() => document.documentElement.scrollWidth);
          expect(overflow, `${name} ${locale} ${width}`).toBeLessThanOrEqual(width);
          await screenshot(viewer, `${name}-${width}-${locale === 'en' ? 'en' : 'zh'}`);
        }
        await viewer.close();
      }
    }
    await callApi(context, server.url, 'PATCH', '/me', { locale: 'zh-CN' });
  });
});
