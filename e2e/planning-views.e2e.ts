import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

type ScheduleTask = {
  id: string;
  wbs: string;
  title: string;
  status: string;
  isMilestone: boolean;
  isCritical: boolean;
  roles: Array<{ userId: string; role: string; name: string }>;
};

/**
 * Points across every task name of the timeline's pinned column: what is hit there must be the name's own
 * row, never a bar, arrow or person's name of the chart scrolled beneath it. Also counts the bars that lie
 * (partly) under the column, so the check is known to have something to catch.
 */
async function frozenColumnHits(page: Page) {
  return page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="gantt"]');
    if (!scroller) return { checked: 0, wrong: ['no chart'], underneath: 0 };
    const frame = scroller.getBoundingClientRect();
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid^="gantt-row-"]')];
    const labelRight = rows[0]?.getBoundingClientRect().right ?? frame.left;
    const wrong: string[] = [];
    let checked = 0;
    for (const row of rows) {
      const box = row.getBoundingClientRect();
      if (box.top < frame.top + 56 || box.bottom > frame.bottom - 4) continue;
      for (let x = box.left + 2; x < box.right - 2; x += 8) {
        const hit = document.elementFromPoint(x, box.top + box.height / 2);
        checked += 1;
        if (!hit || !row.contains(hit))
          wrong.push(`${row.dataset.testid ?? ''} @${Math.round(x)}: ${hit?.tagName}`);
      }
    }
    const underneath = [...document.querySelectorAll('[data-testid^="gantt-bar-"] rect')].filter((rect) => {
      const box = rect.getBoundingClientRect();
      return box.width > 0 && box.left < labelRight && box.right > frame.left && box.top > frame.top + 56;
    }).length;
    return { checked, wrong: wrong.slice(0, 5), underneath };
  });
}

/** Scrolls the chart sideways until some bars lie under the pinned column, then checks the column. */
async function expectFrozenColumnClear(page: Page) {
  let result = await frozenColumnHits(page);
  for (const share of [0.2, 0.4, 0.6, 0.8]) {
    if (result.underneath > 0) break;
    await page.getByTestId('gantt').evaluate((element, part) => {
      element.scrollLeft = (element.scrollWidth - element.clientWidth) * part;
    }, share);
    await page.waitForTimeout(100);
    result = await frozenColumnHits(page);
  }
  expect(result.underneath).toBeGreaterThan(0);
  expect(result.checked).toBeGreaterThan(100);
  expect(result.wrong).toEqual([]);
}

describe('planning views', () => {
  it('[TASKS] timeline keeps bars under the frozen columns, WBS tree, board swimlanes, RACI drawer moves A', async () => {
    const owner = { name: '赵敏', email: 'zhaomin@example.com', password: 'correct-horse-9' };
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signUpWithWorkspace(page, server.url, owner, '试用工作区');
    const demo = await callApi<{ workspace: { id: string } }>(
      context,
      server.url,
      'POST',
      '/workspaces/demo',
      {
        locale: 'zh-CN',
      },
    );
    const w = `/w/${demo.workspace.id}`;
    const schedule = await callApi<{ tasks: ScheduleTask[] }>(context, server.url, 'GET', `${w}/schedule`);

    // Timeline at day and week zoom: nothing of the chart paints over the WBS and title column.
    await page.goto(`${server.url}${w}/tasks/timeline`);
    await page.getByTestId('gantt').waitFor();
    await page.locator('[data-testid^="gantt-bar-"]').first().waitFor();
    const finished = schedule.tasks.filter((task) => task.status === 'done');
    expect(finished.length).toBeGreaterThan(0);
    // Rows are drawn only near the visible part of the chart: scroll down until each finished task's bar is there.
    const gantt = page.getByTestId('gantt');
    for (const task of finished) {
      const bar = page.getByTestId(`gantt-bar-${task.id}`);
      await gantt.evaluate((element) => element.scrollTo({ top: 0 }));
      for (let step = 0; step < 50 && (await bar.count()) === 0; step += 1) {
        await gantt.evaluate((element) => element.scrollBy({ top: element.clientHeight / 2 }));
        await page.waitForTimeout(50);
      }
      expect(await bar.getAttribute('data-critical')).not.toBe('true');
    }
    await gantt.evaluate((element) => element.scrollTo({ top: 0 }));
    expect(schedule.tasks.filter((task) => task.isCritical).length).toBeLessThan(schedule.tasks.length / 3);
    await page.getByTestId('timeline-zoom').getByText('日', { exact: true }).click();
    await expectFrozenColumnClear(page);
    await screenshot(page, '60-timeline-day-zh');
    await page.getByTestId('timeline-zoom').getByText('周', { exact: true }).click();
    await expectFrozenColumnClear(page);
    await screenshot(page, '61-timeline-week-zh');

    // The task list is the WBS tree by default, read a level at a time: the top level in numeric order, and a
    // task's subtasks, in numeric order under it, once it is expanded.
    await page.goto(`${server.url}${w}/tasks`);
    const table = page.getByTestId('tasks-table');
    const rows = table.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const rowCodes = async () =>
      (await table.locator('tbody tr.ant-table-row td:first-child').allInnerTexts()).map((text) =>
        text.trim(),
      );
    const byWbs = [...schedule.tasks.map((task) => task.wbs)].sort((a, b) => {
      const left = a.split('.').map(Number);
      const right = b.split('.').map(Number);
      for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
        const difference = (left[index] ?? -1) - (right[index] ?? -1);
        if (difference !== 0) return difference;
      }
      return 0;
    });
    const top = byWbs.filter((code) => !code.includes('.')).slice(0, 50);
    expect(await rowCodes()).toEqual(top);
    const parentRow = rows.filter({ has: page.locator('.ant-table-row-expand-icon-collapsed') }).first();
    const parentCode = (await parentRow.locator('td').first().innerText()).trim();
    const children = byWbs.filter(
      (code) => code.startsWith(`${parentCode}.`) && !code.slice(parentCode.length + 1).includes('.'),
    );
    expect(children.length).toBeGreaterThan(0);
    await parentRow.locator('.ant-table-row-expand-icon').click();
    await rows.nth(top.length + children.length - 1).waitFor();
    const expected = [...top];
    expected.splice(top.indexOf(parentCode) + 1, 0, ...children);
    expect(await rowCodes()).toEqual(expected);
    await screenshot(page, '62-tasks-tree-zh');

    // Board: swimlanes by person, remembered after a reload.
    await page.goto(`${server.url}${w}/tasks/board`);
    await page.getByTestId('board-column-todo').waitFor();
    await page.getByTestId('board-lanes').getByText('按人员').click();
    const withResponsible = schedule.tasks.find(
      (task) => task.status === 'todo' && task.roles.some((role) => role.role === 'R'),
    );
    const responsible = withResponsible?.roles.find((role) => role.role === 'R');
    if (!withResponsible || !responsible)
      throw new Error('the demo has no open task with someone responsible');
    await page
      .getByTestId(`board-lane-${responsible.userId}`)
      .getByTestId(`board-cell-${responsible.userId}-todo`)
      .getByTestId(`board-card-${withResponsible.id}`)
      .waitFor();
    await screenshot(page, '63-board-lanes-zh');
    await page.reload();
    await page.getByTestId(`board-lane-${responsible.userId}`).waitFor();
    expect(await page.getByTestId('board').getAttribute('data-lanes')).toBe('person');
    await page.getByTestId('board-lanes').getByText('按里程碑').click();
    const milestone = schedule.tasks.find((task) => task.isMilestone && task.status !== 'cancelled');
    if (milestone) await page.getByTestId(`board-lane-${milestone.id}`).waitFor();

    // RACI in the task drawer: giving A to someone else moves it; one save, no error.
    const task = schedule.tasks.find(
      (item) => item.status !== 'done' && item.roles.filter((role) => role.role === 'A').length === 1,
    );
    if (!task) throw new Error('the demo has no task with an Accountable');
    const accountable = task.roles.find((role) => role.role === 'A')?.userId ?? '';
    const members = await callApi<{ items: Array<{ userId: string; name: string }> }>(
      context,
      server.url,
      'GET',
      `${w}/members`,
    );
    const other = members.items.find((member) => !task.roles.some((role) => role.userId === member.userId));
    if (!other) throw new Error('everyone already has a role on the task');
    await page.goto(`${server.url}${w}/tasks?task=${task.id}`);
    const drawer = page.getByTestId('task-drawer');
    await drawer.getByRole('tab', { name: '人员（RACI）' }).click();
    await drawer.getByTestId(`raci-toggle-${other.userId}-A`).click();
    expect(await drawer.getByTestId(`raci-toggle-${other.userId}-A`).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await drawer.getByTestId(`raci-toggle-${accountable}-A`).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(await drawer.locator('[data-testid$="-A"][aria-pressed="true"]').count()).toBe(1);
    await drawer.getByTestId('raci-save').click();
    await screenshot(page, '64-task-drawer-raci-zh');
    const accountables = async () =>
      (
        await callApi<{ task: { roles: Array<{ userId: string; role: string }> } }>(
          context,
          server.url,
          'GET',
          `${w}/tasks/${task.id}`,
        )
      ).task.roles
        .filter((role) => role.role === 'A')
        .map((role) => role.userId);
    await expect.poll(accountables, { timeout: 10_000 }).toEqual([other.userId]);
    expect(await drawer.getByTestId('raci-error').count()).toBe(0);
    await drawer.locator('.ant-drawer-close').click();

    // The RACI matrix shows every person at 1440 px: each person's header lies inside the matrix's frame.
    await page.goto(`${server.url}${w}/raci`);
    const matrix = page.getByTestId('raci-matrix');
    await matrix.locator('tbody tr.ant-table-row').first().waitFor();
    const frame = await matrix.boundingBox();
    const people = await matrix.locator('[data-testid^="raci-person-"]').evaluateAll((cells) =>
      cells.map((cell) => {
        const box = cell.getBoundingClientRect();
        return { left: box.left, right: box.right };
      }),
    );
    expect(people.length).toBeGreaterThanOrEqual(9);
    for (const cell of people)
      expect(cell.right).toBeLessThanOrEqual((frame?.x ?? 0) + (frame?.width ?? 0) + 1);
    await screenshot(page, '65-raci-zh');

    // Routines: the next date is the first of the upcoming chips beside it.
    const routines = await callApi<{ items: Array<{ id: string; upcoming: string[] }> }>(
      context,
      server.url,
      'GET',
      `${w}/routines`,
    );
    await page.goto(`${server.url}${w}/routines`);
    await page.getByTestId('routines-table').locator('tbody tr.ant-table-row').first().waitFor();
    const routine = routines.items.find((item) => item.upcoming.length > 0);
    if (!routine) throw new Error('the demo has no routine with upcoming days');
    const row = page
      .getByTestId('routines-table')
      .locator('tr', { has: page.getByTestId(`routine-next-${routine.id}`) });
    const firstChip = await row.getByTestId(`occurrence-${routine.upcoming[0] ?? ''}`).innerText();
    expect(await page.getByTestId(`routine-next-${routine.id}`).innerText()).toContain(firstChip.trim());

    // English, then phone size.
    await page.goto(`${server.url}${w}/raci`);
    await page.getByTestId('raci-matrix').waitFor();
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('heading', { name: 'RACI matrix' }).waitFor();
    await screenshot(page, '66-raci-en');
    await page.goto(`${server.url}${w}/tasks/timeline`);
    await page.locator('[data-testid^="gantt-bar-"]').first().waitFor();
    await page.getByTestId('timeline-zoom').getByText('Day', { exact: true }).click();
    await expectFrozenColumnClear(page);
    await screenshot(page, '67-timeline-en');
    await page.goto(`${server.url}${w}/tasks/board`);
    await page.getByTestId('board').waitFor();
    await screenshot(page, '68-board-lanes-en');
    await page.goto(`${server.url}${w}/tasks`);
    await page.getByTestId('tasks-table').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, '69-tasks-tree-en');

    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      ['tasks', 'tasks-tree'],
      ['tasks/board', 'board-lanes'],
      ['tasks/timeline', 'timeline'],
      ['raci', 'raci'],
    ] as const) {
      await page.goto(`${server.url}${w}/${path}`);
      await page.waitForLoadState('networkidle');
      await screenshot(page, `70-${name}-en-390`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, name] of [
      ['tasks', 'tasks-tree'],
      ['tasks/board', 'board-lanes'],
      ['tasks/timeline', 'timeline'],
      ['raci', 'raci'],
    ] as const) {
      await page.goto(`${server.url}${w}/${path}`);
      await page.waitForLoadState('networkidle');
      await screenshot(page, `71-${name}-zh-390`);
    }
    await context.close();
  });
});
