import { NOTIFICATION_EVENT_TYPES, NOTIFICATION_EVENTS } from '../notifications/index.ts';
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

const PLATFORMS: Record<string, { 'zh-CN': string; en: string }> = {
  dingtalk: { 'zh-CN': '钉钉', en: 'DingTalk' },
  feishu: { 'zh-CN': '飞书', en: 'Feishu / Lark' },
  wecom: { 'zh-CN': '企业微信', en: 'WeCom' },
  slack: { 'zh-CN': 'Slack', en: 'Slack' },
  webhook: { 'zh-CN': 'Webhook', en: 'Webhook' },
};

/** Who the notification rules tell of each event, in words (src/core/notifications decides it). */
const AUDIENCE: Record<string, { 'zh-CN': string; en: string }> = {
  'task.assigned': { 'zh-CN': '被指定的人', en: 'the person given the role' },
  'task.due_soon': { 'zh-CN': '任务的 R 和 A', en: "the task's R and A" },
  'task.overdue': { 'zh-CN': '任务的 R 和 A', en: "the task's R and A" },
  'task.status_changed': {
    'zh-CN': '受阻：A 处理、C 被征询、I 知会；完成：A 和 I',
    en: 'blocked: A acts, C asked, I informed; done: A and I',
  },
  'goal.health_changed': { 'zh-CN': '目标负责人', en: 'the goal owner' },
  'goal.check_in_due': { 'zh-CN': '目标负责人', en: 'the goal owner' },
  'kpi.turned_red': { 'zh-CN': '指标负责人', en: 'the KPI owner' },
  'kpi.value_due': { 'zh-CN': '指标负责人', en: 'the KPI owner' },
  'process.step_assigned': { 'zh-CN': '步骤处理人', en: 'the step assignee' },
  'process.step_overdue': {
    'zh-CN': '步骤处理人和流程负责人',
    en: 'the step assignee and the process owner',
  },
  'process.run_finished': { 'zh-CN': '发起人', en: 'who started the case' },
  'routine.occurrence_created': { 'zh-CN': '任务的 R 和 A', en: "the task's R and A" },
  'comment.mentioned': { 'zh-CN': '被提及的成员', en: 'the members mentioned' },
  'meeting.agenda_ready': { 'zh-CN': '参会人', en: 'the attendees' },
  'meeting.minutes_ready': { 'zh-CN': '参会人', en: 'the attendees' },
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
          PLATFORMS[channel.kind]?.[context.locale] ?? channel.kind,
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
        AUDIENCE[type]?.[context.locale] ?? '',
        NOTIFICATION_EVENTS[type].email ? words.yes : words.no,
      ]),
    });
    return blocks;
  },
};

function locale(value: PlanLocale): string {
  return value === 'en' ? ', ' : '、';
}
