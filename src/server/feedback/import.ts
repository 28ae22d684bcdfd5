import { AppError } from '../../core/errors/index.ts';
import {
  FeedbackImportReader,
  feedbackImportIssueMessage,
  nearestCluster,
  type ImportedFeedback,
} from '../../core/feedback/index.ts';
import { lockWorkspace } from '../../db/locks.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { WorkspaceContext } from '../context.ts';
import { spreadsheetRows } from '../files.ts';
import { authorize } from '../workspaces/access.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';
import * as queries from './queries.ts';
import { jiebaSegmenter } from './segmenter.ts';
import { insertNewItem, synonymsOf } from './service.ts';

/** Rows one feedback import reads: all of them are written in one transaction. */
export const FEEDBACK_IMPORT_MAX_ROWS = 20_000;
const ISSUE_LIMIT = 200;
const SAMPLE_SIZE = 5;

function storedClusters(rows: Awaited<ReturnType<typeof queries.selectClusters>>) {
  return rows.map((cluster) => ({
    id: cluster.id,
    label: cluster.label,
    signature: JSON.parse(cluster.signature) as Record<string, number>,
  }));
}

/**
 * Imports an app-store review export or a customer-service ticket export (CSV or XLSX; a CSV that is not
 * UTF-8 is read as GBK and the report says so). A dry run reports the columns it recognised, every row
 * problem, the rows already imported (by their id in the export) and the common issues the new items would
 * join; a real run writes every new item or none, each placed in its nearest cluster as it arrives.
 */
export async function importFeedback(
  context: WorkspaceContext,
  { buffer, options }: { buffer: unknown; options: { dryRun: boolean } },
) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  const now = services.now();
  const reader = new FeedbackImportReader({
    timeZone: await workspaceTimeZone(services, workspaceId),
    now,
    issueLimit: ISSUE_LIMIT,
  });
  let decodedAsGbk = false;
  let isHeader = true;
  for await (const { cells, row } of spreadsheetRows(buffer, {
    maxRows: FEEDBACK_IMPORT_MAX_ROWS,
    onGbk: () => {
      decodedAsGbk = true;
    },
  })) {
    if (isHeader) {
      const missing = reader.header(cells);
      if (missing.length > 0)
        throw new AppError('import_missing_columns', {
          columns: locale === 'zh-CN' ? '内容（或标题）' : 'content (or title)',
        });
    } else reader.row(cells, row);
    isHeader = false;
  }
  if (isHeader) throw new AppError('import_empty');
  const result = reader.finish();
  if (result.rowCount === 0) throw new AppError('import_empty');

  const refs = result.items.flatMap((item) => (item.ref ? [item.ref] : []));
  const existing = await queries.selectSourceRefs(services.db, workspaceId, result.kind, refs);
  const fresh = result.items.filter((item) => !item.ref || !existing.has(item.ref));

  const clusters = storedClusters(await queries.selectClusters(services.db, workspaceId));
  const synonyms = synonymsOf(await queries.selectSettings(services.db, workspaceId));
  const segment = jiebaSegmenter();
  const joins = new Map<string, number>();
  let unclustered = 0;
  if (clusters.length > 0) {
    for (const item of fresh) {
      const nearest = nearestCluster(`${item.title}\n${item.body}`, clusters, segment, synonyms);
      if (nearest) joins.set(nearest.id, (joins.get(nearest.id) ?? 0) + 1);
      else unclustered += 1;
    }
  } else unclustered = fresh.length;
  const dates = fresh.flatMap((item) => (item.createdAt === null ? [] : [item.createdAt]));

  const report = {
    kind: result.kind,
    rows: result.rowCount,
    newItems: fresh.length,
    alreadyImported: result.items.length - fresh.length,
    decodedAsGbk,
    columns: result.mapping,
    from: dates.length > 0 ? Math.min(...dates) : null,
    to: dates.length > 0 ? Math.max(...dates) : null,
    sample: fresh.slice(0, SAMPLE_SIZE).map((item) => ({
      row: item.row,
      title: item.title,
      rating: item.rating,
      createdAt: item.createdAt,
      category: item.category,
    })),
    clusters: clusters
      .filter((cluster) => joins.has(cluster.id))
      .map((cluster) => ({ id: cluster.id, label: cluster.label, count: joins.get(cluster.id) ?? 0 }))
      .sort((a, b) => b.count - a.count),
    unclustered,
    issues: result.issues.map((issue) => ({
      row: issue.row,
      column: issue.column,
      message: feedbackImportIssueMessage(issue, locale),
    })),
    issueCount: result.issueCount,
    imported: false,
  };
  if (options.dryRun) return report;
  if (result.issueCount > 0) throw new AppError('feedback_import_invalid', { count: result.issueCount });

  const written = await services.db.transaction().execute(async (trx) => {
    // Two imports of the same export at once: the second waits and finds the first one's rows.
    await lockWorkspace(trx, services.dialect, 'feedback', workspaceId);
    const taken = await queries.selectSourceRefs(trx, workspaceId, result.kind, refs);
    const rows = result.items.filter((item) => !item.ref || !taken.has(item.ref));
    const arrivalClusters = storedClusters(await queries.selectClusters(trx, workspaceId));
    for (const item of rows) {
      await insertNewItem(
        services,
        trx,
        workspaceId,
        newItem(item, result.kind, actor.userId),
        arrivalClusters,
        synonyms,
      );
    }
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'feedback.imported',
      objectType: 'workspace',
      objectId: workspaceId,
      changes: { kind: result.kind, items: rows.length, skipped: result.items.length - rows.length },
      now,
    });
    return rows.length;
  });
  return { ...report, newItems: written, alreadyImported: result.items.length - written, imported: true };
}

function newItem(item: ImportedFeedback, kind: 'app_store' | 'support', userId: string | null) {
  return {
    title: item.title,
    body: item.body,
    channel: kind,
    category: item.category,
    tags: item.tags,
    productArea: item.productArea,
    sentiment: item.sentiment,
    contact:
      item.email || item.name ? { email: item.email ?? undefined, name: item.name ?? undefined } : undefined,
    sourceRef: item.ref,
    createdBy: userId,
    createdAt: item.createdAt ?? undefined,
  };
}
