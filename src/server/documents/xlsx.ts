import ExcelJS from 'exceljs';
import type { PlanDocument } from '../../core/plan/document/types.ts';
import { figuresToPng, type RenderedFigure } from './charts.ts';

const INVALID_SHEET_CHARACTERS = /[\\/*?:[\]]/g;

/** Excel refuses names over 31 characters or with \ / * ? : [ ]. */
function sheetName(number: number, title: string): string {
  return `${number} ${title}`.replace(INVALID_SHEET_CHARACTERS, ' ').slice(0, 31);
}

/**
 * The plan as a workbook: one sheet per chapter (goals and key results, tasks with WBS and RACI, schedule,
 * processes, KPIs, then one per later chapter). Table cells keep numbers as numbers; pictures are PNG.
 */
export async function renderXlsx(
  document: PlanDocument,
  figures: Map<string, RenderedFigure>,
): Promise<Buffer> {
  const pngs = await figuresToPng(figures);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'OpsPlan';
  const cover = workbook.addWorksheet(document.cover.title.slice(0, 31));
  cover.getColumn(1).width = 18;
  cover.getColumn(2).width = 60;
  cover.addRow([document.cover.title]).font = { bold: true, size: 16 };
  cover.addRow([document.cover.subtitle]).font = { size: 13, color: { argb: 'FF1677FF' } };
  for (const fact of document.cover.facts) cover.addRow([fact.label, fact.value]);
  cover.addRow([]);
  cover.addRow([document.labels.contents]).font = { bold: true };
  for (const chapter of document.chapters) cover.addRow([chapter.number, chapter.title]);

  for (const chapter of document.chapters) {
    const sheet = workbook.addWorksheet(sheetName(chapter.number, chapter.title));
    sheet.getColumn(1).width = 34;
    for (let column = 2; column <= 12; column += 1) sheet.getColumn(column).width = 16;
    sheet.addRow([`${chapter.number} ${chapter.title}`]).font = { bold: true, size: 14 };
    for (const block of chapter.blocks) {
      switch (block.kind) {
        case 'heading':
          sheet.addRow([]);
          sheet.addRow([block.text]).font = { bold: true, size: 12 };
          break;
        case 'paragraph':
          sheet.addRow([block.text]);
          break;
        case 'list':
          for (const item of block.items) sheet.addRow([`• ${item}`]);
          break;
        case 'keyValue':
          for (const item of block.items)
            sheet.addRow([item.label, item.value]).getCell(1).font = { bold: true };
          break;
        case 'note':
          sheet.addRow([block.text]).font = {
            italic: true,
            color: { argb: block.tone === 'warning' ? 'FFD46B08' : 'FF595959' },
          };
          break;
        case 'table': {
          if (block.caption) sheet.addRow([block.caption]).font = { bold: true };
          const header = sheet.addRow(block.columns.map((column) => column.label));
          header.font = { bold: true };
          header.eachCell((cell) => {
            cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F5FF' } };
          });
          const highlighted = new Set(block.highlightRows ?? []);
          block.rows.forEach((row, index) => {
            const added = sheet.addRow(row.map((cell) => (cell === null ? null : cell)));
            if (highlighted.has(index)) {
              added.eachCell((cell) => {
                cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF1F0' } };
              });
            }
          });
          sheet.addRow([]);
          break;
        }
        case 'figure': {
          const figure = figures.get(block.id);
          const png = pngs.get(block.id);
          if (!figure || !png) break;
          sheet.addRow([block.caption]).font = { italic: true };
          const image = workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
          const width = Math.min(720, figure.width);
          const height = Math.round((figure.height * width) / figure.width);
          const top = sheet.rowCount;
          sheet.addImage(image, { tl: { col: 0, row: top }, ext: { width, height } });
          // Leave the rows the picture covers empty (about 20 px a row).
          for (let row = 0; row < Math.ceil(height / 20) + 1; row += 1) sheet.addRow([]);
          break;
        }
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
