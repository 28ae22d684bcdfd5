import { thresholdStatus } from '../../../kpis/forecast.ts';
import type { Plan, PlanKpi, PlanObservations, PlanReviewCadence } from '../../model.ts';
import { DOCUMENT_LIMITS } from '../limits.ts';
import { titleFrom, type ChapterContext, type ChapterModule } from '../registry.ts';
import type { Block, Cell } from '../types.ts';

/** The targets key results set on each KPI: the furthest one in the KPI's good direction. */
function targetsByKpi(plan: Plan): Map<string, number> {
  const direction = new Map(plan.kpis.map((kpi) => [kpi.key, kpi.direction]));
  const targets = new Map<string, number>();
  for (const goal of plan.goals) {
    for (const keyResult of goal.keyResults) {
      if (!keyResult.kpi || keyResult.target === undefined) continue;
      const current = targets.get(keyResult.kpi);
      const isLower = direction.get(keyResult.kpi) === 'lower';
      if (current === undefined || (isLower ? keyResult.target < current : keyResult.target > current)) {
        targets.set(keyResult.kpi, keyResult.target);
      }
    }
  }
  return targets;
}

function statusOf(
  kpi: PlanKpi,
  observations: PlanObservations | null,
  context: ChapterContext,
): string | null {
  const observed = observations?.kpis[kpi.key];
  const { t } = context;
  if (observed?.status) {
    const label = t(`kpiStatus.${observed.status}` as 'kpiStatus.green');
    return label.startsWith('kpiStatus.') ? observed.status : label;
  }
  if (observed?.lastValue === null || observed?.lastValue === undefined) return null;
  if (kpi.green === undefined || kpi.amber === undefined) return t('kpiStatus.none');
  const status = thresholdStatus(observed.lastValue, {
    green: kpi.green,
    amber: kpi.amber,
    direction: kpi.direction === 'lower' ? 'decrease' : 'increase',
  });
  return t(`kpiStatus.${status}`);
}

function cadenceBlocks(cadence: PlanReviewCadence | undefined, context: ChapterContext): Block[] {
  const { t } = context;
  const blocks: Block[] = [{ kind: 'heading', text: `${context.number}.3 ${t('kpis.cadence')}` }];
  const items = (['checkIns', 'kpiReview', 'performanceReview', 'retrospective'] as const).flatMap(
    (field) => {
      const value = cadence?.[field];
      return value ? [{ label: t(`cadence.${field}`), value: t(`cadence.${value}`) }] : [];
    },
  );
  if (items.length === 0) blocks.push({ kind: 'note', tone: 'warning', text: t('kpis.noCadence') });
  else blocks.push({ kind: 'keyValue', items });
  return blocks;
}

export const kpisChapter: ChapterModule = {
  id: 'kpis',
  order: 50,
  title: titleFrom('chapter.kpis'),
  notPlanned: titleFrom('kpis.empty'),
  build(plan, observations, context) {
    if (plan.kpis.length === 0) return null;
    const { t } = context;
    const targets = targetsByKpi(plan);
    const shown = plan.kpis.slice(0, DOCUMENT_LIMITS.kpiRows);
    const blocks: Block[] = [
      { kind: 'paragraph', text: t('kpis.intro', { count: plan.kpis.length, key: targets.size }) },
      { kind: 'heading', text: `${context.number}.1 ${t('kpis.table')}` },
      {
        kind: 'table',
        caption: null,
        columns: [
          { label: t('kpis.name') },
          { label: t('kpis.unit') },
          { label: t('kpis.direction') },
          { label: t('kpis.target'), align: 'right' },
          { label: t('kpis.green'), align: 'right' },
          { label: t('kpis.amber'), align: 'right' },
          { label: t('kpis.latest'), align: 'right' },
          { label: t('kpis.period') },
          { label: t('kpis.status') },
          { label: t('kpis.owner') },
        ],
        rows: shown.map((kpi): Cell[] => {
          const observed = observations?.kpis[kpi.key];
          return [
            kpi.formula ? `${kpi.name}\n${t('kpis.formula', { formula: kpi.formula })}` : kpi.name,
            kpi.unit ?? null,
            t(kpi.direction === 'lower' ? 'kpis.lower' : 'kpis.higher'),
            targets.get(kpi.key) ?? null,
            kpi.green ?? null,
            kpi.amber ?? null,
            observed?.lastValue ?? null,
            observed?.lastPeriod ?? null,
            statusOf(kpi, observations, context),
            kpi.owner ? context.personName(kpi.owner) : null,
          ];
        }),
      },
    ];
    if (shown.length < plan.kpis.length) {
      blocks.push({
        kind: 'note',
        tone: 'info',
        text: t('work.truncated', { shown: shown.length, total: plan.kpis.length }),
      });
    }

    blocks.push({ kind: 'heading', text: `${context.number}.2 ${t('kpis.charts')}` });
    // Key KPIs are the ones key results are measured on; without any, the first KPIs that have data.
    const keyKpis = [
      ...plan.kpis.filter((kpi) => targets.has(kpi.key)),
      ...plan.kpis.filter(
        (kpi) => !targets.has(kpi.key) && (observations?.kpis[kpi.key]?.series.length ?? 0) > 0,
      ),
    ].slice(0, DOCUMENT_LIMITS.kpiCharts);
    for (const kpi of keyKpis) {
      const series = observations?.kpis[kpi.key]?.series ?? [];
      if (series.length === 0) {
        blocks.push({ kind: 'note', tone: 'info', text: t('kpis.noData', { name: kpi.name }) });
        continue;
      }
      blocks.push({
        kind: 'figure',
        id: context.figureId('kpi'),
        caption: t('kpis.chart', { name: kpi.name }),
        chart: {
          type: 'kpi',
          name: kpi.name,
          unit: kpi.unit ?? null,
          points: series.slice(-DOCUMENT_LIMITS.kpiChartPoints),
          target: targets.get(kpi.key) ?? null,
          legend: { actual: t('kpis.actual'), target: t('kpis.targetLine') },
        },
      });
    }
    blocks.push(...cadenceBlocks(plan.cadence, context));
    return blocks;
  },
};
