import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { BulkUpsert, BulkWriter } from '../../db/bulk.ts';
import type { Dialect } from '../../db/index.ts';
import type { Executor, KpisTable } from '../../db/types.ts';

/** A workspace's KPIs as every whole-KPI read returns them: all columns and the owner's name. */
function kpisWithOwner(executor: Executor, workspaceId: string) {
  return executor
    .selectFrom('kpis')
    .leftJoin('users', 'users.id', 'kpis.owner_id')
    .selectAll('kpis')
    .select('users.name as owner_name')
    .where('kpis.workspace_id', '=', workspaceId);
}

export function selectKpis(executor: Executor, workspaceId: string) {
  return kpisWithOwner(executor, workspaceId).orderBy('kpis.key').execute();
}

/** The workspace's first `limit` KPIs in key order, as selectKpis reads them (the plan preview). */
export function selectFirstKpis(executor: Executor, workspaceId: string, limit: number) {
  return kpisWithOwner(executor, workspaceId).orderBy('kpis.key').limit(limit).execute();
}

export type KpiListFilter = {
  /** Name or key contains, ignoring case. */
  search?: string | undefined;
  /** Only the KPIs of these ids or keys (a picker's chosen values). */
  ids?: readonly string[] | undefined;
  keys?: readonly string[] | undefined;
  status?: 'green' | 'amber' | 'red' | 'none' | undefined;
  frequency?: string | undefined;
  kind?: 'measured' | 'formula' | undefined;
  ownerId?: string | undefined;
  /** Keys after this one (the list is ordered by key). */
  afterKey?: string | undefined;
  limit?: number | undefined;
};

/** KPIs as the list shows them (no description or thresholds), filtered in SQL, ordered by key. */
export function selectKpiList(
  executor: Executor,
  dialect: Dialect,
  workspaceId: string,
  filter: KpiListFilter,
) {
  let query = executor
    .selectFrom('kpis')
    .leftJoin('users', 'users.id', 'kpis.owner_id')
    .select([
      'kpis.id',
      'kpis.key',
      'kpis.name',
      'kpis.unit',
      'kpis.direction',
      'kpis.aggregation',
      'kpis.frequency',
      'kpis.formula',
      'kpis.owner_id',
      'users.name as owner_name',
      'kpis.status',
      'kpis.last_value',
      'kpis.last_period',
    ])
    .where('kpis.workspace_id', '=', workspaceId);
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const like = sql.raw(dialect === 'postgres' ? 'ILIKE' : 'LIKE');
    query = query.where(
      sql<boolean>`(kpis.name ${like} ${pattern} ESCAPE '\\' OR kpis.key ${like} ${pattern} ESCAPE '\\')`,
    );
  }
  if (filter.ids)
    query =
      filter.ids.length > 0 ? query.where('kpis.id', 'in', filter.ids) : query.where(sql<boolean>`1 = 0`);
  if (filter.keys)
    query =
      filter.keys.length > 0 ? query.where('kpis.key', 'in', filter.keys) : query.where(sql<boolean>`1 = 0`);
  if (filter.status === 'none') query = query.where('kpis.status', 'is', null);
  else if (filter.status) query = query.where('kpis.status', '=', filter.status);
  if (filter.frequency) query = query.where('kpis.frequency', '=', filter.frequency);
  if (filter.kind === 'formula') query = query.where('kpis.formula', 'is not', null);
  else if (filter.kind === 'measured') query = query.where('kpis.formula', 'is', null);
  if (filter.ownerId) query = query.where('kpis.owner_id', '=', filter.ownerId);
  if (filter.afterKey) query = query.where('kpis.key', '>', filter.afterKey);
  query = query.orderBy('kpis.key');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.execute();
}

export type KpiListRow = Awaited<ReturnType<typeof selectKpiList>>[number];

export type KpiRow = Awaited<ReturnType<typeof selectKpis>>[number];

export function selectKpiByKey(executor: Executor, workspaceId: string, key: string) {
  return kpisWithOwner(executor, workspaceId).where('kpis.key', '=', key).executeTakeFirst();
}

export type KpiRecord = Selectable<KpisTable>;

/** The KPIs of these keys: what a refresh or a series reads instead of the whole catalogue. */
export function selectKpisByKeys(executor: Executor, workspaceId: string, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return kpisWithOwner(executor, workspaceId).where('kpis.key', 'in', keys).execute();
}

/**
 * Formula KPIs whose text mentions one of `keys` (a superset of those that reference them: the caller parses).
 * Over 50 keys it reads every formula KPI instead: one OR per key would outgrow SQLite's expression depth.
 */
export function selectFormulaKpisMentioning(
  executor: Executor,
  workspaceId: string,
  keys: readonly string[],
): Promise<KpiRecord[]> {
  if (keys.length === 0) return Promise.resolve([]);
  let query = executor
    .selectFrom('kpis')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('formula', 'is not', null);
  // Keys are [a-z][a-z0-9_]*: `_` is LIKE's one-character wildcard, which only widens the match.
  if (keys.length <= 50)
    query = query.where((eb) => eb.or(keys.map((key) => eb('formula', 'like', `%${key}%`))));
  return query.execute();
}

export function selectKpisByIds(executor: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('kpis')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

export async function insertKpi(executor: Executor, kpi: Insertable<KpisTable>): Promise<void> {
  await executor.insertInto('kpis').values(kpi).execute();
}

export async function updateKpi(
  executor: Executor,
  id: string,
  changes: Updateable<KpisTable>,
): Promise<void> {
  await executor.updateTable('kpis').set(changes).where('id', '=', id).execute();
}

export async function deleteKpi(executor: Executor, id: string): Promise<void> {
  await executor.deleteFrom('kpis').where('id', '=', id).execute();
}

export async function countKeyResultsOfKpi(executor: Executor, kpiId: string): Promise<number> {
  const row = await executor
    .selectFrom('key_results')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('kpi_id', '=', kpiId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A measurement as the import and the API write it: KPI id, period, value. */
export type MeasurementTuple = readonly [kpiId: string, period: string, value: number];

/** What every row of one write shares. */
export type MeasurementWrite = {
  workspaceId: string;
  source: 'manual' | 'import' | 'api';
  createdBy: string | null;
  now: number;
};

const MEASUREMENT_UPSERT: BulkUpsert = {
  table: 'measurements',
  columns: [
    ['kpi_id', 'text'],
    ['period', 'text'],
    ['value', 'float8'],
  ],
  constants: [
    ['workspace_id', 'text'],
    ['source', 'text'],
    ['created_by', 'text'],
    ['created_at', 'int8'],
    ['updated_at', 'int8'],
  ],
  key: ['kpi_id', 'period'],
  update: ['value', 'source', 'created_by', 'updated_at'],
};

/**
 * Idempotent on (KPI, period): the newest value wins. Prepared multi-row statements on SQLite, unnest arrays on
 * PostgreSQL (src/db/bulk.ts): no query building per row. `trx` must be the open transaction.
 */
export function upsertMeasurements(
  bulk: BulkWriter,
  trx: Executor,
  rows: readonly MeasurementTuple[],
  write: MeasurementWrite,
): Promise<void> {
  return bulk.upsert(trx, MEASUREMENT_UPSERT, rows, [
    write.workspaceId,
    write.source,
    write.createdBy,
    write.now,
    write.now,
  ]);
}

export function selectMeasurements(
  executor: Executor,
  kpiIds: readonly string[],
  range: { from?: string | undefined; to?: string | undefined } = {},
) {
  if (kpiIds.length === 0) return Promise.resolve([]);
  let query = executor
    .selectFrom('measurements')
    .select(['kpi_id', 'period', 'value'])
    .where('kpi_id', 'in', kpiIds);
  if (range.from) query = query.where('period', '>=', range.from);
  if (range.to) query = query.where('period', '<=', range.to);
  return query.orderBy('kpi_id').orderBy('period').execute();
}

export function selectMeasurementPage(executor: Executor, kpiId: string, limit: number, before?: string) {
  let query = executor
    .selectFrom('measurements')
    .leftJoin('users', 'users.id', 'measurements.created_by')
    .select([
      'measurements.period',
      'measurements.value',
      'measurements.source',
      'measurements.updated_at',
      'users.name as author_name',
    ])
    .where('measurements.kpi_id', '=', kpiId);
  if (before) query = query.where('measurements.period', '<', before);
  return query
    .orderBy('measurements.period', 'desc')
    .limit(limit + 1)
    .execute();
}

export function selectLatestMeasurement(executor: Executor, kpiId: string) {
  return executor
    .selectFrom('measurements')
    .select(['period', 'value'])
    .where('kpi_id', '=', kpiId)
    .orderBy('period', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function deleteMeasurement(executor: Executor, kpiId: string, period: string): Promise<number> {
  const result = await executor
    .deleteFrom('measurements')
    .where('kpi_id', '=', kpiId)
    .where('period', '=', period)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The workspace's KPIs whose status is red, by key. */
export function selectRedKpis(executor: Executor, workspaceId: string, limit: number) {
  return executor
    .selectFrom('kpis')
    .select(['key', 'name', 'unit', 'last_value', 'last_period', 'green', 'amber', 'direction'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'red')
    .orderBy('key')
    .limit(limit)
    .execute();
}

/** A KPI's measurements, oldest first, as its export writes them. */
export function selectMeasurementsForExport(executor: Executor, kpiId: string) {
  return executor
    .selectFrom('measurements')
    .select(['period', 'value', 'source'])
    .where('kpi_id', '=', kpiId)
    .orderBy('period')
    .execute();
}
