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

  it('[MEETINGS] a meeting takes comments; its agenda’s remove buttons stay on their row at 390 px', async () => {
    const meetings = await callApi<{ items: { id: string; status: string }[] }>(
      context,
      server.url,
      'GET',
      `/w/${demoId}/meetings`,
    );
    const planned = meetings.items.find((item) => item.status === 'planned')?.id ?? '';
    await page.goto(`${server.url}/w/${demoId}/meetings/${planned}`);
    const panel = page.getByTestId('comments-panel');
    await panel.waitFor();
    await page.getByLabel('写评论，支持 Markdown；输入 @ 提及成员').fill('议程里加上 **渠道预算**');
    await page.getByTestId('comment-submit').click();
    await panel.getByTestId('comment').filter({ hasText: '议程里加上 渠道预算' }).waitFor();

    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/w/${demoId}/meetings/${planned}`);
    const items = phone.getByTestId('agenda-item');
    await items.first().waitFor();
    for (let index = 0; index < Math.min(await items.count(), 4); index += 1) {
      const item = items.nth(index);
      const row = await item.boundingBox();
      const remove = await item.getByTestId('agenda-remove').boundingBox();
      expect(row && remove, 'agenda row and its remove button').toBeTruthy();
      // On the first line of its row, at its right end, inside the screen.
      expect((remove?.y ?? 0) - (row?.y ?? 0)).toBeLessThan(24);
      expect((remove?.x ?? 0) + (remove?.width ?? 0)).toBeLessThanOrEqual(390);
      expect((remove?.x ?? 0) + (remove?.width ?? 0)).toBeGreaterThan((row?.x ?? 0) + (row?.width ?? 0) - 40);
    }
    await screenshot(phone, 'meeting-planned-390-zh');
    await phone.close();
  });

  it('[ACTIVITY] the activity page, reached from the menu, says who did what and filters by person and kind', async () => {
    await page.goto(`${server.url}/w/${demoId}`);
    await page.getByRole('menuitem', { name: '动态' }).click();
    await page.waitForURL(new RegExp(`/w/${demoId}/activity`));
    const feed = page.getByTestId('activity-feed');
    await feed.waitFor();
    // The comments just written, as sentences linking their objects.
    const onMeeting = feed.getByTestId('activity-item').filter({ hasText: '议程里加上 渠道预算' }).first();
    await onMeeting.getByText('王丽 评论了会议', { exact: false }).waitFor();
    await expect.poll(() => page.getByTestId('activity-day').first().textContent()).toBe('今天');

    await choose(page, page.getByLabel('类型', { exact: true }), '评论');
    await page.waitForURL(/kind=comment/);
    await expect
      .poll(async () => {
        const kinds = await feed
          .getByTestId('activity-item')
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-kind')));
        return kinds.length > 0 && kinds.every((kind) => kind === 'comment');
      })
      .toBe(true);
    await choose(page, page.getByLabel('成员', { exact: true }), '王丽');
    await page.waitForURL(/person=/);
    await expect
      .poll(() => feed.getByTestId('activity-sentence').allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringMatching(/^王丽 评论了目标/)]));
    const sentences = await feed.getByTestId('activity-sentence').allInnerTexts();
    expect(sentences.every((sentence) => sentence.startsWith('王丽 '))).toBe(true);
    await screenshot(page, 'activity-filtered-1440-zh');

    // The meeting comment's object link opens the meeting.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await onMeeting.getByRole('link').first().click();
    await page.waitForURL(/\/meetings\//);
    await page.getByTestId('meeting-title').waitFor();

    // In English: the same feed, its menu entry and sentences in English.
    await callApi(context, server.url, 'PATCH', '/me', { locale: 'en' });
    const english = await context.newPage();
    await english.addInitScript(() => window.localStorage.setItem('opsplan.locale', 'en'));
    await english.goto(`${server.url}/w/${demoId}/activity?kind=comment`);
    await english.getByRole('menuitem', { name: 'Activity' }).waitFor();
    await english
      .getByTestId('activity-sentence')
      .filter({ hasText: '王丽 commented on the meeting' })
      .first()
      .waitFor();
    await expect.poll(() => english.getByTestId('activity-day').first().textContent()).toBe('Today');
    await screenshot(english, 'activity-comments-1440-en');
    await english.close();
    await callApi(context, server.url, 'PATCH', '/me', { locale: 'zh-CN' });
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
      ['activity', `/w/${demoId}/activity`],
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
