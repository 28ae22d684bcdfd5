import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors/index.ts';
import { buildPlanDocument } from '../../core/plan/document/build.ts';
import { sampleObservations, samplePlan } from '../../core/plan/document/testing/sample.ts';
import { renderFigures } from './charts.ts';
import { renderPdf } from './pdf.ts';
import { renderDocument } from './render.ts';

const NOW = Date.parse('2026-01-20T02:00:00Z');
const CHAPTERS_ZH = [
  '1 目标',
  '2 任务分解与责任分配',
  '3 时间安排',
  '4 流程设计',
  '5 KPI 与绩效评估',
  '6 持续优化',
  '7 团队沟通',
  '8 培训与发展',
  '9 市场调研',
  '10 用户反馈',
];

function sampleDocument(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const plan = samplePlan();
  // A title that must be escaped everywhere.
  const goal = plan.goals[1];
  if (goal) goal.title = '两个月内把反馈回复时长降到24小时以内 <script>alert(1)</script>';
  return buildPlanDocument(plan, sampleObservations(), { locale, now: NOW });
}

describe('plan document renderers', () => {
  it('draws the pictures as SVG with the CJK font and the critical path in red', () => {
    const figures = renderFigures(sampleDocument());
    expect([...figures.keys()]).toEqual(['timeline-1', 'flow-2', 'kpi-3', 'kpi-4', 'kpi-5', 'nps-6']);
    const timeline = figures.get('timeline-1')?.svg ?? '';
    expect(timeline).toMatch(/^<svg /);
    expect(timeline).toContain('Noto Sans CJK SC');
    expect(timeline).toContain('制作推广内容');
    expect(timeline).toContain('#d4380d');
    const flow = figures.get('flow-2')?.svg ?? '';
    expect(flow).toContain('分析问题');
    expect(flow).toContain('不需要');
  });

  it('writes Markdown with every chapter, tables and embedded pictures', async () => {
    const markdown = (await renderDocument(sampleDocument(), 'md')).toString('utf8');
    for (const title of CHAPTERS_ZH) expect(markdown).toContain(`## ${title}`);
    expect(markdown).toContain('| 编号 | 任务 | 所属目标 |');
    expect(markdown).toContain('| 1.1 | 市场调研与用户访谈 |');
    expect(markdown).toContain('\\<script\\>');
    const image = /!\[[^\]]*\]\(data:image\/svg\+xml;base64,([^)]+)\)/.exec(markdown);
    expect(Buffer.from(image?.[1] ?? '', 'base64').toString('utf8')).toMatch(/^<svg /);
  });

  it('writes one self-contained HTML file with inline SVG and A4 print CSS', async () => {
    const html = (await renderDocument(sampleDocument('en'), 'html')).toString('utf8');
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('break-before: page');
    expect(html).toContain('<h1>2 Work breakdown and responsibilities</h1>');
    expect((html.match(/<svg /g) ?? []).length).toBe(6);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<(link|img|script)\b[^>]*\b(src|href)=/);
  });

  it('writes a DOCX with a cover, a TOC field, Heading1 chapters, tables, PNG pictures and page numbers', async () => {
    const zip = await JSZip.loadAsync(await renderDocument(sampleDocument(), 'docx'));
    const body = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const paragraphs = [...body.matchAll(/<w:p>.*?<\/w:p>|<w:p .*?<\/w:p>/g)].map((match) => match[0]);
    const headings = paragraphs
      .filter((paragraph) => paragraph.includes('<w:pStyle w:val="Heading1"/>'))
      .map((paragraph) =>
        [...paragraph.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((text) => text[1]).join(''),
      );
    expect(headings).toEqual(CHAPTERS_ZH);
    expect(body).toContain('TOC \\h \\o &quot;1-2&quot;');
    expect(body).toContain('<w:tbl>');
    expect(body).toContain('市场调研与用户访谈');
    expect(body).toContain('&lt;script&gt;');
    const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
    expect(styles).toContain('w:styleId="Heading1"');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^word\/footer\d+\.xml$/.test(name))
        .map((name) => zip.file(name)?.async('string') ?? ''),
    );
    expect(footers.some((footer) => footer.includes('PAGE') && footer.includes('NUMPAGES'))).toBe(true);
    expect(footers.join('')).toContain('第 ');
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(6);
    const png = await zip.file(media[0] ?? '')?.async('nodebuffer');
    expect(png?.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('writes an XLSX with one sheet per chapter and numbers kept as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderDocument(sampleDocument(), 'xlsx')) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['运营细化工作计划', ...CHAPTERS_ZH]);
    const kpis = workbook.getWorksheet('5 KPI 与绩效评估');
    const rows: unknown[][] = [];
    kpis?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const signups = rows.find((row) => row[0] === '新增注册用户');
    expect(signups?.slice(0, 7)).toEqual(['新增注册用户', '人', '越高越好', 2500, 2500, 2000, 2140]);
    const work = workbook.getWorksheet('2 任务分解与责任分配');
    const codes: unknown[] = [];
    work?.eachRow((row) => codes.push(row.getCell(1).value));
    expect(codes).toContain('1.1');
    expect(workbook.model.media?.length).toBe(6);
  });

  it('prints the PDF through Chromium with the Chinese chapter headings as text', async () => {
    const bytes = await renderDocument(sampleDocument(), 'pdf');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const folder = mkdtempSync(path.join(tmpdir(), 'opsplan-pdf-'));
    const file = path.join(folder, 'plan.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const title of CHAPTERS_ZH) expect(text).toContain(title);
    expect(text).toContain('市场调研与用户访谈');
    expect(text).toMatch(/第 3 页，共 \d+ 页/);
  }, 60_000);

  it('names the HTML and DOCX alternatives when there is no browser for PDF', async () => {
    const error = await renderPdf('<p>x</p>', '/nonexistent/chromium').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('document_browser_missing');
    expect((error as AppError).message).toMatch(/HTML.*DOCX/);
  });
});
