import { formatCell } from '../../core/plan/document/format.ts';
import type { Block, PlanDocument } from '../../core/plan/document/types.ts';
import type { RenderedFigure } from './charts.ts';

function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\r?\n/g, '<br>');
}

function anchor(number: number): string {
  return `chapter-${number}`;
}

function blockMarkdown(block: Block, document: PlanDocument, figures: Map<string, RenderedFigure>): string {
  switch (block.kind) {
    case 'heading':
      return `### ${escapeInline(block.text)}`;
    case 'paragraph':
      return escapeInline(block.text);
    case 'list':
      return block.items.map((item) => `- ${escapeInline(item)}`).join('\n');
    case 'keyValue':
      return block.items
        .map((item) => `- **${escapeInline(item.label)}**: ${escapeInline(item.value)}`)
        .join('\n');
    case 'note':
      return `> ${escapeInline(block.text)}`;
    case 'table': {
      const header = `| ${block.columns.map((column) => escapeInline(column.label)).join(' | ')} |`;
      const rule = `| ${block.columns.map((column) => (column.align === 'right' ? '---:' : column.align === 'center' ? ':---:' : '---')).join(' | ')} |`;
      const rows = block.rows.map(
        (row) => `| ${row.map((cell) => escapeInline(formatCell(cell, document.locale))).join(' | ')} |`,
      );
      const caption = block.caption ? `**${escapeInline(block.caption)}**\n\n` : '';
      return `${caption}${[header, rule, ...rows].join('\n')}`;
    }
    case 'figure': {
      const figure = figures.get(block.id);
      // The picture travels inside the file, so one .md is the whole plan.
      const source = figure ? `data:image/svg+xml;base64,${Buffer.from(figure.svg).toString('base64')}` : '';
      return `![${escapeInline(block.caption)}](${source})\n\n*${document.labels.figure}: ${escapeInline(block.caption)}*`;
    }
  }
}

/** The plan as one Markdown file (CommonMark with GitHub tables), pictures embedded as SVG data URIs. */
export function renderMarkdown(document: PlanDocument, figures: Map<string, RenderedFigure>): string {
  const { cover } = document;
  const parts = [
    `# ${escapeInline(cover.title)}: ${escapeInline(cover.subtitle)}`,
    [
      ...cover.facts.map((fact) => `- **${escapeInline(fact.label)}**: ${escapeInline(fact.value)}`),
      `- ${escapeInline(document.labels.generatedBy)}`,
    ].join('\n'),
    `## ${escapeInline(document.labels.contents)}`,
    document.chapters
      .map((chapter) => `${chapter.number}. [${escapeInline(chapter.title)}](#${anchor(chapter.number)})`)
      .join('\n'),
  ];
  for (const chapter of document.chapters) {
    parts.push(
      `<a id="${anchor(chapter.number)}"></a>\n\n## ${chapter.number} ${escapeInline(chapter.title)}`,
    );
    for (const block of chapter.blocks) parts.push(blockMarkdown(block, document, figures));
  }
  return `${parts.join('\n\n')}\n`;
}
