import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startReceiver, type TestReceiver } from '../src/server/testing/receiver.ts';
import { startSmtpServer, type TestSmtpServer } from '../src/server/testing/smtp.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { callApi, signUp, signUpWithWorkspace } from './flows.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let smtp: TestSmtpServer;
let dingTalk: TestReceiver;
const SECRET = 'SECe2e0123456789';

beforeAll(async () => {
  smtp = await startSmtpServer();
  // The DingTalk robot stand-in checks the 加签 signature exactly as DingTalk documents it.
  dingTalk = await startReceiver((request) => {
    const timestamp = request.url.searchParams.get('timestamp') ?? '';
    const sign = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
    const ok =
      request.url.searchParams.get('sign') === sign && request.url.searchParams.get('access_token') === 'e2e';
    return {
      status: 200,
      body: JSON.stringify(ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' }),
    };
  });
  server = await startServer({ smtpUrl: smtp.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
  await dingTalk?.close();
});

describe('notifications', () => {
  it('[NOTIFY] a mention reaches the member live in the browser, by e-mail and in a signed DingTalk group', async () => {
    const lead = { name: '王丽', email: 'wangli-notify@example.com', password: 'correct-horse-1' };
    const analyst = { name: '陈明', email: 'chenming-notify@example.com', password: 'battery-staple-2' };

    const leadContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const leadPage = await leadContext.newPage();
    const workspaceId = await signUpWithWorkspace(leadPage, server.url, lead, '用户增长运营组');
    const invitation = await callApi<{ token: string }>(
      leadContext,
      server.url,
      'POST',
      `/w/${workspaceId}/invitations`,
      {
        role: 'member',
        expiresInDays: 7,
      },
    );

    // The analyst joins on a phone-sized screen and waits on the overview page.
    const analystContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
    });
    const analystPage = await analystContext.newPage();
    await analystPage.goto(`${server.url}/invite/${invitation.token}`);
    await analystPage.getByRole('button', { name: '注册并加入' }).click();
    await signUp(analystPage, analyst);
    await analystPage.waitForURL(/\/invite\//);
    await analystPage.getByRole('button', { name: '接受邀请' }).click();
    await analystPage.waitForURL(/\/w\/[^/]+$/);
    const bell = analystPage.getByTestId('notification-bell');
    await bell.waitFor();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知，0 条未读');

    const w = `/w/${workspaceId}`;
    await callApi(leadContext, server.url, 'POST', `${w}/chat-targets`, {
      name: '运营群（钉钉）',
      kind: 'dingtalk',
      url: `${dingTalk.url}/robot/send?access_token=e2e`,
      secret: SECRET,
      eventTypes: ['comment.mentioned'],
    });
    const members = await callApi<{ items: { userId: string; name: string }[] }>(
      leadContext,
      server.url,
      'GET',
      `${w}/members`,
    );
    const analystId = members.items.find((member) => member.name === analyst.name)?.userId ?? '';
    const task = await callApi<{ task: { id: string } }>(leadContext, server.url, 'POST', `${w}/tasks`, {
      title: '竞品分析报告',
    });
    await callApi(leadContext, server.url, 'POST', `${w}/comments`, {
      targetType: 'task',
      targetId: task.task.id,
      body: `@[${analyst.name}](user:${analystId}) 请在周五前补充渠道数据`,
    });

    // Live: the count and a toast appear without a reload.
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 }).toBe('通知，1 条未读');
    await analystPage
      .getByText('王丽 在「竞品分析报告」中提到了你：@陈明 请在周五前补充渠道数据')
      .first()
      .waitFor();
    await screenshot(analystPage, 'notifications-live-390');
    await bell.click();
    const drawer = analystPage.locator('.ant-drawer');
    await drawer.getByText('有人提到了你').waitFor();
    await screenshot(analystPage, 'notifications-inbox-390');
    await drawer.getByText('王丽 在「竞品分析报告」中提到了你', { exact: false }).click();
    await analystPage.waitForURL(new RegExp(`/tasks\\?task=${task.task.id}`));
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('通知，0 条未读');

    // E-mail, in the analyst's language, captured by the local SMTP server.
    await expect.poll(() => smtp.messages.length, { timeout: 15_000 }).toBe(1);
    expect(smtp.messages[0]?.to).toEqual([analyst.email]);
    expect(smtp.messages[0]?.subject).toBe('王丽 在「竞品分析报告」中提到了你：@陈明 请在周五前补充渠道数据');

    // DingTalk: one signed markdown message, accepted by the receiver.
    await expect.poll(() => dingTalk.requests.length, { timeout: 15_000 }).toBe(1);
    const posted = JSON.parse(dingTalk.requests[0]?.body ?? '{}') as {
      msgtype: string;
      markdown: { text: string };
    };
    expect(posted.msgtype).toBe('markdown');
    expect(posted.markdown.text).toContain('王丽 评论了「竞品分析报告」');
    await leadContext.close();
    await analystContext.close();
  });
});
