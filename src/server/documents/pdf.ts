import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { AppError } from '../../core/errors/index.ts';
import type { PlanDocument } from '../../core/plan/document/types.ts';
import { chromiumPath, LAUNCH_ARGS } from './browser.ts';
import { escapeHtml } from './html.ts';

/**
 * The plan's HTML printed to A4 PDF by headless Chromium, so the PDF shows exactly what the HTML shows (same
 * CSS, same inline SVG, CJK fonts from the system). Page numbers come from Chromium's footer template.
 */
export async function renderPdf(
  document: PlanDocument,
  html: string,
  executablePath = chromiumPath(),
): Promise<Buffer> {
  if (!existsSync(executablePath)) throw new AppError('document_browser_missing', { path: executablePath });
  const footer = escapeHtml(document.labels.page)
    .replace('{page}', '<span class="pageNumber"></span>')
    .replace('{total}', '<span class="totalPages"></span>');
  const browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS });
  try {
    const page = await browser.newPage();
    // The HTML is self-contained: nothing to fetch, so any request is refused.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: `<div style="width:100%;text-align:center;font-size:8px;color:#8c8c8c;font-family:'Noto Sans CJK SC',sans-serif">${footer}</div>`,
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
