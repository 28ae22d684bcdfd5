import { parseFormula, computeFormulaSeries } from '../../core/kpis/formula.ts';
import { bucketSeries, type Aggregation, type Frequency } from '../../core/kpis/periods.ts';
import type { Executor } from '../../db/types.ts';
import { selectKpisByKeys, selectMeasurements, type KpiRow } from './queries.ts';

export type SeriesPoint = { period: string; value: number };
export type KpiDefinition = Pick<KpiRow, 'id' | 'key' | 'frequency' | 'aggregation' | 'formula'>;

export type SeriesRange = { from?: string | undefined; to?: string | undefined };

/**
 * A KPI's values per period of its own frequency: stored measurements, or for a formula KPI the formula over
 * its references' series, each first bucketed to this KPI's frequency by the reference's own aggregation.
 * `kpisByKey` holds every KPI of the workspace, so formulas over formulas resolve; cycles are refused on write.
 */
export async function loadKpiSeries(
  executor: Executor,
  kpi: KpiDefinition,
  kpisByKey: ReadonlyMap<string, KpiDefinition>,
  range: SeriesRange = {},
  /** Where stored measurements come from: one query per KPI, or rows read before for many (loadKpiSeriesMany). */
  stored: (kpi: KpiDefinition, range: SeriesRange) => Promise<SeriesPoint[]> = async (leaf, within) =>
    (await selectMeasurements(executor, [leaf.id], within)).map((row) => ({
      period: row.period,
      value: row.value,
    })),
): Promise<SeriesPoint[]> {
  if (!kpi.formula) return stored(kpi, range);
  const parsed = parseFormula(kpi.formula);
  if (!parsed.ok) return [];
  const seriesByKey: Record<string, Map<string, number>> = {};
  for (const key of parsed.references) {
    const reference = kpisByKey.get(key);
    if (!reference) return [];
    const points = await loadKpiSeries(executor, reference, kpisByKey, range, stored);
    const bucketed = bucketSeries(
      points.map((point) => ({ date: point.period, value: point.value })),
      kpi.frequency as Frequency,
      reference.aggregation as Aggregation,
    );
    seriesByKey[key] = new Map(bucketed.map((point) => [point.period, point.value]));
  }
  return [...computeFormulaSeries(parsed.ast, seriesByKey)].map(([period, value]) => ({ period, value }));
}

/** Stored KPIs read per query by loadKpiSeriesMany: few enough for any database's parameter limit. */
const IDS_PER_QUERY = 200;

/**
 * The series of many KPIs, each over its own range, with their stored measurements read in a few queries (200
 * KPIs each, the union of their ranges) instead of one per KPI: the plan's SMART check reads the history of every
 * key result's KPI, thousands in a large workspace.
 */
export async function loadKpiSeriesMany(
  executor: Executor,
  kpis: readonly KpiDefinition[],
  kpisByKey: ReadonlyMap<string, KpiDefinition>,
  rangeOf: (kpi: KpiDefinition) => SeriesRange,
  idsPerQuery = IDS_PER_QUERY,
): Promise<Map<string, SeriesPoint[]>> {
  // The stored KPIs behind each asked-for KPI (itself, or its formula's leaves), with the widest range asked.
  const leaves = new Map<string, { kpi: KpiDefinition; from: string | undefined; to: string | undefined }>();
  const widen = (kpi: KpiDefinition, range: SeriesRange, seen: Set<string>) => {
    if (seen.has(kpi.key)) return;
    seen.add(kpi.key);
    if (kpi.formula) {
      const parsed = parseFormula(kpi.formula);
      for (const key of parsed.ok ? parsed.references : []) {
        const reference = kpisByKey.get(key);
        if (reference) widen(reference, range, seen);
      }
      return;
    }
    const leaf = leaves.get(kpi.id);
    if (!leaf) leaves.set(kpi.id, { kpi, from: range.from, to: range.to });
    else {
      leaf.from =
        leaf.from === undefined || range.from === undefined ? undefined : min(leaf.from, range.from);
      leaf.to = leaf.to === undefined || range.to === undefined ? undefined : max(leaf.to, range.to);
    }
  };
  for (const kpi of kpis) widen(kpi, rangeOf(kpi), new Set());
  const rows = new Map<string, SeriesPoint[]>();
  const periods = new Map<string, string>();
  const all = [...leaves.values()];
  for (let start = 0; start < all.length; start += idsPerQuery) {
    const chunk = all.slice(start, start + idsPerQuery);
    const from = chunk.some((leaf) => leaf.from === undefined)
      ? undefined
      : chunk.map((leaf) => leaf.from ?? '').reduce(min);
    const to = chunk.some((leaf) => leaf.to === undefined)
      ? undefined
      : chunk.map((leaf) => leaf.to ?? '').reduce(max);
    const found = await selectMeasurements(
      executor,
      chunk.map((leaf) => leaf.kpi.id),
      { from, to },
    );
    for (const row of found) {
      // Only what the leaf's own range asks (the query read the union of its chunk's): thousands of KPIs'
      // histories are held at once. Each period string once, not once per KPI.
      const leaf = leaves.get(row.kpi_id);
      if (leaf?.from !== undefined && row.period < leaf.from) continue;
      if (leaf?.to !== undefined && row.period > leaf.to) continue;
      let period = periods.get(row.period);
      if (period === undefined) {
        period = row.period;
        periods.set(period, period);
      }
      const list = rows.get(row.kpi_id) ?? [];
      list.push({ period, value: row.value });
      rows.set(row.kpi_id, list);
    }
  }
  // Rows come ordered by period, so a range is a filter.
  const stored = async (leaf: KpiDefinition, range: SeriesRange) =>
    (rows.get(leaf.id) ?? []).filter(
      (point) =>
        (range.from === undefined || point.period >= range.from) &&
        (range.to === undefined || point.period <= range.to),
    );
  const series = new Map<string, SeriesPoint[]>();
  for (const kpi of kpis)
    series.set(kpi.key, await loadKpiSeries(executor, kpi, kpisByKey, rangeOf(kpi), stored));
  return series;
}

const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

/** Every KPI whose value depends on one of `keys`, through formulas at any depth, the keys included. */
export function dependentKpiKeys(keys: Iterable<string>, kpis: readonly KpiDefinition[]): Set<string> {
  const dependents = new Map<string, string[]>();
  for (const kpi of kpis) {
    if (!kpi.formula) continue;
    const parsed = parseFormula(kpi.formula);
    if (!parsed.ok) continue;
    for (const reference of parsed.references) {
      dependents.set(reference, [...(dependents.get(reference) ?? []), kpi.key]);
    }
  }
  const affected = new Set<string>();
  const pending = [...keys];
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    if (affected.has(key)) continue;
    affected.add(key);
    pending.push(...(dependents.get(key) ?? []));
  }
  return affected;
}

/** These KPIs and, through formulas at any depth, every KPI they read: what their series need, nothing more. */
export async function loadKpisWithReferences(
  executor: Executor,
  workspaceId: string,
  keys: readonly string[],
): Promise<Map<string, KpiRow>> {
  const kpisByKey = new Map<string, KpiRow>();
  const requested = new Set<string>();
  for (let missing = [...new Set(keys)]; missing.length > 0;) {
    for (const key of missing) requested.add(key);
    const loaded = await selectKpisByKeys(executor, workspaceId, missing);
    for (const kpi of loaded) kpisByKey.set(kpi.key, kpi);
    missing = [
      ...new Set(
        loaded.flatMap((kpi) => {
          const parsed = kpi.formula ? parseFormula(kpi.formula) : null;
          return parsed?.ok ? parsed.references : [];
        }),
      ),
    ].filter((key) => !requested.has(key));
  }
  return kpisByKey;
}
