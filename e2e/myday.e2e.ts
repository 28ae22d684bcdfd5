import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, callApi, choose, signUpWithWorkspace } from './flows.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

const DAY = 86_400_000;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

// Friday 2026-12-04, 10:00 in China; the server reads this clock, so "today" and "overdue" are fixed.
let now = Date.UTC(2026, 11, 4, 2, 0) - 8 * DAY;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ now: () => now, sessionIdleDays: 365, sessionMaxDays: 365 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The same page at desktop and phone width, each saved for a person to look at. */
async function bothWidths(page: Page, name: string) {
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `${name}-1440`);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(200);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize(DESKTOP);
}

describe('my day', () => {
  it('[MYDAY] the queue gathers tasks, steps, check-ins and KPI values by due date; a case shows earlier steps', async () => {
    const context: BrowserContext = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await context.newPage();
    const workspaceId = await signUpWithWorkspace(
      page,
      server.url,
      { name: '王磊', email: 'wanglei@example.com', password: 'correct-horse-1' },
      '增长运营组',
    );
    const api = <T>(method: string, path: string, body?: unknown) =>
      callApi<T>(context, server.url, method, `/w/${workspaceId}${path}`, body);
    const me = (await callApi<{ user: { id: string } }>(context, server.url, 'GET', '/me')).user;

    // Eight days ago: a goal and a weekly KPI of mine, neither touched since.
    await api('POST', '/goals', {
      title: '次日留存提升到 45%',
      ownerId: me.id,
      startDate: '2026-11-01',
      dueDate: '2027-03-31',
    });
    await api('POST', '/kpis', { key: 'dau', name: '日活跃用户', frequency: 'week', ownerId: me.id });
    now += 8 * DAY;
    const today = '2026-12-04';
    const mine = [{ userId: me.id, role: 'A' }];
    await api('POST', '/tasks', { title: '整理上周用户反馈', dueDate: addDays(today, -2), roles: mine });
    await api('POST', '/tasks', { title: '周五增长例会与复盘', dueDate: today, roles: mine });
    await api('POST', '/tasks', { title: '准备双十二活动物料', dueDate: addDays(today, 3), roles: mine });
    await api('POST', '/tasks', {
      title: '双十二大促上线',
      dueDate: addDays(today, 8),
      isMilestone: true,
      roles: mine,
    });

    // A feedback case two steps in: what was collected and the solution are recorded.
    const process = await api<{ id: string }>('POST', '/processes', { templateKey: 'feedback' });
    const run = await api<{ id: string }>('POST', `/processes/${process.id}/runs`, {
      subject: '用户反馈：签到页打不开',
    });
    const complete = (stepKey: string, checkedItems: string[], values: Record<string, string>) =>
      api('POST', `/runs/${run.id}/complete-step`, { stepKey, outcomeKey: 'done', checkedItems, values });
    await complete('collect', ['记录用户联系方式'], {
      channel: '社群',
      summary: '首页点“签到”后白屏（安卓 14，App 5.2.0）',
    });
    await complete('analyse', ['确认影响范围'], {});
    await complete('solve', [], { solution: '研发修复签到页空值判断，周四随 5.2.1 热更新上线' });

    // A routine, whose creation the activity writes as a sentence with its rule in words.
    await api('POST', '/routines', {
      rule: 'FREQ=WEEKLY;BYDAY=FR',
      startsOn: addDays(today, 7),
      template: { title: '周五增长例会' },
    });

    // The case: the reply step reads what earlier steps recorded, and how to do its own part.
    await page.goto(`${server.url}/w/${workspaceId}/runs/${run.id}`);
    await expect.poll(() => page.getByTestId('current-step-name').innerText()).toBe('反馈用户');
    const earlier = page.getByTestId('earlier-steps');
    await expect.poll(() => earlier.getByTestId('earlier-step').count()).toBe(3);
    await earlier.getByText('首页点“签到”后白屏（安卓 14，App 5.2.0）').waitFor();
    await earlier.getByText('问题摘要').waitFor();
    await earlier.getByText('研发修复签到页空值判断，周四随 5.2.1 热更新上线').waitFor();
    await earlier.getByText('王磊 于', { exact: false }).first().waitFor();
    await page.getByTestId('step-instructions').getByText('把结果告诉用户，并确认问题已经解决。').waitFor();
    await bothWidths(page, 'myday-01-case-zh');

    // My day: overdue (the task, last week's KPI value, the check-in), today, this week, later.
    await page.goto(`${server.url}/w/${workspaceId}/queue`);
    const overdue = page.getByTestId('myday-group-overdue');
    await overdue.getByText('整理上周用户反馈').waitFor();
    expect(await overdue.getByTestId('myday-item').count()).toBe(3);
    await overdue.getByText('日活跃用户').waitFor();
    await overdue.getByText('次日留存提升到 45%').waitFor();
    // The reply step's four working hours run out this afternoon.
    const todays = page.getByTestId('myday-group-today');
    await todays.getByText('周五增长例会与复盘').waitFor();
    await todays.getByText('用户反馈：签到页打不开').waitFor();
    await todays.getByText('用户反馈处理流程 · 反馈用户').waitFor();
    await page.getByTestId('myday-group-week').getByText('准备双十二活动物料').waitFor();
    await page.getByTestId('myday-group-later').getByText('双十二大促上线').waitFor();
    await bothWidths(page, 'myday-02-queue-zh');

    // Each item opens where it is done: the case's step from the queue.
    await todays.getByRole('link', { name: '用户反馈：签到页打不开' }).click();
    await page.waitForURL(new RegExp(`/runs/${run.id}$`));
    await page.getByTestId('earlier-steps').waitFor();

    // The overview: my overdue items and the team's coming milestone, and every member on the team card.
    await page.goto(`${server.url}/w/${workspaceId}`);
    const overviewOverdue = page.getByTestId('overview-overdue');
    await overviewOverdue.getByText('整理上周用户反馈').waitFor();
    expect(await overviewOverdue.getByTestId('myday-item').count()).toBe(3);
    await page.getByTestId('overview-milestones').getByText('双十二大促上线').waitFor();
    await page.getByTestId('overview-milestones').getByText('还有 8 天').waitFor();
    const activity = page.getByTestId('recent-activity');
    await activity.getByText('王磊 创建了例行任务「周五增长例会」，每周五').waitFor();
    await activity
      .getByText('王磊 完成了流程实例「用户反馈：签到页打不开」的步骤「制定解决方案」（完成）')
      .waitFor();
    expect(await activity.getByText('FREQ=', { exact: false }).count()).toBe(0);
    expect(await activity.getByText('run.', { exact: false }).count()).toBe(0);
    await bothWidths(page, 'myday-03-overview-zh');

    // The audit log: sentences, its objects linked, filtered by a type chosen by name.
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await choose(page, page.getByTestId('audit-object-type'), '例行任务');
    const log = page.locator('.ant-table-tbody');
    await log.getByText('王磊 创建了例行任务「周五增长例会」，每周五').waitFor();
    await expect.poll(() => log.getByTestId('activity-entry').count()).toBe(1);
    await choose(page, page.getByTestId('audit-object-type'), '流程实例');
    await log.getByText('王磊 发起了流程实例「用户反馈：签到页打不开」').waitFor();
    await bothWidths(page, 'myday-07-audit-zh');
    await log.getByRole('link', { name: '「用户反馈：签到页打不开」' }).first().click();
    await page.waitForURL(new RegExp(`/runs/${run.id}$`));

    // English: the same pages, every text switched.
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('overview-overdue').getByText('My overdue items').waitFor();
    await page.getByTestId('overview-milestones').getByText('in 8 days').waitFor();
    await page
      .getByTestId('recent-activity')
      .getByText('王磊 created the routine “周五增长例会” — every Friday')
      .waitFor();
    await bothWidths(page, 'myday-04-overview-en');
    await page.goto(`${server.url}/w/${workspaceId}/queue`);
    await page.getByTestId('myday-group-overdue').getByText('Overdue').waitFor();
    await page.getByTestId('myday-group-today').getByText('Process step').first().waitFor();
    await bothWidths(page, 'myday-05-queue-en');
    await page.goto(`${server.url}/w/${workspaceId}/runs/${run.id}`);
    await page.getByTestId('earlier-steps').getByText('What earlier steps recorded').waitFor();
    await page.getByTestId('step-instructions').getByText('How to do this step').waitFor();
    await bothWidths(page, 'myday-06-case-en');
    await page.goto(`${server.url}/w/${workspaceId}/audit`);
    await page.getByText('王磊 started the case “用户反馈：签到页打不开”').waitFor();
    await bothWidths(page, 'myday-08-audit-en');

    await context.close();
  });
});
