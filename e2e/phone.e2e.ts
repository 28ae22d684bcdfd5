import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { callApi, signUp } from './flows.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
// Pages whose layout changes most between phone and desktop: the shell, tables, the case and the designer.
const DESKTOP_PAGES = new Set([
  'overview',
  'goals',
  'kpis',
  'tasks',
  'queue',
  'run',
  'process-edit',
  'members',
  'timeline',
  'settings',
  'meetings',
  'meeting',
  'feedback',
  'portal',
]);

/** The same pages at 1440 px, to see the desktop still looks right (screenshots only). */
async function visitDesktop(page: Page, pages: Array<[string, string]>, locale: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  for (const [name, route] of pages.filter(([pageName]) => DESKTOP_PAGES.has(pageName))) {
    await page.goto(`${server.url}${route}`);
    await settle(page);
    await screenshot(page, `desktop-${locale}-${name}`);
  }
  await page.setViewportSize(PHONE);
}

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

type Overflow = { page: number; body: number; viewport: number; widest: string };

/**
 * How wide the document and the body scroll, and which element sticks out furthest (for the failure message);
 * what sits inside a container that scrolls or clips by itself (a wide table in its own scroller) is fine.
 */
function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    let widest = '';
    let widestRight = document.documentElement.clientWidth;
    const visit = (element: Element) => {
      const right = element.getBoundingClientRect().right;
      if (right > widestRight + 1) {
        widestRight = right;
        const classes = typeof element.className === 'string' ? element.className.trim().split(/\s+/) : [];
        widest = `${element.tagName.toLowerCase()}${classes.map((name) => `.${name}`).join('')} (${Math.round(right)} px)`;
      }
      if (getComputedStyle(element).overflowX !== 'visible') return;
      for (const child of Array.from(element.children)) visit(child);
    };
    visit(document.body);
    return {
      page: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport,
      widest,
    };
  });
}

/** Waits until the page has drawn: its title is shown and no spinner or skeleton is left. */
async function settle(page: Page): Promise<void> {
  await page.locator('h1, h2, h3, h4, .ant-result-title').first().waitFor();
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  // Charts and lazily measured tables lay themselves out on the next frames.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await page.waitForTimeout(150);
}

/** Opens the page, asserts it does not scroll sideways at phone width and saves a screenshot. */
async function visit(page: Page, url: string, name: string, results: Map<string, Overflow>): Promise<void> {
  await page.goto(url);
  await settle(page);
  const overflow = await measureOverflow(page);
  results.set(name, overflow);
  await screenshot(page, name);
}

type Listed = { items: Array<{ id: string; key?: string; status?: string }> };

/** Every page of a workspace, in the menu's order, with the ids of the demo's goal, KPI, process and case. */
async function workspacePages(
  context: BrowserContext,
  workspaceId: string,
): Promise<Array<[string, string]>> {
  const w = `/w/${workspaceId}`;
  const api = <T>(path: string) => callApi<T>(context, server.url, 'GET', `${w}${path}`);
  const goals = await api<Listed>('/goals');
  const kpis = await api<Listed>('/kpis');
  const processes = await api<Listed>('/processes');
  const goalId = goals.items[0]?.id ?? '';
  const kpiKey = kpis.items[0]?.key ?? '';
  const processId = processes.items[0]?.id ?? '';
  const runs = await api<Listed>(`/processes/${processId}/runs`);
  const run = runs.items.find((item) => item.status === 'active') ?? runs.items[0];
  const surveys = await api<{ surveys: Array<{ id: string }> }>('/surveys');
  const surveyId = surveys.surveys[0]?.id ?? '';
  expect(goalId && kpiKey && processId && run && surveyId).toBeTruthy();
  const retros = await api<Listed>('/retros');
  expect(goalId && kpiKey && processId && run && retros.items[0]).toBeTruthy();
  const cycles = await api<Listed>('/review-cycles');
  const cycle = await api<{
    cycle: { participants: Array<{ id: string }>; myReviews: Array<{ id: string; status: string }> };
  }>(`/review-cycles/${cycles.items[0]?.id ?? ''}`);
  const participantId = cycle.cycle.participants[0]?.id ?? '';
  const reviewId = cycle.cycle.myReviews.find((item) => item.status !== 'submitted')?.id ?? '';
  expect(participantId && reviewId).toBeTruthy();
  const meetings = await api<Listed>('/meetings');
  const feedback = await api<Listed>('/feedback/items');
  const meetingId = meetings.items[0]?.id ?? '';
  const feedbackId = feedback.items[0]?.id ?? '';
  expect(meetingId && feedbackId).toBeTruthy();
  return [
    ['overview', w],
    ['goals', `${w}/goals`],
    ['goal', `${w}/goals/${goalId}`],
    ['kpis', `${w}/kpis`],
    ['kpi', `${w}/kpis/${kpiKey}`],
    ['kpi-import', `${w}/kpis/import`],
    ['tasks', `${w}/tasks`],
    ['board', `${w}/tasks/board`],
    ['timeline', `${w}/tasks/timeline`],
    ['calendar', `${w}/tasks/calendar`],
    ['wbs-import', `${w}/tasks/import`],
    ['raci', `${w}/raci`],
    ['workload', `${w}/workload`],
    ['routines', `${w}/routines`],
    ['processes', `${w}/processes`],
    ['process-new', `${w}/processes/new`],
    ['process', `${w}/processes/${processId}`],
    ['process-edit', `${w}/processes/${processId}/edit`],
    ['process-import', `${w}/processes/${processId}/import`],
    ['process-compare', `${w}/processes/${processId}/compare`],
    ['run', `${w}/runs/${run?.id ?? ''}`],
    ['queue', `${w}/queue`],
    ['queue-team', `${w}/queue?view=team`],
    ['plan', `${w}/plan`],
    ['plan-new', `${w}/plan/new`],
    ['plan-yaml', `${w}/plan/yaml`],
    ['plan-health', `${w}/plan/health`],
    ['feedback', `${w}/feedback`],
    ['feedback-clusters', `${w}/feedback/clusters`],
    ['feedback-item', `${w}/feedback/${feedbackId}`],
    ['activity', `${w}/activity`],
    ['surveys', `${w}/surveys`],
    ['survey', `${w}/surveys/${surveyId}`],
    ['survey-public', `/survey/${surveyId}`],
    ['competitors', `${w}/competitors`],
    ['meetings', `${w}/meetings`],
    ['meeting', `${w}/meetings/${meetingId}`],
    ['retros', `${w}/retros`],
    ['retro', `${w}/retros/${retros.items.at(-1)?.id ?? ''}`],
    ['improvement-log', `${w}/retros?tab=log`],
    ['reviews', `${w}/reviews`],
    ['review-cycle', `${w}/reviews/${cycles.items[0]?.id ?? ''}`],
    ['review-calibration', `${w}/reviews/${cycles.items[0]?.id ?? ''}?tab=calibration`],
    ['review-person', `${w}/reviews/people/${participantId}`],
    ['review-form', `${w}/reviews/r/${reviewId}`],
    ['members', `${w}/members`],
    ['audit', `${w}/audit`],
    ['settings', `${w}/settings`],
    ['settings-chat', `${w}/settings/chat`],
    ['profile', '/profile'],
    ['profile-notifications', '/profile/notifications'],
    ['not-found', `${w}/no-such-page`],
    // The public feedback portal, as a customer on a phone sees it (no sign-in needed).
    ['portal', `/portal/${workspaceId}`],
  ];
}

function wider(results: Map<string, Overflow>): string[] {
  return [...results]
    .filter(
      ([, overflow]) =>
        overflow.viewport !== PHONE.width || overflow.page > PHONE.width || overflow.body > PHONE.width,
    )
    .map(([name, overflow]) => `${name}: ${overflow.page}/${overflow.body} px, widest ${overflow.widest}`);
}

describe('phone layout', () => {
  it('[SHELL] the sign-in page speaks the browser’s language and the app has a favicon', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    const page = await context.newPage();
    const results = new Map<string, Overflow>();
    await visit(page, `${server.url}/login`, 'phone-en-login', results);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await visit(page, `${server.url}/signup`, 'phone-en-signup', results);
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    expect(wider(results)).toEqual([]);

    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBe('/favicon.svg');
    const response = await page.request.get(`${server.url}${icon ?? ''}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('image/svg+xml');
    await context.close();
  });

  it('[SHELL] every page fits 390 × 844 without scrolling sideways, in Chinese and in English', async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const results = new Map<string, Overflow>();

    await visit(page, `${server.url}/login`, 'phone-zh-login', results);
    await visit(page, `${server.url}/signup`, 'phone-zh-signup', results);
    await signUp(page, { name: '周婷', email: 'zhouting@example.com', password: 'correct-horse-1' });
    await page.waitForURL(/\/onboarding$/);
    await settle(page);
    results.set('phone-zh-onboarding', await measureOverflow(page));
    await screenshot(page, 'phone-zh-onboarding');

    // The Chinese demo team, loaded as a person would.
    await page.getByRole('button', { name: '加载示例' }).click();
    await page.waitForURL(/\/w\/[^/]+$/);
    const zhWorkspace = new URL(page.url()).pathname.split('/')[2] ?? '';
    const zhPages = await workspacePages(context, zhWorkspace);
    for (const [name, route] of zhPages) {
      await visit(page, `${server.url}${route}`, `phone-zh-${name}`, results);
    }
    await visitDesktop(page, zhPages, 'zh');

    // The check-in's blockers box shows its whole placeholder on a phone: at least two lines tall.
    await page.goto(`${server.url}${zhPages.find(([name]) => name === 'goal')?.[1] ?? ''}`);
    const blockers = page.getByPlaceholder('需要谁的支持？卡在哪里？');
    await blockers.waitFor();
    const box = await blockers.evaluate((element) => ({
      height: element.clientHeight,
      line: parseFloat(getComputedStyle(element).lineHeight),
    }));
    expect(box.height).toBeGreaterThanOrEqual(2 * box.line - 1);

    // The English demo team, with the profile switched to English.
    await callApi(context, server.url, 'PATCH', '/me', { locale: 'en' });
    const enWorkspace = (
      await callApi<{ workspace: { id: string } }>(context, server.url, 'POST', '/workspaces/demo', {
        locale: 'en',
      })
    ).workspace.id;
    const enPages = await workspacePages(context, enWorkspace);
    for (const [name, route] of enPages) {
      await visit(page, `${server.url}${route}`, `phone-en-${name}`, results);
    }
    await visitDesktop(page, enPages, 'en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await context.close();
    // The measurements beside the screenshots, for a person reviewing them.
    await writeFile(
      path.resolve('e2e/screenshots/phone-overflow.tsv'),
      [...results].map(([name, o]) => `${name}\t${o.viewport}\t${o.page}\t${o.body}\t${o.widest}`).join('\n'),
    );
    expect(wider(results)).toEqual([]);
    // Some 50 pages twice on two shared cores: 300 s ran out while the last English pages were still loading.
  }, 480_000);
});
