import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startSmtpServer, type TestSmtpServer } from '../src/server/testing/smtp.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { callApi, choose, signUpWithWorkspace } from './flows.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startServer({ smtpUrl: smtp.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

async function waitFor<T>(
  read: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function englishContext(width: number): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US' }).then(async (context) => {
    return context;
  });
}

describe('feedback', () => {
  it('[FEEDBACK] portal submit → inbox triage → resolve → the CSAT link is rated', async () => {
    const lead = { name: '孙浩', email: 'sunhao-feedback@example.com', password: 'correct-horse-1' };
    const leadContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const leadPage = await leadContext.newPage();
    const workspaceId = await signUpWithWorkspace(leadPage, server.url, lead, '用户运营组');
    await callApi(leadContext, server.url, 'PATCH', `/w/${workspaceId}/feedback/settings`, {
      publicCategories: ['功能建议'],
    });

    // A user on a phone, not signed in, sends feedback through the portal.
    const userContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const userPage = await userContext.newPage();
    await userPage.goto(`${server.url}/portal/${workspaceId}`);
    await userPage.getByRole('heading', { name: '用户运营组 · 用户反馈' }).waitFor();
    await userPage.getByLabel('标题').fill('希望支持导出订单 <b>Excel</b>');
    await userPage.getByLabel('详细描述').fill('每个月对账都要手动复制 <script>alert(1)</script>');
    await choose(userPage, userPage.getByLabel('分类'), '功能建议');
    await userPage.getByLabel('邮箱（选填，用于告知处理结果）').fill('buyer-e2e@example.com');
    await userPage.getByRole('button', { name: '提交', exact: true }).click();
    await userPage.getByText('感谢反馈！我们会尽快处理。').waitFor();
    await userPage.getByText('希望支持导出订单 <b>Excel</b>').waitFor();
    await screenshot(userPage, 'feedback-portal-zh-390');

    // The team triages it from the inbox.
    await leadPage.goto(`${server.url}/w/${workspaceId}/feedback`);
    const row = leadPage.getByRole('row', { name: /希望支持导出订单/ });
    await row.waitFor();
    await row.getByRole('checkbox').check();
    await leadPage.getByRole('button', { name: '标记为已分诊' }).click();
    await row.getByText('已分诊').waitFor();
    await screenshot(leadPage, 'feedback-inbox-zh-1440');

    // …and resolves it, saying what was done.
    await row.getByRole('link', { name: /希望支持导出订单/ }).click();
    await leadPage.getByRole('heading', { name: '希望支持导出订单 <b>Excel</b>' }).waitFor();
    await expect(
      leadPage.getByText('每个月对账都要手动复制 <script>alert(1)</script>').isVisible(),
    ).resolves.toBe(true);
    await choose(leadPage, leadPage.getByLabel('更改状态'), '已解决');
    await leadPage
      .getByLabel('说明（解决或不处理时必填：会告知用户）')
      .fill('订单页已支持导出 Excel（v4.3）');
    await leadPage.getByRole('button', { name: '保存', exact: true }).click();
    await leadPage.getByText('订单页已支持导出 Excel（v4.3）').first().waitFor();
    await screenshot(leadPage, 'feedback-item-zh-1440');

    // The submitter gets the message and rates with one click, without signing in.
    const mail = await waitFor(() =>
      smtp.messages.find((message) => message.to.includes('buyer-e2e@example.com')),
    );
    expect(mail.subject).toBe('你的反馈已处理：希望支持导出订单 <b>Excel</b>');
    const link = /(http\S+rate\?token=\S+&score=5)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    await userPage.goto(link ?? '');
    await userPage.getByTestId('rating-result').getByText('感谢你的评分：5 分。').waitFor();
    await screenshot(userPage, 'feedback-rate-zh-390');
    const { item } = await callApi<{ item: { ratings: Array<{ rating: number | null }> } }>(
      leadContext,
      server.url,
      'GET',
      `/w/${workspaceId}/feedback/items/${new URL(leadPage.url()).pathname.split('/').at(-1)}`,
    );
    expect(item.ratings).toEqual([expect.objectContaining({ rating: 5 })]);
    await userContext.close();
    await leadContext.close();
  }, 120_000);

  it('[FEEDBACK] the demo workspace shows its common issues, in both languages and on a phone', async () => {
    const owner = { name: '林娜', email: 'lina-feedback@example.com', password: 'correct-horse-2' };
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signUpWithWorkspace(page, server.url, owner, '临时');
    const demo = await callApi<{ workspace: { id: string } }>(
      context,
      server.url,
      'POST',
      '/workspaces/demo',
      {},
    );
    const demoId = demo.workspace.id;
    await waitFor(async () => {
      const body = await callApi<{ clusters: unknown[]; state: { status: string } }>(
        context,
        server.url,
        'GET',
        `/w/${demoId}/feedback/clusters`,
      );
      return body.state.status === 'idle' && body.clusters.length > 3 ? body : undefined;
    }, 60_000);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/w/${demoId}/feedback/clusters`);
      await page.getByTestId('cluster-card').first().waitFor();
      await page.getByTestId('cluster-trend').locator('canvas').waitFor();
      await screenshot(page, `feedback-clusters-zh-${width}`);
      await page.goto(`${server.url}/w/${demoId}/feedback`);
      await page.getByRole('row').nth(2).waitFor();
      await screenshot(page, `feedback-inbox-demo-zh-${width}`);
    }

    // The team resolves the top common issue at once; each of its submitters is told once.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/w/${demoId}/feedback/clusters`);
    const card = page.getByTestId('cluster-card').first();
    await card.getByTestId('cluster-resolve').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '解决并通知反馈人' }).click();
    await dialog.getByText('请写明做了什么：反馈人会看到这段话。').waitFor();
    const resolution = '已修复启动闪退（v4.3.1），并加了崩溃监控';
    await dialog.getByTestId('cluster-resolution').fill(resolution);
    await screenshot(page, 'feedback-cluster-resolve-zh-1440');
    await dialog.getByRole('button', { name: '解决并通知反馈人' }).click();
    await page.getByText(/已解决 \d+ 条反馈，已邀请 \d+ 位反馈人评价/).waitFor();
    await expect(card.getByTestId('cluster-resolve').count()).resolves.toBe(0);
    const told = await waitFor(() => {
      const mails = smtp.messages.filter((mail) => mail.text.includes(resolution));
      return mails.length > 0 ? mails : undefined;
    });
    const recipients = told.flatMap((mail) => mail.to);
    expect(new Set(recipients).size).toBe(recipients.length);
    await context.close();

    for (const width of [1440, 390]) {
      const english = await englishContext(width);
      const englishPage = await english.newPage();
      await englishPage.goto(`${server.url}/portal/${demoId}`);
      await englishPage.getByRole('button', { name: 'Send' }).waitFor();
      await screenshot(englishPage, `feedback-portal-en-${width}`);
      await english.close();
    }
  }, 180_000);

  it('[FEEDBACK] imports a GBK ticket export, then another site embeds the form and a survey', async () => {
    const lead = { name: 'Mia Chen', email: 'mia-import@example.com', password: 'correct-horse-3' };
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    // The sign-up flow reads the first screen in Chinese; the team then works in English.
    const workspaceId = await signUpWithWorkspace(page, server.url, lead, 'Support ops');
    await context.addInitScript(() => window.localStorage.setItem('opsplan.locale', 'en'));

    // A customer-service export saved by a Chinese tool: GBK bytes, Chinese headers, one bad date.
    const gbk = Buffer.from(
      'b9a4b5a5bac52ccecacce2c3e8caf62cc7feb5c02ccecacce2c0e0d0cd2ccab1bce40a542d3130312cbfecb5ddc8fdccecbbb9c3bbb5bda3acceefc1f7d0c5cfa2b2bbb8fcd0c22cb5e7bbb02cceefc1f72c323032362d31312d30322031303a30300a542d3130322ccdcbbfeec9eac7ebc1bdd6dcc1cbbbb9c3bbb5bdd5cb2cd4dacfdfbfcdb7fe2ccadbbaf32c323032362d31312d30332031353a33300a542d3130332c41707020b8fcd0c2baf3b4f2bfaabecdc9c1cdcb2cd3cabcfe2cb9cad5cf2c323032362d31312d30342030393a31300a',
      'hex',
    );
    const broken = Buffer.concat([gbk, Buffer.from('T-104,broken,x,y,not a date\n')]);
    await page.goto(`${server.url}/w/${workspaceId}/feedback`);
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('feedback-import').click();
    await page.getByRole('heading', { name: 'Import feedback' }).waitFor();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'tickets.csv', mimeType: 'text/csv', buffer: broken });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByTestId('import-issues').getByText('“not a date” is not a date').waitFor();
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
    await page.getByTestId('import-fix').click();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'tickets.csv', mimeType: 'text/csv', buffer: gbk });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.getByTestId('import-gbk').waitFor();
    await page.getByText('快递三天还没到，物流信息不更新').waitFor();
    await page.getByTestId('import-columns').getByText('工单号 → Id').waitFor();
    await screenshot(page, 'feedback-import-report-en-1280');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').getByText('3 items imported').waitFor();
    await page.getByRole('button', { name: 'Open the inbox' }).click();
    await page.getByRole('row', { name: /退款申请两周了还没到账/ }).waitFor();

    // The embed code, as the team copies it.
    await page.getByTestId('feedback-embed').click();
    const snippet = await page.getByTestId('embed-snippets').locator('code').first().innerText();
    expect(snippet).toBe(`<script src="${server.url}/embed.js" data-portal="${workspaceId}" async></script>`);
    await screenshot(page, 'feedback-embed-en-1280');
    await page.keyboard.press('Escape');

    // A survey that takes personal and one-use links only.
    const { survey } = await callApi<{ survey: { id: string } }>(
      context,
      server.url,
      'POST',
      `/w/${workspaceId}/surveys`,
      {
        title: 'Support NPS',
        linkOnly: true,
        questions: [{ id: 'nps', type: 'nps', title: 'How likely are you to recommend us?', required: true }],
      },
    );
    await callApi(context, server.url, 'PATCH', `/w/${workspaceId}/surveys/${survey.id}`, { status: 'open' });
    const { links } = await callApi<{ links: Array<{ token: string }> }>(
      context,
      server.url,
      'POST',
      `/w/${workspaceId}/surveys/${survey.id}/links`,
      { count: 1 },
    );
    const token = links[0]?.token ?? '';

    // Another site (another origin) puts both on its help page with the script tag.
    const site: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html><body><h1>Help centre</h1>
        <script src="${server.url}/embed.js" data-portal="${workspaceId}" data-lang="en" async></script>
        <script src="${server.url}/embed.js" data-survey="${survey.id}" data-token="${token}" data-lang="en" async></script>
        </body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const address = site.address();
    const siteUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      const visitor = await englishContext(390);
      const visitorPage = await visitor.newPage();
      await visitorPage.goto(siteUrl);
      const form = visitorPage.frameLocator('iframe[src*="/embed/feedback/"]');
      await form.getByLabel('Title').fill('Dark mode please');
      await form.getByRole('button', { name: 'Send' }).click();
      await form.getByText('Thank you! We will look into it.').waitFor();
      const surveyFrame = visitorPage.frameLocator('iframe[src*="/embed/survey/"]');
      await surveyFrame.getByRole('heading', { name: 'Support NPS' }).waitFor();
      await surveyFrame.getByText('9', { exact: true }).click();
      await surveyFrame.getByRole('button', { name: 'Submit' }).click();
      await surveyFrame.getByText('Thank you! Your answers were received.').waitFor();
      // The loader keeps each frame as tall as its page: no inner scrolling.
      const height = await visitorPage
        .locator('iframe[src*="/embed/feedback/"]')
        .evaluate((frame) => frame.clientHeight);
      expect(height).toBeGreaterThan(300);
      await screenshot(visitorPage, 'feedback-embed-site-en-390');
      await visitor.close();

      // On a wide page the survey's frame is as tall as its content: no empty (grey) band under it.
      const wide = await englishContext(1280);
      const widePage = await wide.newPage();
      await widePage.goto(siteUrl);
      // Its one-use link is spent: the frame holds just a heading and a short notice.
      await widePage.locator('iframe[src*="/embed/survey/"]').scrollIntoViewIfNeeded();
      await widePage.frameLocator('iframe[src*="/embed/survey/"]').getByRole('heading').first().waitFor();
      const spentSurvey = widePage.frames().find((frame) => frame.url().includes('/embed/survey/'));
      const measured = await waitFor(async () => {
        const content =
          (await spentSurvey?.evaluate(() => document.body.getBoundingClientRect().height)) ?? 0;
        const outer = await widePage
          .locator('iframe[src*="/embed/survey/"]')
          .evaluate((frame) => frame.clientHeight);
        return content > 0 && Math.abs(outer - content) <= 2 ? { content, outer } : undefined;
      });
      expect(measured.outer).toBeLessThan(420);
      await screenshot(widePage, 'feedback-embed-site-en-1280');
      await wide.close();
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
    const inbox = await callApi<{ items: Array<{ title: string; channel: string }> }>(
      context,
      server.url,
      'GET',
      `/w/${workspaceId}/feedback/items`,
    );
    expect(inbox.items.find((item) => item.title === 'Dark mode please')).toMatchObject({
      channel: 'portal',
    });
    const again = await callApi<{ links: Array<{ answered: boolean }> }>(
      context,
      server.url,
      'GET',
      `/w/${workspaceId}/surveys/${survey.id}/links`,
    );
    expect(again.links).toEqual([expect.objectContaining({ answered: true })]);
    await context.close();
  }, 180_000);
});
