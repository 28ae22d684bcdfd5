import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.ts';
import { callApi, signUpWithWorkspace } from './flows.ts';
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

type SurveyList = { surveys: Array<{ id: string; title: string; responses: number; waves: unknown[] }> };

describe('surveys', () => {
  it('[SURVEYS] build an NPS survey, answer it on a phone without signing in, read the score and its trend', async () => {
    const lead = { name: '赵敏', email: 'zhaomin-surveys@example.com', password: 'correct-horse-3' };
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const workspaceId = await signUpWithWorkspace(page, server.url, lead, '用户研究组');

    await page.goto(`${server.url}/w/${workspaceId}/surveys`);
    await page.getByRole('button', { name: '新建问卷' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByRole('heading', { name: /用户推荐意愿调研/ }).waitFor();
    await page.getByRole('tab', { name: '题目' }).click();
    await expect(page.getByTestId('survey-question').count()).resolves.toBe(3);
    await screenshot(page, 'survey-builder-zh-1280');
    await page.getByRole('button', { name: '开放填写' }).click();
    const link = await page.getByTestId('survey-link').inputValue();
    expect(link).toMatch(/\/survey\//);

    // Two respondents on phones, not signed in: a promoter, and a detractor who sees the follow-up.
    for (const [score, reason] of [
      [10, '发货很快'],
      [3, '快递太慢了'],
    ] as const) {
      const user = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      const userPage = await user.newPage();
      await userPage.goto(link);
      await userPage.getByRole('heading', { name: '用户推荐意愿调研' }).waitFor();
      await userPage.getByText(String(score), { exact: true }).first().click();
      await userPage.getByRole('textbox').first().fill(reason);
      if (score < 9) {
        await userPage.getByText('配送速度').click();
      } else {
        await expect(userPage.getByText('配送速度').count()).resolves.toBe(0);
      }
      if (score < 9) await screenshot(userPage, 'survey-public-zh-390');
      await userPage.getByRole('button', { name: '提交' }).click();
      await userPage.getByText('感谢填写！您的回答已收到。').waitFor();
      await user.close();
    }

    await page.getByRole('tab', { name: '结果' }).click();
    await page.reload();
    await page.getByTestId('nps-promoters').getByText('1', { exact: true }).waitFor();
    await page.getByTestId('nps-detractors').getByText('1', { exact: true }).waitFor();
    await page.getByTestId('nps-trend').locator('canvas').waitFor();
    await screenshot(page, 'survey-results-zh-1280');
    await context.close();
  }, 120_000);

  it('[SURVEYS] the demo NPS survey shows its score and trend across two waves, in both languages and on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signUpWithWorkspace(
      page,
      server.url,
      { name: '林娜', email: 'lina-surveys@example.com', password: 'correct-horse-4' },
      '临时',
    );
    for (const locale of ['zh-CN', 'en'] as const) {
      // The profile's language is the UI's once signed in.
      await callApi(context, server.url, 'PATCH', '/me', { locale });
      const demo = await callApi<{ workspace: { id: string } }>(
        context,
        server.url,
        'POST',
        '/workspaces/demo',
        {
          locale,
        },
      );
      const demoId = demo.workspace.id;
      const { surveys } = await callApi<SurveyList>(context, server.url, 'GET', `/w/${demoId}/surveys`);
      const nps = surveys.find((survey) => survey.waves.length === 2);
      expect(nps).toBeDefined();
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${server.url}/w/${demoId}/surveys`);
        await page.getByRole('link', { name: nps?.title ?? '' }).waitFor();
        await screenshot(page, `surveys-${locale}-${width}`);
        await page.goto(`${server.url}/w/${demoId}/surveys/${nps?.id}`);
        await page.getByTestId('nps-trend').locator('canvas').waitFor();
        await page.getByTestId('survey-themes').waitFor();
        await screenshot(page, `survey-demo-${locale}-${width}`);
        await page.goto(`${server.url}/survey/${nps?.id}`);
        await page.getByTestId('public-question').first().waitFor();
        await screenshot(page, `survey-public-${locale}-${width}`);
      }
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  }, 180_000);
});
