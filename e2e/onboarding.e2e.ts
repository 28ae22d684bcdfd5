import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** A colleague signs up through the API and accepts an invitation to the workspace. */
async function addColleague(
  owner: BrowserContext,
  workspaceId: string,
  person: { name: string; email: string },
): Promise<void> {
  const invitation = await callApi<{ token: string }>(
    owner,
    server.url,
    'POST',
    `/w/${workspaceId}/invitations`,
    { role: 'member', expiresInDays: 7 },
  );
  const context = await browser.newContext();
  const signedUp = await context.request.post(`${server.url}/api/v1/auth/signup`, {
    data: { ...person, password: 'correct-horse-7' },
  });
  expect(signedUp.status()).toBe(201);
  await callApi(context, server.url, 'POST', `/invitations/${invitation.token}/accept`);
  await context.close();
}

/** Screenshots a page at desktop and phone width; the phone one must not scroll sideways. */
async function both(page: Page, name: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(200);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(200);
  await screenshot(page, `${name}-390`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} fits 390 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize(DESKTOP);
}

type Health = {
  score: number;
  chapters: Array<{ chapter: string; score: number; findings: Array<{ rule: string }> }>;
};

describe('[PLAN] onboarding from a template', () => {
  it('fills the e-commerce template with targets, a start date and a person per role, then follows plan health to the pages that fix its findings', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await context.newPage();
    const owner = { name: '陈静', email: 'chenjing.onboarding@example.com', password: 'correct-horse-8' };
    const workspaceId = await signUpWithWorkspace(page, server.url, owner, '天猫旗舰店运营');
    const base = `${server.url}/w/${workspaceId}`;
    await addColleague(context, workspaceId, { name: '赵敏', email: 'zhaomin.shop@example.com' });
    await addColleague(context, workspaceId, { name: '李娜', email: 'lina.shop@example.com' });

    // The picker: five templates; the e-commerce one is chosen.
    await page.goto(`${base}/plan/new`);
    await page.getByTestId('plan-templates').waitFor();
    expect(
      await page.locator('[data-testid^=plan-template-]').filter({ hasText: /./ }).count(),
    ).toBeGreaterThan(4);
    await both(page, 'onboarding-choose-zh');
    await page.getByTestId('plan-template-ecommerce').click();
    await page.getByTestId('plan-template-next').click();
    await page.getByTestId('plan-template-form').waitFor();

    // Start date, target numbers and the people for each role.
    const start = page.getByLabel('开始日期');
    await start.click();
    await start.fill('2027-01-04');
    await start.press('Enter');
    const form = page.getByTestId('plan-template-form');
    const baselines = form.getByLabel('基线');
    await baselines.nth(0).fill('380');
    await page.getByTestId('plan-target-orders').fill('520');
    await baselines.nth(1).fill('45000');
    await page.getByTestId('plan-target-gmv').fill('66000');
    await choose(page, page.getByTestId('plan-role-operator'), '赵敏 · zhaomin.shop@example.com');
    await choose(page, page.getByTestId('plan-role-analyst'), '李娜 · lina.shop@example.com');
    // The lead is whoever creates the plan.
    expect(await form.textContent()).toContain(`${owner.name} · ${owner.email}`);
    await both(page, 'onboarding-details-zh');
    await page.getByTestId('plan-template-preview').click();
    await page.getByTestId('plan-report').waitFor();
    await both(page, 'onboarding-preview-zh');
    await page.getByTestId('plan-template-create').click();
    expect(await page.getByTestId('plan-template-result').textContent()).toContain('计划已创建');

    // What was created follows the numbers, the date and the people given.
    const api = <T>(path: string) => callApi<T>(context, server.url, 'GET', `/w/${workspaceId}${path}`);
    const goals = await api<{ items: Array<{ id: string; title: string; startDate: string }> }>('/goals');
    const goal = goals.items.find((item) => item.title.includes('380') && item.title.includes('520'));
    expect(goal?.title).toBe('三个月内日订单数从380单提升到520单');
    expect(goal?.startDate).toBe('2027-01-04');
    const tasks = await api<{
      items: Array<{ title: string; startDate: string | null; roles: Array<{ role: string; name: string }> }>;
    }>('/tasks?limit=100');
    const productPages = tasks.items.find((task) => task.title === '商品详情页优化');
    expect(productPages?.startDate).toBe('2027-01-04');
    expect(productPages?.roles.map((role) => `${role.role}:${role.name}`).sort()).toEqual([
      'A:陈静',
      'R:赵敏',
    ]);
    const funnel = tasks.items.find((task) => task.title === '转化漏斗分析');
    expect(funnel?.roles.find((role) => role.role === 'R')?.name).toBe('李娜');

    // Plan health: the score is the chapters' scores averaged, as the breakdown says.
    await page.goto(`${base}/plan/health`);
    const scoreText = page.getByTestId('plan-health-score');
    await scoreText.waitFor();
    const health = await api<Health>('/plan/health');
    expect(Number(await scoreText.textContent())).toBe(health.score);
    const parts = health.chapters.map((chapter) => chapter.score);
    expect(health.score).toBe(Math.floor(parts.reduce((sum, part) => sum + part, 0) / parts.length));
    expect(await page.getByTestId('plan-health-breakdown').textContent()).toContain(parts.join(' + '));
    for (const chapter of health.chapters) {
      const card = page.getByTestId(`plan-health-${chapter.chapter}`);
      expect(await card.getByTestId('plan-health-finding').count()).toBe(
        Math.min(8, chapter.findings.length),
      );
    }
    // A template plan starts clean.
    expect(health.chapters.flatMap((chapter) => chapter.findings)).toEqual([]);
    expect(health.score).toBe(100);
    await both(page, 'onboarding-health-zh');

    // A task added in a hurry, with nobody accountable and no dates: the findings name it.
    await callApi(context, server.url, 'POST', `/w/${workspaceId}/tasks`, { title: '直播带货试播' });
    await page.reload();
    await page.getByTestId('plan-health-finding').first().waitFor();
    const broken = await api<Health>('/plan/health');
    expect(broken.score).toBeLessThan(100);
    expect(broken.chapters.find((chapter) => chapter.chapter === 'tasks')?.findings.length).toBeGreaterThan(
      0,
    );
    expect(Number(await scoreText.textContent())).toBe(broken.score);
    await both(page, 'onboarding-health-findings-zh');

    // Each finding links to a page of this workspace that fixes it, never back to plan health.
    const links = await page
      .getByTestId('plan-health-finding')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.startsWith(`/w/${workspaceId}/`), link).toBe(true);
      expect(link).not.toContain('/plan/health');
    }
    // Following one opens its page.
    const first = links[0] ?? '';
    await page.getByTestId('plan-health-finding').first().click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === first);
    await page.locator('h1, h2, h3, h4').first().waitFor();

    // In English, the same wizard and health page, at both widths.
    await callApi(context, server.url, 'PATCH', '/me', { locale: 'en' });
    await page.goto(`${base}/plan/new`);
    await page.getByRole('heading', { name: 'New plan from template' }).waitFor();
    await both(page, 'onboarding-choose-en');
    await page.getByTestId('plan-template-ecommerce').click();
    await page.getByTestId('plan-template-next').click();
    await page.getByTestId('plan-template-form').getByText('Daily orders reach 500').waitFor();
    await both(page, 'onboarding-details-en');
    await page.goto(`${base}/plan/health`);
    await page.getByTestId('plan-health-score').waitFor();
    await page.getByText('Plan score out of 100').waitFor();
    await both(page, 'onboarding-health-en');
    await context.close();
  }, 240_000);
});
