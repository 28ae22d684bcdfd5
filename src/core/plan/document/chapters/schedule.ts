import { interpolate } from '../../../i18n/index.ts';
import { DEFAULT_CALENDAR, workingDaysBetween } from '../../../schedule/calendar.ts';
import { SCHEDULE_MESSAGES, scheduleTasks, type ScheduledTask } from '../../../schedule/cpm.ts';
import { describeRule, type RuleWords } from '../../../tasks/rrule.ts';
import type { Plan } from '../../model.ts';
import type { Translate } from '../labels.ts';
import { DOCUMENT_LIMITS } from '../limits.ts';
import { titleFrom, type ChapterContext, type ChapterModule } from '../registry.ts';
import type { Block, TimelineItem } from '../types.ts';
import { tasksInWbsOrder } from './shared.ts';

const HOURS_PER_DAY = 8;

/**
 * The critical path method over the plan's tasks, the way the workspace's timeline computes it: duration from a
 * task's own start and due days when both are set, else from its estimate at 8 hours a working day; a task that
 * waits for others is scheduled by them.
 */
export function schedulePlan(plan: Plan, today: string) {
  const keys = new Set(plan.tasks.map((task) => task.key));
  const dependencies = plan.tasks.flatMap((task) =>
    (task.dependsOn ?? [])
      .filter((dependency) => keys.has(dependency.task))
      .map((dependency) => ({ from: dependency.task, to: task.key, lagDays: dependency.lagDays ?? 0 })),
  );
  const hasPredecessor = new Set(dependencies.map((dependency) => dependency.to));
  const starts = plan.tasks.flatMap((task) => (task.start ? [task.start] : [])).sort();
  const goalStarts = plan.goals.map((goal) => goal.start).sort();
  const projectStart = starts[0] ?? goalStarts[0] ?? today;
  const calendar = DEFAULT_CALENDAR;
  return scheduleTasks({
    projectStart,
    calendar,
    tasks: plan.tasks.map((task) => ({
      id: task.key,
      durationDays: task.milestone
        ? 0
        : task.start && task.due
          ? Math.max(1, workingDaysBetween(task.start, task.due, calendar))
          : Math.max(1, Math.ceil((task.estimateHours ?? HOURS_PER_DAY) / HOURS_PER_DAY)),
      start: hasPredecessor.has(task.key) ? null : (task.start ?? null),
      due: task.due ?? null,
      bufferDays: task.bufferDays ?? 0,
    })),
    dependencies,
  });
}

/** Milestones, the critical path and the top level first: what a reader needs from a long timeline. */
/** A routine's RRULE as a reader says it ("每个工作日", "Every week on Fri"); an unusual rule as written. */
function ruleInWords(rule: string, t: Translate): string {
  const words: RuleWords = {
    daily: t('routines.rule.daily'),
    workdays: t('routines.rule.workdays'),
    weekly: (days) => t('routines.rule.weekly', { days }),
    everyWeeks: (count, days) => t('routines.rule.everyWeeks', { count, days }),
    monthly: (day) => t('routines.rule.monthly', { day }),
    lastDay: t('routines.rule.lastDay'),
    custom: (custom) => custom,
    weekday: (day) => t(`routines.weekday.${day}`),
    separator: t('routines.rule.separator'),
  };
  return describeRule(rule, words);
}

function timelineItems(plan: Plan, scheduled: Map<string, ScheduledTask>, criticalPath: readonly string[]) {
  const critical = new Set(criticalPath);
  const ordered = tasksInWbsOrder(plan.tasks);
  const isChosen = ({ task }: (typeof ordered)[number]) =>
    !!task.milestone || critical.has(task.key) || !task.parent;
  const shown = new Set(
    [...ordered.filter(isChosen), ...ordered.filter((entry) => !isChosen(entry))].slice(
      0,
      DOCUMENT_LIMITS.timelineItems,
    ),
  );
  const inWbsOrder = ordered.filter((entry) => shown.has(entry));
  const items: TimelineItem[] = inWbsOrder.flatMap(({ task, code }) => {
    const dates = scheduled.get(task.key);
    if (!dates) return [];
    return [
      {
        label: `${code} ${task.title}`,
        start: dates.earlyStart,
        finish: dates.earlyFinish,
        isMilestone: dates.isMilestone,
        isCritical: critical.has(task.key),
      },
    ];
  });
  return { items, total: ordered.length };
}

export const scheduleChapter: ChapterModule = {
  id: 'schedule',
  order: 30,
  title: titleFrom('chapter.schedule'),
  notPlanned: titleFrom('schedule.empty'),
  build(plan, _observations, context: ChapterContext) {
    if (plan.tasks.length === 0) return null;
    const { t, locale } = context;
    let result: ReturnType<typeof schedulePlan>;
    try {
      result = schedulePlan(plan, context.today);
    } catch (error) {
      return [
        { kind: 'note', tone: 'warning', text: t('schedule.error', { message: (error as Error).message }) },
      ];
    }
    if (!result.ok) {
      const message = interpolate(SCHEDULE_MESSAGES[locale][result.error.code], result.error.params);
      return [{ kind: 'note', tone: 'warning', text: t('schedule.error', { message }) }];
    }
    const scheduled = new Map(result.tasks.map((task) => [task.id, task]));
    const title = new Map(plan.tasks.map((task) => [task.key, task.title]));
    const codes = new Map(tasksInWbsOrder(plan.tasks).map(({ task, code }) => [task.key, code]));
    const label = (key: string) => `${codes.get(key) ?? ''} ${title.get(key) ?? key}`.trim();
    const start = result.tasks.map((task) => task.earlyStart).sort()[0] ?? context.today;
    const blocks: Block[] = [
      { kind: 'paragraph', text: t('schedule.intro', { start, finish: result.projectFinish }) },
      { kind: 'heading', text: `${context.number}.1 ${t('schedule.milestones')}` },
    ];

    const milestones = plan.tasks.filter((task) => task.milestone);
    if (milestones.length === 0) {
      blocks.push({ kind: 'note', tone: 'warning', text: t('schedule.noMilestones') });
    } else {
      const shown = milestones.slice(0, DOCUMENT_LIMITS.milestones);
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: t('schedule.milestone') },
          { label: t('schedule.planned') },
          { label: t('schedule.earliest') },
          { label: t('schedule.slack'), align: 'right' },
        ],
        rows: shown.map((task) => {
          const dates = scheduled.get(task.key);
          return [label(task.key), task.due ?? null, dates?.earlyFinish ?? null, dates?.totalSlack ?? null];
        }),
        highlightRows: shown.flatMap((task, index) => (scheduled.get(task.key)?.isCritical ? [index] : [])),
      });
    }

    blocks.push({ kind: 'heading', text: `${context.number}.2 ${t('schedule.critical')}` });
    blocks.push({ kind: 'paragraph', text: t('schedule.criticalIntro') });
    blocks.push({
      kind: 'table',
      caption: null,
      columns: [
        { label: t('work.task') },
        { label: t('work.start') },
        { label: t('schedule.earliest') },
        { label: t('schedule.slack'), align: 'right' },
      ],
      rows: result.criticalPath.map((key) => {
        const dates = scheduled.get(key);
        return [label(key), dates?.earlyStart ?? null, dates?.earlyFinish ?? null, dates?.totalSlack ?? null];
      }),
    });

    blocks.push({ kind: 'heading', text: `${context.number}.3 ${t('schedule.buffers')}` });
    const buffered = plan.tasks.filter((task) => (task.bufferDays ?? 0) > 0);
    if (buffered.length === 0) blocks.push({ kind: 'note', tone: 'info', text: t('schedule.noBuffers') });
    else {
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: t('work.task') },
          { label: t('schedule.buffer'), align: 'right' },
          { label: t('work.start') },
        ],
        rows: buffered.map((task) => [
          label(task.key),
          task.bufferDays ?? 0,
          scheduled.get(task.key)?.earlyStart ?? null,
        ]),
      });
    }

    if (plan.routines.length > 0) {
      blocks.push({ kind: 'heading', text: `${context.number}.4 ${t('routines.title')}` });
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: t('work.task') },
          { label: t('routines.rule') },
          { label: t('routines.startsOn') },
          { label: t('work.accountable') },
          { label: t('work.estimate'), align: 'right' },
        ],
        rows: plan.routines.map((routine) => [
          routine.title,
          ruleInWords(routine.rule, t),
          routine.startsOn,
          (routine.raci?.accountable ?? []).map((email) => context.personName(email)).join(', ') || null,
          routine.estimateHours ?? null,
        ]),
      });
    }
    const timelineNumber = plan.routines.length > 0 ? 5 : 4;
    blocks.push({ kind: 'heading', text: `${context.number}.${timelineNumber} ${t('schedule.timeline')}` });
    const { items, total } = timelineItems(plan, scheduled, result.criticalPath);
    blocks.push({
      kind: 'figure',
      id: context.figureId('timeline'),
      caption: t('schedule.timeline'),
      chart: {
        type: 'timeline',
        items,
        legend: {
          task: t('schedule.legend.task'),
          critical: t('schedule.legend.critical'),
          milestone: t('schedule.legend.milestone'),
        },
      },
    });
    if (items.length < total) {
      blocks.push({
        kind: 'note',
        tone: 'info',
        text: t('schedule.timelineTruncated', { shown: items.length, total }),
      });
    }
    return blocks;
  },
};
