import { AppError, errorMessage } from '../../core/errors/index.ts';
import { isLocale, type Locale } from '../../core/i18n/index.ts';
import { buildPlanDocument } from '../../core/plan/document/build.ts';
import { documentFileName } from '../../core/plan/document/format.ts';
import type { PlanDocument } from '../../core/plan/document/types.ts';
import type { Plan, PlanObservations } from '../../core/plan/model.ts';
import { newId } from '../../db/ids.ts';
import type { Actor, Services } from '../context.ts';
import { readPlan, readPlanPreview } from '../plans/service.ts';
import { dayInTimezone } from '../time.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';
import { CONTENT_TYPES, type DocumentFormat } from './formats.ts';

export const RENDER_JOB = 'documents.render';
const RECENT_DOCUMENTS = 20;

export type DocumentRequest = {
  format: DocumentFormat;
  locale?: Locale | undefined;
  goalId?: string | undefined;
};

/** The document as the API shows it: never its bytes. */
export function toDocumentView(row: queries.DocumentRow) {
  return {
    id: row.id,
    format: row.format as DocumentFormat,
    locale: (isLocale(row.locale) ? row.locale : 'zh-CN') as Locale,
    status: row.status as 'queued' | 'running' | 'done' | 'failed',
    progress: row.progress,
    scope: { goalId: row.goal_id, title: row.scope_title },
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    error: row.error,
    requestedBy: row.requested_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** The written plan of a plan value: the same for a workspace, a goal's subtree and a plan.yaml. */
export function documentOfPlan(
  plan: Plan,
  observations: PlanObservations | null,
  options: {
    locale: Locale;
    now: number;
    timezone?: string;
    scopeTitle?: string | null;
    workspaceName?: string;
  },
): PlanDocument {
  return buildPlanDocument(plan, observations, {
    locale: options.locale,
    now: options.now,
    scopeTitle: options.scopeTitle ?? null,
    ...(options.timezone ? { timezone: options.timezone } : {}),
    ...(options.workspaceName ? { workspaceName: options.workspaceName } : {}),
  });
}

/** The file name a document downloads as: its title, workspace and day. */
export function fileNameOf(title: string, workspaceName: string, day: string, format: DocumentFormat) {
  return documentFileName(`${title} ${workspaceName}`, day, format);
}

/** The document's language: the one chosen, else the workspace's plan language, else `fallback`. */
export async function resolveLocale(
  services: Services,
  workspaceId: string,
  chosen: Locale | undefined,
  fallback: Locale,
) {
  if (chosen) return chosen;
  const stored = await queries.selectPlanLocale(services.db, workspaceId);
  return isLocale(stored) ? stored : fallback;
}

async function scopeTitleOf(services: Services, workspaceId: string, goalId: string | undefined) {
  if (!goalId) return null;
  const title = await queries.selectGoalTitle(services.db, workspaceId, goalId);
  if (title === null) throw new AppError('goal_not_found');
  return title;
}

/**
 * The workspace's plan (or one goal's subtree) rendered to a file, read from the database. No permission check:
 * the render job and the command line call this; the API checks before it enqueues.
 */
export async function renderWorkspacePlan(
  services: Services,
  input: {
    workspaceId: string;
    goalId?: string | undefined;
    locale: Locale;
    format: DocumentFormat;
    onProgress?: (percent: number) => Promise<void>;
  },
): Promise<{ bytes: Buffer; fileName: string; scopeTitle: string | null }> {
  const progress = input.onProgress ?? (async () => undefined);
  const now = services.now();
  const workspaceName = await queries.selectWorkspaceName(services.db, input.workspaceId);
  if (workspaceName === null) throw new AppError('workspace_not_found');
  const scopeTitle = await scopeTitleOf(services, input.workspaceId, input.goalId);
  const { plan, observations } = await readPlan(
    services,
    { workspaceId: input.workspaceId, goalId: input.goalId },
    input.locale,
  );
  await progress(40);
  // Building and rendering run on a worker thread: the server keeps answering meanwhile. The renderers
  // (ECharts, resvg, docx, exceljs, Playwright) load there, on the first document, not at server start.
  const { renderPlanOffThread } = await import('./thread.ts');
  const { bytes, title } = await renderPlanOffThread(
    {
      plan,
      observations,
      options: {
        locale: input.locale,
        now,
        timezone: plan.timezone ?? services.config.timezone,
        scopeTitle,
        workspaceName,
      },
      format: input.format,
    },
    (step) => progress(step === 'built' ? 55 : 70),
  );
  const day = dayInTimezone(now, plan.timezone ?? services.config.timezone);
  return { bytes, fileName: fileNameOf(title, workspaceName, day, input.format), scopeTitle };
}

/** Starts rendering a document as a job; its row shows the progress and, when done, holds the file. */
export async function requestDocument(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: DocumentRequest,
) {
  await authorize(services.db, actor, workspaceId, 'documents.create');
  const locale = await resolveLocale(services, workspaceId, input.locale, actor.locale);
  const scopeTitle = await scopeTitleOf(services, workspaceId, input.goalId);
  const now = services.now();
  const id = newId(now);
  await services.db.transaction().execute(async (trx) => {
    await queries.insertDocument(trx, {
      id,
      workspace_id: workspaceId,
      requested_by: actor.userId,
      goal_id: input.goalId ?? null,
      scope_title: scopeTitle,
      format: input.format,
      locale,
      status: 'queued',
      progress: 0,
      file_name: null,
      size_bytes: null,
      content: null,
      error: null,
      created_at: now,
      finished_at: null,
    });
    await services.scheduler.enqueue(trx, {
      name: RENDER_JOB,
      payload: { documentId: id },
      key: `document:${id}`,
      maxAttempts: 1,
    });
  });
  const row = await queries.selectDocument(services.db, workspaceId, id);
  if (!row) throw new AppError('document_not_found');
  return toDocumentView(row);
}

export async function getDocument(services: Services, actor: Actor, workspaceId: string, documentId: string) {
  await authorize(services.db, actor, workspaceId, 'documents.read');
  const row = await queries.selectDocument(services.db, workspaceId, documentId);
  if (!row) throw new AppError('document_not_found');
  return toDocumentView(row);
}

export async function listDocuments(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'documents.read');
  const rows = await queries.selectRecentDocuments(services.db, workspaceId, RECENT_DOCUMENTS);
  return rows.map(toDocumentView);
}

export async function getDocumentFile(
  services: Services,
  actor: Actor,
  workspaceId: string,
  documentId: string,
) {
  await authorize(services.db, actor, workspaceId, 'documents.read');
  const row = await queries.selectDocument(services.db, workspaceId, documentId);
  if (!row) throw new AppError('document_not_found');
  if (row.status !== 'done') throw new AppError('document_not_ready', { status: row.status });
  const bytes = await queries.selectDocumentContent(services.db, workspaceId, documentId);
  if (!bytes) throw new AppError('document_not_ready', { status: row.status });
  const format = row.format as DocumentFormat;
  return { bytes, contentType: CONTENT_TYPES[format], fileName: row.file_name ?? `plan.${format}` };
}

/**
 * The plan as HTML for the live preview on the Plan page: rendered on request, nothing stored; a large plan
 * shortened to its first goals, tasks and KPIs (readPlanPreview).
 */
export async function previewPlan(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: { locale?: Locale | undefined; goalId?: string | undefined },
) {
  await authorize(services.db, actor, workspaceId, 'documents.read');
  const locale = await resolveLocale(services, workspaceId, input.locale, actor.locale);
  const scopeTitle = await scopeTitleOf(services, workspaceId, input.goalId);
  const workspaceName = (await queries.selectWorkspaceName(services.db, workspaceId)) ?? '';
  // Only what the preview shows is read: a large plan's first goals, tasks and KPIs, each shortened chapter
  // saying how many more the generated document holds.
  const { plan, observations, cut } = await readPlanPreview(
    services,
    { workspaceId, goalId: input.goalId },
    locale,
    services.config.planPreviewLimits,
  );
  // On a worker thread like the documents: building and writing the HTML still takes a while.
  const { renderPlanOffThread } = await import('./thread.ts');
  const { bytes } = await renderPlanOffThread({
    plan,
    observations,
    options: {
      locale,
      now: services.now(),
      timezone: plan.timezone ?? services.config.timezone,
      scopeTitle,
      workspaceName,
      previewCut: cut,
    },
    format: 'html',
  });
  return bytes.toString('utf8');
}

/** Renders one requested document; a failure is written on the document (a retry would fail the same way). */
export async function runRenderJob(services: Services, documentId: string): Promise<void> {
  const row = await queries.unsafeSelectDocument(services.db, documentId);
  if (!row || row.status === 'done' || row.status === 'failed') return;
  const locale: Locale = isLocale(row.locale) ? row.locale : 'zh-CN';
  await queries.updateDocument(services.db, documentId, { status: 'running', progress: 10 });
  try {
    const result = await renderWorkspacePlan(services, {
      workspaceId: row.workspace_id,
      goalId: row.goal_id ?? undefined,
      locale,
      format: row.format as DocumentFormat,
      onProgress: (progress) => queries.updateDocument(services.db, documentId, { progress }),
    });
    await queries.updateDocument(services.db, documentId, {
      status: 'done',
      progress: 100,
      content: result.bytes,
      size_bytes: result.bytes.length,
      file_name: result.fileName,
      finished_at: services.now(),
    });
  } catch (error) {
    const message =
      error instanceof AppError
        ? errorMessage(error.code, locale, error.params)
        : error instanceof Error
          ? error.message
          : String(error);
    await queries.updateDocument(services.db, documentId, {
      status: 'failed',
      error: message.slice(0, 2000),
      finished_at: services.now(),
    });
  }
}

export function registerDocumentJobs(services: Services): void {
  services.scheduler.register(
    RENDER_JOB,
    async (payload) => {
      const { documentId } = payload as { documentId: string };
      await runRenderJob(services, documentId);
    },
    { maxAttempts: 1 },
  );
}
