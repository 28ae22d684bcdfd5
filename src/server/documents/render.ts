import type { PlanDocument } from '../../core/plan/document/types.ts';
import { renderFigures } from './charts.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

export const DOCUMENT_FORMATS = ['docx', 'pdf', 'html', 'md', 'xlsx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function isDocumentFormat(value: string): value is DocumentFormat {
  return (DOCUMENT_FORMATS as readonly string[]).includes(value);
}

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
      return renderPdf(document, renderHtml(document, figures));
  }
}
