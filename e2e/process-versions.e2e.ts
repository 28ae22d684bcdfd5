import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { callApi, choose, signUpWithWorkspace } from './flows.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

const HOUR = 3_600_000;
const VIEWPORT = { width: 1366, height: 860 };

// The server runs in this process and reads this clock: moving it between calls makes real hours pass, so
// waiting and working times, SLA breaches and weekly throughput are what a team would see.
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

type Step = { key: string; name: string; slaHours: number | null };
type ProcessDetail = {
  id: string;
  version: { id: string; number: number; steps: Step[] };
  versions: Array<{ id: string; number: number; runCount: number }>;
};

/** What each step of the feedback template requires to be completed (see src/core/processes/templates.ts). */
const STEP_INPUT: Record<string, { checkedItems: string[]; values: Record<string, unknown> }> = {
  collect: { checkedItems: ['记录用户联系方式'], values: { channel: '社群', summary: '签到页打不开' } },
  analyse: { checkedItems: ['确认影响范围'], values: {} },
  solve: { checkedItems: [], values: { solution: '修复缓存配置' } },
  reply: { checkedItems: ['告知处理结果并致谢'], values: {} },
};

/** Hours a case waits before each step is picked up. */
type Waits = Record<'collect' | 'analyse' | 'solve' | 'reply', number>;

function hoursIn(text: string): number {
  const match = /([\d.]+)/.exec(text.replace(/,/g, ''));
  if (!match) throw new Error(`No number in "${text}"`);
  return Number(match[1]);
}

async function numberedSelection(page: Page, testId: string): Promise<string> {
  return page
    .getByTestId(testId)
    .locator('.ant-select-content, .ant-select-selection-item')
    .first()
    .innerText();
}

describe('process versions', () => {
  it('[PROCESSES] analytics show the flow and its bottleneck, versions compared, a case reassigned, cases paged', async () => {
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

    const process = await api<ProcessDetail>('POST', '/processes', { templateKey: 'feedback' });
    const startCase = async (subject: string) =>
      (
        await api<{ id: string; version: { number: number } }>('POST', `/processes/${process.id}/runs`, {
          subject,
        })
      ).id;
    const work = async (runId: string, stepKey: keyof Waits, waitHours: number) => {
      now += waitHours * HOUR;
      await api('POST', `/runs/${runId}/start-step`, { stepKey });
      now += HOUR / 2;
      await api('POST', `/runs/${runId}/complete-step`, {
        stepKey,
        outcomeKey: 'done',
        ...STEP_INPUT[stepKey],
      });
    };
    const runToEnd = async (subject: string, waits: Waits) => {
      const runId = await startCase(subject);
      for (const stepKey of ['collect', 'analyse', 'solve', 'reply'] as const)
        await work(runId, stepKey, waits[stepKey]);
      // Some quiet time before the next case comes in.
      now += 2 * HOUR;
      return runId;
    };

    // Version 1: twenty cases; analysis waits a day or more in most of them, a few are picked up quickly.
    for (let index = 0; index < 20; index += 1) {
      const analyseWait = index % 4 === 1 ? 3 : 22 + (index % 5) * 4;
      await runToEnd(`用户反馈 #${index + 1}`, { collect: 1, analyse: analyseWait, solve: 2, reply: 1 });
    }

    // Analytics: the bottleneck named, the flow drawn with its times, analysis breaching its SLA.
    await page.goto(`${server.url}/w/${workspaceId}/processes/${process.id}?tab=analytics`);
    const analytics = page.getByTestId('process-analytics');
    await expect.poll(() => analytics.getByTestId('bottleneck').innerText()).toContain('分析问题');
    await analytics.getByTestId('flow-chart').locator('canvas').waitFor();
    await analytics.getByTestId('throughput-chart').locator('canvas').waitFor();
    await analytics.getByTestId('lead-time-chart').locator('canvas').waitFor();
    const breach = await analytics.getByTestId('breach-rate-analyse').innerText();
    expect(hoursIn(breach)).toBeGreaterThan(0);
    // Collecting is done within its SLA every time.
    expect(await analytics.getByTestId('breach-rate-collect').innerText()).toBe('0%');
    await screenshot(page, '100-process-analytics-zh');

    // Version 2: analysis gets 24 hours (owner unchanged); five faster cases run on it.
    const steps = process.version.steps.map((step) =>
      step.key === 'analyse' ? { ...step, slaHours: 24 } : step,
    );
    now += 24 * HOUR;
    const edited = await api<ProcessDetail>('PUT', `/processes/${process.id}/steps`, { steps });
    expect(edited.version.number).toBe(2);
    now += 2 * HOUR;
    for (let index = 0; index < 5; index += 1) {
      await runToEnd(`新版反馈 #${index + 1}`, { collect: 1, analyse: 2 + index, solve: 2, reply: 1 });
      now += 10 * HOUR;
    }
    const openCaseId = await startCase('用户反馈：积分没到账');

    // The version picker narrows analytics to version 2: its cases only.
    await page.reload();
    await analytics.getByTestId('flow-chart').locator('canvas').waitFor();
    await analytics.getByTestId('analytics-version').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByText(/^v2 · .+ · 6 个实例$/)
      .click();
    await page.waitForURL(/version=/);
    await expect.poll(() => analytics.getByText('只看 v2：它的步骤和它的实例').count()).toBe(1);
    await expect
      .poll(async () => (await analytics.locator('.ant-statistic').first().innerText()).includes('6'))
      .toBe(true);
    await choose(page, analytics.getByTestId('analytics-version'), '全部版本');
    await expect
      .poll(async () => (await analytics.locator('.ant-statistic').first().innerText()).includes('26'))
      .toBe(true);
    await screenshot(page, '101-process-analytics-versions-zh');

    // Compare, from the analytics: version 1 against version 2.
    await analytics.getByTestId('compare-versions').click();
    await page.waitForURL(/\/compare\?from=.+&to=.+/);
    await page.getByRole('heading', { name: '版本对比' }).waitFor();
    expect(await numberedSelection(page, 'compare-from')).toMatch(/^v1 · /);
    expect(await numberedSelection(page, 'compare-to')).toMatch(/^v2 · /);
    const changes = page.getByTestId('compare-changes-analyse');
    await expect.poll(() => changes.innerText()).toContain('时限 8 → 24 小时');
    expect(await page.getByTestId('compare-status-analyse').innerText()).toBe('修改');
    expect(await page.getByTestId('compare-status-collect').innerText()).toBe('未变');
    const before = hoursIn(
      await page
        .getByTestId('lead-before')
        .innerText()
        .then((text) => text.replace(/^v1/, '')),
    );
    const after = hoursIn(
      await page
        .getByTestId('lead-after')
        .innerText()
        .then((text) => text.replace(/^v2/, '')),
    );
    expect(after).toBeLessThan(before);
    expect(await page.getByTestId('lead-change').innerText()).toContain('快了');
    await page.getByTestId('compare-chart').locator('canvas').waitFor();
    await screenshot(page, '102-process-compare-zh');

    // A version nobody has run yet: the times show on one side only, and the page says why.
    const solveSteps = edited.version.steps.map((step) =>
      step.key === 'solve' ? { ...step, slaHours: 12 } : step,
    );
    now += HOUR;
    const third = await api<ProcessDetail>('PUT', `/processes/${process.id}/steps`, { steps: solveSteps });
    expect(third.version.number).toBe(3);
    await page.goto(
      `${server.url}/w/${workspaceId}/processes/${process.id}/compare?from=${edited.version.id}&to=${third.version.id}`,
    );
    await page.getByTestId('compare-no-cases').getByText('v3 还没有实例').waitFor();
    await expect
      .poll(() => page.getByTestId('compare-changes-solve').innerText())
      .toContain('时限 16 → 12 小时');
    expect(await page.getByTestId('lead-after').innerText()).toContain('实例不足');
    await screenshot(page, '103-process-compare-no-cases-zh');

    // A process with a single version has nothing to compare: the page says how to get a second one.
    const campaign = await api<ProcessDetail>('POST', '/processes', { templateKey: 'campaign' });
    await page.goto(`${server.url}/w/${workspaceId}/processes/${campaign.id}/compare`);
    const single = page.getByTestId('compare-one-version');
    await single.getByText('这个流程只有一个版本').waitFor();
    await single.getByRole('button', { name: '编辑流程' }).waitFor();
    await screenshot(page, '104-process-compare-one-version-zh');

    // Its analytics before any case: the flow (with its rework loop) is drawn, the tables say there is no data.
    await page.goto(`${server.url}/w/${workspaceId}/processes/${campaign.id}?tab=analytics`);
    await analytics.getByTestId('flow-chart').locator('canvas').waitFor();
    await analytics.getByText('还没有足够的实例数据', { exact: false }).waitFor();
    expect(await analytics.getByTestId('bottleneck').count()).toBe(0);
    expect(await analytics.getByTestId('compare-versions').count()).toBe(0);
    await screenshot(page, '105-process-analytics-empty-zh');

    // A second member joins; the open case is handed to her from the case page.
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
    await api('PATCH', `/members/${lina.id}`, { title: '用户研究' });
    await contextB.close();

    await page.goto(`${server.url}/w/${workspaceId}/runs/${openCaseId}`);
    const stepCard = page.getByTestId('current-step');
    await expect.poll(() => page.getByTestId('current-step-name').innerText()).toBe('收集反馈');
    await stepCard.getByText('陈静').waitFor();
    await stepCard.getByTestId('reassign-step').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('当前处理人：陈静').waitFor();
    await choose(page, dialog.getByTestId('reassign-member'), '李娜 · 用户研究 · 成员');
    await dialog.getByRole('button', { name: '转派' }).click();
    await page.getByText('已转派给 李娜').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await stepCard.getByText('李娜').waitFor();
    const history = page.getByTestId('run-history');
    await history.getByText('改派处理人').waitFor();
    expect(await history.getByTestId('reassigned-detail').innerText()).toBe('陈静 → 李娜');
    const run = await api<{ currentStep: { assignee: { id: string } | null } }>('GET', `/runs/${openCaseId}`);
    expect(run.currentStep.assignee?.id).toBe(lina.id);
    await screenshot(page, '106-run-reassigned-zh');

    // Cases: twenty at a time, then the rest.
    await page.goto(`${server.url}/w/${workspaceId}/processes/${process.id}?tab=runs`);
    const table = page.getByTestId('runs-table');
    await expect.poll(() => page.getByTestId('runs-shown').innerText()).toBe('已显示 20 个实例');
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(20);
    await page.getByTestId('runs-load-more').click();
    await expect.poll(() => page.getByTestId('runs-shown').innerText()).toBe('共 26 个实例，已全部显示');
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(26);
    expect(await page.getByTestId('runs-load-more').count()).toBe(0);
    // The status filter pages too: the twenty-five finished cases, twenty first.
    await page.getByTestId('runs-status-filter').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle('已完成', { exact: true })
      .click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('runs-shown').innerText()).toBe('已显示 20 个实例');
    expect(await table.getByRole('link', { name: '用户反馈：积分没到账' }).count()).toBe(0);
    await page.getByTestId('runs-load-more').click();
    await expect.poll(() => page.getByTestId('runs-shown').innerText()).toBe('共 25 个实例，已全部显示');
    await screenshot(page, '107-process-runs-zh');

    // English: analytics and the comparison.
    await page.goto(`${server.url}/w/${workspaceId}/processes/${process.id}?tab=analytics`);
    await page.getByTestId('language-switch').getByText('English').click();
    await analytics.getByText('Flow and measured times').waitFor();
    await expect
      .poll(() => analytics.getByTestId('bottleneck').innerText())
      .toMatch(/分析问题 takes \d+% of lead time/);
    await analytics.getByTestId('flow-chart').locator('canvas').waitFor();
    await screenshot(page, '108-process-analytics-en');
    await page.goto(
      `${server.url}/w/${workspaceId}/processes/${process.id}/compare?from=${process.version.id}&to=${edited.version.id}`,
    );
    await page.getByRole('heading', { name: 'Compare versions' }).waitFor();
    await expect
      .poll(() => page.getByTestId('compare-changes-analyse').innerText())
      .toContain('Deadline 8 → 24 h');
    await page.getByTestId('compare-chart').locator('canvas').waitFor();
    await screenshot(page, '109-process-compare-en');

    await context.close();
  });
});
