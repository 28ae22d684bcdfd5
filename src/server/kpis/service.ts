import { AppError, type FieldError, type LocalizedText } from '../../core/errors/index.ts';
import { interpolate, LOCALES, type Locale } from '../../core/i18n/index.ts';
import {
  checkReferences,
  findFormulaCycle,
  formulaErrorMessage,
  parseFormula,
} from '../../core/kpis/formula.ts';
import {
  MEASUREMENT_MESSAGES,
  measurementChecker,
  validateMeasurements,
  type MeasurementIssue,
  type MeasurementPoint,
  type RawMeasurement,
} from '../../core/kpis/measurements.ts';
import { bucketSeries, type Aggregation, type Frequency } from '../../core/kpis/periods.ts';
import { newId } from '../../db/ids.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntries, insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { refreshKpisAndGoals } from '../goals/refresh.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMember } from '../workspaces/queries.ts';
import { readMeasurementFile, writeMeasurementFile } from './files.ts';
import * as queries from './queries.ts';
import { loadKpiSeries, loadKpisWithReferences } from './series.ts';

type KpiRow = queries.KpiRow;

export function toKpi(row: KpiRow) {
  return {
    ...toKpiListItem(row),
    thresholds: row.green !== null && row.amber !== null ? { green: row.green, amber: row.amber } : null,
    description: row.description,
    updatedAt: row.updated_at,
  };
}

export type KpiInput = {
  name?: string | undefined;
  unit?: string | null | undefined;
  direction?: 'higher' | 'lower' | undefined;
  aggregation?: Aggregation | undefined;
  frequency?: 'day' | 'week' | 'month' | undefined;
  formula?: string | null | undefined;
  ownerId?: string | null | undefined;
  thresholds?: { green: number; amber: number } | null | undefined;
  description?: string | null | undefined;
};

function inBothLanguages(render: (locale: Locale) => string): LocalizedText {
  return Object.fromEntries(LOCALES.map((locale) => [locale, render(locale)])) as LocalizedText;
}

async function requireKpi(executor: Executor, workspaceId: string, key: string): Promise<KpiRow> {
  const kpi = await queries.selectKpiByKey(executor, workspaceId, key);
  if (!kpi) throw new AppError('kpi_not_found');
  return kpi;
}

async function requireOwnerIsMember(
  executor: Executor,
  workspaceId: string,
  ownerId: string | null | undefined,
) {
  if (ownerId && !(await selectMember(executor, workspaceId, ownerId))) {
    throw new AppError('owner_not_member', {}, [{ path: 'ownerId', message: '' }]);
  }
}

/** A formula must parse, name only existing KPIs and close no loop through other formulas. */
async function checkFormula(executor: Executor, workspaceId: string, key: string, formula: string) {
  const parsed = parseFormula(formula);
  if (!parsed.ok) {
    const detail = inBothLanguages((locale) => formulaErrorMessage(parsed.error, locale));
    throw new AppError('formula_invalid', { detail, position: parsed.error.position }, [
      { path: 'formula', message: detail },
    ]);
  }
  const kpis = await queries.selectKpis(executor, workspaceId);
  const unknown = checkReferences(parsed.references, kpis.map((kpi) => kpi.key).concat(key));
  if (unknown.length > 0) {
    throw new AppError('formula_unknown_kpi', { keys: unknown.join(', ') }, [
      { path: 'formula', message: '' },
    ]);
  }
  const definitions: Record<string, string[]> = {};
  for (const kpi of kpis) {
    const references = kpi.formula ? parseFormula(kpi.formula) : null;
    definitions[kpi.key] = references?.ok ? references.references : [];
  }
  definitions[key] = parsed.references;
  const cycle = findFormulaCycle(definitions);
  if (cycle)
    throw new AppError('formula_cycle', { cycle: cycle.join(' → ') }, [{ path: 'formula', message: '' }]);
}

function toKpiListItem(row: queries.KpiListRow) {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    unit: row.unit,
    direction: row.direction as 'higher' | 'lower',
    aggregation: row.aggregation as Aggregation,
    frequency: row.frequency as 'day' | 'week' | 'month',
    formula: row.formula,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    status: row.status as 'green' | 'amber' | 'red' | null,
    lastValue: row.last_value,
    lastPeriod: row.last_period,
  };
}

export type KpiListQuery = {
  q?: string | undefined;
  ids?: string[] | undefined;
  keys?: string[] | undefined;
  status?: 'green' | 'amber' | 'red' | 'none' | undefined;
  frequency?: 'day' | 'week' | 'month' | undefined;
  kind?: 'measured' | 'formula' | undefined;
  ownerId?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
};

export const KPI_PAGE_SIZE = 50;
/** What the list answers without any parameter: never 20,000 KPIs at once. */
export const KPI_LIST_CAP = 200;

/**
 * The KPI list, slim. With a search, a filter, a limit or a cursor it is paged (50 a page unless `limit` says
 * otherwise, `nextCursor` for the next); with none, the first 200 by key and `nextCursor`. With `ids` or
 * `keys`, exactly those KPIs of the workspace (others' are not found).
 */
export async function listKpis(
  services: Services,
  actor: Actor,
  workspaceId: string,
  query: KpiListQuery = {},
) {
  await authorize(services.db, actor, workspaceId, 'kpis.read');
  const paged = Object.values(query).some((value) => value !== undefined && value !== '');
  // Asked by id or key, every one found fits: at most 100 of each.
  const asked = (query.ids?.length ?? 0) + (query.keys?.length ?? 0);
  const limit = asked > 0 ? asked : (query.limit ?? (paged ? KPI_PAGE_SIZE : KPI_LIST_CAP));
  const rows = await queries.selectKpiList(services.db, services.dialect, workspaceId, {
    search: query.q || undefined,
    ids: query.ids,
    keys: query.keys,
    status: query.status,
    frequency: query.frequency,
    kind: query.kind,
    ownerId: query.ownerId,
    afterKey: query.cursor,
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  return {
    items: items.map(toKpiListItem),
    nextCursor: rows.length > limit ? (items.at(-1)?.key ?? null) : null,
  };
}

export async function getKpi(services: Services, actor: Actor, workspaceId: string, key: string) {
  await authorize(services.db, actor, workspaceId, 'kpis.read');
  return toKpi(await requireKpi(services.db, workspaceId, key));
}

export async function createKpi(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: KpiInput & { key: string },
) {
  await authorize(services.db, actor, workspaceId, 'kpis.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    if (await queries.selectKpiByKey(trx, workspaceId, input.key)) {
      throw new AppError('kpi_key_taken', { key: input.key }, [{ path: 'key', message: '' }]);
    }
    await requireOwnerIsMember(trx, workspaceId, input.ownerId);
    if (input.formula) await checkFormula(trx, workspaceId, input.key, input.formula);
    const id = newId(now);
    await queries.insertKpi(trx, {
      id,
      workspace_id: workspaceId,
      key: input.key,
      name: input.name?.trim() ?? input.key,
      unit: input.unit?.trim() || null,
      direction: input.direction ?? 'higher',
      aggregation: input.aggregation ?? 'sum',
      frequency: input.frequency ?? 'day',
      formula: input.formula?.trim() || null,
      owner_id: input.ownerId ?? null,
      green: input.thresholds?.green ?? null,
      amber: input.thresholds?.amber ?? null,
      description: input.description ?? null,
      status: null,
      last_value: null,
      last_period: null,
      created_at: now,
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'kpi.created',
      objectType: 'kpi',
      objectId: id,
      changes: { key: input.key, name: input.name, formula: input.formula ?? null },
      now,
    });
    if (input.formula) await refreshKpisAndGoals(services, trx, workspaceId, [input.key]);
  });
  return toKpi(await requireKpi(services.db, workspaceId, input.key));
}

export async function updateKpi(context: WorkspaceContext, { key, input }: { key: string; input: KpiInput }) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'kpis.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const kpi = await requireKpi(trx, workspaceId, key);
    await requireOwnerIsMember(trx, workspaceId, input.ownerId);
    if (input.formula) await checkFormula(trx, workspaceId, key, input.formula);
    const changes = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.unit !== undefined ? { unit: input.unit?.trim() || null } : {}),
      ...(input.direction !== undefined ? { direction: input.direction } : {}),
      ...(input.aggregation !== undefined ? { aggregation: input.aggregation } : {}),
      ...(input.frequency !== undefined ? { frequency: input.frequency } : {}),
      ...(input.formula !== undefined ? { formula: input.formula?.trim() || null } : {}),
      ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
      ...(input.thresholds !== undefined
        ? { green: input.thresholds?.green ?? null, amber: input.thresholds?.amber ?? null }
        : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    await queries.updateKpi(trx, kpi.id, { ...changes, updated_at: now });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'kpi.updated',
      objectType: 'kpi',
      objectId: kpi.id,
      changes,
      now,
    });
    await refreshKpisAndGoals(services, trx, workspaceId, [key]);
  });
  return toKpi(await requireKpi(services.db, workspaceId, key));
}

export async function deleteKpi(services: Services, actor: Actor, workspaceId: string, key: string) {
  await authorize(services.db, actor, workspaceId, 'kpis.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const kpi = await requireKpi(trx, workspaceId, key);
    const keyResults = await queries.countKeyResultsOfKpi(trx, kpi.id);
    const formulas = (await queries.selectKpis(trx, workspaceId)).filter((other) => {
      const parsed = other.formula ? parseFormula(other.formula) : null;
      return parsed?.ok && parsed.references.includes(key);
    });
    if (keyResults > 0 || formulas.length > 0) {
      const usedBy = [
        ...(keyResults > 0
          ? [inBothLanguages((l) => (l === 'en' ? `${keyResults} key results` : `${keyResults} 个关键结果`))]
          : []),
        ...formulas.map((other) => inBothLanguages(() => other.key)),
      ];
      throw new AppError('kpi_in_use', {
        key,
        usedBy: inBothLanguages((locale) =>
          usedBy.map((text) => text[locale]).join(locale === 'en' ? ', ' : '、'),
        ),
      });
    }
    await queries.deleteKpi(trx, kpi.id);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'kpi.deleted',
      objectType: 'kpi',
      objectId: kpi.id,
      changes: { key },
      now,
    });
  });
}

function issueMessage(issue: MeasurementIssue): LocalizedText {
  return inBothLanguages((locale) => interpolate(MEASUREMENT_MESSAGES[locale][issue.code], issue.params));
}

async function kpiCatalogue(executor: Executor, workspaceId: string) {
  const kpis = await queries.selectKpis(executor, workspaceId);
  return {
    kpis,
    forValidation: new Map(
      kpis.map((kpi) => [
        kpi.key,
        { frequency: kpi.frequency as Frequency, isFormula: kpi.formula !== null },
      ]),
    ),
  };
}

/** Rows and first and last period per KPI, in one pass (not one per KPI: 100 × 200,000 was 20 million steps). */
function spansByKpi(points: readonly MeasurementPoint[]) {
  const spans = new Map<string, { rows: number; from: string; to: string }>();
  for (const point of points) {
    const span = spans.get(point.kpiKey);
    if (!span) spans.set(point.kpiKey, { rows: 1, from: point.period, to: point.period });
    else {
      span.rows += 1;
      if (point.period < span.from) span.from = point.period;
      if (point.period > span.to) span.to = point.period;
    }
  }
  return spans;
}

/** Saves checked points in one transaction, then brings KPI status and goals up to date. */
async function savePoints(
  services: Services,
  trx: Executor,
  actor: Actor,
  workspaceId: string,
  kpis: readonly KpiRow[],
  points: readonly MeasurementPoint[],
  source: 'manual' | 'import' | 'api',
) {
  const now = services.now();
  const idByKey = new Map(kpis.map((kpi) => [kpi.key, kpi.id]));
  const rows: queries.MeasurementTuple[] = [];
  for (const point of points) {
    const kpiId = idByKey.get(point.kpiKey);
    if (kpiId) rows.push([kpiId, point.period, point.value]);
  }
  await queries.upsertMeasurements(services.bulk, trx, rows, {
    workspaceId,
    source,
    createdBy: actor.userId,
    now,
  });
  const spans = spansByKpi(points);
  await insertAuditEntries(
    trx,
    [...spans].map(([key, span]) => ({
      workspaceId,
      actorId: actor.userId,
      action: 'measurements.recorded',
      objectType: 'kpi',
      objectId: idByKey.get(key) ?? key,
      changes: { key, count: span.rows, from: span.from, to: span.to, source },
      now,
    })),
  );
  await refreshKpisAndGoals(services, trx, workspaceId, [...spans.keys()]);
}

/** Form entry and API push: up to 10,000 points for one KPI, idempotent on period; all or nothing. */
export async function recordMeasurements(
  context: WorkspaceContext,
  {
    key,
    points,
    source,
  }: { key: string; points: ReadonlyArray<{ period: string; value: number }>; source: 'manual' | 'api' },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'measurements.write');
  return services.db.transaction().execute(async (trx) => {
    const kpi = await requireKpi(trx, workspaceId, key);
    if (kpi.formula) throw new AppError('kpi_is_formula', { key });
    // Points of this one KPI: its own definition is the whole catalogue they are checked against.
    const kpis = [kpi];
    const forValidation = new Map([[kpi.key, { frequency: kpi.frequency as Frequency, isFormula: false }]]);
    const rows: RawMeasurement[] = points.map((point, index) => ({
      row: index,
      kpi: key,
      period: point.period,
      value: point.value,
    }));
    const { points: valid, issues } = validateMeasurements(rows, forValidation, 'en');
    if (issues.length > 0) {
      const fields: FieldError[] = issues.slice(0, 100).map((issue) => ({
        path: `points.${issue.row}.${issue.column === 'kpi' ? 'period' : issue.column}`,
        message: issueMessage(issue),
      }));
      throw new AppError(
        'measurements_invalid',
        { count: new Set(issues.map((issue) => issue.row)).size },
        fields,
      );
    }
    await savePoints(services, trx, actor, workspaceId, kpis, valid, source);
    return { saved: valid.length };
  });
}

export type ImportOptions = { dryRun: boolean; skipBadRows: boolean; kpi?: string | undefined };

/**
 * CSV/XLSX import: a dry run reports what would be saved and every faulty row; a commit saves all rows or,
 * when some are faulty, nothing unless the caller chose to skip them.
 */
export async function importMeasurements(
  context: WorkspaceContext,
  { file, options }: { file: unknown; options: ImportOptions },
) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, options.dryRun ? 'kpis.read' : 'measurements.write');
  // Checked row by row as the file streams in, outside any transaction: a long read holds no lock.
  const { forValidation } = await kpiCatalogue(services.db, workspaceId);
  const checker = measurementChecker(forValidation, locale, 200);
  const totalRows = await readMeasurementFile(file, options.kpi, checker.add);
  const { points, issues, validRows, issueCount, badRows } = checker.result;
  const byKpi = spansByKpi(points);
  if (!options.dryRun && badRows > 0 && !options.skipBadRows) {
    const fields: FieldError[] = issues.slice(0, 100).map((issue) => ({
      path: `row ${issue.row}.${issue.column}`,
      message: issueMessage(issue),
    }));
    throw new AppError('measurements_invalid', { count: badRows }, fields);
  }
  if (!options.dryRun && points.length > 0)
    await services.db.transaction().execute(async (trx) => {
      const { kpis } = await kpiCatalogue(trx, workspaceId);
      await savePoints(services, trx, actor, workspaceId, kpis, points, 'import');
    });
  return {
    dryRun: options.dryRun,
    totalRows,
    validRows: points.length,
    saved: options.dryRun ? 0 : points.length,
    skipped: options.dryRun ? 0 : badRows,
    issueCount,
    issues: issues.map((issue) => ({
      row: issue.row,
      column: issue.column,
      message: interpolate(MEASUREMENT_MESSAGES[locale][issue.code], issue.params),
    })),
    byKpi: [...byKpi].map(([key, entry]) => ({ key, ...entry })),
    sample: points.slice(0, 20).map((point, index) => ({
      row: validRows[index] ?? 0,
      kpi: point.kpiKey,
      period: point.period,
      value: point.value,
    })),
  };
}

export async function getSeries(
  context: WorkspaceContext,
  {
    key,
    query,
  }: {
    key: string;
    query: { bucket?: Frequency | undefined; from?: string | undefined; to?: string | undefined };
  },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'kpis.read');
  // This KPI and what its formula reads, not the catalogue.
  const kpisByKey = await loadKpisWithReferences(services.db, workspaceId, [key]);
  const kpi = kpisByKey.get(key);
  if (!kpi) throw new AppError('kpi_not_found');
  const series = await loadKpiSeries(services.db, kpi, kpisByKey, query);
  const bucket = query.bucket ?? (kpi.frequency as Frequency);
  const points =
    bucket === kpi.frequency
      ? series
      : bucketSeries(
          series.map((point) => ({ date: point.period, value: point.value })),
          bucket,
          kpi.aggregation as Aggregation,
        );
  return { kpi: toKpi(kpi), bucket, points };
}

export async function listMeasurements(
  context: WorkspaceContext,
  { key, page }: { key: string; page: { limit: number; cursor?: string | undefined } },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'kpis.read');
  const kpi = await requireKpi(services.db, workspaceId, key);
  const rows = await queries.selectMeasurementPage(services.db, kpi.id, page.limit, page.cursor);
  const items = rows.slice(0, page.limit);
  return {
    items: items.map((row) => ({
      period: row.period,
      value: row.value,
      source: row.source as 'manual' | 'import' | 'api',
      updatedAt: row.updated_at,
      author: row.author_name,
    })),
    nextCursor: rows.length > page.limit ? (items.at(-1)?.period ?? null) : null,
  };
}

export async function deleteMeasurement(
  context: WorkspaceContext,
  { key, period }: { key: string; period: string },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'measurements.write');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const kpi = await requireKpi(trx, workspaceId, key);
    if ((await queries.deleteMeasurement(trx, kpi.id, period)) === 0) throw new AppError('not_found');
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'measurement.deleted',
      objectType: 'kpi',
      objectId: kpi.id,
      changes: { key, period },
      now,
    });
    await refreshKpisAndGoals(services, trx, workspaceId, [key]);
  });
}

export async function exportMeasurements(
  context: WorkspaceContext,
  { key, format }: { key: string; format: 'csv' | 'xlsx' },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'kpis.read');
  const kpi = await requireKpi(services.db, workspaceId, key);
  const rows = await queries.selectMeasurementsForExport(services.db, kpi.id);
  return writeMeasurementFile(
    rows.map((row) => ({ kpi: key, ...row })),
    format,
  );
}
