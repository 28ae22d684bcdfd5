import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { columnShares } from '../../core/plan/document/columns.ts';
import { formatCell } from '../../core/plan/document/format.ts';
import type { Block, PlanDocument } from '../../core/plan/document/types.ts';
import { figuresToPng, type RenderedFigure } from './charts.ts';

/** Width of the text on an A4 page with 2 cm margins, in pixels at 96 dpi (what ImageRun measures in). */
const TEXT_WIDTH_PX = 642;
/**
 * The same width in twips (A4's 11,906 less two 1,134 margins), and a half-em of the tables' 9 pt text with room
 * to spare (a digit is 0.5–0.64 em wide from Calibri to DejaVu Sans, which LibreOffice falls back to).
 */
const TEXT_WIDTH_TWIPS = 9638;
const HALF_EM_TWIPS = 110;
const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: 'Microsoft YaHei', cs: 'Calibri' };

function lines(
  text: string,
  options: { bold?: boolean; color?: string; size?: number; italics?: boolean } = {},
): TextRun[] {
  return text
    .split(/\r?\n/)
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : 0, ...options }));
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'D9D9D9' };
/** Every line of a table, set once on the table rather than on each of its cells. */
const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};
/** The style of a table cell's text (9 pt): named once, so a cell's paragraph carries only the style's id. */
const CELL_STYLE = 'OpsPlanCell';
const HEADER_STYLE = 'OpsPlanHeaderCell';

/**
 * A cell's text: one paragraph a line. A plain cell takes everything from its style — thousands of cells in a
 * large plan, each kept small (an object tree per run is what makes the docx package slow and large).
 */
function cellParagraphs(
  text: string,
  style: string,
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType],
) {
  return text
    .split(/\r?\n/)
    .map((line) =>
      alignment === AlignmentType.LEFT
        ? new Paragraph({ style, text: line })
        : new Paragraph({ style, alignment, text: line }),
    );
}

function table(block: Extract<Block, { kind: 'table' }>, document: PlanDocument): Table {
  const highlighted = new Set(block.highlightRows ?? []);
  const alignment = (index: number) => {
    const align = block.columns[index]?.align;
    return align === 'right'
      ? AlignmentType.RIGHT
      : align === 'center'
        ? AlignmentType.CENTER
        : AlignmentType.LEFT;
  };
  const texts = block.rows.map((row) => row.map((cell) => formatCell(cell, document.locale)));
  const widths = columnShares(
    [block.columns.map((column) => column.label), ...texts],
    TEXT_WIDTH_TWIPS / HALF_EM_TWIPS,
  ).map((share) => Math.round(share * TEXT_WIDTH_TWIPS));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map(
      (column, index) =>
        new TableCell({
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F0F5FF' },
          children: cellParagraphs(column.label, HEADER_STYLE, alignment(index)),
        }),
    ),
  });
  const rows = block.rows.map(
    (row, rowIndex) =>
      new TableRow({
        cantSplit: true,
        children: row.map(
          (cell, index) =>
            new TableCell({
              ...(highlighted.has(rowIndex)
                ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFF1F0' } }
                : {}),
              children: cellParagraphs(texts[rowIndex]?.[index] ?? '', CELL_STYLE, alignment(index)),
            }),
        ),
      }),
  );
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths,
    borders: TABLE_BORDERS,
    rows: [header, ...rows],
  });
}

function blockChildren(
  block: Block,
  document: PlanDocument,
  figures: Map<string, RenderedFigure>,
  pngs: Map<string, Buffer>,
): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: lines(block.text) })];
    case 'paragraph':
      return [new Paragraph({ spacing: { after: 120 }, children: lines(block.text) })];
    case 'list':
      return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: lines(item) }));
    case 'keyValue':
      return block.items.map(
        (item) =>
          new Paragraph({
            children: [new TextRun({ text: `${item.label}：`, bold: true }), ...lines(item.value)],
          }),
      );
    case 'note':
      return [
        new Paragraph({
          spacing: { before: 120, after: 120 },
          shading: {
            type: ShadingType.CLEAR,
            color: 'auto',
            fill: block.tone === 'warning' ? 'FFF7E6' : block.tone === 'empty' ? 'FAFAFA' : 'F0F5FF',
          },
          border: {
            left: {
              style: BorderStyle.SINGLE,
              size: 18,
              color: block.tone === 'warning' ? 'FA8C16' : block.tone === 'empty' ? 'BFBFBF' : '1677FF',
              space: 6,
            },
          },
          children: lines(block.text, block.tone === 'empty' ? { color: '595959' } : {}),
        }),
      ];
    case 'table': {
      const caption = block.caption
        ? [
            new Paragraph({
              spacing: { before: 120, after: 60 },
              keepNext: true,
              children: lines(block.caption, { bold: true }),
            }),
          ]
        : [];
      return [...caption, table(block, document), new Paragraph({ children: [] })];
    }
    case 'figure': {
      const figure = figures.get(block.id);
      if (!figure) return [];
      const png = pngs.get(block.id);
      if (!png) return [];
      const scale = Math.min(1, TEXT_WIDTH_PX / figure.width);
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: [
            new ImageRun({
              type: 'png',
              data: png,
              transformation: {
                width: Math.round(figure.width * scale),
                height: Math.round(figure.height * scale),
              },
              altText: { name: block.id, title: block.caption, description: block.caption },
            }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 200 },
          children: lines(`${document.labels.figure} · ${block.caption}`, { size: 18, color: '595959' }),
        }),
      ];
    }
  }
}

/** "第 {page} 页，共 {total} 页" with Word's page fields in place of the placeholders. */
function pageFields(template: string): Array<string | (typeof PageNumber)[keyof typeof PageNumber]> {
  return template
    .split(/(\{page\}|\{total\})/)
    .filter((part) => part !== '')
    .map((part) =>
      part === '{page}' ? PageNumber.CURRENT : part === '{total}' ? PageNumber.TOTAL_PAGES : part,
    );
}

/**
 * The plan as a Word document: a cover page, a table of contents field (Word fills it when the file opens),
 * chapters in the Heading1/Heading2 styles, real tables, PNG pictures, page numbers in the footer.
 */
export async function renderDocx(
  document: PlanDocument,
  figures: Map<string, RenderedFigure>,
): Promise<Buffer> {
  const { cover, labels } = document;
  const pngs = await figuresToPng(figures);
  const coverPage = [
    new Paragraph({
      spacing: { before: 3600, after: 240 },
      children: [new TextRun({ text: cover.title, bold: true, size: 56 })],
    }),
    new Paragraph({
      spacing: { after: 720 },
      children: [new TextRun({ text: cover.subtitle, size: 36, color: '1677FF' })],
    }),
    ...cover.facts.map(
      (fact) =>
        new Paragraph({
          spacing: { after: 80 },
          children: [
            new TextRun({ text: `${fact.label}：`, color: '595959' }),
            new TextRun({ text: fact.value }),
          ],
        }),
    ),
    new Paragraph({
      spacing: { before: 960 },
      children: [new TextRun({ text: labels.generatedBy, color: '8C8C8C', size: 18 })],
    }),
  ];
  const contents = [
    new Paragraph({
      pageBreakBefore: true,
      heading: HeadingLevel.TITLE,
      children: [new TextRun(labels.contents)],
    }),
    new TableOfContents(labels.contents, { hyperlink: true, headingStyleRange: '1-2' }),
  ];
  const body: Array<Paragraph | Table | TableOfContents> = [];
  for (const chapter of document.chapters) {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        children: [new TextRun(`${chapter.number} ${chapter.title}`)],
      }),
    );
    for (const block of chapter.blocks) body.push(...blockChildren(block, document, figures, pngs));
  }
  const file = new Document({
    creator: 'OpsPlan',
    title: `${cover.title} · ${cover.subtitle}`,
    description: labels.generatedBy,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: 21 } },
        heading1: {
          run: { font: FONT, size: 36, bold: true, color: '1F1F1F' },
          paragraph: { spacing: { after: 240 } },
        },
        heading2: {
          run: { font: FONT, size: 28, bold: true, color: '1F1F1F' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        title: { run: { font: FONT, size: 36, bold: true } },
      },
      paragraphStyles: [
        {
          id: CELL_STYLE,
          name: 'OpsPlan table text',
          basedOn: 'Normal',
          quickFormat: false,
          run: { size: 18 },
        },
        {
          id: HEADER_STYLE,
          name: 'OpsPlan table header',
          basedOn: CELL_STYLE,
          quickFormat: false,
          run: { size: 18, bold: true },
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        footers: {
          // The cover has no number; every other page has "Page n / total".
          first: new Footer({ children: [new Paragraph({ children: [] })] }),
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ size: 16, color: '8C8C8C', children: pageFields(labels.page) })],
              }),
            ],
          }),
        },
        children: [...coverPage, ...contents, ...body],
      },
    ],
  });
  return Packer.toBuffer(file);
}
