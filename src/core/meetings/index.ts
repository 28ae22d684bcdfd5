import { interpolate, type Locale } from '../i18n/index.ts';
import { checkRecurrence, nextOccurrence, type Recurrence } from '../tasks/recurrence.ts';
import type { EmailSection } from '../notifications/email.ts';

/** Where an agenda item came from: read from live data, carried over as an open action, or written. */
export const AGENDA_SOURCES = ['live', 'carried', 'manual'] as const;
export type AgendaSource = (typeof AGENDA_SOURCES)[number];

/** What an agenda item is about. */
export const AGENDA_KINDS = ['goal', 'kpi', 'task', 'sla', 'bottleneck', 'action', 'topic'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export type AgendaItem = {
  id: string;
  kind: AgendaKind;
  source: AgendaSource;
  title: string;
  detail: string | null;
  /** Path of the object in the web app, or null for a free topic. */
  link: string | null;
};

/** Longest minutes accepted, in characters. */
export const MAX_MINUTES_LENGTH = 50_000;
/** Most agenda items, decisions and attendees one meeting holds. */
export const MAX_AGENDA_ITEMS = 100;
export const MAX_DECISIONS = 100;
export const MAX_ATTENDEES = 100;
/** How many items of one kind "build the agenda" takes, worst first. */
export const LIVE_ITEMS_PER_KIND = 10;

/** Live facts the agenda is built from; the server reads them, this module only words and links them. */
export type AgendaFacts = {
  offTrackGoals: readonly { id: string; title: string; reason: string | null }[];
  redKpis: readonly { key: string; name: string; value: string | null; period: string | null }[];
  overdueTasks: readonly { id: string; title: string; dueDate: string; owner: string | null }[];
  breachedSteps: readonly { runId: string; process: string; subject: string; step: string }[];
  bottlenecks: readonly { processId: string; process: string; step: string; reason: string }[];
  openActions: readonly { taskId: string; title: string; owner: string | null; dueDate: string }[];
};

const WORDS = {
  goal: { en: 'Goal off track: {title}', 'zh-CN': '目标偏离：{title}' },
  kpi: { en: 'KPI red: {name}', 'zh-CN': '指标变红：{name}' },
  kpiDetail: { en: '{value} in {period}', 'zh-CN': '{period}：{value}' },
  task: { en: 'Overdue: {title}', 'zh-CN': '逾期任务：{title}' },
  taskDetail: { en: 'due {dueDate} · {owner}', 'zh-CN': '截止 {dueDate} · {owner}' },
  sla: { en: 'SLA breached: {process} · {step}', 'zh-CN': '超时：{process} · {step}' },
  bottleneck: { en: 'Bottleneck: {process} · {step}', 'zh-CN': '瓶颈：{process} · {step}' },
  action: { en: 'Open action: {title}', 'zh-CN': '未完成的行动项：{title}' },
  nobody: { en: 'no owner', 'zh-CN': '无负责人' },
} as const;

function say(key: keyof typeof WORDS, locale: Locale, params: Record<string, unknown>): string {
  return interpolate(WORDS[key][locale], params);
}

/**
 * The agenda "build the agenda" proposes, in the meeting's language: open actions carried from last time
 * first, then off-track goals, red KPIs, overdue tasks, breached SLAs and bottleneck steps, each linked.
 * `base` is the workspace's path (`/w/ID`); `newId` names each item.
 */
export function buildAgenda(
  facts: AgendaFacts,
  options: { base: string; locale: Locale; newId: () => string },
): AgendaItem[] {
  const { base, locale, newId } = options;
  const owner = (name: string | null) => name ?? say('nobody', locale, {});
  const take = <T>(list: readonly T[]) => list.slice(0, LIVE_ITEMS_PER_KIND);
  // An open action that is also overdue is discussed once, as the action.
  const carried = new Set(facts.openActions.map((action) => action.taskId));
  return [
    ...take(facts.openActions).map((action): AgendaItem => ({
      id: newId(),
      kind: 'action',
      source: 'carried',
      title: say('action', locale, action),
      detail: say('taskDetail', locale, { dueDate: action.dueDate, owner: owner(action.owner) }),
      link: `${base}/tasks?task=${action.taskId}`,
    })),
    ...take(facts.offTrackGoals).map((goal): AgendaItem => ({
      id: newId(),
      kind: 'goal',
      source: 'live',
      title: say('goal', locale, goal),
      detail: goal.reason,
      link: `${base}/goals/${goal.id}`,
    })),
    ...take(facts.redKpis).map((kpi): AgendaItem => ({
      id: newId(),
      kind: 'kpi',
      source: 'live',
      title: say('kpi', locale, kpi),
      detail: kpi.value !== null && kpi.period ? say('kpiDetail', locale, kpi) : null,
      link: `${base}/kpis/${encodeURIComponent(kpi.key)}`,
    })),
    ...take(facts.overdueTasks.filter((task) => !carried.has(task.id))).map((task): AgendaItem => ({
      id: newId(),
      kind: 'task',
      source: 'live',
      title: say('task', locale, task),
      detail: say('taskDetail', locale, { dueDate: task.dueDate, owner: owner(task.owner) }),
      link: `${base}/tasks?task=${task.id}`,
    })),
    ...take(facts.breachedSteps).map((step): AgendaItem => ({
      id: newId(),
      kind: 'sla',
      source: 'live',
      title: say('sla', locale, step),
      detail: step.subject,
      link: `${base}/runs/${step.runId}`,
    })),
    ...take(facts.bottlenecks).map((bottleneck): AgendaItem => ({
      id: newId(),
      kind: 'bottleneck',
      source: 'live',
      title: say('bottleneck', locale, bottleneck),
      detail: bottleneck.reason,
      link: `${base}/processes/${bottleneck.processId}`,
    })),
  ];
}

/**
 * A rebuilt agenda: what the team wrote themselves stays, in place; items read from live data and carried
 * actions are replaced by the fresh ones, which come first.
 */
export function mergeAgenda(current: readonly AgendaItem[], fresh: readonly AgendaItem[]): AgendaItem[] {
  return [...fresh, ...current.filter((item) => item.source === 'manual')];
}

/** Null when the series' rule is usable, else what is wrong with it (the routines' rule check). */
export function checkSeriesRule(recurrence: Recurrence): string | null {
  return checkRecurrence(recurrence);
}

/** The series' next meeting day strictly after `after` (or on/after its start when there was none). */
export function nextMeetingDay(recurrence: Recurrence, after: string | null): string | null {
  if (after === null) return nextOccurrence(recurrence, recurrence.startsOn);
  const next = new Date(`${after}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const from = next.toISOString().slice(0, 10);
  return nextOccurrence(recurrence, from < recurrence.startsOn ? recurrence.startsOn : from);
}

/** How long before a meeting starts the scheduler builds its agenda and sends it, unless its series says otherwise. */
export const AGENDA_LEAD_HOURS = 24;
/** The longest lead a series may choose: a week. */
export const MAX_AGENDA_LEAD_HOURS = 168;

/**
 * A meeting's start as an instant and when its agenda is due: `AGENDA_LEAD_HOURS` before. The date and time are
 * wall time in the team's zone; `toInstant` turns wall milliseconds (Date.UTC of the wall time) into an instant.
 */
export function agendaTimes(
  meeting: { date: string; startTime: string },
  toInstant: (wallMs: number) => number,
  leadHours = AGENDA_LEAD_HOURS,
): { start: number; sendAt: number } {
  const [hour = 0, minute = 0] = meeting.startTime.split(':').map(Number);
  const [year = 1970, month = 1, day = 1] = meeting.date.split('-').map(Number);
  const start = toInstant(Date.UTC(year, month - 1, day, hour, minute));
  return { start, sendAt: start - leadHours * 3_600_000 };
}

/**
 * Whether the scheduler sends a meeting's agenda now: planned, not sent yet (by hand or before), someone to tell,
 * and inside the lead window before its start (a meeting already begun is left alone).
 */
export function isAgendaDue(
  meeting: {
    date: string;
    startTime: string;
    status: string;
    agendaSentAt: number | null;
    attendees: number;
  },
  now: number,
  toInstant: (wallMs: number) => number,
  leadHours = AGENDA_LEAD_HOURS,
): boolean {
  if (meeting.status !== 'planned' || meeting.agendaSentAt !== null || meeting.attendees === 0) return false;
  const { start, sendAt } = agendaTimes(meeting, toInstant, leadHours);
  return now >= sendAt && now < start;
}

/**
 * The series' next meeting the scheduler should make so its agenda can go out: the first day of the rule from
 * today on (days missed while nobody held the series are not made up), after the latest meeting, and only once no
 * meeting of the series lies ahead. Null when nothing is to be made.
 */
export function upcomingSeriesDay(
  recurrence: Recurrence,
  latest: string | null,
  today: string,
): string | null {
  if (latest !== null && latest >= today) return null;
  const yesterday = new Date(`${today}T00:00:00Z`);
  yesterday.setUTCDate(yesterday.getUTCDate() - 1);
  const floor = yesterday.toISOString().slice(0, 10);
  return nextMeetingDay(recurrence, latest !== null && latest > floor ? latest : floor);
}

/** Task statuses that close an action item. */
export function isActionOpen(taskStatus: string | null): boolean {
  return taskStatus !== 'done' && taskStatus !== 'cancelled' && taskStatus !== null;
}

export type MinutesInput = {
  title: string;
  date: string;
  startTime: string;
  attendees: readonly string[];
  agenda: readonly AgendaItem[];
  minutes: string;
  decisions: readonly string[];
  actions: readonly { title: string; owner: string | null; dueDate: string; status: string | null }[];
};

const MINUTES_LABELS = {
  en: {
    when: 'When',
    attendees: 'Attendees',
    agenda: 'Agenda',
    minutes: 'Minutes',
    decisions: 'Decisions',
    actions: 'Action items',
    owner: 'Owner',
    due: 'Due',
    status: 'Status',
    none: 'None',
    nobody: 'no owner',
    statuses: {
      todo: 'to do',
      in_progress: 'in progress',
      blocked: 'blocked',
      done: 'done',
      cancelled: 'cancelled',
    } as Record<string, string>,
  },
  'zh-CN': {
    when: '时间',
    attendees: '参会人',
    agenda: '议程',
    minutes: '纪要',
    decisions: '决定',
    actions: '行动项',
    owner: '负责人',
    due: '截止',
    status: '状态',
    none: '无',
    nobody: '无负责人',
    statuses: {
      todo: '待办',
      in_progress: '进行中',
      blocked: '受阻',
      done: '已完成',
      cancelled: '已取消',
    } as Record<string, string>,
  },
};

/** Labels of the minutes' sections in a language, shared by the Markdown and DOCX exports. */
export function minutesLabels(locale: Locale) {
  return MINUTES_LABELS[locale];
}

/** Table cells are one line: a pipe or line break in a title would break the Markdown table. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The meeting's minutes as one Markdown file: when, who, agenda, minutes, decisions and action items. */
export function minutesMarkdown(input: MinutesInput, locale: Locale): string {
  const words = MINUTES_LABELS[locale];
  const lines = [
    `# ${input.title}`,
    '',
    `- ${words.when}: ${input.date} ${input.startTime}`,
    `- ${words.attendees}: ${input.attendees.length > 0 ? input.attendees.join(', ') : words.none}`,
    '',
    `## ${words.agenda}`,
    '',
    ...(input.agenda.length > 0
      ? input.agenda.map(
          (item, index) =>
            `${index + 1}. ${item.title}${item.detail ? ` (${item.detail.replace(/\n/g, ' ')})` : ''}`,
        )
      : [words.none]),
    '',
    `## ${words.minutes}`,
    '',
    input.minutes.trim() || words.none,
    '',
    `## ${words.decisions}`,
    '',
    ...(input.decisions.length > 0 ? input.decisions.map((decision) => `- ${decision}`) : [words.none]),
    '',
    `## ${words.actions}`,
    '',
  ];
  if (input.actions.length === 0) {
    lines.push(words.none);
  } else {
    lines.push(
      `| # | ${words.actions} | ${words.owner} | ${words.due} | ${words.status} |`,
      '|---|---|---|---|---|',
    );
    input.actions.forEach((action, index) => {
      const status = action.status ? (words.statuses[action.status] ?? action.status) : '—';
      lines.push(
        `| ${index + 1} | ${cell(action.title)} | ${cell(action.owner ?? words.nobody)} | ${action.dueDate} | ${status} |`,
      );
    });
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The body of the e-mail that sends a meeting's agenda (before it) or its minutes (after it), in the recipient's
 * language: the agenda items, linked to their objects; or the minutes, decisions and action items with owner and
 * due day. `absolute` turns an app path into a link.
 */
export function meetingEmailSections(
  kind: 'agenda' | 'minutes',
  input: MinutesInput,
  locale: Locale,
  absolute: (path: string) => string,
): EmailSection[] {
  const words = MINUTES_LABELS[locale];
  const agenda: EmailSection = {
    heading: words.agenda,
    ordered: true,
    empty: words.none,
    items: input.agenda.map((item) => ({
      text: item.title,
      detail: item.detail,
      url: item.link ? absolute(item.link) : null,
    })),
  };
  if (kind === 'agenda') return [agenda];
  return [
    { heading: words.minutes, markdown: input.minutes, empty: words.none },
    { heading: words.decisions, empty: words.none, items: input.decisions.map((text) => ({ text })) },
    {
      heading: words.actions,
      empty: words.none,
      items: input.actions.map((action) => ({
        text: action.title,
        detail: `${words.owner}: ${action.owner ?? words.nobody} · ${words.due}: ${action.dueDate}`,
      })),
    },
  ];
}
