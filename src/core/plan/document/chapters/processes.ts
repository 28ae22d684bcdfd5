import type { PlanProcess, PlanObservations } from '../../model.ts';
import { DOCUMENT_LIMITS } from '../limits.ts';
import { titleFrom, type ChapterContext, type ChapterModule } from '../registry.ts';
import type { Block, FlowEdge, FlowNode } from '../types.ts';

function hours(context: ChapterContext, value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return context.t('hours', { value: Math.round(value * 10) / 10 });
}

function flowOf(process: PlanProcess, bottleneck: string | null, context: ChapterContext) {
  const nodes: FlowNode[] = process.steps.map((step) => {
    const parts = [
      step.owner ? context.ownerLabel(step.owner) : null,
      step.slaHours ? `SLA ${hours(context, step.slaHours)}` : null,
    ];
    const detail = parts.filter((part): part is string => part !== null).join(' · ');
    return {
      id: step.key,
      label: step.name,
      kind: step.kind,
      detail: detail || null,
      isBottleneck: step.key === bottleneck,
    };
  });
  const keys = new Set(process.steps.map((step) => step.key));
  const edges: FlowEdge[] = process.steps.flatMap((step) =>
    (step.outcomes ?? [])
      .filter((outcome) => keys.has(outcome.next))
      .map((outcome) => ({
        from: step.key,
        to: outcome.next,
        // A single way on needs no label; a decision names its branches.
        label: (step.outcomes ?? []).length > 1 ? outcome.label : null,
      })),
  );
  return { nodes, edges };
}

function processBlocks(
  process: PlanProcess,
  index: number,
  observations: PlanObservations | null,
  context: ChapterContext,
): Block[] {
  const { t } = context;
  const measured = observations?.processes[process.key];
  const stepName = new Map(process.steps.map((step) => [step.key, step.name]));
  const blocks: Block[] = [{ kind: 'heading', text: `${context.number}.${index + 1} ${process.name}` }];
  if (process.description) blocks.push({ kind: 'paragraph', text: process.description });
  if (process.owner) {
    blocks.push({
      kind: 'keyValue',
      items: [{ label: t('processes.owner'), value: context.ownerLabel(process.owner) }],
    });
  }
  // A start or end with an owner or an SLA is work too (接单 starts the order flow): it has its row.
  const working = process.steps.filter(
    (step) => (step.kind !== 'start' && step.kind !== 'end') || step.owner || step.slaHours,
  );
  blocks.push({
    kind: 'table',
    caption: null,
    columns: [
      { label: '#', align: 'right' },
      { label: t('processes.step') },
      { label: t('processes.kind') },
      { label: t('processes.stepOwner') },
      { label: t('processes.sla'), align: 'right' },
      { label: t('processes.checklist') },
    ],
    rows: working.map((step, position) => [
      position + 1,
      step.description ? `${step.name}: ${step.description}` : step.name,
      t(`kind.${step.kind}`),
      step.owner ? context.ownerLabel(step.owner) : null,
      hours(context, step.slaHours),
      (step.checklist ?? []).join('; ') || null,
    ]),
  });
  const bottleneck = measured?.bottleneck?.step ?? null;
  blocks.push({
    kind: 'figure',
    id: context.figureId('flow'),
    caption: t('processes.flow', { name: process.name }),
    chart: { type: 'flow', ...flowOf(process, bottleneck, context) },
  });
  if (!measured || measured.cases === 0) {
    blocks.push({ kind: 'note', tone: 'info', text: t('processes.noCases') });
    return blocks;
  }
  blocks.push({ kind: 'paragraph', text: t('processes.measured') });
  blocks.push({
    kind: 'paragraph',
    text: t('processes.cases', {
      count: measured.cases,
      lead: hours(context, measured.medianLeadHours) ?? t('none'),
    }),
  });
  blocks.push(
    measured.bottleneck
      ? {
          kind: 'note',
          tone: 'warning',
          text: t('processes.bottleneck', {
            step: stepName.get(measured.bottleneck.step) ?? measured.bottleneck.step,
            reason: measured.bottleneck.reason,
          }),
        }
      : { kind: 'note', tone: 'info', text: t('processes.noBottleneck') },
  );
  if (measured.steps.length > 0) {
    blocks.push({
      kind: 'table',
      caption: null,
      columns: [
        { label: t('processes.step') },
        { label: t('processes.wait'), align: 'right' },
        { label: t('processes.work'), align: 'right' },
        { label: t('processes.breach'), align: 'right' },
      ],
      rows: measured.steps.map((step) => [
        stepName.get(step.step) ?? step.step,
        hours(context, step.medianWaitHours),
        hours(context, step.medianWorkHours),
        step.breachRate === null ? null : `${Math.round(step.breachRate * 100)}%`,
      ]),
      highlightRows: measured.steps.flatMap((step, position) => (step.step === bottleneck ? [position] : [])),
    });
  }
  return blocks;
}

export const processesChapter: ChapterModule = {
  id: 'processes',
  order: 40,
  title: titleFrom('chapter.processes'),
  notPlanned: titleFrom('processes.empty'),
  build(plan, observations, context) {
    if (plan.processes.length === 0) return null;
    const shown = plan.processes.slice(0, DOCUMENT_LIMITS.processes);
    const blocks: Block[] = [
      { kind: 'paragraph', text: context.t('processes.intro', { count: plan.processes.length }) },
    ];
    shown.forEach((process, index) => blocks.push(...processBlocks(process, index, observations, context)));
    if (shown.length < plan.processes.length) {
      blocks.push({
        kind: 'note',
        tone: 'info',
        text: context.t('work.truncated', { shown: shown.length, total: plan.processes.length }),
      });
    }
    return blocks;
  },
};
