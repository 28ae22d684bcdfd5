import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.ts';
import { callApi, choose, signUpWithWorkspace } from './flows.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let zhId: string;
let enId: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  await signUpWithWorkspace(
    page,
    server.url,
    { name: '王丽', email: 'wangli-skills@example.com', password: 'correct-horse-1' },
    '运营组',
  );
  zhId = (await callApi<{ workspace: { id: string } }>(context, server.url, 'POST', '/workspaces/demo', {}))
    .workspace.id;
  enId = (
    await callApi<{ workspace: { id: string } }>(context, server.url, 'POST', '/workspaces/demo', {
      locale: 'en',
    })
  ).workspace.id;
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

type Matrix = {
  people: { userId: string; name: string; levels: { skill: string; level: number }[] }[];
  gaps: { bySkill: { skill: string; targetLevel: number; people: { personId: string }[] }[] };
};

const WORDS = {
  'zh-CN': {
    skill: '数据分析',
    trainer: '讲师（成员）',
    trainerName: '李娜',
    learner: '张伟',
    absentee: '刘洋',
    attended: '出席',
    absent: '缺席',
    summary: '出席 1/4 · 完成 1 · 通过 1',
    passed: '通过',
    reviewSkill: '渠道投放',
    fromReview: '来自绩效评估：',
  },
  en: {
    skill: 'Data analysis',
    trainer: 'Trainer (member)',
    trainerName: 'Na Li',
    learner: 'Wei Zhang',
    absentee: 'Yang Liu',
    attended: 'Attended',
    absent: 'Absent',
    summary: 'Attended 1/4 · completed 1 · passed 1',
    passed: 'Passed',
    reviewSkill: 'Paid channels',
    fromReview: 'From review: ',
  },
} as const;

async function gapToTraining(locale: 'zh-CN' | 'en', workspaceId: string) {
  const words = WORDS[locale];
  await callApi(context, server.url, 'PATCH', '/me', { locale });
  const tab = await context.newPage();
  await tab.addInitScript((value) => window.localStorage.setItem('opsplan.locale', value), locale);
  await tab.goto(`${server.url}/w/${workspaceId}/skills?tab=gaps`);
  const before = await callApi<Matrix>(context, server.url, 'GET', `/w/${workspaceId}/skills`);
  const gap = before.gaps.bySkill.find((item) => item.skill === words.skill);
  expect(gap?.people).toHaveLength(4);
  const learner = before.people.find((person) => person.name === words.learner);
  expect(learner?.levels.find((level) => level.skill === words.skill)).toBeUndefined();

  // The gap: four people below their role's target in data analysis.
  const card = tab.getByTestId(`gap-${words.skill}`);
  await card.getByText(words.learner).waitFor();
  // The lead (the reviewing manager) also sees the gap a signed-off review found, with its source.
  await tab
    .getByTestId(`gap-${words.reviewSkill}`)
    .getByTestId('review-gap')
    .getByRole('link', { name: new RegExp(`^${words.fromReview}`) })
    .waitFor();
  await screenshot(tab, `skills-gaps-1280-${locale === 'en' ? 'en' : 'zh'}`);
  await tab.getByTestId(`plan-training-${words.skill}`).click();
  const dialog = tab.getByRole('dialog');
  await choose(tab, dialog.getByLabel(words.trainer), words.trainerName);
  await dialog.getByTestId('plan-materials').fill('https://docs.example.com/sql-basics');
  await tab.getByTestId('plan-training-submit').click();
  await dialog.waitFor({ state: 'hidden' });

  // The session, with everyone who has the gap invited; attendance and the assessment recorded.
  const session = tab.getByTestId('training-session').filter({ hasText: words.trainerName }).first();
  await session.getByText(words.skill).first().waitFor();
  const learnerRow = session.getByTestId(`attendee-${learner?.userId ?? ''}`);
  await choose(tab, learnerRow.getByTestId('attendance-status'), words.attended);
  await learnerRow.getByRole('checkbox').check();
  await choose(tab, learnerRow.getByTestId('attendance-score'), '4');
  const absentee = before.people.find((person) => person.name === words.absentee);
  await choose(
    tab,
    session.getByTestId(`attendee-${absentee?.userId ?? ''}`).getByTestId('attendance-status'),
    words.absent,
  );
  await session.getByTestId('save-attendance').click();
  await session.getByTestId('session-summary').filter({ hasText: words.summary }).waitFor();
  await learnerRow.getByText(words.passed, { exact: true }).waitFor();
  await screenshot(tab, `skills-training-1280-${locale === 'en' ? 'en' : 'zh'}`);

  // The passed assessment records the course's level: the learner's gap in the matrix is closed.
  const after = await callApi<Matrix>(context, server.url, 'GET', `/w/${workspaceId}/skills`);
  const level = after.people
    .find((person) => person.userId === learner?.userId)
    ?.levels.find((item) => item.skill === words.skill)?.level;
  expect(level).toBe(gap?.targetLevel);
  expect(after.gaps.bySkill.find((item) => item.skill === words.skill)?.people).toHaveLength(3);
  await tab.goto(`${server.url}/w/${workspaceId}/skills`);
  const cell = tab.getByTestId(`level-${learner?.userId ?? ''}-${words.skill}`);
  await expect.poll(() => cell.getAttribute('data-below')).toBe('false');
  await tab.close();
}

describe('skills and training', () => {
  it('[SKILLS] zh: a skill gap leads to a training session with attendance and a passed assessment', async () => {
    await gapToTraining('zh-CN', zhId);
  });

  it('[SKILLS] en: the same in English', async () => {
    await gapToTraining('en', enId);
  });

  it('[SKILLS] a manager edits a level in the heatmap', async () => {
    await callApi(context, server.url, 'PATCH', '/me', { locale: 'zh-CN' });
    const matrix = await callApi<Matrix>(context, server.url, 'GET', `/w/${zhId}/skills`);
    const person = matrix.people.find((item) => item.name === '刘洋');
    await page.goto(`${server.url}/w/${zhId}/skills`);
    const cell = page.getByTestId(`level-${person?.userId ?? ''}-数据分析`);
    await expect.poll(() => cell.getAttribute('data-below')).toBe('true');
    await cell.click();
    await page.locator('.ant-popover:not(.ant-popover-hidden)').getByTestId('set-level-2').click();
    await expect.poll(() => cell.getAttribute('data-level')).toBe('2');
    await expect.poll(() => cell.getAttribute('data-below')).toBe('false');
  });

  it('[SKILLS] pages in both languages at 1280 and 390 px fit the screen', async () => {
    for (const [locale, workspaceId] of [
      ['zh-CN', zhId],
      ['en', enId],
    ] as const) {
      await callApi(context, server.url, 'PATCH', '/me', { locale });
      for (const width of [1280, 390]) {
        const viewer = await context.newPage();
        await viewer.setViewportSize({ width, height: width > 400 ? 900 : 844 });
        await viewer.addInitScript((value) => window.localStorage.setItem('opsplan.locale', value), locale);
        for (const tab of ['matrix', 'gaps', 'training']) {
          await viewer.goto(`${server.url}/w/${workspaceId}/skills${tab === 'matrix' ? '' : `?tab=${tab}`}`);
          await viewer.locator('h3').first().waitFor();
          await viewer.waitForLoadState('networkidle');
          const overflow = await viewer.evaluate(() => document.documentElement.scrollWidth);
          expect(overflow, `${tab} ${locale} ${width}`).toBeLessThanOrEqual(width);
          await screenshot(viewer, `skills-${tab}-${width}-${locale === 'en' ? 'en' : 'zh'}`);
        }
        await viewer.close();
      }
    }
    await callApi(context, server.url, 'PATCH', '/me', { locale: 'zh-CN' });
  });
});
