import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { callApi, choose, signUpWithWorkspace } from './flows.ts';
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

type Step = {
  key: string;
  name: string;
  kind: string;
  owner: unknown;
  slaHours: number | null;
  checklist: string[];
  fields: Array<{ key: string; label: string; type: string; required: boolean }>;
  outcomes: Array<{ key: string; label: string; next: string }>;
};
type Process = {
  id: string;
  name: string;
  version: { id: string; number: number; steps: Step[] } | null;
  versions: Array<{ id: string; number: number; runCount: number }>;
};

/** The text of every issue the designer lists right now. */
async function issueTexts(page: Page): Promise<string[]> {
  return page.getByTestId('designer-issue').allInnerTexts();
}

/** A screenshot from the top of the page, where the sticky toolbar and step list sit in place. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** Picks an item of the "add step" menu. */
async function addStep(page: Page, label: string) {
  await page.getByTestId('add-step').click();
  await page.getByRole('menuitem', { name: label }).click();
}

describe('process designer', () => {
  it('[PROCESSES] edit the steps of a process with a case into version 2, then build one from scratch', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const page = await context.newPage();

    const workspaceId = await signUpWithWorkspace(
      page,
      server.url,
      { name: '陈静', email: 'chenjing@example.com', password: 'correct-horse-1' },
      '用户运营组',
    );

    // The feedback process from its template; the template picker also offers a blank process.
    await page.getByRole('menuitem', { name: '流程' }).click();
    await page.getByTestId('new-process').click();
    await page.getByTestId('blank-process').getByText('从空白开始').waitFor();
    await page.getByTestId('template-feedback').waitFor();
    await screenshot(page, '90-templates-blank-zh');
    await page.getByTestId('template-feedback').getByRole('button', { name: '使用此模板' }).click();
    await page.waitForURL(/\/processes\/[^/?]+$/);
    const processId = new URL(page.url()).pathname.split('/')[4] ?? '';

    // One case runs on version 1.
    await callApi(context, server.url, 'POST', `/w/${workspaceId}/processes/${processId}/runs`, {
      subject: '用户反馈：导出报表超时',
    });
    await page.reload();
    await expect.poll(() => page.getByTestId('process-version').innerText()).toBe('v1');

    // The designer: steps on the left, the first one open on the right, and what saving will do.
    await page.getByTestId('edit-flow').click();
    await page.waitForURL(/\/edit$/);
    await page.getByRole('heading', { name: '编辑流程：用户反馈处理流程' }).waitFor();
    expect(await page.locator('[data-testid^="designer-step-"]').count()).toBe(5);
    await expect
      .poll(() => page.getByTestId('version-notice').innerText())
      .toContain('保存会创建版本 2，版本 1 上的 1 个实例仍按原版本运行');
    await page.getByTestId('designer-no-issues').waitFor();
    expect(await page.getByTestId('designer-save').isDisabled()).toBe(true);

    // Breaking the flow: without its outcome, 分析问题 leads nowhere; the issue shows live, on the step too.
    await page.getByTestId('designer-step-analyse').click();
    await expect.poll(() => page.getByTestId('step-name').inputValue()).toBe('分析问题');
    await page.getByTestId('step-outcomes').getByTestId('outcome-remove').click();
    await expect.poll(() => issueTexts(page)).toContain('从步骤“分析问题”无法到达任何结束步骤。');
    expect(await issueTexts(page)).toContain('从开始步骤无法到达步骤“制定解决方案”。');
    await page.getByTestId('designer-step-solve').getByTestId('step-issue-badge').waitFor();
    await page.getByTestId('step-issues').getByText('无法到达任何结束步骤').waitFor();
    await shot(page, '91-designer-issue-zh');

    // Clicking an issue opens its step.
    await page.getByTestId('designer-issue').filter({ hasText: '制定解决方案' }).first().click();
    await expect.poll(() => page.getByTestId('step-name').inputValue()).toBe('制定解决方案');

    // Fixed: a new outcome from 分析问题 to 制定解决方案, and every issue is gone.
    await page.getByTestId('designer-step-analyse').click();
    await page.getByTestId('add-outcome').click();
    const outcome = page.getByTestId('outcome-row-0');
    await outcome.getByTestId('outcome-label').fill('完成');
    await choose(page, outcome.getByTestId('outcome-next'), '制定解决方案 · 任务');
    await page.getByTestId('designer-no-issues').waitFor();
    expect(await issueTexts(page)).toEqual([]);

    // 分析问题: a 24-hour deadline, one more checklist item and a required number field.
    await page.getByTestId('step-sla').fill('24');
    await page.getByTestId('checklist-new').fill('同步研发排期');
    await page.getByTestId('checklist-new').press('Enter');
    await page.getByTestId('step-checklist').locator('input[value="同步研发排期"]').waitFor();
    await page.getByTestId('add-field').click();
    const field = page.getByTestId('field-row-0');
    await field.getByTestId('field-label').fill('影响用户数');
    await choose(page, field.getByTestId('field-type'), '数字');
    await field.getByTestId('field-required').click();
    await field.getByText('field_1').waitFor();
    await expect.poll(() => page.getByTestId('designer-step-analyse').innerText()).toContain('24 小时');

    // A decision after 分析问题: spliced in, it needs an owner before the flow checks out.
    await addStep(page, '判断步骤');
    await expect.poll(() => page.getByTestId('step-key').innerText()).toBe('step_1');
    await page.getByTestId('step-name').fill('需要研发介入？');
    await expect
      .poll(() => issueTexts(page))
      .toContain('步骤“需要研发介入？”没有执行人，请指定人员、角色或技能。');
    await page.getByTestId('owner-role').locator('input').fill('数据分析');
    await page.getByTestId('owner-matches').getByText('暂时没有成员匹配').waitFor();
    const yes = page.getByTestId('outcome-row-0');
    const no = page.getByTestId('outcome-row-1');
    await yes.getByTestId('outcome-label').fill('需要研发');
    await no.getByTestId('outcome-label').fill('无需研发');
    await choose(page, no.getByTestId('outcome-next'), '反馈用户 · 任务');
    await page.getByTestId('designer-no-issues').waitFor();
    const keys = await page
      .locator('[data-testid^="designer-step-"]')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid')));
    expect(keys).toEqual([
      'designer-step-collect',
      'designer-step-analyse',
      'designer-step-step_1',
      'designer-step-solve',
      'designer-step-reply',
      'designer-step-end',
    ]);
    await page.getByTestId('designer-unsaved').waitFor();
    await shot(page, '92-designer-decision-zh');

    // The preview shows the flow as it will be.
    await page.getByTestId('designer-preview').click();
    const preview = page.locator('.ant-drawer').getByTestId('process-flow');
    await preview.getByTestId('flow-step-step_1').getByText('需要研发 → 制定解决方案').waitFor();
    await preview.getByTestId('flow-step-step_1').getByText('无需研发 → 反馈用户').waitFor();
    await shot(page, '93-designer-preview-zh');
    await page.locator('.ant-drawer .ant-drawer-close').click();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });

    // A save the server refuses: the message shows and nothing typed is lost.
    await page.route('**/steps', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'process_invalid',
            message: '流程有 1 个问题',
            fields: [{ path: 'steps.step_1', message: '判断步骤“需要研发介入？”暂时无法保存。' }],
          },
        }),
      }),
    );
    await page.getByTestId('designer-save').click();
    await page.locator('.ant-modal-confirm-title').getByText('保存为版本 2？').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '保存为新版本（版本 2）' }).click();
    await page.getByTestId('designer-server-errors').getByText('暂时无法保存').waitFor();
    expect(page.url()).toMatch(/\/edit$/);
    expect(await page.getByTestId('step-name').inputValue()).toBe('需要研发介入？');
    await page.getByTestId('designer-step-step_1').getByTestId('step-issue-badge').waitFor();
    await page.getByTestId('step-issues').getByText('暂时无法保存').waitFor();
    await shot(page, '94-designer-refused-zh');
    await page.unroute('**/steps');

    // Saved for real: version 2 on the process page, with the new step; the case stays on version 1.
    await page.getByTestId('designer-save').click();
    await page.getByRole('dialog').getByRole('button', { name: '保存为新版本（版本 2）' }).click();
    await page.waitForURL(/\/processes\/[^/]+$/);
    await page.getByText('已保存为版本 2').waitFor();
    await expect.poll(() => page.getByTestId('process-version').innerText()).toBe('v2');
    const flow = page.getByTestId('process-flow');
    await flow.getByTestId('flow-step-step_1').getByText('需要研发介入？').waitFor();
    await flow.getByTestId('flow-step-analyse').getByText('24 小时').waitFor();
    await flow.getByTestId('flow-step-analyse').getByText('影响用户数*').waitFor();
    await page.getByTestId('process-versions-link').hover();
    const versions = page.getByTestId('process-versions');
    await versions.waitFor();
    expect(await versions.innerText()).toMatch(/v1 · .* · 1 个实例/);
    expect(await versions.innerText()).toMatch(/v2 · .* · 0 个实例/);
    const compare = versions.getByTestId('compare-version-1');
    await compare.waitFor();
    await screenshot(page, '95-process-v2-zh');

    const saved = await callApi<Process>(
      context,
      server.url,
      'GET',
      `/w/${workspaceId}/processes/${processId}`,
    );
    expect(saved.version?.number).toBe(2);
    expect(await compare.getAttribute('href')).toBe(
      `/w/${workspaceId}/processes/${processId}/compare?from=${saved.versions[0]?.id}&to=${saved.version?.id}`,
    );
    expect(saved.versions.map((version) => [version.number, version.runCount])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    const analyse = saved.version?.steps.find((step) => step.key === 'analyse');
    expect(analyse?.slaHours).toBe(24);
    expect(analyse?.checklist).toEqual(['确认影响范围', '同步研发排期']);
    expect(analyse?.fields).toEqual([
      { key: 'field_1', label: '影响用户数', type: 'number', required: true },
    ]);
    expect(analyse?.outcomes.map((item) => item.next)).toEqual(['step_1']);
    const decision = saved.version?.steps.find((step) => step.key === 'step_1');
    expect(decision).toMatchObject({
      kind: 'decision',
      name: '需要研发介入？',
      owner: { type: 'role', role: '数据分析' },
    });
    const runs = await callApi<{ items: Array<{ id: string }> }>(
      context,
      server.url,
      'GET',
      `/w/${workspaceId}/processes/${processId}/runs`,
    );
    const run = await callApi<{ version: { number: number } }>(
      context,
      server.url,
      'GET',
      `/w/${workspaceId}/runs/${runs.items[0]?.id ?? ''}`,
    );
    expect(run.version.number).toBe(1);

    // Leaving with unsaved edits asks first.
    await page.getByTestId('edit-flow').click();
    await page.getByTestId('process-name').fill('用户反馈处理流程（新版）');
    await page.getByRole('menuitem', { name: '我的待办' }).click();
    const leave = page.getByRole('dialog').filter({ hasText: '放弃未保存的修改？' });
    await leave.waitFor();
    await leave.getByRole('button', { name: '继续编辑' }).click();
    expect(page.url()).toMatch(/\/edit$/);
    expect(await page.getByTestId('process-name').inputValue()).toBe('用户反馈处理流程（新版）');
    await page.getByRole('link', { name: '用户反馈处理流程', exact: true }).click();
    await leave.getByRole('button', { name: '放弃并离开' }).click();
    await page.waitForURL(/\/processes\/[^/]+$/);
    await page.getByRole('heading', { name: '用户反馈处理流程' }).waitFor();

    // English: a process built from scratch.
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('menuitem', { name: 'Processes' }).click();
    await page.getByTestId('new-process').click();
    await page.getByTestId('blank-process').getByRole('button', { name: 'Start from blank' }).click();
    await page.waitForURL(/\/processes\/new$/);
    await page.getByRole('heading', { name: 'New process' }).waitFor();
    expect(await page.locator('[data-testid^="designer-step-"]').count()).toBe(3);
    await expect
      .poll(() => issueTexts(page))
      .toEqual([
        'Give the process a name.',
        'Step "New task" has nobody to do it; choose a person, role or skill.',
      ]);
    await shot(page, '96-designer-new-en');

    // Duplicate splices a copy in after the step; deleting it reconnects the flow.
    await page.getByTestId('designer-step-step_2').click();
    await page.getByTestId('designer-step-step_2').getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(() => page.getByTestId('step-name').inputValue()).toBe('New task (copy)');
    expect(await page.locator('[data-testid^="designer-step-"]').count()).toBe(4);
    await page.getByTestId('designer-step-step_4').getByRole('button', { name: 'Move up' }).click();
    const order = () =>
      page
        .locator('[data-testid^="designer-step-"]')
        .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid')));
    await expect
      .poll(order)
      .toEqual([
        'designer-step-step_1',
        'designer-step-step_4',
        'designer-step-step_2',
        'designer-step-step_3',
      ]);
    await page.getByTestId('designer-step-step_4').getByRole('button', { name: 'Delete' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(order)
      .toEqual(['designer-step-step_1', 'designer-step-step_2', 'designer-step-step_3']);

    await page.getByTestId('process-name').fill('Refund review');
    await page.getByTestId('process-description').fill('Check a refund request and pay it out within a day.');
    await page.getByTestId('designer-step-step_1').click();
    await page.getByTestId('step-name').fill('Receive the request');
    await page.getByTestId('designer-step-step_2').click();
    await page.getByTestId('step-name').fill('Check the order');
    await page.getByTestId('step-description').fill('Match the refund to the order and the payment.');
    await page.getByTestId('owner-editor').getByText('A member', { exact: true }).click();
    await choose(page, page.getByTestId('owner-person'), '陈静');
    await page.getByTestId('step-sla').fill('8');
    await page.getByTestId('add-field').click();
    await page.getByTestId('field-row-0').getByTestId('field-label').fill('Order number');
    await page.getByTestId('field-row-0').getByText('order_number').waitFor();
    await page.getByTestId('designer-no-issues').waitFor();
    await shot(page, '97-designer-new-filled-en');

    await page.getByTestId('designer-save').click();
    await page.waitForURL(/\/processes\/(?!new)[^/]+$/);
    await page.getByText('Process created').waitFor();
    await page.getByRole('heading', { name: 'Refund review' }).waitFor();
    await expect.poll(() => page.getByTestId('process-version').innerText()).toBe('v1');
    const created = page.getByTestId('process-flow');
    expect(await created.locator('[data-testid^="flow-step-"]').count()).toBe(3);
    await created.getByTestId('flow-step-step_2').getByText('Check the order').waitFor();
    await created.getByTestId('flow-step-step_2').getByText('Done → End').waitFor();
    await shot(page, '98-process-new-en');

    const newId = new URL(page.url()).pathname.split('/')[4] ?? '';
    const fromScratch = await callApi<Process>(
      context,
      server.url,
      'GET',
      `/w/${workspaceId}/processes/${newId}`,
    );
    expect(fromScratch.name).toBe('Refund review');
    expect(fromScratch.version?.steps.map((step) => [step.key, step.kind, step.slaHours])).toEqual([
      ['step_1', 'start', null],
      ['step_2', 'task', 8],
      ['step_3', 'end', null],
    ]);
    expect(fromScratch.version?.steps[1]?.fields).toEqual([
      { key: 'order_number', label: 'Order number', type: 'text', required: false },
    ]);

    // The designer of an existing process, in English, with nothing changed yet.
    await page.getByTestId('edit-flow').click();
    await page.getByRole('heading', { name: 'Edit flow: Refund review' }).waitFor();
    await page.getByTestId('version-notice').getByText('saving updates it in place').waitFor();
    await page.getByTestId('designer-step-step_2').click();
    await shot(page, '99-designer-edit-en');

    await context.close();
  });

  it('[PROCESSES] drag to reorder and connect, undo and redo, and the keyboard, in both languages and on a phone', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const page = await context.newPage();
    const workspaceId = await signUpWithWorkspace(
      page,
      server.url,
      { name: '王芳', email: 'wangfang@example.com', password: 'correct-horse-1' },
      '客服组',
    );
    const process = await callApi<Process>(context, server.url, 'POST', `/w/${workspaceId}/processes`, {
      templateKey: 'feedback',
    });
    await page.goto(`${server.url}/w/${workspaceId}/processes/${process.id}/edit`);
    await page.getByTestId('designer-no-issues').waitFor();
    const order = async () =>
      (
        await page
          .getByTestId('designer-steps')
          .locator('[data-testid^="designer-step-"]')
          .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid') ?? ''))
      ).map((id) => id.replace('designer-step-', ''));
    const activeStep = () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-testid')?.replace('designer-step-', ''));
    expect(await order()).toEqual(['collect', 'analyse', 'solve', 'reply', 'end']);
    expect(await page.getByTestId('designer-undo').isDisabled()).toBe(true);

    // Drag 反馈用户 above 分析问题: the list changes, the connections do not.
    await page
      .getByTestId('designer-step-reply')
      .dragTo(page.getByTestId('designer-step-analyse'), { targetPosition: { x: 40, y: 4 } });
    await expect.poll(order).toEqual(['collect', 'reply', 'analyse', 'solve', 'end']);
    await page.getByTestId('designer-announcement').getByText('反馈用户 现在是第 2 步。').waitFor();
    // Undo with the button, redo with Ctrl+Shift+Z.
    await page.getByTestId('designer-undo').click();
    await expect.poll(order).toEqual(['collect', 'analyse', 'solve', 'reply', 'end']);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(order).toEqual(['collect', 'reply', 'analyse', 'solve', 'end']);

    // Drag the link handle of 收集反馈 onto 制定解决方案: 分析问题 can no longer be reached. Ctrl+Z takes it back.
    await page.getByTestId('designer-connect-collect').dragTo(page.getByTestId('designer-step-solve'));
    await expect.poll(() => issueTexts(page)).toContain('从开始步骤无法到达步骤“分析问题”。');
    await shot(page, '99a-designer-connected-zh');
    await page.keyboard.press('Control+Z');
    await page.getByTestId('designer-no-issues').waitFor();
    expect(await page.getByTestId('designer-redo').isDisabled()).toBe(false);

    // The keyboard: one tab stop, arrows choose, Alt+arrows move, C then Enter connects.
    await page.getByTestId('designer-step-collect').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeStep).toBe('reply');
    expect(await page.getByTestId('designer-step-reply').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('designer-step-reply').getAttribute('aria-label')).toBe(
      '第 2 步：反馈用户，任务',
    );
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(order).toEqual(['collect', 'analyse', 'reply', 'solve', 'end']);
    await expect.poll(activeStep).toBe('reply');
    await page.keyboard.press('ArrowUp');
    await expect.poll(activeStep).toBe('analyse');
    await page.keyboard.press('c');
    await page.getByTestId('designer-connecting').waitFor();
    await page.keyboard.press('End');
    await expect.poll(activeStep).toBe('end');
    await page.keyboard.press('Enter');
    await page.getByTestId('designer-announcement').getByText('分析问题 现在流向 结束。').waitFor();
    await expect.poll(() => issueTexts(page)).toContain('从开始步骤无法到达步骤“制定解决方案”。');
    await page.keyboard.press('Control+Z');
    await page.getByTestId('designer-no-issues').waitFor();
    await page.keyboard.press('Control+Z');
    await expect.poll(order).toEqual(['collect', 'reply', 'analyse', 'solve', 'end']);

    // On a phone: the same list, focus visible on the chosen step.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('designer-step-analyse').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeStep).toBe('solve');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('designer-step-solve').scrollIntoViewIfNeeded();
    await screenshot(page, '99b-designer-keyboard-390-zh');

    // Undone back to the saved flow, nothing to leave unsaved.
    const undo = page.getByTestId('designer-undo');
    while (!(await undo.isDisabled())) await undo.click();
    expect(await order()).toEqual(['collect', 'analyse', 'solve', 'reply', 'end']);
    expect(await page.getByTestId('designer-unsaved').count()).toBe(0);

    // English, on the phone: reorder and the keyboard connect, then undo all of it.
    await page.setViewportSize(VIEWPORT);
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByTestId('language-switch').getByText('English').click();
    await page.goto(`${server.url}/w/${workspaceId}/processes/${process.id}/edit`);
    await page.getByRole('heading', { name: 'Edit flow: 用户反馈处理流程' }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    // A phone has no mouse to drag with: the step moves to the top from the keyboard (Alt+↑), one place a press.
    await page.getByTestId('designer-step-end').focus();
    for (let place = 3; place >= 0; place -= 1) {
      await page.keyboard.press('Alt+ArrowUp');
      await expect.poll(async () => (await order()).indexOf('end')).toBe(place);
      await expect.poll(activeStep).toBe('end');
    }
    await expect.poll(order).toEqual(['end', 'collect', 'analyse', 'solve', 'reply']);
    await page.getByTestId('designer-announcement').getByText('结束 is now step 1.').waitFor();
    await page.getByTestId('designer-step-solve').focus();
    await page.keyboard.press('c');
    await page.getByTestId('designer-connecting').getByText('Connecting from 制定解决方案').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('designer-announcement').getByText('Connecting cancelled.').waitFor();
    expect(await page.getByTestId('designer-step-solve').getAttribute('aria-label')).toBe(
      'Step 4: 制定解决方案, Task',
    );
    await page.getByTestId('designer-step-solve').scrollIntoViewIfNeeded();
    await screenshot(page, '99c-designer-drag-390-en');
    const undoAll = page.getByTestId('designer-undo');
    while (!(await undoAll.isDisabled())) await undoAll.click();
    await expect.poll(order).toEqual(['collect', 'analyse', 'solve', 'reply', 'end']);
    await page.setViewportSize(VIEWPORT);
    await shot(page, '99d-designer-1280-en');
    await context.close();
  });
});
