import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { AppError } from '../../core/errors/index.ts';
import { chromiumPath, LAUNCH_ARGS } from './browser.ts';

/**
 * The plan's HTML printed to A4 PDF by headless Chromium, so the PDF shows exactly what the HTML shows (same
 * CSS, same inline SVG, CJK fonts from the system). Page numbers are the HTML's own page-margin boxes (none on the cover).
 */
export async function renderPdf(html: string, executablePath = chromiumPath()): Promise<Buffer> {
  if (!existsSync(executablePath)) throw new AppError('document_browser_missing', { path: executablePath });
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
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
