import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { addDays, callApi, choose, serverToday, signUpWithWorkspace } from './flows.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let fileDir: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  fileDir = await mkdtemp(path.join(tmpdir(), 'opsplan-e2e-wbs-'));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (fileDir) await rm(fileDir, { recursive: true, force: true });
});

const VIEWPORT = { width: 1440, height: 900 };

const PHASES = [
  {
    title: '市场调研',
    tasks: [
      '确定调研目标',
      '设计调研问卷',
      '招募受访用户',
      '开展用户访谈',
      '发放线上问卷',
      '收集竞品资料',
      '整理访谈纪要',
      '分析问卷数据',
      '撰写调研报告',
      '调研报告评审',
    ],
  },
  {
    title: '活动策划',
    tasks: [
      '确定活动主题',
      '制定活动规则',
      '设计奖励机制',
      '编写活动文案',
      '设计活动海报',
      '确认活动预算',
      '制定渠道计划',
      '准备客服话术',
      '活动方案评审',
      '活动页面上线',
    ],
  },
  {
    title: '上线推广',
    tasks: [
      '公众号推文发布',
      '社群预热',
      '短视频投放',
      '合作渠道投放',
      '站内消息推送',
      '监控活动数据',
      '处理用户反馈',
      '调整投放策略',
      '活动数据复盘',
      '输出复盘报告',
    ],
  },
];

type WbsRow = [string, string, string, number | null, Date, Date, string];

/**
 * Three milestone phases of ten tasks each, one after another: every task follows the one before it, the
 * first task of a phase waits two days after the last of the previous one. File row = index + 2.
 */
function wbsRows(today: string, ownerEmail: string): WbsRow[] {
  const day = (offset: number) => new Date(`${addDays(today, offset)}T00:00:00Z`);
  const rows: WbsRow[] = [];
  PHASES.forEach((phase, p) => {
    const phaseStart = p * 14;
    rows.push([String(p + 1), phase.title, ownerEmail, null, day(phaseStart), day(phaseStart + 11), '']);
    phase.tasks.forEach((title, index) => {
      const code = `${p + 1}.${index + 1}`;
      const predecessor = index > 0 ? `${p + 1}.${index}` : p > 0 ? `${p}.10+2` : '';
      rows.push([
        code,
        title,
        ownerEmail,
        4 + (index % 3) * 4,
        day(phaseStart + index),
        day(phaseStart + index + 1),
        predecessor,
      ]);
    });
  });
  return rows;
}

async function writeWbsFile(name: string, rows: WbsRow[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('WBS');
  sheet.addRow(['编号', '任务', '负责人', '预估工时', '开始', '截止', '前置任务']);
  for (const row of rows) sheet.addRow(row);
  const file = path.join(fileDir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** Opens an antd Select and picks the option with this label. */

/** Calls the API as the signed-in user of this browser context (session cookie and CSRF token). */

/** The texts of the issues table's rows. */
async function issueRows(page: Page): Promise<string[]> {
  return page.getByTestId('import-issues').locator('tbody tr.ant-table-row').allInnerTexts();
}

/** The open antd dropdown menu. */
function openMenu(page: Page): Locator {
  return page.locator('.ant-dropdown:not(.ant-dropdown-hidden)');
}

/** Waits until the toasts of earlier steps have gone, so screenshots show only the page. */
async function noToasts(page: Page) {
  await page.waitForFunction(() => document.querySelector('.ant-message-notice') === null);
}

type Schedule = {
  tasks: Array<{ id: string; title: string; wbs: string; parentId: string | null }>;
  dependencies: Array<{ lagDays: number }>;
};

describe('WBS import', () => {
  it('[TASKS] import a 30-task WBS from XLSX', async () => {
    const today = serverToday();
    const person = { name: '赵敏', email: 'zhaomin@example.com', password: 'correct-horse-3' };
    const goodRows = wbsRows(today, person.email);
    // The broken file: 1.3 (file row 5) names nobody in the workspace, 2.5 (file row 18) follows a code
    // the file does not have.
    const brokenRows = goodRows.map((row): WbsRow => [...row]);
    const unknownOwner = brokenRows.find((row) => row[0] === '1.3');
    const badPredecessor = brokenRows.find((row) => row[0] === '2.5');
    if (!unknownOwner || !badPredecessor) throw new Error('The plan lost its rows');
    unknownOwner[2] = 'nobody@example.com';
    badPredecessor[6] = '9.9';
    const brokenFile = await writeWbsFile('活动计划-有误.xlsx', brokenRows);
    const goodFile = await writeWbsFile('活动计划.xlsx', goodRows);

    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const page = await context.newPage();
    const workspaceId = await signUpWithWorkspace(page, server.url, person, '拉新活动运营组');
    const w = `/w/${workspaceId}`;
    const { goal } = await callApi<{ goal: { id: string } }>(context, server.url, 'POST', `${w}/goals`, {
      title: '暑期拉新活动',
      startDate: today,
      dueDate: addDays(today, 60),
    });

    // From the task list header to the wizard; the template downloads without the server.
    await page
      .getByRole('menuitem')
      .filter({ hasText: /^任务$/ })
      .click();
    await page.getByTestId('wbs-import-button').click();
    await page.waitForURL(/\/tasks\/import/);
    await page.getByRole('heading', { name: '导入 WBS' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('wbs-template').click(),
    ]);
    expect(download.suggestedFilename()).toBe('WBS导入模板.csv');
    const template = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    expect(template[0]).toBe('编号,任务,负责人,预估工时,开始,截止,前置任务');
    expect(template.filter((line) => line.includes(person.email))).toHaveLength(2);

    // The broken file: both faulty rows are named, and the commit stays locked.
    await choose(page, page.getByTestId('wbs-goal'), '暑期拉新活动');
    await page.locator('input[type=file]').setInputFiles(brokenFile);
    await page.getByTestId('import-file').getByText('活动计划-有误.xlsx').waitFor();
    await screenshot(page, '60-wbs-import-file-zh');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-issues').waitFor();
    const issues = await issueRows(page);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^5\s+负责人\s+.*nobody@example\.com/);
    expect(issues[1]).toMatch(/^18\s+前置任务\s+.*9\.9/);
    expect(await page.getByTestId('import-verdict').innerText()).toContain('2 行有问题，修改文件后才能导入');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    expect(await page.getByTestId('wbs-preview-1.3').getAttribute('data-faulty')).toBe('true');
    expect(await page.getByTestId('wbs-preview-1.2').getAttribute('data-faulty')).toBeNull();
    await screenshot(page, '61-wbs-import-issues-zh');

    // The fixed file: all 33 rows pass, the preview indents by WBS depth, the commit saves them.
    await page.getByTestId('import-fix').click();
    await page.locator('input[type=file]').setInputFiles(goodFile);
    await page.getByTestId('import-file').getByText('活动计划.xlsx').waitFor();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-verdict').getByText('全部 33 行数据检查通过，可以导入。').waitFor();
    expect(await page.getByTestId('import-issues').count()).toBe(0);
    expect(await page.getByTestId('wbs-preview-1').getAttribute('data-depth')).toBe('0');
    expect(await page.getByTestId('wbs-preview-1.1').getAttribute('data-depth')).toBe('1');
    expect(await page.getByTestId('import-commit').isEnabled()).toBe(true);
    await screenshot(page, '62-wbs-import-preview-zh');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').getByText('已导入 33 个任务').waitFor();
    await screenshot(page, '63-wbs-import-done-zh');

    const schedule = await callApi<Schedule>(context, server.url, 'GET', `${w}/schedule?goalId=${goal.id}`);
    expect(schedule.tasks).toHaveLength(33);
    expect(schedule.tasks.filter((task) => task.parentId === null).map((task) => task.title)).toEqual(
      PHASES.map((phase) => phase.title),
    );
    expect(schedule.dependencies).toHaveLength(29);
    expect(schedule.dependencies.filter((dependency) => dependency.lagDays === 2)).toHaveLength(2);

    // The timeline of the goal shows the imported tree.
    await page.getByTestId('import-open-timeline').click();
    await page.waitForURL(new RegExp(`/tasks/timeline\\?goal=${goal.id}$`));
    const gantt = page.getByTestId('gantt');
    for (const title of ['市场调研', '确定调研目标', '设计调研问卷', '招募受访用户']) {
      await gantt.getByText(title, { exact: true }).waitFor();
    }
    const byTitle = new Map(schedule.tasks.map((task) => [task.title, task.id]));
    await page.getByTestId(`gantt-bar-${byTitle.get('确定调研目标')}`).waitFor();
    await screenshot(page, '64-wbs-timeline-zh');

    // A saved view on the list: save the filters, clear them, apply the view again, delete it.
    await page.getByTestId('tasks-nav').getByText('列表').click();
    const table = page.getByTestId('tasks-table');
    // The tree opens at its top level; a phase's tasks are read when it is expanded.
    const phaseRow = table.locator('tbody tr.ant-table-row').filter({ hasText: '市场调研' });
    await phaseRow.waitFor();
    expect(await table.getByText('设计调研问卷').count()).toBe(0);
    await phaseRow.locator('.ant-table-row-expand-icon').click();
    await table.getByText('设计调研问卷').waitFor();
    expect(
      await table.locator('tbody tr.ant-table-row').filter({ hasText: '设计调研问卷' }).innerText(),
    ).toMatch(/^1\.\d+/);
    await page.getByLabel('搜索', { exact: true }).fill('投放');
    await page.waitForURL(/[?&]q=%E6%8A%95%E6%94%BE/);
    await table.getByText('设计调研问卷').waitFor({ state: 'detached' });
    // Filtered, the tree shows the matches as a flat list (said above it), each with its WBS code.
    await page.getByTestId('tree-flat-note').waitFor();
    const rowTitles = async () =>
      (await table.locator('tbody tr.ant-table-row').allInnerTexts()).map((row) =>
        ['上线推广', ...(PHASES.at(-1)?.tasks ?? [])].find((title) => row.includes(title)),
      );
    // The tree's rows stay on screen until the filtered list arrives: wait for it.
    await expect.poll(rowTitles).toEqual(['短视频投放', '合作渠道投放', '调整投放策略']);
    expect(await table.locator('tbody tr.ant-table-row').first().innerText()).toMatch(/^3\.\d+/);
    await page.getByTestId('saved-views').click();
    await openMenu(page).getByTestId('saved-view-save').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('视图名称').fill('投放任务');
    await dialog.getByTestId('saved-view-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('saved-views').getByText('视图：投放任务').waitFor();
    const views = await callApi<{ items: Array<{ name: string; query: Record<string, unknown> }> }>(
      context,
      server.url,
      'GET',
      `${w}/views`,
    );
    expect(views.items).toEqual([
      expect.objectContaining({
        name: '投放任务',
        query: expect.objectContaining({ search: '投放', goalId: goal.id, statuses: [], sort: 'wbs' }),
      }),
    ]);

    await page.getByRole('button', { name: '清除筛选' }).click();
    await table.getByText('设计调研问卷').waitFor();
    await page.getByTestId('saved-views').getByText('视图', { exact: true }).waitFor();
    await page.getByTestId('saved-views').click();
    await openMenu(page).getByTestId('saved-view').getByText('投放任务').click();
    await table.getByText('设计调研问卷').waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('q')).toBe('投放');
    expect(new URL(page.url()).searchParams.get('goal')).toBe(goal.id);
    expect(await page.getByLabel('搜索', { exact: true }).inputValue()).toBe('投放');
    expect(await rowTitles()).toEqual(['短视频投放', '合作渠道投放', '调整投放策略']);
    await page.getByTestId('saved-views').click();
    await openMenu(page).getByTestId('saved-view').waitFor();
    await noToasts(page);
    await screenshot(page, '65-saved-views-zh');
    await openMenu(page).getByTestId('saved-view-delete').click();
    await page.getByRole('dialog').getByRole('button', { name: '移除' }).click();
    await page.getByTestId('saved-views').getByText('视图', { exact: true }).waitFor();
    expect((await callApi<{ items: unknown[] }>(context, server.url, 'GET', `${w}/views`)).items).toEqual([]);

    // English: the same broken file, its problems in English.
    await noToasts(page);
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('wbs-import-button').getByText('Import WBS').click();
    await page.getByRole('heading', { name: 'Import WBS' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(brokenFile);
    await page.getByTestId('import-file').getByText('活动计划-有误.xlsx').waitFor();
    await screenshot(page, '66-wbs-import-file-en');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-issues').waitFor();
    const englishIssues = await issueRows(page);
    expect(englishIssues[0]).toMatch(/^5\s+Owner\s+No member has the e-mail "nobody@example\.com"\./);
    expect(englishIssues[1]).toMatch(/^18\s+Predecessors\s+"9\.9" is not a WBS code of this file/);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await screenshot(page, '67-wbs-import-issues-en');
    await context.close();
  });
});
