import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { choose, signUpWithWorkspace } from './flows.ts';
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

const VIEWPORT = { width: 1366, height: 860 };

describe('processes', () => {
  it('[PROCESSES] build the feedback flow from its template, run a case, see analytics', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const page = await context.newPage();

    await signUpWithWorkspace(
      page,
      server.url,
      { name: '陈静', email: 'chenjing@example.com', password: 'correct-horse-1' },
      '用户运营组',
    );

    // Processes: empty at first, then the feedback process from its template.
    await page.getByRole('menuitem', { name: '流程' }).click();
    await page.getByRole('heading', { name: '流程' }).waitFor();
    await page.getByText('还没有流程').waitFor();
    await screenshot(page, '79-processes-empty-zh');
    await page.getByTestId('new-process').click();
    const templates = page.getByTestId('process-templates');
    await templates.getByText('用户反馈处理流程').waitFor();
    expect(await templates.locator('[data-testid^="template-"]').count()).toBe(4);
    await screenshot(page, '80-process-templates-zh');
    await templates.getByTestId('template-feedback').getByRole('button', { name: '使用此模板' }).click();
    await page.waitForURL(/\/processes\/[^/?]+$/);
    await page.getByRole('heading', { name: '用户反馈处理流程' }).waitFor();
    const flow = page.getByTestId('process-flow');
    await flow.getByTestId('flow-step-collect').getByText('完成 → 分析问题').waitFor();
    expect(await flow.locator('[data-testid^="flow-step-"]').count()).toBe(5);
    await screenshot(page, '81-process-flow-zh');

    // A case, started from the Cases tab, opens on its first step.
    await page.getByRole('tab', { name: '实例' }).click();
    await page.getByTestId('start-run').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#run_subject').fill('用户反馈：支付页面打不开');
    await dialog.getByRole('button', { name: '发起实例' }).click();
    await page.waitForURL(/\/runs\/[^/]+$/);
    const step = page.getByTestId('current-step');
    await expect.poll(() => page.getByTestId('current-step-name').innerText()).toBe('收集反馈');

    // Completing with nothing filled in: the server says what is missing, under each input.
    await step.getByRole('button', { name: '完成' }).click();
    await page.locator('#step_values_summary_help').waitFor();
    await screenshot(page, '82-run-step-errors-zh');

    await step.getByTestId('start-step').click();
    await step.getByText('开始处理', { exact: false }).first().waitFor();
    await step.getByRole('checkbox', { name: '记录用户联系方式' }).check();
    await choose(page, step.locator('#step_values_channel'), 'App 内反馈');
    await step.locator('#step_values_summary').fill('iOS 用户在支付页面点击“确认支付”后白屏');
    await step.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => page.getByTestId('current-step-name').innerText()).toBe('分析问题');
    await page.getByTestId('run-history').getByText('完成步骤').waitFor();
    await screenshot(page, '83-run-zh');

    // My queue: the next step is mine (nobody carries the analyst title, so it falls back to me).
    await page.getByRole('menuitem', { name: '我的待办' }).click();
    const queue = page.getByTestId('myday');
    await queue.getByText('用户反馈：支付页面打不开').waitFor();
    await queue.getByText('分析问题').waitFor();
    await screenshot(page, '84-queue-zh');

    // Back to the case: the remaining steps, to the end, so the analytics have a finished case.
    await queue.getByRole('link', { name: '用户反馈：支付页面打不开' }).click();
    await expect.poll(() => page.getByTestId('current-step-name').innerText()).toBe('分析问题');
    await step.getByRole('checkbox', { name: '确认影响范围' }).check();
    await step.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => page.getByTestId('current-step-name').innerText()).toBe('制定解决方案');
    await step.locator('#step_values_solution').fill('修复 iOS 支付回调，发布热更新');
    await step.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => page.getByTestId('current-step-name').innerText()).toBe('反馈用户');
    await step.getByRole('checkbox', { name: '告知处理结果并致谢' }).check();
    await step.getByRole('button', { name: '完成' }).click();
    await page.getByText('实例已结束').waitFor();
    await page.getByTestId('run-history').getByText('实例完成').waitFor();
    await screenshot(page, '85-run-finished-zh');

    // Analytics of the process.
    await page.getByRole('menuitem', { name: '流程' }).click();
    await page.getByTestId('processes-table').getByRole('link', { name: '用户反馈处理流程' }).click();
    await page.getByRole('tab', { name: '分析' }).click();
    const analytics = page.getByTestId('process-analytics');
    await analytics.getByTestId('analytics-steps').getByText('收集反馈').waitFor();
    await analytics.getByTestId('throughput-chart').locator('canvas').waitFor();
    await analytics.getByTestId('lead-time-chart').locator('canvas').waitFor();
    await screenshot(page, '86-process-analytics-zh');

    // English: the same pages, every text switched.
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('tab', { name: 'Analytics' }).waitFor();
    await analytics.getByText('Time per step').waitFor();
    await screenshot(page, '87-process-analytics-en');
    await page.getByRole('tab', { name: 'Flow' }).click();
    await flow.waitFor();
    await screenshot(page, '88-process-flow-en');
    await page.getByRole('tab', { name: 'Cases' }).click();
    await page.getByTestId('runs-table').getByRole('link', { name: '用户反馈：支付页面打不开' }).click();
    await page.getByText('This case is finished').waitFor();
    await screenshot(page, '89-run-en');
    await page.getByRole('menuitem', { name: 'My queue' }).click();
    await page.getByRole('heading', { name: 'My queue' }).waitFor();
    await page.getByText('Nothing is waiting for you').waitFor();
    await screenshot(page, '90-queue-en');

    await context.close();
  });
});
