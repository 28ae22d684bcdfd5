import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { callApi, choose, signUpWithWorkspace } from './flows.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

const run = promisify(execFile);

let server: RunningServer;
let browser: Browser;
let fileDir: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  fileDir = await mkdtemp(path.join(tmpdir(), 'opsplan-e2e-plan-'));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (fileDir) await rm(fileDir, { recursive: true, force: true });
});

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Renders a document from the Plan page, waits for its progress to end and downloads the file. */
async function renderFromPlanPage(
  page: Page,
  format: { label: string; key: string },
  name: string,
): Promise<string> {
  await choose(page, page.getByLabel('格式'), format.label);
  await page.getByRole('button', { name: '生成' }).click();
  // The job's progress shows, then the download link of the finished file.
  const latest = page.locator(`[data-testid=plan-latest][data-format=${format.key}]`);
  await latest.waitFor();
  const download = latest.getByRole('link', { name: /下载/ });
  await download.waitFor({ timeout: 90_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const target = path.join(fileDir, name);
  await file.saveAs(target);
  return target;
}

describe('[PLAN] the written plan from a template', () => {
  it('creates the e-commerce plan in the wizard, renders it, round-trips YAML and scores its health', async () => {
    const context = await browser.newContext({ viewport: WIDE, locale: 'zh-CN' });
    const page = await context.newPage();
    const person = { name: '林晓', email: 'lin.plan@example.com', password: 'correct-horse-9' };
    const workspaceId = await signUpWithWorkspace(page, server.url, person, '电商运营部');
    const base = `${server.url}/w/${workspaceId}`;

    // An empty workspace's overview offers the templates.
    await page.getByTestId('plan-start').waitFor();
    await screenshot(page, 'plan-overview-empty-zh-1440');
    await page.getByTestId('plan-start').getByRole('button', { name: '从模板新建计划' }).click();
    await page.waitForURL(/\/plan\/new$/);

    // Template, language, then the numbers and people.
    await page.getByTestId('plan-template-ecommerce').click();
    await screenshot(page, 'plan-template-choose-zh-1440');
    await page.getByTestId('plan-template-next').click();
    await page.getByTestId('plan-target-orders').fill('480');
    for (const role of ['analyst', 'operator']) {
      await choose(page, page.getByTestId(`plan-role-${role}`), `${person.name} · ${person.email}`);
    }
    await screenshot(page, 'plan-template-details-zh-1440');
    await page.getByTestId('plan-template-preview').click();

    // The dry run's preview: nothing saved yet.
    await page.getByTestId('plan-report').waitFor();
    expect(await page.getByTestId('plan-count-goals').textContent()).toContain('1');
    expect(await page.getByTestId('plan-count-tasks').textContent()).toContain('6');
    await screenshot(page, 'plan-template-preview-zh-1440');
    await page.getByTestId('plan-template-create').click();
    expect(await page.getByTestId('plan-template-result').textContent()).toContain('计划已创建');
    await screenshot(page, 'plan-template-done-zh-1440');
    await page.getByTestId('plan-open-goals').click();
    await page.waitForURL(/\/goals$/);
    // The goal's title follows the target given in the wizard.
    await page.getByText('三个月内日订单数从400单提升到480单').first().waitFor();

    // The Plan page renders it as PDF and DOCX with progress, then the download.
    await page.goto(`${base}/plan`);
    const pdf = await renderFromPlanPage(page, { label: 'PDF', key: 'pdf' }, 'plan.pdf');
    const { stdout: pdfText } = await run('pdftotext', ['-layout', pdf, '-']);
    for (const heading of ['目标', '任务分解与责任分配', '时间安排', '流程设计', 'KPI 与绩效评估'])
      expect(pdfText).toContain(heading);
    await run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '4',
      pdf,
      path.resolve('e2e/screenshots/plan-pdf-zh'),
    ]);
    const docx = await renderFromPlanPage(page, { label: 'Word (DOCX)', key: 'docx' }, 'plan.docx');
    expect((await readFile(docx)).subarray(0, 2).toString()).toBe('PK');
    await screenshot(page, 'plan-page-zh-1440');

    // plan.yaml: export, then a broken copy stops at the dry run with its line:column.
    await page.getByTestId('plan-yaml-link').click();
    await page.waitForURL(/\/plan\/yaml$/);
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('plan-yaml-export').click(),
    ]);
    const yaml = await readFile(await exported.path(), 'utf8');
    expect(yaml).toContain('goals:');
    // A task's estimate as text: a wrong type the schema names by line and field.
    const lines = yaml.split('\n');
    const estimateLine = lines.findIndex((line) => /^\s+estimateHours: \d/.test(line));
    expect(estimateLine).toBeGreaterThan(0);
    lines[estimateLine] = (lines[estimateLine] ?? '').replace(/estimateHours: .*/, 'estimateHours: 很多');
    const broken = path.join(fileDir, 'broken.plan.yaml');
    await writeFile(broken, lines.join('\n'));
    await page.locator('input[type=file]').setInputFiles(broken);
    await page.getByTestId('import-check').click();
    const at = page.getByTestId('plan-problem-at').first();
    await at.waitFor();
    expect(await at.textContent()).toMatch(new RegExp(`^${estimateLine + 1}:\\d+$`));
    expect(await page.getByTestId('plan-problems').textContent()).toContain('estimateHours');
    await screenshot(page, 'plan-yaml-error-zh-1440');

    // Plan health: a score, findings by chapter.
    await page.goto(`${base}/plan/health`);
    const score = Number(await page.getByTestId('plan-health-score').textContent());
    expect(score).toBeGreaterThan(50);
    await page.getByTestId('plan-health-goals').waitFor();
    await screenshot(page, 'plan-health-zh-1440');
    // The overview shows the same score and links to the page.
    await page.goto(base);
    expect(Number(await page.getByTestId('overview-plan-score').textContent())).toBe(score);
    await screenshot(page, 'plan-overview-zh-1440');

    // A task loses its dates: the schedule chapter names it, and the finding opens that task.
    // The template's first task (t1.1).
    const tasks = await callApi<{ items: Array<{ id: string; title: string }> }>(
      context,
      server.url,
      'GET',
      `/w/${workspaceId}/tasks?limit=200`,
    );
    const taskId = tasks.items.find((task) => task.title === '商品详情页优化')?.id ?? '';
    await callApi(context, server.url, 'PATCH', `/w/${workspaceId}/tasks/${taskId}`, {
      startDate: null,
      dueDate: null,
    });
    await page.goto(`${base}/plan/health`);
    const finding = page.getByTestId('plan-health-schedule').getByTestId('plan-health-finding');
    await finding.waitFor();
    expect(await finding.textContent()).toContain('建议');
    await screenshot(page, 'plan-health-finding-zh-1440');
    await finding.click();
    await page.waitForURL(
      (url) => url.pathname.endsWith('/tasks') && url.searchParams.get('task') === taskId,
    );

    // Phones, then English: the same pages fit 390 px.
    await page.setViewportSize(PHONE);
    for (const [suffix, url] of [
      ['overview', base],
      ['page', `${base}/plan`],
      ['template', `${base}/plan/new`],
      ['yaml', `${base}/plan/yaml`],
      ['health', `${base}/plan/health`],
    ] as const) {
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await screenshot(page, `plan-${suffix}-zh-390`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${suffix} fits 390 px`).toBeLessThanOrEqual(0);
    }
    // On a phone the language switch sits in the menu drawer.
    await page.getByTestId('nav-menu-button').click();
    await page.getByTestId('language-switch').getByText('English').click();
    for (const viewport of [PHONE, WIDE]) {
      await page.setViewportSize(viewport);
      for (const [suffix, url] of [
        ['health', `${base}/plan/health`],
        ['template', `${base}/plan/new`],
        ['yaml', `${base}/plan/yaml`],
      ] as const) {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        await screenshot(page, `plan-${suffix}-en-${viewport.width}`);
      }
    }
    await context.close();
  }, 240_000);
});
