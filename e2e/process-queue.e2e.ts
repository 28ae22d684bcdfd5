import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { callApi, choose, signUpWithWorkspace } from './flows.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

const HOUR = 3_600_000;
const VIEWPORT = { width: 1366, height: 860 };

// The server reads this clock: moving it makes the cases' steps pass their deadlines.
let now = Date.UTC(2026, 10, 23, 1, 0);
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

function rows(table: Locator): Promise<number> {
  return table.locator('tbody tr.ant-table-row').count();
}

describe('process queue', () => {
  it('[PROCESSES] the team view shows who carries which open steps and who is late, filtered by person', async () => {
    const context: BrowserContext = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const page = await context.newPage();

    const workspaceId = await signUpWithWorkspace(
      page,
      server.url,
      { name: '陈静', email: 'chenjing@example.com', password: 'correct-horse-1' },
      '用户运营组',
    );
    expect(workspaceId).not.toBe('');
    const api = <T>(method: string, path: string, body?: unknown) =>
      callApi<T>(context, server.url, method, `/w/${workspaceId}${path}`, body);

    // Before any case: the team view says nobody has anything open.
    await page.goto(`${server.url}/w/${workspaceId}/queue?view=team`);
    await page.getByRole('heading', { name: '团队待办' }).waitFor();
    await page.getByTestId('queue-team-empty').getByText('团队没有待处理的步骤').waitFor();
    expect(await page.getByTestId('queue-chart').count()).toBe(0);
    await screenshot(page, '110-queue-team-empty-zh');

    // Three cases; nobody carries the 客服 title, so their first step falls to the starter.
    const process = await api<{ id: string }>('POST', '/processes', { templateKey: 'feedback' });
    const caseIds: string[] = [];
    for (const subject of ['用户反馈：积分没到账', '用户反馈：签到页打不开', '用户反馈：优惠券无法使用']) {
      caseIds.push((await api<{ id: string }>('POST', `/processes/${process.id}/runs`, { subject })).id);
      now += HOUR;
    }
    // Collecting feedback has a 4-hour deadline: thirty hours on, all three are late.
    now += 30 * HOUR;

    // A second member joins, and the last case is handed to her.
    const invitation = await api<{ token: string }>('POST', '/invitations', {
      role: 'member',
      expiresInDays: 7,
    });
    const contextB = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const signedUp = await contextB.request.post(`${server.url}/api/v1/auth/signup`, {
      data: { name: '李娜', email: 'lina@example.com', password: 'correct-horse-2' },
    });
    expect(signedUp.status()).toBe(201);
    const lina = ((await signedUp.json()) as { user: { id: string } }).user;
    await callApi(contextB, server.url, 'POST', `/invitations/${invitation.token}/accept`);
    await contextB.close();
    await api('POST', `/runs/${caseIds[2] ?? ''}/reassign`, { userId: lina.id });

    // Mine: my two cases, both overdue; the one handed to 李娜 is not in my day.
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('menuitem', { name: '我的待办' }).click();
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    const overdue = page.getByTestId('myday-group-overdue');
    await overdue.getByText('用户反馈：积分没到账').waitFor();
    await expect.poll(() => overdue.getByTestId('myday-item').count()).toBe(2);
    expect(await page.getByTestId('myday').getByText('用户反馈：优惠券无法使用').count()).toBe(0);
    await screenshot(page, '111-queue-mine-zh');
    const table = page.getByTestId('queue-table');

    // Team: the chart of both people, then all three cases with who holds each.
    await page.getByTestId('queue-view').getByText('团队').click();
    await page.waitForURL(/[?&]view=team/);
    await page.getByRole('heading', { name: '团队待办' }).waitFor();
    const chart = page.getByTestId('queue-chart');
    await chart.locator('canvas').waitFor();
    await expect.poll(() => rows(table)).toBe(3);
    await table.getByRole('columnheader', { name: '处理人' }).waitFor();
    const linaRow = table.locator('tr', { hasText: '用户反馈：优惠券无法使用' });
    expect(await linaRow.getByRole('cell', { name: '李娜', exact: true }).count()).toBe(1);
    expect(await table.getByRole('cell', { name: '陈静', exact: true }).count()).toBe(2);
    expect(await table.getByText('已超时', { exact: false }).count()).toBe(3);
    expect(await page.getByTestId('queue-limited').count()).toBe(0);
    await screenshot(page, '112-queue-team-zh');

    // Clicking 李娜's bar (the second row: most overdue first) narrows the table to her case.
    const box = await chart.boundingBox();
    if (!box) throw new Error('The chart has no box');
    const gridTop = 32;
    const gridBottom = 8;
    const rowHeight = (box.height - gridTop - gridBottom) / 2;
    await chart.click({ position: { x: box.width / 2, y: gridTop + rowHeight * 1.5 } });
    await page.waitForURL(new RegExp(`[?&]assignee=${lina.id}`));
    await expect.poll(() => rows(table)).toBe(1);
    await table.getByText('用户反馈：优惠券无法使用').waitFor();
    await page.getByTestId('queue-filtered').getByText('只看 李娜 的待处理步骤').waitFor();
    await screenshot(page, '113-queue-team-filtered-zh');

    // Back to everyone, then the same person picked from the list; the choice survives a reload.
    await page.getByTestId('queue-show-everyone').click();
    await expect.poll(() => rows(table)).toBe(3);
    expect(new URL(page.url()).searchParams.get('assignee')).toBeNull();
    await choose(page, page.getByTestId('queue-assignee'), '李娜');
    await expect.poll(() => rows(table)).toBe(1);
    await page.reload();
    await page.getByTestId('queue-filtered').waitFor();
    await expect.poll(() => rows(table)).toBe(1);
    await page.getByTestId('queue-show-everyone').click();
    await expect.poll(() => rows(table)).toBe(3);

    // English: the same team view, every text switched.
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('heading', { name: 'Team queue' }).waitFor();
    await table.getByRole('columnheader', { name: 'Assignee' }).waitFor();
    await chart.locator('canvas').waitFor();
    expect(await page.getByTestId('queue-view').getByText('Team').count()).toBe(1);
    await screenshot(page, '114-queue-team-en');

    await context.close();
  });
});
