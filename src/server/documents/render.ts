import type { PlanDocument } from '../../core/plan/document/types.ts';
import { renderFigures } from './charts.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

import type { DocumentFormat } from './formats.ts';

export { CONTENT_TYPES, DOCUMENT_FORMATS, isDocumentFormat, type DocumentFormat } from './formats.ts';

/** The document in one format, its pictures drawn once by ECharts on the server; `onFigures` marks progress. */
export async function renderDocument(
  document: PlanDocument,
  format: DocumentFormat,
  onFigures?: () => Promise<void>,
): Promise<Buffer> {
  const figures = renderFigures(document);
  await onFigures?.();
  switch (format) {
    case 'md':
      return Buffer.from(renderMarkdown(document, figures), 'utf8');
    case 'html':
      return Buffer.from(renderHtml(document, figures), 'utf8');
    case 'docx':
      return renderDocx(document, figures);
    case 'xlsx':
      return renderXlsx(document, figures);
    case 'pdf':
      return renderPdf(renderHtml(document, figures));
  }
}
