import type { Criterion } from '../../../smart/index.ts';
import type { Plan, PlanGoal, PlanObservations } from '../../model.ts';
import { goalSmart } from '../../smart.ts';
import { DOCUMENT_LIMITS } from '../limits.ts';
import { titleFrom, type ChapterContext, type ChapterModule } from '../registry.ts';
import type { Block, Cell } from '../types.ts';
import { goalsInTreeOrder, healthLabel, plainFromMarkdown, statusLabel } from './shared.ts';

const CRITERIA: readonly Criterion[] = ['specific', 'measurable', 'achievable', 'relevant', 'timeBound'];

function keyResultRows(
  plan: Plan,
  goal: PlanGoal,
  observations: PlanObservations | null,
  context: ChapterContext,
) {
  const { t } = context;
  return goal.keyResults.map((keyResult): Cell[] => {
    const kpi = keyResult.kpi ? plan.kpis.find((candidate) => candidate.key === keyResult.kpi) : undefined;
    const latest = keyResult.kpi ? (observations?.kpis[keyResult.kpi]?.lastValue ?? null) : null;
    const measure = kpi
      ? `${kpi.name}${kpi.unit ? ` (${kpi.unit})` : ''}`
      : keyResult.kpi
        ? keyResult.kpi
        : `${t('kr.deliverable')}: ${keyResult.done ? t('kr.done') : t('kr.open')}`;
    return [
      keyResult.title,
      measure,
      keyResult.baseline ?? null,
      keyResult.target ?? null,
      latest,
      keyResult.weight ?? null,
    ];
  });
}

function goalBlocks(
  plan: Plan,
  goal: PlanGoal,
  number: string,
  observations: PlanObservations | null,
  context: ChapterContext,
): Block[] {
  const { t } = context;
  const observed = observations?.goals[goal.key];
  const parent = goal.parent ? plan.goals.find((candidate) => candidate.key === goal.parent) : undefined;
  const facts = [
    { label: t('goals.owner'), value: context.personName(goal.owner) },
    { label: t('goals.period'), value: `${goal.start} ~ ${goal.due}` },
    { label: t('goals.status'), value: statusLabel(t, goal.status ?? 'active') },
  ];
  if (parent) facts.push({ label: t('goals.parent'), value: parent.title });
  if (observed) {
    facts.push({ label: t('goals.progress'), value: `${Math.round(observed.progress * 100)}%` });
    facts.push({
      label: t('goals.health'),
      value: `${healthLabel(t, observed.health)}${observed.healthReason ? ` — ${observed.healthReason}` : ''}`,
    });
  }
  const smart = goalSmart(plan, goal, observations, context);
  const blocks: Block[] = [{ kind: 'heading', text: `${number} ${goal.title}` }];
  if (goal.description) blocks.push({ kind: 'paragraph', text: plainFromMarkdown(goal.description) });
  blocks.push({ kind: 'keyValue', items: facts });
  blocks.push({
    kind: 'table',
    caption: t('goals.smart', { score: smart.score }),
    columns: [{ label: t('goals.criterion') }, { label: t('goals.verdict') }, { label: t('goals.reason') }],
    rows: CRITERIA.map((criterion) => {
      const result = smart.criteria[criterion];
      const reason = result.suggestion ? `${result.reason} ${result.suggestion}` : result.reason;
      return [t(`smart.${criterion}`), t(`verdict.${result.status}`), reason];
    }),
  });
  if (goal.keyResults.length === 0) {
    blocks.push({ kind: 'note', tone: 'warning', text: t('goals.noKeyResults') });
  } else {
    blocks.push({
      kind: 'table',
      caption: t('goals.keyResults'),
      columns: [
        { label: t('kr.title') },
        { label: t('kr.kpi') },
        { label: t('kr.baseline'), align: 'right' },
        { label: t('kr.target'), align: 'right' },
        { label: t('kr.latest'), align: 'right' },
        { label: t('kr.weight'), align: 'right' },
      ],
      rows: keyResultRows(plan, goal, observations, context),
    });
  }
  return blocks;
}

export const goalsChapter: ChapterModule = {
  id: 'goals',
  order: 10,
  title: titleFrom('chapter.goals'),
  notPlanned: (locale) => titleFrom('goals.empty')(locale),
  build(plan, observations, context) {
    if (plan.goals.length === 0) return null;
    const { t } = context;
    const ordered = goalsInTreeOrder(plan.goals);
    const blocks: Block[] = [{ kind: 'paragraph', text: t('goals.intro', { count: plan.goals.length }) }];
    if (ordered.length > DOCUMENT_LIMITS.goalsInDetail) {
      // Many goals: one overview row each, then the top of the tree in detail.
      const shown = ordered.slice(0, DOCUMENT_LIMITS.goalsInOverview);
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: t('kr.title') },
          { label: t('goals.owner') },
          { label: t('goals.period') },
          { label: t('goals.progress'), align: 'right' },
          { label: t('goals.health') },
        ],
        rows: shown.map(({ goal, depth }) => {
          const observed = observations?.goals[goal.key];
          return [
            `${'  '.repeat(depth)}${goal.title}`,
            context.personName(goal.owner),
            `${goal.start} ~ ${goal.due}`,
            observed ? `${Math.round(observed.progress * 100)}%` : null,
            observed ? healthLabel(t, observed.health) : null,
          ];
        }),
      });
      if (shown.length < ordered.length) {
        blocks.push({
          kind: 'note',
          tone: 'info',
          text: t('work.truncated', { shown: shown.length, total: ordered.length }),
        });
      }
    }
    const detailed = ordered.slice(0, DOCUMENT_LIMITS.goalsInDetail);
    detailed.forEach(({ goal }, index) => {
      blocks.push(...goalBlocks(plan, goal, `${context.number}.${index + 1}`, observations, context));
    });
    if (detailed.length < ordered.length) {
      blocks.push({
        kind: 'note',
        tone: 'info',
        text: t('work.truncated', { shown: detailed.length, total: ordered.length }),
      });
    }
    return blocks;
  },
};
