import { interpolate } from '../../../i18n/index.ts';
import {
  RACI_MESSAGES,
  raciMatrixWarnings,
  type RaciAssignment,
  type RaciRole,
} from '../../../raci/index.ts';
import type { PlanRaci, PlanTask } from '../../model.ts';
import { DOCUMENT_LIMITS } from '../limits.ts';
import { titleFrom, type ChapterContext, type ChapterModule } from '../registry.ts';
import type { Block, Cell } from '../types.ts';
import { statusLabel, tasksInWbsOrder } from './shared.ts';

const RACI_FIELDS: ReadonlyArray<[keyof PlanRaci, RaciRole]> = [
  ['responsible', 'R'],
  ['accountable', 'A'],
  ['consulted', 'C'],
  ['informed', 'I'],
];

export function raciAssignments(raci: PlanRaci | undefined): RaciAssignment[] {
  if (!raci) return [];
  return RACI_FIELDS.flatMap(([field, role]) => (raci[field] ?? []).map((personId) => ({ personId, role })));
}

function names(context: ChapterContext, emails: readonly string[] | undefined): string {
  return (emails ?? []).map((email) => context.personName(email)).join(', ');
}

/** The WBS; the goal column only when the tasks serve more than one goal (the intro names a single one). */
function wbsTable(
  rows: Array<{ task: PlanTask; code: string }>,
  goalTitle: Map<string, string> | null,
  context: ChapterContext,
): Block {
  const { t } = context;
  return {
    kind: 'table',
    caption: null,
    columns: [
      { label: t('work.code') },
      { label: t('work.task') },
      ...(goalTitle ? [{ label: t('work.goal') }] : []),
      { label: t('work.estimate'), align: 'right' },
      { label: t('work.start') },
      { label: t('work.due') },
      { label: t('work.status') },
      { label: t('work.accountable') },
      { label: t('work.responsible') },
    ],
    rows: rows.map(({ task, code }): Cell[] => [
      code,
      task.milestone ? `${task.title} ${t('work.milestoneMark')}` : task.title,
      ...(goalTitle ? [task.goal ? (goalTitle.get(task.goal) ?? task.goal) : null] : []),
      task.estimateHours ?? null,
      task.start ?? null,
      task.due ?? null,
      statusLabel(t, task.status ?? 'todo'),
      names(context, task.raci?.accountable),
      names(context, task.raci?.responsible),
    ]),
  };
}

/** The matrix split into tables of a few people each, so every table fits the width of a page. */
function raciTables(rows: Array<{ task: PlanTask; code: string }>, context: ChapterContext): Block[] {
  const { t } = context;
  const people: string[] = [];
  for (const { task } of rows) {
    for (const { personId } of raciAssignments(task.raci))
      if (!people.includes(personId)) people.push(personId);
  }
  if (people.length === 0) return [];
  const size = DOCUMENT_LIMITS.raciPeoplePerTable;
  const parts = Math.ceil(people.length / size);
  const blocks: Block[] = [];
  for (let part = 0; part < parts; part += 1) {
    const group = people.slice(part * size, (part + 1) * size);
    blocks.push({
      kind: 'table',
      caption: parts > 1 ? t('work.raciPart', { part: part + 1, parts }) : null,
      columns: [
        { label: t('work.code') },
        { label: t('work.task') },
        ...group.map((email) => ({ label: context.personName(email), align: 'center' as const })),
      ],
      rows: rows.map(({ task, code }) => {
        const assignments = raciAssignments(task.raci);
        return [
          code,
          task.title,
          ...group.map((email) => {
            const roles = assignments.filter((item) => item.personId === email).map((item) => item.role);
            return roles.length > 0 ? roles.join('/') : null;
          }),
        ];
      }),
    });
  }
  return blocks;
}

function raciGaps(ordered: Array<{ task: PlanTask; code: string }>, context: ChapterContext): Block[] {
  const { t, locale } = context;
  const codeOf = new Map(ordered.map(({ task, code }) => [task.key, `${code} ${task.title}`]));
  const warnings = raciMatrixWarnings(
    ordered.map(({ task }) => ({
      id: task.key,
      status: task.status ?? 'todo',
      assignments: raciAssignments(task.raci),
    })),
    { maxAccountablePerPerson: 8 },
  );
  const message = (code: keyof (typeof RACI_MESSAGES)['en'], params: Record<string, string | number>) => {
    const named = { ...params };
    if (typeof params.personId === 'string') named.personId = context.personName(params.personId);
    if (typeof params.personIds === 'string') {
      named.personIds = params.personIds
        .split(', ')
        .map((email) => context.personName(email))
        .join(', ');
    }
    return interpolate(RACI_MESSAGES[locale][code], named);
  };
  // A milestone marks a point, nobody carries it out: like the linter, it needs no R.
  const milestones = new Set(ordered.flatMap(({ task }) => (task.milestone ? [task.key] : [])));
  const tasks = warnings.tasks
    .map(({ taskId, issues }) => ({
      taskId,
      issues: issues.filter((issue) => !(issue.code === 'raci_no_responsible' && milestones.has(taskId))),
    }))
    .filter(({ issues }) => issues.length > 0);
  const blocks: Block[] = [{ kind: 'heading', text: `${context.number}.3 ${t('work.raciGaps')}` }];
  if (tasks.length === 0 && warnings.people.length === 0) {
    blocks.push({ kind: 'note', tone: 'info', text: t('work.raciClean') });
    return blocks;
  }
  const items = tasks.flatMap(({ taskId, issues }) =>
    issues.map((issue) => `${codeOf.get(taskId) ?? taskId}: ${message(issue.code, issue.params)}`),
  );
  blocks.push({ kind: 'list', items: items.slice(0, DOCUMENT_LIMITS.raciGaps) });
  if (items.length > DOCUMENT_LIMITS.raciGaps) {
    blocks.push({
      kind: 'note',
      tone: 'info',
      text: t('work.truncated', { shown: DOCUMENT_LIMITS.raciGaps, total: items.length }),
    });
  }
  if (warnings.people.length > 0) {
    blocks.push({ kind: 'paragraph', text: t('work.raciPeople') });
    blocks.push({
      kind: 'list',
      items: warnings.people.map(({ issue }) => message(issue.code, issue.params)),
    });
  }
  return blocks;
}

export const workChapter: ChapterModule = {
  id: 'work',
  order: 20,
  title: titleFrom('chapter.work'),
  notPlanned: titleFrom('work.empty'),
  build(plan, _observations, context) {
    if (plan.tasks.length === 0) return null;
    const { t } = context;
    const ordered = tasksInWbsOrder(plan.tasks);
    const goalTitle = new Map(plan.goals.map((goal) => [goal.key, goal.title]));
    const servedGoals = new Set(plan.tasks.flatMap((task) => (task.goal ? [task.goal] : [])));
    const [onlyGoal] = servedGoals;
    const isOneGoal = servedGoals.size === 1 && onlyGoal !== undefined;
    const blocks: Block[] = [
      {
        kind: 'paragraph',
        text: t('work.intro', {
          count: plan.tasks.length,
          milestones: plan.tasks.filter((task) => task.milestone).length,
        }),
      },
      ...(isOneGoal
        ? [
            {
              kind: 'paragraph' as const,
              text: t('work.oneGoal', { goal: goalTitle.get(onlyGoal) ?? onlyGoal }),
            },
          ]
        : []),
      { kind: 'heading', text: `${context.number}.1 ${t('work.wbs')}` },
    ];
    const wbsRows = ordered.slice(0, DOCUMENT_LIMITS.wbsRows);
    blocks.push(wbsTable(wbsRows, isOneGoal ? null : goalTitle, context));
    if (wbsRows.length < ordered.length) {
      blocks.push({
        kind: 'note',
        tone: 'info',
        text: t('work.truncated', { shown: wbsRows.length, total: ordered.length }),
      });
    }
    blocks.push({ kind: 'heading', text: `${context.number}.2 ${t('work.raci')}` });
    blocks.push({ kind: 'paragraph', text: t('work.raciLegend') });
    const work = ordered.filter(({ task }) => !task.milestone);
    const raciRows = work.slice(0, DOCUMENT_LIMITS.raciRows);
    blocks.push(...raciTables(raciRows, context));
    if (raciRows.length < work.length) {
      blocks.push({
        kind: 'note',
        tone: 'info',
        text: t('work.truncated', { shown: raciRows.length, total: work.length }),
      });
    }
    blocks.push(...raciGaps(ordered, context));
    return blocks;
  },
};
