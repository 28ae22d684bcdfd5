import { formatCell } from '../../core/plan/document/format.ts';
import type { Block, PlanDocument } from '../../core/plan/document/types.ts';
import { CHART_FONT, type RenderedFigure } from './charts.ts';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replace(/\r?\n/g, '<br>');
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
@page :first { @bottom-center { content: none; } }
* { box-sizing: border-box; }
html { font-family: ${CHART_FONT}; font-size: 10.5pt; line-height: 1.6; color: #1f1f1f; }
body { margin: 0 auto; max-width: 190mm; padding: 8mm 6mm; }
h1, h2, h3 { line-height: 1.3; page-break-after: avoid; break-after: avoid; }
h1 { font-size: 18pt; margin: 0 0 10pt; padding-bottom: 4pt; border-bottom: 2px solid #1677ff; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; }
.cover { min-height: 250mm; display: flex; flex-direction: column; justify-content: center; }
.cover .title { font-size: 28pt; font-weight: 700; margin: 0 0 8pt; border: 0; }
.cover .subtitle { font-size: 18pt; color: #1677ff; margin: 0 0 32pt; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 4pt 16pt; font-size: 11pt; }
.cover dt { color: #595959; }
.cover dd { margin: 0; }
.cover .by { margin-top: 40pt; color: #8c8c8c; font-size: 9pt; }
nav.toc ol { padding-left: 1.5em; font-size: 11pt; line-height: 2; }
nav.toc a { color: inherit; text-decoration: none; }
section.chapter { page-break-before: always; break-before: page; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0 12pt; font-size: 9pt; table-layout: auto; }
caption { text-align: left; font-weight: 600; padding: 2pt 0 4pt; caption-side: top; }
th, td { border: 1px solid #d9d9d9; padding: 3pt 5pt; vertical-align: top; overflow-wrap: break-word; }
th { background: #f0f5ff; font-weight: 600; text-align: left; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
tr.highlight td { background: #fff1f0; }
td.right, th.right { text-align: right; white-space: nowrap; }
td.center, th.center { text-align: center; }
td.short, th.short { white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 12pt; margin: 6pt 0 10pt; }
dl.facts dt { color: #595959; }
dl.facts dd { margin: 0; }
.note { border-left: 3px solid #1677ff; background: #f0f5ff; padding: 6pt 10pt; margin: 8pt 0; }
.note.warning { border-color: #fa8c16; background: #fff7e6; }
.note.empty { border-color: #bfbfbf; background: #fafafa; color: #595959; }
figure { margin: 10pt 0 14pt; page-break-inside: avoid; break-inside: avoid; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #595959; margin-top: 4pt; }
@media screen { body { padding: 24px; } section.chapter { margin-top: 40px; } .cover { min-height: auto; padding: 40px 0; } }
@media screen and (max-width: 600px) { html { font-size: 10pt; } body { padding: 12px; } .table-wrap { overflow-x: auto; } }
`;

function blockHtml(block: Block, document: PlanDocument, figures: Map<string, RenderedFigure>): string {
  switch (block.kind) {
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'keyValue':
      return `<dl class="facts">${block.items.map((item) => `<dt>${escapeHtml(item.label)}</dt><dd>${escapeHtml(item.value)}</dd>`).join('')}</dl>`;
    case 'note':
      return `<div class="note ${block.tone}">${escapeHtml(block.text)}</div>`;
    case 'table': {
      // Columns of short values (codes, dates, statuses, numbers) never wrap, so long text cannot squeeze them.
      const isShort = block.columns.map(
        (column, index) =>
          column.label.length <= 12 &&
          block.rows.every((row) => formatCell(row[index] ?? null, document.locale).length <= 12),
      );
      const align = (index: number) => {
        const value = block.columns[index]?.align;
        const classes = [value && value !== 'left' ? value : '', isShort[index] ? 'short' : ''].filter(
          Boolean,
        );
        return classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
      };
      const highlighted = new Set(block.highlightRows ?? []);
      const head = block.columns
        .map((column, index) => `<th${align(index)}>${escapeHtml(column.label)}</th>`)
        .join('');
      const body = block.rows
        .map(
          (row, rowIndex) =>
            `<tr${highlighted.has(rowIndex) ? ' class="highlight"' : ''}>${row.map((cell, index) => `<td${align(index)}>${escapeHtml(formatCell(cell, document.locale))}</td>`).join('')}</tr>`,
        )
        .join('');
      const caption = block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : '';
      return `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
    }
    case 'figure': {
      const figure = figures.get(block.id);
      return `<figure id="${block.id}">${figure?.svg ?? ''}<figcaption>${escapeHtml(document.labels.figure)} · ${escapeHtml(block.caption)}</figcaption></figure>`;
    }
  }
}

/** The plan as one self-contained HTML file: inline SVG pictures and CSS for A4 printing with page breaks. */
/**
 * Page numbers in the bottom margin of every page but the cover, as CSS page-margin boxes: the printed PDF and a
 * browser's own print of the HTML show the same footer ("第 {page} 页，共 {total} 页").
 */
function pageNumbers(label: string): string {
  const text = (part: string) => JSON.stringify(part).replace(/</g, '\\3c ');
  const content = label
    .split(/(\{page\}|\{total\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{total}' ? 'counter(pages)' : text(part)))
    .join(' ');
  return `@page { @bottom-center { content: ${content}; font-size: 8pt; color: #8c8c8c; } }`;
}

export function renderHtml(document: PlanDocument, figures: Map<string, RenderedFigure>): string {
  const { cover, labels } = document;
  const lang = document.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const chapters = document.chapters
    .map((chapter) => {
      const blocks = chapter.blocks.map((block) => blockHtml(block, document, figures)).join('\n');
      return `<section class="chapter" id="chapter-${chapter.number}"><h1>${chapter.number} ${escapeHtml(chapter.title)}</h1>\n${blocks}</section>`;
    })
    .join('\n');
  const toc = document.chapters
    .map((chapter) => `<li><a href="#chapter-${chapter.number}">${escapeHtml(chapter.title)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${cover.title} · ${cover.subtitle}`)}</title>
<style>${STYLE}${pageNumbers(document.labels.page)}</style>
</head>
<body>
<header class="cover">
<h1 class="title">${escapeHtml(cover.title)}</h1>
<div class="subtitle">${escapeHtml(cover.subtitle)}</div>
<dl>${cover.facts.map((fact) => `<dt>${escapeHtml(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd>`).join('')}</dl>
<div class="by">${escapeHtml(labels.generatedBy)}</div>
</header>
<nav class="toc"><h1>${escapeHtml(labels.contents)}</h1><ol>${toc}</ol></nav>
${chapters}
</body>
</html>
`;
}
