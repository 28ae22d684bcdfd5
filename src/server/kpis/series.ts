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
): Promise<SeriesPoint[]> {
  if (!kpi.formula) {
    const rows = await selectMeasurements(executor, [kpi.id], range);
    return rows.map((row) => ({ period: row.period, value: row.value }));
  }
  const parsed = parseFormula(kpi.formula);
  if (!parsed.ok) return [];
  const seriesByKey: Record<string, Map<string, number>> = {};
  for (const key of parsed.references) {
    const reference = kpisByKey.get(key);
    if (!reference) return [];
    const points = await loadKpiSeries(executor, reference, kpisByKey, range);
    const bucketed = bucketSeries(
      points.map((point) => ({ date: point.period, value: point.value })),
      kpi.frequency as Frequency,
      reference.aggregation as Aggregation,
    );
    seriesByKey[key] = new Map(bucketed.map((point) => [point.period, point.value]));
  }
  return [...computeFormulaSeries(parsed.ast, seriesByKey)].map(([period, value]) => ({ period, value }));
}

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
