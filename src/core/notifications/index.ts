import { interpolate, type Locale } from '../i18n/index.ts';
import { isPeriodStart, periodStart, type Frequency } from '../kpis/periods.ts';
import { addDays } from '../days/index.ts';

/** Why a person is told: they must act, they are consulted, they are kept informed, they own it, or named. */
export type Reason = 'act' | 'asked' | 'informed' | 'owner' | 'mentioned';

/** Channels a person chooses for themself; chat groups are chosen per workspace by routing rules. */
export const PERSONAL_CHANNELS = ['in_app', 'email'] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

type EventDefinition = {
  /** The object a notification links to. */
  object: 'task' | 'goal' | 'kpi' | 'run' | 'comment' | 'meeting' | 'review';
  /** Whether e-mail is on until the person turns it off. */
  email: boolean;
  en: string;
  'zh-CN': string;
};

/** Every event a person can be told of, with its default e-mail choice and its message in both languages. */
export const NOTIFICATION_EVENTS = {
  'task.assigned': {
    object: 'task',
    email: true,
    en: 'You are {role} for “{title}”',
    'zh-CN': '你被指定为「{title}」的{role}',
  },
  'task.due_soon': {
    object: 'task',
    email: true,
    en: '“{title}” is due tomorrow ({dueDate})',
    'zh-CN': '「{title}」明天到期（{dueDate}）',
  },
  'task.overdue': {
    object: 'task',
    email: true,
    en: '“{title}” is overdue (due {dueDate})',
    'zh-CN': '「{title}」已逾期（截止 {dueDate}）',
  },
  'task.status_changed': {
    object: 'task',
    email: false,
    en: '“{title}” is now {status}',
    'zh-CN': '「{title}」状态变为{status}',
  },
  'goal.health_changed': {
    object: 'goal',
    email: true,
    en: 'Goal “{title}” is now {health}',
    'zh-CN': '目标「{title}」现在{health}',
  },
  'goal.check_in_due': {
    object: 'goal',
    email: true,
    en: 'Time to check in on “{title}” ({days} days since the last one)',
    'zh-CN': '该为「{title}」更新进展了（距上次 {days} 天）',
  },
  'kpi.turned_red': {
    object: 'kpi',
    email: true,
    en: 'KPI “{title}” turned red ({value} in {period})',
    'zh-CN': '指标「{title}」变红（{period}：{value}）',
  },
  'kpi.value_due': {
    object: 'kpi',
    email: false,
    en: 'KPI “{title}” needs its value for {period}',
    'zh-CN': '指标「{title}」需要录入 {period} 的数据',
  },
  'process.step_assigned': {
    object: 'run',
    email: true,
    en: 'Step “{step}” of “{title}” is yours',
    'zh-CN': '「{title}」的步骤「{step}」交给了你',
  },
  'process.step_overdue': {
    object: 'run',
    email: true,
    en: 'Step “{step}” of “{title}” breached its SLA',
    'zh-CN': '「{title}」的步骤「{step}」已超出时限',
  },
  'process.run_finished': {
    object: 'run',
    email: false,
    en: 'Case “{title}” is finished',
    'zh-CN': '流程实例「{title}」已完成',
  },
  'routine.occurrence_created': {
    object: 'task',
    email: false,
    en: 'Routine task “{title}” is ready (due {dueDate})',
    'zh-CN': '例行任务「{title}」已生成（截止 {dueDate}）',
  },
  'comment.mentioned': {
    object: 'comment',
    email: true,
    en: '{author} mentioned you on “{title}”: {excerpt}',
    'zh-CN': '{author} 在「{title}」中提到了你：{excerpt}',
  },
  'meeting.agenda_ready': {
    object: 'meeting',
    email: true,
    en: 'Agenda for “{title}” on {date} {time}: {count} items',
    'zh-CN': '「{title}」（{date} {time}）的议程：共 {count} 项',
  },
  'meeting.minutes_ready': {
    object: 'meeting',
    email: true,
    en: 'Minutes of “{title}” ({date}): {decisions} decisions, {actions} action items',
    'zh-CN': '「{title}」（{date}）的纪要：{decisions} 项决定，{actions} 个行动项',
  },
  'review.stage_due': {
    object: 'review',
    email: true,
    en: '“{title}”: your review of {person} is due on {dueDate}',
    'zh-CN': '「{title}」：你对 {person} 的评估将于 {dueDate} 截止',
  },
} as const satisfies Record<string, EventDefinition>;

export type NotificationEventType = keyof typeof NOTIFICATION_EVENTS;
export const NOTIFICATION_EVENT_TYPES = Object.keys(NOTIFICATION_EVENTS) as NotificationEventType[];

export function isNotificationEventType(type: string): type is NotificationEventType {
  return Object.hasOwn(NOTIFICATION_EVENTS, type);
}

const WORDS: Record<string, { en: string; 'zh-CN': string }> = {
  R: { en: 'Responsible', 'zh-CN': '负责人（R）' },
  A: { en: 'Accountable', 'zh-CN': '批准人（A）' },
  C: { en: 'Consulted', 'zh-CN': '咨询人（C）' },
  I: { en: 'Informed', 'zh-CN': '知会人（I）' },
  todo: { en: 'to do', 'zh-CN': '待办' },
  in_progress: { en: 'in progress', 'zh-CN': '进行中' },
  blocked: { en: 'blocked', 'zh-CN': '受阻' },
  done: { en: 'done', 'zh-CN': '已完成' },
  cancelled: { en: 'cancelled', 'zh-CN': '已取消' },
  on_track: { en: 'on track', 'zh-CN': '进展正常' },
  at_risk: { en: 'at risk', 'zh-CN': '有风险' },
  off_track: { en: 'off track', 'zh-CN': '偏离轨道' },
  no_data: { en: 'without data', 'zh-CN': '暂无数据' },
};

/** The one-line message of a notification in a language, from the parameters stored with it. */
export function notificationTitle(type: string, data: Record<string, unknown>, locale: Locale): string {
  if (!isNotificationEventType(type)) return type;
  return interpolate(NOTIFICATION_EVENTS[type][locale], localiseWords(data, locale));
}

function localiseWords(data: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const params: Record<string, unknown> = { ...data };
  for (const key of ['role', 'status', 'health']) {
    const word = typeof data[key] === 'string' ? WORDS[data[key]] : undefined;
    if (word) params[key] = word[locale];
  }
  return params;
}

/** Messages to a group, where the personal "you" would be wrong; other types read the same to a group. */
const GROUP_MESSAGES: Partial<Record<NotificationEventType, { en: string; 'zh-CN': string }>> = {
  'task.assigned': {
    en: '{person} is {role} for “{title}”',
    'zh-CN': '{person} 被指定为「{title}」的{role}',
  },
  'process.step_assigned': {
    en: 'Step “{step}” of “{title}” goes to {person}',
    'zh-CN': '「{title}」的步骤「{step}」交给了 {person}',
  },
  'comment.mentioned': {
    en: '{author} commented on “{title}”: {excerpt}',
    'zh-CN': '{author} 评论了「{title}」：{excerpt}',
  },
};

/** The message as a chat group reads it. */
export function groupTitle(type: string, data: Record<string, unknown>, locale: Locale): string {
  const group = isNotificationEventType(type) ? GROUP_MESSAGES[type] : undefined;
  if (!group) return notificationTitle(type, data, locale);
  return interpolate(group[locale], localiseWords(data, locale));
}

/** Facts about the event's object that decide who is told; the server loads them, the rules only read. */
export type RecipientFacts = {
  /** The person who caused the event: never told of their own action. */
  actorId?: string | null | undefined;
  taskRoles?: readonly { userId: string; role: string }[];
  ownerId?: string | null | undefined;
  assigneeId?: string | null | undefined;
  /** The process owner, told of SLA breaches. */
  processOwnerId?: string | null | undefined;
  startedById?: string | null | undefined;
  mentionedIds?: readonly string[];
  /** For meetings: the people invited. */
  attendeeIds?: readonly string[];
  /** For review.stage_due: who still has to write the review. */
  reviewerId?: string | null | undefined;
  /** For task.assigned: who was given which role. */
  assigned?: { userId: string; role: string } | undefined;
  /** For task.status_changed: the status it moved to. */
  toStatus?: string | undefined;
};

export type Recipient = { userId: string; reason: Reason };

/**
 * Who is told of an event. Responsibility decides: a task's R and A must act on what is due or overdue;
 * when it is blocked its C are asked and its I informed; when it is done its A and I are informed. Goal and
 * KPI owners hear of their health; a step's assignee of their step and, with the process owner, of a breach.
 */
export function recipientsFor(type: string, facts: RecipientFacts): Recipient[] {
  const roles = facts.taskRoles ?? [];
  const withRole = (...wanted: string[]) => roles.filter((r) => wanted.includes(r.role)).map((r) => r.userId);
  const list: Recipient[] = [];
  const add = (ids: readonly (string | null | undefined)[], reason: Reason) => {
    for (const userId of ids) if (userId) list.push({ userId, reason });
  };
  switch (type) {
    case 'task.assigned':
      add([facts.assigned?.userId], 'act');
      break;
    case 'task.due_soon':
    case 'task.overdue':
    case 'routine.occurrence_created':
      add(withRole('R', 'A'), 'act');
      break;
    case 'task.status_changed':
      if (facts.toStatus === 'blocked') {
        add(withRole('A'), 'act');
        add(withRole('C'), 'asked');
        add(withRole('I'), 'informed');
      } else if (facts.toStatus === 'done') {
        add(withRole('A', 'I'), 'informed');
      }
      break;
    case 'goal.health_changed':
    case 'goal.check_in_due':
    case 'kpi.turned_red':
    case 'kpi.value_due':
      add([facts.ownerId], 'owner');
      break;
    case 'process.step_assigned':
      add([facts.assigneeId], 'act');
      break;
    case 'process.step_overdue':
      add([facts.assigneeId], 'act');
      add([facts.processOwnerId], 'owner');
      break;
    case 'process.run_finished':
      add([facts.startedById], 'informed');
      break;
    case 'comment.mentioned':
      add(facts.mentionedIds ?? [], 'mentioned');
      break;
    case 'meeting.agenda_ready':
    case 'meeting.minutes_ready':
      add(facts.attendeeIds ?? [], 'informed');
      break;
    case 'review.stage_due':
      add([facts.reviewerId], 'act');
      break;
  }
  // One notification per person, the strongest reason first; never the person who did it.
  const seen = new Set<string>();
  return list.filter((recipient) => {
    if (recipient.userId === facts.actorId || seen.has(recipient.userId)) return false;
    seen.add(recipient.userId);
    return true;
  });
}

export type PreferenceRow = { eventType: string; channel: string; enabled: boolean };

/** Whether a channel is on for an event type: a stored choice wins, else the default. */
export function isChannelEnabled(
  preferences: readonly PreferenceRow[],
  eventType: string,
  channel: PersonalChannel,
): boolean {
  const stored = preferences.find((p) => p.eventType === eventType && p.channel === channel);
  if (stored) return stored.enabled;
  if (channel === 'in_app') return true;
  return isNotificationEventType(eventType) ? NOTIFICATION_EVENTS[eventType].email : false;
}

export type DeliverySettings = {
  timezone: string;
  /** 'HH:MM' local; both null means no quiet hours. */
  quietStart: string | null;
  quietEnd: string | null;
  digest: boolean;
};

const MINUTE = 60_000;

/** Minutes since local midnight of an instant in a time zone. */
export function localMinutes(instant: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

export function parseClock(value: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** When quiet hours that hold at `now` end (an instant), or null when `now` is not quiet. */
export function quietHoursEnd(now: number, settings: DeliverySettings): number | null {
  const start = settings.quietStart ? parseClock(settings.quietStart) : null;
  const end = settings.quietEnd ? parseClock(settings.quietEnd) : null;
  if (start === null || end === null || start === end) return null;
  const local = localMinutes(now, settings.timezone);
  // 22:00–08:00 wraps midnight; 13:00–14:00 does not.
  const isQuiet = start < end ? local >= start && local < end : local >= start || local < end;
  if (!isQuiet) return null;
  const wait = (end - local + 24 * 60) % (24 * 60);
  // Whole minutes: the end lands at hh:mm:00 local, give or take the seconds already past.
  return now + wait * MINUTE - (now % MINUTE);
}

export type DeliveryDecision = { status: 'queued'; sendAfter: number } | { status: 'digest' } | null;

/** How a message outside the app goes: now, after quiet hours, in the daily digest, or not at all. */
export function planDelivery(enabled: boolean, settings: DeliverySettings, now: number): DeliveryDecision {
  if (!enabled) return null;
  if (settings.digest) return { status: 'digest' };
  return { status: 'queued', sendAfter: quietHoursEnd(now, settings) ?? now };
}

/** Whether the daily digest is due in this hour of the person's day. */
export function isDigestHour(now: number, timezone: string, digestHour: number): boolean {
  return Math.floor(localMinutes(now, timezone) / 60) === digestHour;
}

/**
 * The period whose KPI value is now due, or null: on the first day of a period, the one just ended, when
 * nothing was recorded for it (or later). So each missing value is asked for once, the day after it closed.
 */
export function kpiValueDue(today: string, frequency: Frequency, lastPeriod: string | null): string | null {
  if (!isPeriodStart(today, frequency)) return null;
  const ended = periodStart(addDays(today, -1), frequency);
  return lastPeriod !== null && lastPeriod >= ended ? null : ended;
}
