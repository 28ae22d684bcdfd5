import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { AppError } from '../../core/errors/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import {
  cycleSheet,
  reviewDocumentHtml,
  type CycleExportRow,
  type Overrides,
  type Scorecard,
} from '../../core/reviews/index.ts';
import type { WorkspaceContext } from '../context.ts';
import { chromiumPath, LAUNCH_ARGS } from '../documents/browser.ts';
import { writeSpreadsheet } from '../files.ts';
import { dayInTimezone } from '../time.ts';
import { getCycle, getParticipant } from './service.ts';

const timeFormatter = (locale: Locale, timeZone: string) => {
  const format = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return (ms: number) => format.format(ms);
};

/**
 * One person's review as PDF: what the caller may read of it (the same privacy as the page), printed by Chromium
 * like the plan document. Without Chromium a 503 says so and where to go instead.
 */
export async function exportReviewPdf(
  context: WorkspaceContext,
  { participantId, executablePath = chromiumPath() }: { participantId: string; executablePath?: string },
) {
  const { services, actor, workspaceId, locale } = context;
  const participant = await getParticipant(services, actor, workspaceId, participantId);
  if (!existsSync(executablePath)) throw new AppError('review_pdf_browser_missing', { path: executablePath });
  const html = reviewDocumentHtml(participant, {
    locale,
    formatTime: timeFormatter(locale, services.config.timezone),
    now: services.now(),
  });
  return { file: await printPdf(html, executablePath), name: participant.reviewee.name };
}

type BrowserHandle = {
  browser: Promise<Browser>;
  path: string;
  idle?: NodeJS.Timeout;
};
let shared: BrowserHandle | null = null;
const IDLE_MS = 30_000;

/**
 * The HTML printed to A4 like the plan document (`documents/pdf.ts`), but in one Chromium kept open while PDFs are
 * asked for: a person's review is a page of text, and starting the browser costs most of its time. The browser
 * closes after 30 s without a request.
 */
async function printPdf(html: string, executablePath: string): Promise<Buffer> {
  // Playwright loads on first use, not at server start.
  const { chromium } = await import('playwright-core');
  if (!shared || shared.path !== executablePath) {
    const browser = chromium.launch({ executablePath, args: LAUNCH_ARGS });
    const forget = () => {
      if (shared?.browser === browser) shared = null;
    };
    shared = { browser, path: executablePath };
    browser.then((opened) => opened.on('disconnected', forget), forget);
  }
  const handle = shared;
  if (handle.idle) clearTimeout(handle.idle);
  const browser = await handle.browser;
  const page = await browser.newPage();
  try {
    // The HTML is self-contained: nothing to fetch, so any request is refused.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return Buffer.from(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  } finally {
    await page.close();
    if (handle.idle) clearTimeout(handle.idle);
    handle.idle = setTimeout(() => {
      if (shared === handle) shared = null;
      void browser.close();
    }, IDLE_MS);
    handle.idle.unref();
  }
}

/** The cycle as XLSX, one row per participant the caller sees, with only what they may see of each. */
export async function exportCycleXlsx(context: WorkspaceContext, { cycleId }: { cycleId: string }) {
  const { services, actor, workspaceId, locale } = context;
  const cycle = await getCycle(services, actor, workspaceId, cycleId);
  const rows: CycleExportRow[] = [];
  for (const p of cycle.participants) {
    // The figures come with the scorecard, which the person, their manager, the cycle's runner and admins see.
    const detail: { scorecard: Scorecard | null; overrides: Overrides } =
      p.dataScore === null && !p.canManage
        ? { scorecard: null, overrides: {} }
        : await getParticipant(services, actor, workspaceId, p.id);
    rows.push({
      reviewee: p.reviewee.name,
      manager: p.manager?.name ?? null,
      reviews: p.reviews,
      dataScore: p.dataScore,
      dataRating: p.dataRating,
      finalRating: p.finalRating,
      metrics:
        detail.scorecard?.metrics.map((m) => ({
          key: m.key,
          score: detail.overrides[m.key]?.score ?? m.score,
        })) ?? null,
      signedOffOn: p.signedOffAt === null ? null : dayInTimezone(p.signedOffAt, services.config.timezone),
      isAcknowledged: p.acknowledgedAt !== null,
    });
  }
  const sheet = cycleSheet(rows, locale);
  return {
    file: await writeSpreadsheet(sheet.header, sheet.rows, 'xlsx', sheet.sheetName),
    name: cycle.name,
  };
}
