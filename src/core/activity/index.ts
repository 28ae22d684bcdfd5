import type { Locale } from '../i18n/index.ts';

/**
 * Audit entries as sentences in the reader's language: "王磊 创建了例行任务「周五增长例会与复盘」，每周五" /
 * "Wang Lei created the routine “Friday growth sync” — every Friday". The caller gives the actor's name and
 * the object's title (read when the log is read, so a renamed task shows its present name); what changed is
 * spelled out field by field with readable names and values (statuses, roles, days, RRULEs in words).
 */

export type ActivityEntry = {
  action: string;
  objectType: string;
  objectId: string;
  actorName: string | null;
  /** The object's present title, or its last known one when it is gone; null when it has none. */
  objectTitle: string | null;
  changes: Record<string, unknown> | null;
};

/** A sentence in pieces, so a page can link the object: text, the actor, and the object's title. */
export type ActivityPart = { kind: 'text' | 'actor' | 'object'; text: string };

export type ActivityDescription = { parts: ActivityPart[]; details: string[] };

/** The object types the audit log records, in the order a filter offers them. */
export const ACTIVITY_OBJECT_TYPES = [
  'goal',
  'kpi',
  'task',
  'routine',
  'process',
  'run',
  'member',
  'invitation',
  'api_token',
  'chat_target',
  'comment',
  'meeting',
  'meeting_series',
  'retro',
  'feedback',
  'feedback_cluster',
  'survey',
  'competitor',
  'training_course',
  'training_session',
  'review_template',
  'review_cycle',
  'review_participant',
  'review',
  'workspace',
] as const;

const NOUNS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    goal: '目标',
    kpi: '指标',
    task: '任务',
    routine: '例行任务',
    process: '流程',
    run: '流程实例',
    member: '成员',
    invitation: '邀请',
    api_token: 'API 令牌',
    chat_target: '群机器人',
    comment: '评论',
    meeting: '会议',
    meeting_series: '例会',
    retro: '复盘',
    feedback: '用户反馈',
    feedback_cluster: '共性问题',
    survey: '问卷',
    competitor: '竞品',
    training_course: '培训课程',
    training_session: '培训场次',
    review_template: '评估模板',
    review_cycle: '考核周期',
    review_participant: '绩效评估',
    review: '评估表',
    workspace: '工作区',
    key_result: '关键结果',
  },
  en: {
    goal: 'goal',
    kpi: 'KPI',
    task: 'task',
    routine: 'routine',
    process: 'process',
    run: 'case',
    member: 'member',
    invitation: 'invitation',
    api_token: 'API token',
    chat_target: 'chat target',
    comment: 'comment',
    meeting: 'meeting',
    meeting_series: 'meeting series',
    retro: 'retrospective',
    feedback: 'feedback item',
    feedback_cluster: 'common issue',
    survey: 'survey',
    competitor: 'competitor',
    training_course: 'training course',
    training_session: 'training session',
    review_template: 'review template',
    review_cycle: 'review cycle',
    review_participant: 'performance review',
    review: 'review form',
    workspace: 'workspace',
    key_result: 'key result',
  },
};

/** A readable name for an object type: `api_token` → "API 令牌" / "API token". */
export function objectTypeName(objectType: string, locale: Locale): string {
  return NOUNS[locale][objectType] ?? objectType;
}

/** The same name standing alone (a tag, a filter option): "Routine" rather than the mid-sentence "routine". */
export function objectTypeLabel(objectType: string, locale: Locale): string {
  const name = objectTypeName(objectType, locale);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const WORDS = {
  'zh-CN': {
    someone: '系统',
    jobTitle: '职务',
    quote: (title: string) => `「${title}」`,
    none: '无',
    yes: '是',
    no: '否',
    edited: '已修改',
    arrow: ' → ',
    colon: '：',
    list: '、',
    statuses: {
      todo: '待办',
      in_progress: '进行中',
      blocked: '受阻',
      done: '已完成',
      cancelled: '已取消',
      draft: '草稿',
      active: '进行中',
    } as Record<string, string>,
    roles: {
      owner: '所有者',
      admin: '管理员',
      manager: '经理',
      member: '成员',
      viewer: '只读成员',
    } as Record<string, string>,
    priorities: { 1: '低', 2: '中', 3: '高', 4: '紧急' } as Record<string, string>,
    reviewStages: {
      self: '自评',
      peer: '同事评估',
      manager: '上级评估',
      calibration: '校准',
      sign_off: '签署',
      closed: '已结束',
    } as Record<string, string>,
    frequencies: { day: '每天', week: '每周', month: '每月', quarter: '每季度' } as Record<string, string>,
    fields: {
      title: '标题',
      name: '名称',
      description: '说明',
      status: '状态',
      priority: '优先级',
      dueDate: '截止日期',
      startDate: '开始日期',
      estimateHours: '预估工时',
      bufferDays: '缓冲天数',
      isMilestone: '里程碑',
      labels: '标签',
      checklist: '检查清单',
      role: '角色',
      weeklyCapacityHours: '每周可投入工时',
      ownerId: '负责人',
      weight: '权重',
      isTopLevel: '顶层目标',
      rule: '重复规则',
      unit: '单位',
      frequency: '统计周期',
      aggregation: '汇总方式',
      direction: '方向',
      formula: '公式',
      green: '达标线',
      amber: '预警线',
      target: '目标值',
      baseline: '基线',
      isDone: '已完成',
      confidence: '信心',
      kind: '类型',
      eventTypes: '事件',
      url: '地址',
      enabled: '启用',
      template: '任务模板',
    } as Record<string, string>,
  },
  en: {
    someone: 'The system',
    jobTitle: 'Job title',
    quote: (title: string) => `“${title}”`,
    none: 'none',
    yes: 'yes',
    no: 'no',
    edited: 'edited',
    arrow: ' → ',
    colon: ': ',
    list: ', ',
    statuses: {
      todo: 'To do',
      in_progress: 'In progress',
      blocked: 'Blocked',
      done: 'Done',
      cancelled: 'Cancelled',
      draft: 'Draft',
      active: 'Active',
    } as Record<string, string>,
    roles: {
      owner: 'owner',
      admin: 'admin',
      manager: 'manager',
      member: 'member',
      viewer: 'viewer',
    } as Record<string, string>,
    priorities: { 1: 'low', 2: 'medium', 3: 'high', 4: 'urgent' } as Record<string, string>,
    reviewStages: {
      self: 'self review',
      peer: 'peer review',
      manager: 'manager review',
      calibration: 'calibration',
      sign_off: 'sign-off',
      closed: 'closed',
    } as Record<string, string>,
    frequencies: { day: 'daily', week: 'weekly', month: 'monthly', quarter: 'quarterly' } as Record<
      string,
      string
    >,
    fields: {
      title: 'Title',
      name: 'Name',
      description: 'Description',
      status: 'Status',
      priority: 'Priority',
      dueDate: 'Due date',
      startDate: 'Start date',
      estimateHours: 'Estimate (hours)',
      bufferDays: 'Buffer days',
      isMilestone: 'Milestone',
      labels: 'Labels',
      checklist: 'Checklist',
      role: 'Role',
      weeklyCapacityHours: 'Weekly hours',
      ownerId: 'Owner',
      weight: 'Weight',
      isTopLevel: 'Top-level goal',
      rule: 'Repeats',
      unit: 'Unit',
      frequency: 'Period',
      aggregation: 'Aggregation',
      direction: 'Direction',
      formula: 'Formula',
      green: 'Green from',
      amber: 'Amber from',
      target: 'Target',
      baseline: 'Baseline',
      isDone: 'Done',
      confidence: 'Confidence',
      kind: 'Kind',
      eventTypes: 'Events',
      url: 'URL',
      enabled: 'Enabled',
      template: 'Task template',
    } as Record<string, string>,
  },
} as const;

const WEEKDAYS: Record<Locale, Record<string, string>> = {
  'zh-CN': { MO: '周一', TU: '周二', WE: '周三', TH: '周四', FR: '周五', SA: '周六', SU: '周日' },
  en: {
    MO: 'Monday',
    TU: 'Tuesday',
    WE: 'Wednesday',
    TH: 'Thursday',
    FR: 'Friday',
    SA: 'Saturday',
    SU: 'Sunday',
  },
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WORKDAYS = 'MO,TU,WE,TH,FR';

/** A calendar day 'YYYY-MM-DD' in words: "2026年12月4日" / "Dec 4, 2026"; anything else as it is. */
export function formatActivityDay(day: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const [, year, month, date] = match;
  if (locale === 'zh-CN') return `${year}年${Number(month)}月${Number(date)}日`;
  return `${MONTHS[Number(month) - 1] ?? month} ${Number(date)}, ${year}`;
}

/**
 * An RRULE in words: "每周五", "每个工作日", "每 2 周的周一、周三", "每月 1 日" / "every Friday", "every
 * weekday", "every 2 weeks on Monday, Wednesday", "monthly on day 1". A rule this does not know reads as itself.
 */
export function describeRule(rule: string, locale: Locale): string {
  const parts = new Map(
    rule
      .replace(/^RRULE:/i, '')
      .split(';')
      .map((part) => part.split('=') as [string, string | undefined])
      .map(([key, value]) => [key.toUpperCase(), (value ?? '').toUpperCase()]),
  );
  const zh = locale === 'zh-CN';
  const interval = Number(parts.get('INTERVAL') ?? '1') || 1;
  const byDay = parts.get('BYDAY');
  const known = [...parts.keys()].every((key) =>
    ['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'WKST'].includes(key),
  );
  if (!known) return rule;
  switch (parts.get('FREQ')) {
    case 'DAILY':
      if (byDay === WORKDAYS) return zh ? '每个工作日' : 'every weekday';
      if (byDay) break;
      return interval > 1 ? (zh ? `每 ${interval} 天` : `every ${interval} days`) : zh ? '每天' : 'every day';
    case 'WEEKLY': {
      const days = (byDay ?? '').split(',').filter(Boolean);
      if (days.length === 0 || days.some((day) => !(day in WEEKDAYS[locale]))) break;
      if (byDay === WORKDAYS && interval === 1) return zh ? '每个工作日' : 'every weekday';
      const names = days.map((day) => WEEKDAYS[locale][day] ?? day).join(zh ? '、' : ', ');
      if (interval > 1) return zh ? `每 ${interval} 周的${names}` : `every ${interval} weeks on ${names}`;
      return zh ? `每${names}` : `every ${names}`;
    }
    case 'MONTHLY': {
      const day = Number(parts.get('BYMONTHDAY'));
      if (byDay || !Number.isInteger(day) || day === 0) break;
      if (day === -1) return zh ? '每月最后一天' : 'on the last day of every month';
      if (day > 0) return zh ? `每月 ${day} 日` : `monthly on day ${day}`;
      break;
    }
  }
  return rule;
}

type Words = (typeof WORDS)[Locale];

function camel(field: string): string {
  return field.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field's value in words; null when it should not be shown (an id nobody can read). */
function readable(
  field: string,
  value: unknown,
  locale: Locale,
  people: ReadonlyMap<string, string>,
): string | null {
  const words: Words = WORDS[locale];
  if (value === null || value === undefined || value === '') return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (field === 'status' && typeof value === 'string') return words.statuses[value] ?? value;
  if (field === 'role' && typeof value === 'string') return words.roles[value] ?? value;
  if (field === 'priority') return words.priorities[String(value)] ?? String(value);
  if (field === 'frequency' && typeof value === 'string') return words.frequencies[value] ?? value;
  if (field === 'rule' && typeof value === 'string') return describeRule(value, locale);
  if ((field === 'isMilestone' || field === 'isTopLevel' || field === 'isDone') && typeof value === 'number')
    return value ? words.yes : words.no;
  if (field === 'ownerId' && typeof value === 'string') return people.get(value) ?? null;
  if (field === 'description') return words.edited;
  if (typeof value === 'string')
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatActivityDay(value, locale) : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string')) return value.join(words.list);
    return words.edited;
  }
  return words.edited;
}

/** Fields that say nothing to a reader: references to other objects by id, and bookkeeping. */
const HIDDEN_FIELDS = new Set([
  'parentId',
  'goalId',
  'keyResultId',
  'invitationId',
  'versionId',
  'templateKey',
  'occurrence',
  'backfill',
  'recurrence',
  'secret',
  'requiredSkills',
  'position',
]);

/** One line per changed field: "状态：进行中 → 已完成", "截止日期：2026年12月4日". */
export function describeChanges(
  changes: Record<string, unknown> | null,
  locale: Locale,
  people: ReadonlyMap<string, string> = new Map(),
  skip: readonly string[] = [],
  objectType = '',
): string[] {
  if (!changes) return [];
  const words: Words = WORDS[locale];
  const lines: string[] = [];
  for (const [rawField, value] of Object.entries(changes)) {
    const field = camel(rawField);
    if (HIDDEN_FIELDS.has(field) || skip.includes(field) || (/Ids?$/.test(field) && field !== 'ownerId'))
      continue;
    const label =
      (objectType === 'member' && field === 'title' ? words.jobTitle : undefined) ?? words.fields[field];
    if (!label) continue;
    if (isRecord(value) && ('from' in value || 'to' in value)) {
      const from = readable(field, value.from, locale, people);
      const to = readable(field, value.to, locale, people);
      if (from === null || to === null) continue;
      lines.push(`${label}${words.colon}${from}${words.arrow}${to}`);
      continue;
    }
    const shown = readable(field, value, locale, people);
    if (shown !== null) lines.push(`${label}${words.colon}${shown}`);
  }
  return lines;
}

/** A sentence template: {actor} and {object} become parts, other {names} take values from `values`. */
type Template = string;

const VERBS: Record<Locale, Record<string, Template>> = {
  'zh-CN': {
    created: '{actor} 创建了{noun}{object}',
    updated: '{actor} 修改了{noun}{object}',
    deleted: '{actor} 删除了{noun}{object}',
    revoked: '{actor} 撤销了{noun}{object}',
    renamed: '{actor} 重命名了{noun}{object}',
    ended: '{actor} 停止了{noun}{object}',
  },
  en: {
    created: '{actor} created the {noun} {object}',
    updated: '{actor} updated the {noun} {object}',
    deleted: '{actor} deleted the {noun} {object}',
    revoked: '{actor} revoked the {noun} {object}',
    renamed: '{actor} renamed the {noun} {object}',
    ended: '{actor} stopped the {noun} {object}',
  },
};

const SENTENCES: Record<Locale, Record<string, Template>> = {
  'zh-CN': {
    'member.joined': '{actor} 以{role}身份加入了工作区',
    'member.left': '{actor} 离开了工作区',
    'member.removed': '{actor} 将{object}移出了工作区',
    'member.updated': '{actor} 修改了成员{object}的信息',
    'member.profile_updated': '{actor} 更新了{object}的技能和不可用日期',
    'invitation.created': '{actor} 创建了{role}邀请{email}',
    'invitation.revoked': '{actor} 撤销了一个邀请',
    'goal.checked_in': '{actor} 汇报了目标{object}的进展，信心 {confidence}/10',
    'key_result.created': '{actor} 为目标{object}添加了关键结果{title}',
    'key_result.updated': '{actor} 修改了目标{object}的关键结果',
    'key_result.deleted': '{actor} 移除了目标{object}的关键结果{title}',
    'measurements.recorded': '{actor} 录入了指标{object}的 {count} 个数值（{from} 至 {to}）',
    'measurement.deleted': '{actor} 删除了指标{object}在 {period} 的数值',
    'task.roles_changed': '{actor} 调整了任务{object}的 RACI',
    'task.dependency_added': '{actor} 为任务{object}添加了前置任务',
    'task.dependency_removed': '{actor} 移除了任务{object}的一个前置任务',
    'tasks.imported': '{actor} 导入了 {count} 个任务',
    'routine.created': '{actor} 创建了例行任务{object}，{rule}',
    'routine.skipped': '{actor} 跳过了例行任务{object}在 {day} 的一次',
    'routine.backfill_limited': '例行任务{object}只补建了最近 7 天的任务',
    'process.event_log_imported': '{actor} 向流程{object}导入了 {cases} 个实例',
    'run.started': '{actor} 发起了流程实例{object}',
    'run.step_started': '{actor} 开始处理流程实例{object}的步骤「{step}」',
    'run.step_completed': '{actor} 完成了流程实例{object}的步骤「{step}」（{outcome}）',
    'run.reassigned': '{actor} 把流程实例{object}的步骤「{step}」转派给 {to}',
    'run.held': '{actor} 暂停了流程实例{object}',
    'run.resumed': '{actor} 恢复了流程实例{object}',
    'run.cancelled': '{actor} 取消了流程实例{object}',
    'plan.imported': '{actor} 导入了计划',
    'calendar.updated': '{actor} 更新了团队日历的节假日与调休（{days} 天）',
    'workspace.work_time_updated': '{actor} 修改了工作区的时区、工作时间与工作周',
    'calendar_feed.rotated': '{actor} 重置了自己的日历订阅链接',
    'comment.deleted': '{actor} 删除了一条评论',
    'meeting.created': '{actor} 创建了会议{object}（{date}）',
    'meeting.agenda_built': '{actor} 为会议{object}生成了议程（{items} 项）',
    'meeting.agenda_sent': '{actor} 把会议{object}的议程发给了参会人',
    'meeting.agenda_auto_sent': '会议{object}的议程已自动生成并发给参会人（{items} 项）',
    'meeting.minutes_sent': '{actor} 把会议{object}的纪要发给了参会人',
    'meeting.action_added': '{actor} 在会议{object}上记下了行动项{title}',
    'feedback.merged': '{actor} 把重复的反馈合并进了{object}',
    'feedback.moved': '{actor} 把用户反馈{object}归入了另一个共性问题',
    'feedback.process_started': '{actor} 为用户反馈{object}发起了处理流程',
    'feedback.resolved_by_process': '{actor} 完成了处理流程，用户反馈{object}随之解决',
    'feedback.cluster_resolved': '{actor} 一次解决了共性问题{object}（{items} 条反馈）',
    'survey.wave_started': '{actor} 开始了问卷{object}的新一轮调研',
    'competitor.observed': '{actor} 记录了竞品{object}的动态{title}',
    'training_session.attendance_recorded':
      '{actor} 记录了培训{object}的出勤：{attended} 人出席，{passed} 人通过考核，{levelsRaised} 项技能等级提升',
    'skill_target.updated': '{actor} 把{roleTitle}的「{skill}」目标等级设为 {level} 级',
    'review_cycle.stage_changed': '{actor} 把考核周期{object}推进到{stage}阶段',
    'review.submitted': '{actor} 提交了评估表{object}',
    'review.overrides_changed': '{actor} 修改了评估表{object}中的得分调整',
    'review.peer_added': '{actor} 为{object}添加了同事评估人',
    'review.final_rating_changed': '{actor} 修改了{object}的最终评分',
    'review.signed_off': '{actor} 签署了{object}',
    'review.acknowledged': '{actor} 确认已阅{object}',
  },
  en: {
    'member.joined': '{actor} joined the workspace as {role}',
    'member.left': '{actor} left the workspace',
    'member.removed': '{actor} removed {object} from the workspace',
    'member.updated': '{actor} updated the member {object}',
    'member.profile_updated': '{actor} updated the skills and days away of {object}',
    'invitation.created': '{actor} created an invitation as {role}{email}',
    'invitation.revoked': '{actor} revoked an invitation',
    'goal.checked_in': '{actor} checked in on the goal {object}, confidence {confidence}/10',
    'key_result.created': '{actor} added the key result {title} to the goal {object}',
    'key_result.updated': '{actor} updated a key result of the goal {object}',
    'key_result.deleted': '{actor} removed the key result {title} from the goal {object}',
    'measurements.recorded': '{actor} entered {count} values of the KPI {object} ({from} to {to})',
    'measurement.deleted': '{actor} deleted the value of the KPI {object} for {period}',
    'task.roles_changed': '{actor} changed the RACI of the task {object}',
    'task.dependency_added': '{actor} added a predecessor to the task {object}',
    'task.dependency_removed': '{actor} removed a predecessor of the task {object}',
    'tasks.imported': '{actor} imported {count} tasks',
    'routine.created': '{actor} created the routine {object} — {rule}',
    'routine.skipped': '{actor} skipped the routine {object} on {day}',
    'routine.backfill_limited': 'The routine {object} caught up on the last 7 days only',
    'process.event_log_imported': '{actor} imported {cases} cases into the process {object}',
    'run.started': '{actor} started the case {object}',
    'run.step_started': '{actor} started the step “{step}” of the case {object}',
    'run.step_completed': '{actor} completed the step “{step}” of the case {object} ({outcome})',
    'run.reassigned': '{actor} handed the step “{step}” of the case {object} to {to}',
    'run.held': '{actor} put the case {object} on hold',
    'run.resumed': '{actor} resumed the case {object}',
    'run.cancelled': '{actor} cancelled the case {object}',
    'plan.imported': '{actor} imported a plan',
    'calendar.updated': '{actor} updated the team calendar’s holidays and make-up days ({days} days)',
    'workspace.work_time_updated':
      '{actor} changed the workspace’s time zone, working hours and working week',
    'calendar_feed.rotated': '{actor} reset their calendar feed link',
    'comment.deleted': '{actor} deleted a comment',
    'meeting.created': '{actor} created the meeting {object} for {date}',
    'meeting.agenda_built': '{actor} built the agenda of the meeting {object} ({items} items)',
    'meeting.agenda_sent': '{actor} sent the agenda of the meeting {object} to its attendees',
    'meeting.agenda_auto_sent':
      'The agenda of the meeting {object} was built and sent to its attendees automatically ({items} items)',
    'meeting.minutes_sent': '{actor} sent the minutes of the meeting {object} to its attendees',
    'meeting.action_added': '{actor} recorded the action item {title} at the meeting {object}',
    'feedback.merged': '{actor} merged duplicates into the feedback item {object}',
    'feedback.moved': '{actor} moved the feedback item {object} to another common issue',
    'feedback.process_started': '{actor} started a process for the feedback item {object}',
    'feedback.resolved_by_process': '{actor} finished the process, which resolved the feedback item {object}',
    'feedback.cluster_resolved': '{actor} resolved the common issue {object} at once ({items} items)',
    'survey.wave_started': '{actor} started a new wave of the survey {object}',
    'competitor.observed': '{actor} recorded {title} about the competitor {object}',
    'training_session.attendance_recorded':
      '{actor} recorded attendance of the training session {object}: {attended} attended, {passed} passed the assessment, {levelsRaised} skill levels raised',
    'skill_target.updated': '{actor} set the target level of “{skill}” for {roleTitle} to {level}',
    'review_cycle.stage_changed': '{actor} moved the review cycle {object} on to {stage}',
    'review.submitted': '{actor} submitted the review form {object}',
    'review.overrides_changed': '{actor} changed the score overrides of the review form {object}',
    'review.peer_added': '{actor} added a peer reviewer to {object}',
    'review.final_rating_changed': '{actor} changed the final rating of {object}',
    'review.signed_off': '{actor} signed off {object}',
    'review.acknowledged': '{actor} acknowledged {object}',
  },
};

/** Values a template reads from the entry's changes, in words. */
function templateValues(entry: ActivityEntry, locale: Locale): Record<string, string> {
  const changes = entry.changes ?? {};
  const words: Words = WORDS[locale];
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const day = (value: unknown) => (typeof value === 'string' ? formatActivityDay(value, locale) : '');
  const role = typeof changes.role === 'string' ? (words.roles[changes.role] ?? changes.role) : '';
  const to = isRecord(changes.assignee) ? text(changes.assignee.to) : '';
  return {
    role,
    email: typeof changes.email === 'string' && changes.email ? ` (${changes.email})` : '',
    confidence: text(changes.confidence),
    title: typeof changes.title === 'string' ? words.quote(changes.title) : '',
    count: text(changes.count),
    from: day(changes.from),
    to: to || day(changes.to),
    period: day(changes.period),
    rule: typeof changes.rule === 'string' ? describeRule(changes.rule, locale) : '',
    day: day(changes.day),
    cases: text(changes.cases),
    step: text(changes.step),
    outcome: text(changes.outcome),
    days: text(changes.days),
    items: text(changes.items),
    date: day(changes.date),
    attended: text(changes.attended),
    passed: text(changes.passed),
    levelsRaised: text(changes.levelsRaised),
    roleTitle: text(changes.roleTitle),
    skill: text(changes.skill),
    level: text(changes.level),
    stage: isRecord(changes.stage)
      ? (words.reviewStages[text(changes.stage.to)] ?? text(changes.stage.to))
      : '',
  };
}

function fill(
  template: Template,
  values: Record<string, string>,
  actor: string,
  object: string,
): ActivityPart[] {
  const parts: ActivityPart[] = [];
  const pattern = /\{(\w+)\}/g;
  let last = 0;
  const pushText = (text: string) => {
    if (!text) return;
    const previous = parts.at(-1);
    if (previous?.kind === 'text') previous.text += text;
    else parts.push({ kind: 'text', text });
  };
  for (const match of template.matchAll(pattern)) {
    pushText(template.slice(last, match.index));
    const name = match[1] ?? '';
    if (name === 'actor') parts.push({ kind: 'actor', text: actor });
    else if (name === 'object') {
      if (object) parts.push({ kind: 'object', text: object });
    } else pushText(values[name] ?? '');
    last = (match.index ?? 0) + match[0].length;
  }
  pushText(template.slice(last));
  return parts;
}

/** Fields a sentence already says, left out of the details under it. */
const SAID: Record<string, readonly string[]> = {
  'routine.created': ['rule', 'title'],
  'task.created': ['title'],
  'goal.created': ['title'],
  'goal.deleted': ['title'],
  'task.deleted': ['title'],
  'kpi.created': ['name', 'key'],
  'process.created': ['name'],
  'meeting.created': ['title', 'date'],
  'workspace.created': ['name'],
  'token.created': ['name'],
  'chat_target.created': ['name'],
  'goal.checked_in': ['confidence'],
  'member.joined': ['role'],
  'invitation.created': ['role', 'email'],
  'skill_target.updated': ['roleTitle', 'skill', 'level'],
};

/** Changes whose details are spelled out under the sentence; the rest say all in the sentence. */
const DETAILED = /\.(created|updated|renamed)$/;

/** The sentence for one audit entry and the lines of what changed, in `locale`. */
export function describeActivity(
  entry: ActivityEntry,
  locale: Locale,
  people: ReadonlyMap<string, string> = new Map(),
): ActivityDescription {
  const words: Words = WORDS[locale];
  const actor = entry.actorName ?? words.someone;
  const object = entry.objectTitle ? words.quote(entry.objectTitle) : '';
  const values = templateValues(entry, locale);
  const verb = entry.action.split('.').at(-1) ?? '';
  const template =
    SENTENCES[locale][entry.action] ??
    (VERBS[locale][verb] ?? VERBS[locale].updated ?? '{actor} {object}').replace(
      '{noun}',
      objectTypeName(entry.objectType, locale),
    );
  const parts = fill(template, values, actor, object);
  const details = describeDetails(entry, locale, people);
  return { parts, details };
}

function describeDetails(
  entry: ActivityEntry,
  locale: Locale,
  people: ReadonlyMap<string, string>,
): string[] {
  const words: Words = WORDS[locale];
  const changes = entry.changes ?? {};
  switch (entry.action) {
    case 'task.roles_changed': {
      const names = (value: unknown, letter: string) =>
        (Array.isArray(value) ? value : [])
          .filter((role): role is { userId: string; role: string } => isRecord(role) && role.role === letter)
          .map((role) => people.get(role.userId) ?? '—')
          .join(words.list) || words.none;
      return ['R', 'A', 'C', 'I'].flatMap((letter) => {
        const before = names(changes.before, letter);
        const after = names(changes.after, letter);
        return before === after ? [] : [`${letter}${words.colon}${before}${words.arrow}${after}`];
      });
    }
    case 'run.step_completed': {
      if (changes.finished === true) return [locale === 'zh-CN' ? '实例结束' : 'The case is finished'];
      const next = typeof changes.next === 'string' ? changes.next : null;
      return next ? [locale === 'zh-CN' ? `转到「${next}」` : `Next: “${next}”`] : [];
    }
    case 'run.held':
      return typeof changes.reason === 'string' ? [changes.reason] : [];
    case 'workspace.work_time_updated':
      return workTimeChanges(changes, locale);
    case 'run.started':
      return typeof changes.process === 'string'
        ? [
            `${objectTypeName('process', locale).replace(/^\w/, (c) => c.toUpperCase())}${words.colon}${changes.process}`,
          ]
        : [];
    default:
      return DETAILED.test(entry.action) || entry.action === 'routine.updated'
        ? describeChanges(entry.changes, locale, people, SAID[entry.action] ?? [], entry.objectType)
        : [];
  }
}

const WORK_TIME_WORDS = {
  'zh-CN': {
    timeZone: '时区',
    workStart: '上班时间',
    workEnd: '下班时间',
    weekPattern: '工作周',
    bigWeekOf: '大周',
    five_day: '双休（五天）',
    six_day: '单休（六天）',
    alternating: '大小周',
  },
  en: {
    timeZone: 'Time zone',
    workStart: 'Work starts',
    workEnd: 'Work ends',
    weekPattern: 'Working week',
    bigWeekOf: 'Big week',
    five_day: 'five days',
    six_day: 'six days',
    alternating: 'alternating (大小周)',
  },
} as const;

/** "时区：Asia/Shanghai → Europe/London", one line per setting that changed. */
function workTimeChanges(changes: Record<string, unknown>, locale: Locale): string[] {
  const words: Words = WORDS[locale];
  const labels: Record<string, string> = WORK_TIME_WORDS[locale];
  const before = isRecord(changes.before) ? changes.before : {};
  const after = isRecord(changes.after) ? changes.after : {};
  const shown = (value: unknown) =>
    value === null || value === undefined ? words.none : (labels[String(value)] ?? String(value));
  return ['timeZone', 'workStart', 'workEnd', 'weekPattern', 'bigWeekOf'].flatMap((key) =>
    before[key] === after[key]
      ? []
      : [`${labels[key] ?? key}${words.colon}${shown(before[key])}${words.arrow}${shown(after[key])}`],
  );
}

/** The sentence as plain text. */
export function activitySentence(
  entry: ActivityEntry,
  locale: Locale,
  people: ReadonlyMap<string, string> = new Map(),
): string {
  return describeActivity(entry, locale, people)
    .parts.map((part) => part.text)
    .join('');
}

// ——— The workspace activity feed ———

/** Object types the feed shows (the plan's work; members, tokens and settings stay in the admins' audit log). */
export const FEED_OBJECT_TYPES = [
  'goal',
  'kpi',
  'task',
  'routine',
  'process',
  'run',
  'meeting',
  'meeting_series',
  'feedback',
  'feedback_cluster',
] as const;
export type FeedObjectType = (typeof FEED_OBJECT_TYPES)[number];

/** What happened, as the feed filters it: a comment, or a change that created, updated or deleted. */
export const FEED_KINDS = ['comment', 'created', 'updated', 'deleted'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** The kind of a logged change by its action's last word (`task.created` → created). */
export function changeKind(action: string): Exclude<FeedKind, 'comment'> {
  if (action.endsWith('.created')) return 'created';
  if (action.endsWith('.deleted')) return 'deleted';
  return 'updated';
}

/** The comment targets an object type's comments are filed under: a goal's include its key results'. */
export function feedCommentTargets(objectType: FeedObjectType): string[] {
  switch (objectType) {
    case 'goal':
      return ['goal', 'key_result'];
    case 'kpi':
    case 'task':
    case 'run':
    case 'meeting':
    case 'feedback':
      return [objectType];
    default:
      return [];
  }
}

const COMMENTED: Record<Locale, Template> = {
  'zh-CN': '{actor} 评论了{noun}{object}',
  en: '{actor} commented on the {noun} {object}',
};

/** "王磊 评论了任务「竞品分析」" / "Wang Lei commented on the task “Competitor review”". */
export function describeComment(
  comment: { actorName: string | null; targetType: string; targetTitle: string | null },
  locale: Locale,
): ActivityPart[] {
  const words: Words = WORDS[locale];
  return fill(
    COMMENTED[locale].replace('{noun}', objectTypeName(comment.targetType, locale)),
    {},
    comment.actorName ?? words.someone,
    comment.targetTitle ? words.quote(comment.targetTitle) : '',
  );
}
