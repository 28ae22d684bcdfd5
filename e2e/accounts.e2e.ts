import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signUp } from './flows.ts';
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

describe('accounts', () => {
  it('[ACCOUNTS] sign up, create workspace, invite, accept, switch language, sign out', async () => {
    const alice = { name: '王丽', email: 'wangli@example.com', password: 'correct-horse-1' };
    const bob = { name: '陈明', email: 'chenming@example.com', password: 'battery-staple-2' };

    // A signs up; a fresh browser gets the Chinese UI.
    const contextA = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const pageA = await contextA.newPage();
    // Each language is a chunk of its own: the Chinese UI loads the Chinese one only.
    const languageChunks = new Set<string>();
    pageA.on('request', (request) => {
      const chunk = /\/assets\/pack\.(en|zh-CN)-/.exec(request.url());
      if (chunk?.[1]) languageChunks.add(chunk[1]);
    });
    await pageA.goto(`${server.url}/signup`);
    await pageA.getByText('运营细化工作计划', { exact: false }).first().waitFor();
    await screenshot(pageA, '01-signup-zh');
    await signUp(pageA, alice);

    // No workspace yet: onboarding, then create one.
    await pageA.waitForURL(/\/onboarding$/);
    await pageA.getByRole('button', { name: '加载示例' }).waitFor();
    await screenshot(pageA, '02-onboarding-zh');
    await pageA.getByLabel('工作区名称').fill('用户增长运营组');
    await pageA.getByRole('button', { name: '创建工作区' }).click();
    await pageA.waitForURL(/\/w\/[^/]+$/);
    await pageA.getByTestId('workspace-title').getByText('用户增长运营组').waitFor();
    await pageA.getByText('创建了工作区').waitFor();
    await screenshot(pageA, '03-overview-zh');

    // Members → invitation link.
    await pageA.getByRole('menuitem', { name: '成员' }).click();
    await pageA.getByRole('heading', { name: '成员' }).waitFor();
    await pageA.getByTestId('invite-button').click();
    const dialog = pageA.getByRole('dialog');
    await dialog.getByRole('button', { name: '创建邀请链接' }).click();
    const linkInput = dialog.getByTestId('invite-link');
    await linkInput.waitFor();
    const inviteLink = await linkInput.inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${server.url}/invite/.+`));
    await screenshot(pageA, '04-invite-link-zh');
    await dialog.getByRole('button', { name: '完成' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await pageA.getByRole('cell', { name: '待接受' }).waitFor();

    // B opens the link in another browser, signs up from there and comes back to accept.
    const contextB = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const pageB = await contextB.newPage();
    await pageB.goto(inviteLink);
    await pageB.getByTestId('invite-workspace').getByText('用户增长运营组').waitFor();
    await screenshot(pageB, '05-invite-signed-out-zh');
    await pageB.getByRole('button', { name: '注册并加入' }).click();
    await pageB.waitForURL(/\/signup\?next=/);
    await signUp(pageB, bob);
    await pageB.waitForURL(/\/invite\//);
    await pageB.getByText(`当前登录：${bob.name}`).waitFor();
    await screenshot(pageB, '06-invite-signed-in-zh');
    await pageB.getByRole('button', { name: '接受邀请' }).click();
    await pageB.waitForURL(/\/w\/[^/]+$/);
    await pageB.getByTestId('workspace-title').getByText('用户增长运营组').waitFor();
    await pageB.getByTestId('your-role').getByText('成员').waitFor();
    await screenshot(pageB, '07-overview-member-zh');
    await contextB.close();

    // A sees B in the member list and the invitation as accepted.
    await pageA.reload();
    await pageA.getByRole('cell', { name: new RegExp(bob.email) }).waitFor();
    await pageA.getByRole('cell', { name: '已接受' }).waitFor();
    await screenshot(pageA, '08-members-zh');

    // English and back: the visible text changes with the language.
    const languageSwitch = pageA.getByTestId('language-switch');
    expect([...languageChunks]).toEqual(['zh-CN']);
    await languageSwitch.getByText('English').click();
    await pageA.getByRole('heading', { name: 'Members' }).waitFor();
    expect([...languageChunks].sort()).toEqual(['en', 'zh-CN']);
    await pageA.getByRole('cell', { name: 'Accepted' }).waitFor();
    expect(await pageA.getByRole('heading', { name: '成员' }).count()).toBe(0);
    await screenshot(pageA, '09-members-en');
    await pageA.getByRole('menuitem', { name: 'Audit log' }).click();
    await pageA.getByText('joined the workspace').first().waitFor();
    await screenshot(pageA, '10-audit-en');
    await pageA.getByRole('menuitem', { name: 'Overview' }).click();
    await pageA.getByText('Recent activity').waitFor();
    await screenshot(pageA, '11-overview-en');
    await pageA.getByTestId('user-menu').click();
    await pageA.getByRole('menuitem', { name: 'Profile' }).click();
    await pageA.getByRole('menuitem', { name: 'Sign out' }).waitFor({ state: 'hidden' });
    await pageA.getByText('No API tokens yet').waitFor();
    await screenshot(pageA, '12-profile-en');

    await languageSwitch.getByText('中文').click();
    await pageA.getByRole('heading', { name: '个人设置' }).waitFor();
    expect(await pageA.getByRole('heading', { name: 'Profile' }).count()).toBe(0);
    await pageA.getByRole('menuitem', { name: '审计日志' }).click();
    await pageA.getByText('加入了工作区').first().waitFor();
    await screenshot(pageA, '13-audit-zh');

    await pageA.goto(`${server.url}/no-such-page`);
    await pageA.getByText('页面不存在').waitFor();
    await screenshot(pageA, '14-not-found-zh');
    await pageA.goBack();

    // Sign out lands on the log-in page, and the app is closed to the signed-out browser.
    await pageA.getByTestId('user-menu').click();
    await pageA.getByRole('menuitem', { name: '退出登录' }).click();
    await pageA.waitForURL(/\/login$/);
    await pageA.getByRole('heading', { name: '登录' }).waitFor();
    await screenshot(pageA, '15-login-zh');
    await contextA.close();
  });
});
