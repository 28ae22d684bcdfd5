import { z } from 'zod';
import { LOCALES } from '../../core/i18n/index.ts';
import { epochMs, WorkspaceParams } from '../http.ts';
import { DOCUMENT_FORMATS } from './formats.ts';

export const DocumentFormat = z.enum(DOCUMENT_FORMATS).describe('docx | pdf | html | md | xlsx');
export const DocumentLocale = z.enum(LOCALES).describe('zh-CN or en; default the workspace’s plan language');

export const DocumentParams = WorkspaceParams.extend({ documentId: z.string().min(1).max(64) });

export const CreateDocumentBody = z.object({
  format: DocumentFormat,
  locale: DocumentLocale.optional(),
  goalId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('Only this goal’s subtree; default the whole workspace'),
});

export const PreviewQuery = z.object({
  locale: DocumentLocale.optional(),
  goalId: z.string().min(1).max(64).optional(),
});

export const PlanDocument = z
  .object({
    id: z.string(),
    format: DocumentFormat,
    locale: z.enum(LOCALES),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.number().int().min(0).max(100),
    scope: z.object({ goalId: z.string().nullable(), title: z.string().nullable() }),
    fileName: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    error: z.string().nullable().describe('Why rendering failed, in the document’s language'),
    requestedBy: z.string().nullable(),
    createdAt: epochMs,
    finishedAt: epochMs.nullable(),
  })
  .meta({ id: 'PlanDocument' });
