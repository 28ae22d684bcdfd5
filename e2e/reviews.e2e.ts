import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.ts';
import { callApi, chooseMany, clickUntil, signUpWithWorkspace } from './flows.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * A quarterly review cycle end to end on the demo workspace, each step by the person whose step it is: the owner
 * (王丽) runs the cycle and is 赵强's manager, 赵强 writes his self review and acknowledges the result, 孙悦 is
 * the peer chosen in the new-cycle dialog. Demo colleagues cannot sign in, so the two join by invitation.
 */

type Person = { name: string; email: string; password: string };
type Actor = { context: BrowserContext; page: Page; userId: string };

const run = promisify(execFile);

const REVIEWEE: Person = {
  name: '赵强',
  email: 'zhaoqiang-reviews@example.com',
  password: 'correct-horse-2',
};
const PEER: Person = { name: '孙悦', email: 'sunyue-reviews@example.com', password: 'correct-horse-3' };

let server: RunningServer;
let browser: Browser;
let owner: Actor;
let reviewee: Actor;
let peer: Actor;
let zhId: string;
let enId: string;

async function newActor(person: Person): Promise<Actor> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const signedUp = await context.request.post(`${server.url}/api/v1/auth/signup`, { data: person });
  expect(signedUp.status()).toBe(201);
  const { user } = (await signedUp.json()) as { user: { id: string } };
  return { context, page: await context.newPage(), userId: user.id };
}

async function join(actor: Actor, workspaceId: string) {
  const invitation = await callApi<{ token: string }>(
    owner.context,
    server.url,
    'POST',
    `/w/${workspaceId}/invitations`,
    { role: 'member', expiresInDays: 7 },
  );
  await callApi(actor.context, server.url, 'POST', `/invitations/${invitation.token}/accept`);
}

/** The interface language of everyone's next page. */
async function speak(locale: 'zh-CN' | 'en') {
  for (const actor of [owner, reviewee, peer]) {
    await callApi(actor.context, server.url, 'PATCH', '/me', { locale });
    await actor.page.evaluate((value) => window.localStorage.setItem('opsplan.locale', value), locale);
  }
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signUpWithWorkspace(
    page,
    server.url,
    { name: '王丽', email: 'wangli-reviews@example.com', password: 'correct-horse-1' },
    '运营组',
  );
  owner = { context, page, userId: '' };
  zhId = (await callApi<{ workspace: { id: string } }>(context, server.url, 'POST', '/workspaces/demo', {}))
    .workspace.id;
  enId = (
    await callApi<{ workspace: { id: string } }>(context, server.url, 'POST', '/workspaces/demo', {
      locale: 'en',
    })
  ).workspace.id;
  reviewee = await newActor(REVIEWEE);
  peer = await newActor(PEER);
  for (const workspaceId of [zhId, enId]) {
    await join(reviewee, workspaceId);
    await join(peer, workspaceId);
  }
  await reviewee.page.goto(`${server.url}/login`);
  await peer.page.goto(`${server.url}/login`);
});

afterAll(async () => {
  for (const actor of [owner, reviewee, peer]) await actor?.context.close();
  await browser?.close();
  await server?.close();
});

const WORDS = {
  'zh-CN': {
    cycleName: '2026 年第四季度绩效评估（试点）',
    name: '名称',
    onTimeMetric: '按时完成任务（R/A）',
    sheetHeader: '被评估人',
    participants: '参与人员',
    peers: '同事评估人',
    manager: '上级评估人',
    advanceTo: (stage: string) => `进入“${stage}”`,
    stages: { peer: '同事互评', manager: '上级评估', calibration: '校准', sign_off: '确认签署' },
    ok: '确 定',
    calibrationTab: '校准',
    hiddenUntilSignOff: '上级和同事的评估在签署后对你可见。',
    overrideRequired: '覆盖计算分数必须写明理由（至少 4 个字）',
    overrideReason: '覆盖理由',
    reason: '两项任务逾期是因为供应商延迟交付素材，不应计入个人',
    finalRating: '最终评级',
    finalReason: '理由',
    finalReasonText: '与部门负责人核对依据后上调半级',
    finalComment: '最终评语',
    comment: '本季度按时交付稳定，下季度重点是留存。',
    saved: '已保存',
    signOff: '确认签署',
    acknowledgeNote: '确认备注（可选）',
    note: '已阅，同意改进计划',
    notFound: '未找到该评估',
    anonymous: '匿名同事',
    text: { self: '主导了新人礼包活动。', peer: '协作顺畅，响应快。', manager: '关键结果达成稳定。' },
    improve: { self: '提前排期。', peer: '文档更及时。', manager: '多带新人。' },
    demoCycle: '绩效评估',
    demoManagerReviewOf: '李娜',
    outlierPerson: '刘洋',
    outlier: '高于数据',
  },
  en: {
    cycleName: 'Q4 2026 review (pilot)',
    name: 'Name',
    onTimeMetric: 'Tasks on time (R/A)',
    sheetHeader: 'Person',
    participants: 'People reviewed',
    peers: 'Peer reviewers',
    manager: 'Reviewing manager',
    advanceTo: (stage: string) => `Move to “${stage}”`,
    stages: {
      peer: 'Peer review',
      manager: 'Manager review',
      calibration: 'Calibration',
      sign_off: 'Sign-off',
    },
    ok: 'OK',
    calibrationTab: 'Calibration',
    hiddenUntilSignOff: 'Your manager’s and peers’ reviews show here after sign-off.',
    overrideRequired: 'An override needs a written reason (at least 4 characters)',
    overrideReason: 'Reason for the override',
    reason: 'Two tasks were late because the supplier delivered the assets late; not her doing',
    finalRating: 'Final rating',
    finalReason: 'Reason',
    finalReasonText: 'Raised half a point after checking the evidence with the department head',
    finalComment: 'Final comment',
    comment: 'Steady delivery this quarter.',
    saved: 'Saved',
    signOff: 'Sign off',
    acknowledgeNote: 'Note (optional)',
    note: 'Read and agreed with the improvement plan',
    notFound: 'Review not found',
    anonymous: 'A peer (anonymous)',
    text: { self: 'Led the welcome-pack campaign.', peer: 'Easy to work with.', manager: 'Steady results.' },
    improve: { self: 'Plan ahead.', peer: 'Document sooner.', manager: 'Mentor a newcomer.' },
    demoCycle: 'performance review',
    demoManagerReviewOf: 'Na Li',
    outlierPerson: 'Yang Liu',
    outlier: 'above data',
  },
} as const;

type Locale = keyof typeof WORDS;
type Words = (typeof WORDS)[Locale];

type CycleData = {
  id: string;
  name: string;
  stage: string;
  participants: {
    id: string;
    reviewee: { id: string; name: string };
    reviews: { id: string; kind: string; status: string; reviewer: { id: string; name: string } | null }[];
  }[];
  myReviews: { id: string; kind: string; revieweeName: string }[];
};

/** Answers every question of the KPI-driven template: ratings, a strength, both texts. */
async function answerReview(page: Page, rating: number, texts: { highlights: string; improve: string }) {
  for (const id of ['kr', 'delivery', 'sla', 'routines', 'checkins', 'teamwork']) {
    await page
      .getByTestId(`question-${id}`)
      .locator('.ant-radio-button-wrapper')
      .nth(rating - 1)
      .click();
  }
  await page.getByTestId('question-strengths').locator('.ant-checkbox-wrapper').first().click();
  await page.getByTestId('question-highlights').getByRole('textbox').fill(texts.highlights);
  await page.getByTestId('question-improve').getByRole('textbox').fill(texts.improve);
}

async function submitReview(page: Page) {
  await page.getByTestId('submit-review').click();
  await clickUntil(page.locator('#confirm-submit'), page.getByTestId('submit-review'), 'detached');
}

async function advance(words: Words, stage: keyof Words['stages']) {
  const page = owner.page;
  const button = page.getByTestId('advance').filter({ hasText: words.advanceTo(words.stages[stage]) });
  await button.click();
  // The confirmation pops up animated: a click on it under load can be lost.
  await clickUntil(page.locator('#confirm-advance'), button, 'detached');
}

async function cycleData(actor: Actor, workspaceId: string, cycleId: string) {
  return (
    await callApi<{ cycle: CycleData }>(
      actor.context,
      server.url,
      'GET',
      `/w/${workspaceId}/review-cycles/${cycleId}`,
    )
  ).cycle;
}

async function runCycle(locale: Locale, workspaceId: string) {
  const words = WORDS[locale];
  const tag = locale === 'en' ? 'en' : 'zh';
  const w = `${server.url}/w/${workspaceId}`;
  await speak(locale);

  // The owner starts the cycle in the dialog: 赵强 takes part, the owner is his manager, 孙悦 his peer.
  const page = owner.page;
  await page.goto(`${w}/reviews`);
  await page.getByTestId('cycle-row').first().waitFor();
  await page.getByTestId('new-cycle').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(words.name, { exact: true }).fill(words.cycleName);
  await chooseMany(page, dialog.getByLabel(words.participants, { exact: true }), [REVIEWEE.name]);
  const row = dialog.getByTestId('cycle-participant-row').filter({ hasText: REVIEWEE.name });
  await row.waitFor();
  await row.getByText('王丽').waitFor();
  await chooseMany(page, row.getByLabel(`${words.peers} · ${REVIEWEE.name}`), [PEER.name]);
  // The chosen peer shows in the select as a tag, and the owner (the manager) is not offered as a peer.
  await row.locator('.ant-select-selection-item').filter({ hasText: PEER.name }).waitFor();
  await screenshot(page, `reviews-new-cycle-1280-${tag}`);
  await page.locator('#create-cycle').click();
  await page.waitForURL(/\/reviews\/[^/]+$/);
  const cycleId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const created = await cycleData(owner, workspaceId, cycleId);
  expect(created.name).toBe(words.cycleName);
  const participant = created.participants[0];
  expect(created.participants).toHaveLength(1);
  expect(participant?.reviewee.name).toBe(REVIEWEE.name);
  expect(
    participant?.reviews.map((r) => `${r.kind}:${r.reviewer?.name ?? ''}`).sort((a, b) => a.localeCompare(b)),
  ).toEqual(['manager:王丽', `peer:${PEER.name}`, `self:${REVIEWEE.name}`]);
  const participantId = participant?.id ?? '';
  await page.getByTestId('participant-row').filter({ hasText: REVIEWEE.name }).waitFor();
  await screenshot(page, `reviews-cycle-self-1280-${tag}`);

  // Self review by 赵强, from his list of reviews to write.
  await reviewee.page.goto(`${w}/reviews/${cycleId}`);
  await reviewee.page.getByTestId('my-review').filter({ hasText: REVIEWEE.name }).getByRole('link').click();
  await reviewee.page.getByTestId('question-kr').waitFor();
  await answerReview(reviewee.page, 4, { highlights: words.text.self, improve: words.improve.self });
  await screenshot(reviewee.page, `reviews-self-form-1280-${tag}`);
  await submitReview(reviewee.page);
  // His own page: his self review, the others hidden until sign-off.
  await reviewee.page.goto(`${w}/reviews/people/${participantId}`);
  await reviewee.page.getByText(words.hiddenUntilSignOff).waitFor();
  await reviewee.page.getByTestId('review-self').waitFor();
  expect(await reviewee.page.getByTestId('review-manager').count()).toBe(0);

  // Peer review by 孙悦.
  await page.reload();
  await advance(words, 'peer');
  await peer.page.goto(`${w}/reviews/${cycleId}`);
  await peer.page.getByTestId('my-review').filter({ hasText: REVIEWEE.name }).getByRole('link').click();
  await peer.page.getByTestId('question-teamwork').waitFor();
  // A peer does not see the scorecard: it is for the person, the manager and admins.
  expect(await peer.page.locator('#scorecard').count()).toBe(0);
  await answerReview(peer.page, 3, { highlights: words.text.peer, improve: words.improve.peer });
  await submitReview(peer.page);

  // Privacy: the peer sees only what she wrote about 赵强, and nothing of a colleague's review she has no part in.
  await peer.page.goto(`${w}/reviews/people/${participantId}`);
  await peer.page.getByTestId('review-peer').waitFor();
  expect(await peer.page.getByTestId('review-self').count()).toBe(0);
  expect(await peer.page.getByTestId('review-manager').count()).toBe(0);
  expect(await peer.page.locator('#scorecard').count()).toBe(0);
  const demoCycle = (
    await callApi<{ items: { id: string; name: string }[] }>(
      owner.context,
      server.url,
      'GET',
      `/w/${workspaceId}/review-cycles`,
    )
  ).items.find((item) => item.name.includes(words.demoCycle) && item.name !== words.cycleName);
  const demo = await cycleData(owner, workspaceId, demoCycle?.id ?? '');
  const someoneElse = demo.participants[0];
  await peer.page.goto(`${w}/reviews/people/${someoneElse?.id ?? ''}`);
  await peer.page.getByText(words.notFound).waitFor();
  await screenshot(peer.page, `reviews-privacy-1280-${tag}`);
  const refused = await peer.context.request.get(
    `${server.url}/api/v1/w/${workspaceId}/review-participants/${someoneElse?.id ?? ''}`,
  );
  expect(refused.status()).toBe(404);
  const peerCycles = await callApi<{ items: { id: string }[] }>(
    peer.context,
    server.url,
    'GET',
    `/w/${workspaceId}/review-cycles`,
  );
  expect(peerCycles.items.map((item) => item.id)).toEqual([cycleId]);
  // The reviewee still does not see the peer's answers before sign-off.
  await reviewee.page.reload();
  await reviewee.page.getByTestId('review-self').waitFor();
  expect(await reviewee.page.getByTestId('review-peer').count()).toBe(0);

  // Manager review by the owner, the scorecard beside the questions.
  await advance(words, 'manager');
  await page.getByTestId('my-review').filter({ hasText: REVIEWEE.name }).getByRole('link').click();
  await page.getByTestId('question-kr').waitFor();
  await page.locator('#scorecard').waitFor();
  await answerReview(page, 4, { highlights: words.text.manager, improve: words.improve.manager });
  await submitReview(page);

  // On a demo colleague whose scorecard has data: override a computed figure, refused until a reason is written.
  const demoReview = demo.myReviews.find(
    (r) => r.kind === 'manager' && r.revieweeName === words.demoManagerReviewOf,
  );
  await page.goto(`${w}/reviews/r/${demoReview?.id ?? ''}`);
  // The figure's panel holds its evidence and, for the manager, the override.
  await page
    .locator('#scorecard .ant-collapse-item')
    .filter({ hasText: words.onTimeMetric })
    .locator('.ant-collapse-header')
    .click();
  const override = page.getByTestId('override-on_time_tasks');
  await override.waitFor();
  expect(await page.getByTestId('metric-beside').count()).toBeGreaterThan(2);
  await override.getByRole('switch').click();
  await override.getByRole('spinbutton').fill('80');
  await page.getByTestId('save-draft').click();
  await override.getByText(words.overrideRequired).waitFor();
  await screenshot(page, `reviews-override-refused-1280-${tag}`);
  await override.getByLabel(words.overrideReason).fill(words.reason);
  await page.getByTestId('save-draft').click();
  await page.getByText(words.saved).first().waitFor();
  const saved = await callApi<{ review: { overrides: Record<string, { score: number; reason: string }> } }>(
    owner.context,
    server.url,
    'GET',
    `/w/${workspaceId}/reviews/${demoReview?.id ?? ''}`,
  );
  expect(saved.review.overrides.on_time_tasks).toEqual({ score: 80, reason: words.reason });
  await screenshot(page, `reviews-manager-form-1280-${tag}`);

  // The demo cycle's calibration flags the colleague rated well above the data.
  await page.goto(`${w}/reviews/${demo.id}?tab=calibration`);
  await page.getByTestId('calibration-row').first().waitFor();
  await page
    .getByTestId('calibration-row')
    .filter({ hasText: words.outlierPerson })
    .getByTestId('outlier')
    .getByText(words.outlier, { exact: false })
    .waitFor();
  await screenshot(page, `reviews-calibration-demo-1280-${tag}`);

  // Calibration of the new cycle: the distribution, then a final rating away from the manager's needs a reason.
  await page.goto(`${w}/reviews/${cycleId}`);
  await advance(words, 'calibration');
  await page.getByRole('tab', { name: words.calibrationTab }).click();
  const calibrationRow = page.getByTestId('calibration-row').filter({ hasText: REVIEWEE.name });
  await calibrationRow.waitFor();
  await page.getByTestId('calibration-chart').locator('canvas, svg').first().waitFor();
  await calibrationRow.getByTestId('change-final').click();
  const finalDialog = page.getByRole('dialog');
  await finalDialog.getByLabel(words.finalRating).fill('4.5');
  await page.locator('#save-final').click();
  await finalDialog.getByText(words.overrideRequired).waitFor();
  await screenshot(page, `reviews-final-refused-1280-${tag}`);
  await finalDialog.getByLabel(words.finalReason).fill(words.finalReasonText);
  await finalDialog.getByLabel(words.finalComment).fill(words.comment);
  await page.locator('#save-final').click();
  await finalDialog.waitFor({ state: 'hidden' });
  await calibrationRow.getByText('4.5').waitFor();
  await screenshot(page, `reviews-calibration-1280-${tag}`);

  // Sign-off by the manager, then the reviewee reads everything (the peer unattributed) and acknowledges.
  await advance(words, 'sign_off');
  await page.goto(`${w}/reviews/people/${participantId}`);
  await page.getByTestId('sign-off').click();
  await page.locator('#confirm-sign-off').click();
  await page.getByTestId('sign-off').waitFor({ state: 'detached' });
  await reviewee.page.goto(`${w}/reviews/people/${participantId}`);
  await reviewee.page.getByTestId('final-rating').getByText('4.5').waitFor();
  await reviewee.page.getByTestId('review-manager').waitFor();
  await reviewee.page.getByText(words.comment).waitFor();
  const peerCard = reviewee.page.getByTestId('review-peer');
  await peerCard.getByText(words.text.peer).waitFor();
  expect(await peerCard.getByText(PEER.name).count()).toBe(0);
  await peerCard.getByText(words.anonymous).waitFor();
  await reviewee.page.getByLabel(words.acknowledgeNote).fill(words.note);
  await reviewee.page.getByTestId('acknowledge').click();
  await reviewee.page.getByTestId('acknowledged').waitFor();
  await reviewee.page.getByText(words.note, { exact: false }).waitFor();
  await screenshot(reviewee.page, `reviews-acknowledged-1280-${tag}`);
  // The manager downloads the review as PDF and the cycle as XLSX from the pages' buttons.
  await page.reload();
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
  // pdftotext breaks long lines where the page did: compare with the spaces folded.
  const pdfText = (await run('pdftotext', ['-enc', 'UTF-8', (await pdf.path()) ?? '', '-'])).stdout.replace(
    /\s+/g,
    ' ',
  );
  expect(pdfText).toContain(REVIEWEE.name);
  expect(pdfText).toContain(words.comment);
  await page.goto(`${w}/reviews/${cycleId}`);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toBe(`${words.cycleName}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await xlsx.path()) ?? '');
  const sheet = workbook.worksheets[0];
  expect(sheet?.getRow(1).getCell(1).value).toBe(words.sheetHeader);
  expect(sheet?.getRow(2).getCell(1).value).toBe(REVIEWEE.name);
  expect(sheet?.getRow(2).getCell(8).value).toBe(4.5);
  await screenshot(page, `reviews-cycle-signed-1280-${tag}`);
  const after = await cycleData(owner, workspaceId, cycleId);
  expect(after.stage).toBe('sign_off');
  return { cycleId, participantId, demoCycleId: demo.id, demoReviewId: demoReview?.id ?? '' };
}

describe('绩效评估', () => {
  it('[REVIEWS] zh: a quarterly cycle from the dialog to the reviewee’s acknowledgement, each step by its person', async () => {
    await runCycle('zh-CN', zhId);
  });

  it('[REVIEWS] en: the same cycle in English', async () => {
    await runCycle('en', enId);
  });
});
