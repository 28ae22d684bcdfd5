import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays, callApi, choose, serverToday, signUp, signUpWithWorkspace } from './flows.ts';
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

const VIEWPORT = { width: 1440, height: 900 };

/** Opens an antd Select and picks the option with this label. */

/** Calls the API as the signed-in user of this browser context (session cookie and CSRF token). */

type Created = { task: { id: string } };

describe('tasks', () => {
  it('[TASKS] RACI matrix, board drag, timeline critical path', async () => {
    const today = serverToday();
    const alice = { name: '王丽', email: 'wangli@example.com', password: 'correct-horse-1' };
    const bob = { name: '陈明', email: 'chenming@example.com', password: 'battery-staple-2' };

    // Alice signs up and creates the team's workspace.
    const contextA = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const page = await contextA.newPage();
    const workspaceId = await signUpWithWorkspace(page, server.url, alice, '用户增长运营组');

    // Bob joins through an invitation link.
    await page.getByRole('menuitem', { name: '成员' }).click();
    await page.getByTestId('invite-button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '创建邀请链接' }).click();
    const inviteLink = await dialog.getByTestId('invite-link').inputValue();
    await dialog.getByRole('button', { name: '完成' }).click();
    const contextB = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const pageB = await contextB.newPage();
    await pageB.goto(inviteLink);
    await pageB.getByRole('button', { name: '注册并加入' }).click();
    await signUp(pageB, bob);
    await pageB.waitForURL(/\/invite\//);
    await pageB.getByRole('button', { name: '接受邀请' }).click();
    await pageB.waitForURL(/\/w\/[^/]+$/);
    await contextB.close();

    // The plan, through the API: 收集反馈 → 分析问题 → 制定方案 → 反馈用户 → 里程碑, with a side task that has slack.
    const w = `/w/${workspaceId}`;
    const members = await callApi<{ items: Array<{ userId: string; name: string }> }>(
      contextA,
      server.url,
      'GET',
      `${w}/members`,
    );
    const aliceId = members.items.find((member) => member.name === alice.name)?.userId ?? '';
    const bobId = members.items.find((member) => member.name === bob.name)?.userId ?? '';
    const create = async (body: Record<string, unknown>) =>
      (await callApi<Created>(contextA, server.url, 'POST', `${w}/tasks`, body)).task.id;
    const collect = await create({
      title: '收集用户反馈',
      startDate: today,
      dueDate: addDays(today, 2),
      estimateHours: 30,
      priority: 'high',
      labels: ['用户反馈'],
      roles: [
        { userId: aliceId, role: 'A' },
        { userId: bobId, role: 'R' },
      ],
    });
    const analyse = await create({
      title: '分析问题',
      estimateHours: 16,
      priority: 'high',
      labels: ['用户反馈'],
    });
    const solve = await create({ title: '制定解决方案', estimateHours: 24, labels: ['用户反馈'] });
    const reply = await create({ title: '反馈用户', estimateHours: 8 });
    const competitors = await create({ title: '竞品对比', estimateHours: 8, priority: 'low' });
    const milestone = await create({ title: '用户反馈闭环完成', isMilestone: true });
    await create({ title: '整理反馈渠道清单', parentId: collect, estimateHours: 4 });
    const link = (to: string, from: string) =>
      callApi(contextA, server.url, 'POST', `${w}/tasks/${to}/dependencies`, {
        fromTaskId: from,
        lagDays: 0,
      });
    await link(analyse, collect);
    await link(solve, analyse);
    await link(reply, solve);
    await link(milestone, reply);
    await link(competitors, collect);
    await link(milestone, competitors);

    // RACI: 分析问题 has nobody Responsible; assigning Bob as R in the matrix closes the gap.
    await page.getByRole('menuitem', { name: 'RACI 矩阵' }).click();
    await page.getByRole('heading', { name: 'RACI 矩阵' }).waitFor();
    await page.getByTestId(`raci-warning-${analyse}`).waitFor();
    await choose(page, page.getByTestId(`raci-cell-${analyse}-${bobId}`), 'R · 执行');
    await page.getByTestId(`raci-warning-${analyse}`).waitFor({ state: 'detached' });
    await page.getByTestId(`raci-gap-${analyse}`).waitFor({ state: 'detached' });
    const roles = await callApi<{ task: { roles: Array<{ userId: string; role: string }> } }>(
      contextA,
      server.url,
      'GET',
      `${w}/tasks/${analyse}`,
    );
    expect(roles.task.roles).toContainEqual(expect.objectContaining({ userId: bobId, role: 'R' }));
    // Two Accountables break the one-A rule: the server's message shows.
    await choose(page, page.getByTestId(`raci-cell-${analyse}-${bobId}`), 'A · 负责');
    await page.getByTestId('raci-error').waitFor();
    expect(await page.getByTestId('raci-error').innerText()).toContain('负责人');
    await screenshot(page, '40-raci-zh');

    // Board: drag 制定解决方案 from 待办 to 进行中; it stays there after a reload.
    await page
      .getByRole('menuitem')
      .filter({ hasText: /^任务$/ })
      .click();
    await page.getByTestId('tasks-table').getByText('分析问题').waitFor();
    await screenshot(page, '41-tasks-zh');
    await page.getByTestId('tasks-table').getByText('收集用户反馈').click();
    const drawer = page.getByTestId('task-drawer');
    await drawer.getByRole('tab', { name: '人员（RACI）' }).click();
    await drawer.getByTestId('suggestions').waitFor();
    await screenshot(page, '42-task-drawer-zh');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    await page.getByTestId('tasks-nav').getByText('看板').click();
    const todo = page.getByTestId('board-column-todo');
    const inProgress = page.getByTestId('board-column-in_progress');
    // The chain's first task, which starts today anyway: a task under way is scheduled from today, so moving one
    // further down the chain would take it off the critical path (its predecessors no longer hold it back).
    await todo.getByTestId(`board-card-${collect}`).waitFor();
    await todo.getByTestId(`board-card-${collect}`).dragTo(inProgress);
    await inProgress.getByTestId(`board-card-${collect}`).waitFor();
    await page.reload();
    await inProgress.getByTestId(`board-card-${collect}`).waitFor();
    expect(await todo.getByTestId(`board-card-${collect}`).count()).toBe(0);
    const moved = await callApi<{ task: { status: string } }>(
      contextA,
      server.url,
      'GET',
      `${w}/tasks/${collect}`,
    );
    expect(moved.task.status).toBe('in_progress');
    await screenshot(page, '43-board-zh');
    // A card is one keyboard stop: Enter opens its task (the drawer's chunk loads on that first opening).
    await inProgress.getByTestId(`board-card-${collect}`).focus();
    await page.keyboard.press('Enter');
    await drawer.getByRole('tab', { name: '人员（RACI）' }).waitFor();
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // Timeline: the chain is critical, the side task has slack, and today is marked.
    await page.getByTestId('tasks-nav').getByText('时间线').click();
    await page.getByTestId(`gantt-bar-${analyse}`).waitFor();
    for (const id of [collect, analyse, solve, reply, milestone]) {
      expect(await page.getByTestId(`gantt-bar-${id}`).getAttribute('data-critical')).toBe('true');
    }
    expect(await page.getByTestId(`gantt-bar-${competitors}`).getAttribute('data-critical')).toBe('false');
    await page.getByTestId('gantt-today').waitFor();
    expect(await page.locator('[data-critical="true"]').count()).toBeGreaterThanOrEqual(5);
    await screenshot(page, '44-timeline-zh');

    // English.
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('tasks-nav').getByText('Timeline').waitFor();
    await page.getByText('Critical path', { exact: true }).waitFor();
    await screenshot(page, '45-timeline-en');
    await page.getByTestId('tasks-nav').getByText('Board').click();
    await page.getByTestId('board-column-in_progress').getByText('In progress').waitFor();
    await screenshot(page, '46-board-en');
    await page.getByRole('menuitem', { name: 'RACI matrix' }).click();
    await page.getByRole('heading', { name: 'RACI matrix' }).waitFor();
    await page.getByTestId('raci-warnings').getByText('Warnings').waitFor();
    await screenshot(page, '47-raci-en');
    await page.getByRole('menuitem', { name: 'Workload' }).click();
    await page.getByTestId('workload-heatmap').locator('tbody tr').nth(1).waitFor();
    await screenshot(page, '48-workload-en');
    // A cell gets its popover when the pointer first reaches it; its tasks open in the drawer.
    await page.getByTestId('workload-heatmap').locator('[data-tasks]:not([data-tasks="0"])').first().hover();
    const cellTasks = page.locator('.ant-popover:not(.ant-popover-hidden) .ant-list-item a');
    await cellTasks.first().click();
    await page.getByTestId('task-drawer').waitFor();
    await page.getByTestId('task-drawer').locator('.ant-drawer-close').click();
    await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });
    await page.getByRole('menuitem', { name: 'Routines' }).click();
    await page.getByTestId('new-routine').click();
    await page.getByRole('dialog').getByLabel('Task title').fill('Weekly operations report');
    await page.getByTestId('routine-submit').click();
    await page.getByTestId('routines-table').getByText('Every week on Mon').waitFor();
    await screenshot(page, '49-routines-en');

    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByTestId('routines-table').getByText('每周一').waitFor();
    await screenshot(page, '50-routines-zh');
    await page.getByRole('menuitem', { name: '工作量' }).click();
    await page.getByTestId('workload-heatmap').locator('tbody tr').nth(1).waitFor();
    await screenshot(page, '51-workload-zh');
    await page
      .getByRole('menuitem')
      .filter({ hasText: /^任务$/ })
      .click();
    await page.getByTestId('tasks-nav').getByText('日历').click();
    await page
      .getByTestId(`calendar-${addDays(today, 2)}`)
      .getByText('收集用户反馈')
      .waitFor();
    await screenshot(page, '52-calendar-zh');
    await contextA.close();
  });
});
