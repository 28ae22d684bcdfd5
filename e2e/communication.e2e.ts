import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.ts';
import { callApi, choose, signUpWithWorkspace } from './flows.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let demoId: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  await signUpWithWorkspace(
    page,
    server.url,
    { name: '王丽', email: 'wangli-comms@example.com', password: 'correct-horse-1' },
    '运营组',
  );
  const demo = await callApi<{ workspace: { id: string } }>(
    context,
    server.url,
    'POST',
    '/workspaces/demo',
    {},
  );
  demoId = demo.workspace.id;
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

type Goal = { id: string; title: string };

describe('team communication', () => {
  it('[COMMENTS] a comment with an @mention picked from the autocomplete is saved and shown', async () => {
    const goals = await callApi<{ items: Goal[] }>(context, server.url, 'GET', `/w/${demoId}/goals`);
    const goal = goals.items.find((item) => item.title === '在三个月内将用户增长率提升20%') ?? goals.items[0];
    await page.goto(`${server.url}/w/${demoId}/goals/${goal?.id}`);
    const panel = page.getByTestId('comments-panel');
    await panel.waitFor();
    // The demo's own comments are there, interleaved with the goal's changes.
    await panel.getByText('老带新的转化比预期低', { exact: false }).waitFor();

    const box = page.getByLabel('写评论，支持 Markdown；输入 @ 提及成员');
    await box.click();
    await box.pressSequentially('@李');
    await page.locator('.ant-mentions-dropdown').getByText('李娜', { exact: false }).first().click();
    await box.pressSequentially('请把 **渠道拆分** 放进周会');
    await page.getByTestId('comment-submit').click();

    const posted = panel.getByTestId('comment').filter({ hasText: '请把 渠道拆分 放进周会' });
    await posted.waitFor();
    await expect.poll(() => posted.locator('.mention').textContent()).toBe('@李娜');
    await expect
      .poll(() => posted.getByTestId('comment-body').locator('strong').textContent())
      .toBe('渠道拆分');
    const saved = await callApi<{ items: { body: string }[] }>(
      context,
      server.url,
      'GET',
      `/w/${demoId}/comments?targetType=goal&targetId=${goal?.id}`,
    );
    expect(saved.items[0]?.body).toMatch(/^@\[李娜\]\(user:[0-9a-f-]+\) 请把 \*\*渠道拆分\*\* 放进周会$/);
    await posted.scrollIntoViewIfNeeded();
    await screenshot(page, 'comments-goal-1440-zh');
  });

  it('[MEETINGS] an action item added in the meeting becomes a task with its owner as R and A', async () => {
    await page.goto(`${server.url}/w/${demoId}/meetings`);
    await page.getByTestId('meeting-series').first().waitFor();
    await screenshot(page, 'meetings-1440-zh');
    await page.getByTestId('meeting-row').first().getByRole('link').click();
    await page.getByTestId('meeting-title').waitFor();
    // The next weekly sync opens with last time's open actions.
    await page.getByTestId('agenda-card').getByText('未完成的行动项：新手引导 3 步方案原型').waitFor();

    await page.getByLabel('行动项', { exact: true }).fill('复盘老带新 A/B 测试结果');
    await choose(page, page.getByLabel('负责人', { exact: true }), '李娜');
    await page.getByTestId('add-action').click();
    const action = page.getByTestId('meeting-action').filter({ hasText: '复盘老带新 A/B 测试结果' });
    await action.waitFor();
    await action.getByText('待办').waitFor();
    await screenshot(page, 'meeting-1440-zh');

    const meetingId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const meeting = await callApi<{ meeting: { actions: { title: string; taskId: string }[] } }>(
      context,
      server.url,
      'GET',
      `/w/${demoId}/meetings/${meetingId}`,
    );
    const taskId = meeting.meeting.actions.find((item) => item.title === '复盘老带新 A/B 测试结果')?.taskId;
    const task = await callApi<{ task: { title: string; roles: { role: string; name: string }[] } }>(
      context,
      server.url,
      'GET',
      `/w/${demoId}/tasks/${taskId}`,
    );
    expect(task.task.title).toBe('复盘老带新 A/B 测试结果');
    expect(task.task.roles.map((role) => `${role.role}:${role.name}`).sort()).toEqual(['A:李娜', 'R:李娜']);

    // The action's link opens the task.
    await action.getByRole('link').click();
    await page.waitForURL(new RegExp(`/tasks\\?task=${taskId}`));
  });

  it('[COMMS] pages in both languages at 1440 and 390 px', async () => {
    const meetings = await callApi<{ items: { id: string; status: string }[] }>(
      context,
      server.url,
      'GET',
      `/w/${demoId}/meetings`,
    );
    const held = meetings.items.find((item) => item.status === 'held')?.id ?? '';
    const pages: Array<[string, string]> = [
      ['meetings', `/w/${demoId}/meetings`],
      ['meeting-held', `/w/${demoId}/meetings/${held}`],
      ['notification-settings', '/profile/notifications'],
      ['chat-groups', `/w/${demoId}/settings/chat`],
    ];
    for (const locale of ['zh-CN', 'en'] as const) {
      await callApi(context, server.url, 'PATCH', '/me', { locale });
      for (const width of [1440, 390]) {
        const viewer = await context.newPage();
        await viewer.setViewportSize({ width, height: width > 400 ? 900 : 844 });
        await viewer.addInitScript((value) => window.localStorage.setItem('opsplan.locale', value), locale);
        for (const [name, path] of pages) {
          await viewer.goto(`${server.url}${path}`);
          await viewer.locator('h3').first().waitFor();
          await viewer.waitForLoadState('networkidle');
          // Nothing wider than the screen: every page must work at 390 px.
          const overflow = await viewer.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${name} at ${width} in ${locale}`).toBeLessThanOrEqual(0);
          await screenshot(viewer, `${name}-${width}-${locale === 'en' ? 'en' : 'zh'}`);
        }
        await viewer.close();
      }
    }
  });
});
