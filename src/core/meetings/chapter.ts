import {
  NOTIFICATION_EVENT_TYPES,
  NOTIFICATION_EVENTS,
  type NotificationEventType,
} from '../notifications/index.ts';
import type { Plan, PlanLocale } from '../plan/model.ts';
import { titleFrom, type ChapterModule } from '../plan/document/registry.ts';
import type { Block } from '../plan/document/types.ts';

/**
 * The plan's `sections.communication` as this module writes it: the recurring meetings and the chat groups.
 * readPlan fills it from the workspace (meeting series, chat targets); a plan.yaml may carry it too.
 */
export type CommunicationSection = {
  meetings?: { title: string; rule: string; time?: string; attendees?: string[] }[];
  channels?: { name: string; kind: string; events?: string[]; paused?: boolean }[];
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** The section read defensively: it is free-form in plan.yaml, so anything unexpected is left out. */
export function readCommunicationSection(section: unknown): Required<CommunicationSection> {
  const record = isRecord(section) ? section : {};
  const meetings = (Array.isArray(record.meetings) ? record.meetings : [])
    .filter(isRecord)
    .flatMap((meeting) =>
      typeof meeting.title === 'string' && typeof meeting.rule === 'string'
        ? [
            {
              title: meeting.title,
              rule: meeting.rule,
              ...(typeof meeting.time === 'string' ? { time: meeting.time } : {}),
              attendees: strings(meeting.attendees),
            },
          ]
        : [],
    );
  const channels = (Array.isArray(record.channels) ? record.channels : [])
    .filter(isRecord)
    .flatMap((channel) =>
      typeof channel.name === 'string' && typeof channel.kind === 'string'
        ? [
            {
              name: channel.name,
              kind: channel.kind,
              events: strings(channel.events),
              ...(channel.paused === true ? { paused: true } : {}),
            },
          ]
        : [],
    );
  return { meetings, channels };
}

const WORDS = {
  'zh-CN': {
    cadence: '会议节奏',
    meeting: '会议',
    repeat: '重复',
    time: '时间',
    attendees: '参会人',
    reviews: '复盘与检查',
    checkIns: '目标进展更新',
    kpiReview: '指标复盘',
    channels: '沟通渠道',
    channelList: [
      '站内通知：页头铃铛实时提示，收件箱可标记已读，链接直达对象',
      '邮件：按个人设置逐条或每日摘要发送，免打扰时段内推迟，可一键退订',
      '评论与 @提及：目标、关键结果、指标、任务和流程实例上的讨论，被提及者收到通知',
      '会议：议程会前发给参会人，纪要会后发出，行动项成为任务',
    ],
    group: '群',
    platform: '平台',
    events: '推送的事件',
    whoIsTold: '谁被告知什么',
    event: '事件',
    who: '告知谁',
    email: '默认邮件',
    yes: '是',
    no: '否',
    none: '（未路由任何事件）',
    paused: '（已停用）',
    weekdays: ['一', '二', '三', '四', '五', '六', '日'],
    weekly: (days: string) => `每周${days}`,
    daily: '每天',
    monthly: '每月',
    often: { weekly: '每周', biweekly: '每两周', monthly: '每月' } as Record<string, string>,
  },
  en: {
    cadence: 'Meeting cadence',
    meeting: 'Meeting',
    repeat: 'Repeats',
    time: 'Time',
    attendees: 'Attendees',
    reviews: 'Reviews and check-ins',
    checkIns: 'Goal check-ins',
    kpiReview: 'KPI review',
    channels: 'Channels',
    channelList: [
      'In app: the bell in the header updates live; the inbox marks read and links to the object',
      'E-mail: one message each or a daily digest as each person chooses, held during quiet hours, one-click unsubscribe',
      'Comments and @mentions on goals, key results, KPIs, tasks and cases; the people mentioned are notified',
      'Meetings: the agenda goes to the attendees before, the minutes after; action items become tasks',
    ],
    group: 'Group',
    platform: 'Platform',
    events: 'Events posted',
    whoIsTold: 'Who is told what',
    event: 'Event',
    who: 'Who is told',
    email: 'E-mail by default',
    yes: 'yes',
    no: 'no',
    none: '(no events routed)',
    paused: '(paused)',
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    weekly: (days: string) => `Weekly on ${days}`,
    daily: 'Daily',
    monthly: 'Monthly',
    often: { weekly: 'weekly', biweekly: 'every two weeks', monthly: 'monthly' } as Record<string, string>,
  },
};

/** A word in both languages: [zh-CN, en]. */
type Bilingual = readonly [zh: string, en: string];
const inLocale = (word: Bilingual, locale: PlanLocale) => (locale === 'en' ? word[1] : word[0]);

const PLATFORMS: Record<string, Bilingual> = {
  dingtalk: ['钉钉', 'DingTalk'],
  feishu: ['飞书', 'Feishu / Lark'],
  wecom: ['企业微信', 'WeCom'],
  slack: ['Slack', 'Slack'],
  webhook: ['Webhook', 'Webhook'],
};

/** The people the notification rules tell (src/core/notifications decides who), in words. */
const WHO = {
  roleGiven: ['被指定的人', 'the person given the role'],
  taskRA: ['任务的 R 和 A', "the task's R and A"],
  taskStatus: [
    '受阻：A 处理、C 被征询、I 知会；完成：A 和 I',
    'blocked: A acts, C asked, I informed; done: A and I',
  ],
  goalOwner: ['目标负责人', 'the goal owner'],
  kpiOwner: ['指标负责人', 'the KPI owner'],
  stepAssignee: ['步骤处理人', 'the step assignee'],
  stepAndProcessOwner: ['步骤处理人和流程负责人', 'the step assignee and the process owner'],
  starter: ['发起人', 'who started the case'],
  mentioned: ['被提及的成员', 'the members mentioned'],
  attendees: ['参会人', 'the attendees'],
  reviewers: ['未提交评审的评审人', 'reviewers who have not submitted'],
} satisfies Record<string, Bilingual>;

/** Who is told of each event; every event type must name someone. */
const AUDIENCE: Record<NotificationEventType, keyof typeof WHO> = {
  'task.assigned': 'roleGiven',
  'task.due_soon': 'taskRA',
  'task.overdue': 'taskRA',
  'task.status_changed': 'taskStatus',
  'goal.health_changed': 'goalOwner',
  'goal.check_in_due': 'goalOwner',
  'kpi.turned_red': 'kpiOwner',
  'kpi.value_due': 'kpiOwner',
  'process.step_assigned': 'stepAssignee',
  'process.step_overdue': 'stepAndProcessOwner',
  'process.run_finished': 'starter',
  'routine.occurrence_created': 'taskRA',
  'comment.mentioned': 'mentioned',
  'meeting.agenda_ready': 'attendees',
  'meeting.minutes_ready': 'attendees',
  'review.stage_due': 'reviewers',
};

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A few common rules in words; anything else prints as the RRULE itself. */
export function describeMeetingRule(rule: string, locale: PlanLocale): string {
  const words = WORDS[locale];
  const body = rule.replace(/^RRULE:/i, '').toUpperCase();
  const parts = new Map(body.split(';').map((part) => part.split('=') as [string, string]));
  if (parts.has('INTERVAL') && parts.get('INTERVAL') !== '1') return rule;
  const freq = parts.get('FREQ');
  if (freq === 'DAILY' && parts.size === 1) return words.daily;
  if (freq === 'MONTHLY' && parts.size === 1) return words.monthly;
  if (freq === 'WEEKLY' && [...parts.keys()].every((key) => key === 'FREQ' || key === 'BYDAY')) {
    const days = (parts.get('BYDAY') ?? '').split(',').filter(Boolean);
    if (days.length > 0 && days.every((day) => DAYS.includes(day))) {
      const names = days.map((day) => words.weekdays[DAYS.indexOf(day)] ?? day);
      return words.weekly(names.join(locale === 'en' ? ', ' : '、'));
    }
  }
  return rule;
}

/** Chapter 7, 团队沟通: the meeting cadence, the channels and who is told what. */
export const meetingsCommunicationChapter: ChapterModule = {
  id: 'communication',
  order: 70,
  title: titleFrom('chapter.communication'),
  notPlanned: titleFrom('section.communication'),
  build(plan: Plan, _observations, context): Block[] | null {
    const section = readCommunicationSection(plan.sections?.communication);
    if (section.meetings.length === 0 && section.channels.length === 0) return null;
    const words = WORDS[context.locale];
    const blocks: Block[] = [{ kind: 'heading', text: `${context.number}.1 ${words.cadence}` }];
    if (section.meetings.length > 0) {
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: words.meeting },
          { label: words.repeat },
          { label: words.time },
          { label: words.attendees },
        ],
        rows: section.meetings.map((meeting) => [
          meeting.title,
          describeMeetingRule(meeting.rule, context.locale),
          meeting.time ?? null,
          (meeting.attendees ?? []).map((email) => context.personName(email)).join(locale(context.locale)) ||
            null,
        ]),
      });
    }
    const reviews = [
      plan.cadence?.checkIns
        ? { label: words.checkIns, value: words.often[plan.cadence.checkIns] ?? '' }
        : null,
      plan.cadence?.kpiReview
        ? { label: words.kpiReview, value: words.often[plan.cadence.kpiReview] ?? '' }
        : null,
    ].filter((item): item is { label: string; value: string } => item !== null);
    if (reviews.length > 0) blocks.push({ kind: 'keyValue', items: reviews });

    blocks.push({ kind: 'heading', text: `${context.number}.2 ${words.channels}` });
    blocks.push({ kind: 'list', items: words.channelList });
    if (section.channels.length > 0) {
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [{ label: words.group }, { label: words.platform }, { label: words.events }],
        rows: section.channels.map((channel) => [
          channel.paused ? `${channel.name} ${words.paused}` : channel.name,
          platformName(channel.kind, context.locale),
          (channel.events ?? []).length > 0 ? (channel.events ?? []).join(', ') : words.none,
        ]),
      });
    }

    blocks.push({ kind: 'heading', text: `${context.number}.3 ${words.whoIsTold}` });
    blocks.push({
      kind: 'table',
      caption: null,
      columns: [{ label: words.event }, { label: words.who }, { label: words.email }],
      rows: NOTIFICATION_EVENT_TYPES.map((type) => [
        type,
        inLocale(WHO[AUDIENCE[type]], context.locale),
        NOTIFICATION_EVENTS[type].email ? words.yes : words.no,
      ]),
    });
    return blocks;
  },
};

function platformName(kind: string, locale: PlanLocale): string {
  const name = PLATFORMS[kind];
  return name ? inLocale(name, locale) : kind;
}

function locale(value: PlanLocale): string {
  return value === 'en' ? ', ' : '、';
}
