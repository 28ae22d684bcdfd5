import type { Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';

// Instants are epoch milliseconds; JSON columns hold serialised text.

export type UsersTable = {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: string;
  created_at: number;
  updated_at: number;
};

export type SessionsTable = {
  id: string; // sha256 of the cookie value
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
};

export type WorkspacesTable = {
  id: string;
  name: string;
  created_by: string;
  created_at: number;
  updated_at: number;
};

/** A workspace's working time (migration 0017); no row means the server's defaults. */
export type WorkspaceSettingsTable = {
  workspace_id: string;
  /** IANA name, e.g. Asia/Shanghai. */
  time_zone: string;
  /** Minutes into the local day the working window starts and ends (540 = 09:00). */
  work_start_minutes: number;
  work_end_minutes: number;
  /** five_day | six_day | alternating (大小周). */
  week_pattern: string;
  /** A day in a six-day week of the 大小周. */
  big_week_of: string | null;
  updated_at: number;
};

export type MembershipsTable = {
  workspace_id: string;
  user_id: string;
  role: string;
  title: string | null;
  weekly_capacity_hours: number;
  created_at: number;
};

export type InvitationsTable = {
  id: string;
  workspace_id: string;
  token_hash: string;
  role: string;
  email: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  accepted_by: string | null;
  accepted_at: number | null;
  revoked_at: number | null;
};

export type ApiTokensTable = {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
};

export type AuditEntriesTable = {
  id: string;
  workspace_id: string;
  actor_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  changes: string | null;
  created_at: number;
};

export type RateLimitsTable = {
  key: string;
  count: number;
  reset_at: number;
};

export type JobsTable = {
  id: string;
  name: string;
  payload: string;
  // A recurring job keeps one row whose run_at moves forward; `key` makes it unique.
  key: string | null;
  cron: string | null;
  status: string; // queued | running | done | failed
  run_at: number;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
};

export type EventsTable = {
  id: string;
  workspace_id: string | null;
  type: string;
  payload: string;
  created_at: number;
};

export type EventDeliveriesTable = {
  event_id: string;
  subscriber: string;
  delivered_at: number;
};

export type KpisTable = {
  id: string;
  workspace_id: string;
  key: string;
  name: string;
  unit: string | null;
  direction: string; // higher | lower (is better)
  aggregation: string; // sum | avg | last | min | max
  frequency: string; // day | week | month
  formula: string | null;
  owner_id: string | null;
  green: number | null;
  amber: number | null;
  description: string | null;
  status: string | null; // green | amber | red; null without data
  last_value: number | null;
  last_period: string | null;
  created_at: number;
  updated_at: number;
};

export type MeasurementsTable = {
  kpi_id: string;
  period: string;
  workspace_id: string;
  value: number;
  source: string; // manual | import | api
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type GoalsTable = {
  id: string;
  workspace_id: string;
  parent_id: string | null;
  title: string;
  description: string | null;
  owner_id: string | null;
  start_date: string;
  due_date: string;
  status: string; // draft | active | done | cancelled
  weight: number;
  is_top_level: number;
  // Kept current on every measurement and by the daily job, never computed on read.
  progress: number;
  projected_progress: number | null;
  health: string; // on_track | at_risk | off_track | no_data
  health_reason: string | null;
  created_at: number;
  updated_at: number;
};

export type KeyResultsTable = {
  id: string;
  workspace_id: string;
  goal_id: string;
  title: string;
  kpi_id: string | null; // null: a deliverable, checked done
  baseline: number | null;
  target: number | null;
  weight: number;
  is_done: number;
  current: number | null;
  progress: number;
  projected_progress: number | null;
  projected_value: number | null;
  reach_date: string | null;
  position: number;
  created_at: number;
  updated_at: number;
};

export type CheckInsTable = {
  id: string;
  workspace_id: string;
  goal_id: string;
  author_id: string | null;
  progress: number;
  confidence: number;
  note: string;
  blockers: string | null;
  created_at: number;
};

export type RecurrencesTable = {
  id: string;
  workspace_id: string;
  rule: string;
  starts_on: string;
  template: string;
  next_occurrence: string | null;
  skipped: string;
  ended_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type TasksTable = {
  id: string;
  workspace_id: string;
  goal_id: string | null;
  parent_id: string | null;
  position: number;
  is_milestone: number;
  title: string;
  description: string | null;
  status: string; // todo | in_progress | blocked | done | cancelled
  priority: number; // 1 low · 2 medium · 3 high · 4 urgent
  estimate_hours: number | null;
  start_date: string | null;
  due_date: string | null;
  buffer_days: number;
  checklist: string; // JSON [{ text, done }]
  labels: string; // JSON [string]
  required_skills: string; // JSON [{ skill, minLevel }]
  recurrence_id: string | null;
  occurrence: string | null;
  completed_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type TaskDependenciesTable = {
  workspace_id: string;
  from_task_id: string;
  to_task_id: string;
  lag_days: number;
};

export type TaskRolesTable = {
  workspace_id: string;
  task_id: string;
  user_id: string;
  role: string; // R | A | C | I
};

export type MemberSkillsTable = { workspace_id: string; user_id: string; skill: string; level: number };
export type MemberUnavailableDaysTable = { workspace_id: string; user_id: string; day: string };
export type WorkspaceCalendarDaysTable = {
  workspace_id: string;
  day: string;
  kind: string;
  name: string | null;
};
export type CalendarFeedsTable = {
  token_hash: string;
  workspace_id: string;
  user_id: string;
  created_at: number;
};
export type SavedViewsTable = {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  query: string;
  created_at: number;
};

export type ProcessesTable = {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  template_key: string | null;
  current_version_id: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type ProcessVersionsTable = {
  id: string;
  workspace_id: string;
  process_id: string;
  number: number;
  steps: string;
  created_by: string | null;
  created_at: number;
};

export type ProcessRunsTable = {
  id: string;
  workspace_id: string;
  process_id: string;
  version_id: string;
  subject: string;
  status: string; // active | on_hold | completed | cancelled
  current_step_key: string | null;
  hold_reason: string | null;
  started_by: string | null;
  started_at: number;
  finished_at: number | null;
  updated_at: number;
  /** native, or imported from an event log. */
  source: Generated<string>;
  /** The case id in the system an imported case came from. */
  external_id: Generated<string | null>;
  /** 1 once the finished case is folded into process_summaries. */
  summarised: Generated<number>;
};

/** A mergeable analytics part (core/processes/summary.ts) of one version's finished cases started on a UTC day. */
export type ProcessSummariesTable = {
  workspace_id: string;
  process_id: string;
  version_id: string;
  /** Days since 1970-01-01 UTC. */
  day: number;
  runs: number;
  part: string;
  updated_at: number;
};

export type ProcessRunStepsTable = {
  id: string;
  workspace_id: string;
  run_id: string;
  step_key: string;
  assignee_id: string | null;
  entered_at: number;
  started_at: number | null;
  completed_at: number | null;
  due_at: number | null;
  breached_at: number | null;
  outcome_key: string | null;
  checked_items: string;
  field_values: string;
  /** An imported visit's assignee who is not a member, as the log names them. */
  assignee_name: Generated<string | null>;
};

export type ProcessRunEventsTable = {
  id: string;
  workspace_id: string;
  run_id: string;
  type: string;
  step_key: string | null;
  actor_id: string | null;
  data: string | null;
  created_at: number;
};

export type PlanSettingsTable = {
  workspace_id: string;
  locale: string | null;
  cadence: string | null;
  sections: string | null;
  updated_at: number;
};

/** The last plan health per workspace and language (migration 0036; src/server/plans/healthStore.ts). */
export type PlanHealthTable = {
  workspace_id: string;
  locale: string;
  generation: number;
  revision: number;
  day: string;
  computed_at: number;
  items: number;
  /** Brotli-compressed JSON of the whole answer. */
  answer: Buffer;
  refreshing_since: number | null;
  /** The claimed computation's progress, in steps (migration 0038); null when none is under way. */
  progress_done: number | null;
  progress_total: number | null;
};

export type PlanKeysTable = { workspace_id: string; kind: string; object_id: string; key: string };

export type NotificationsTable = {
  id: string;
  workspace_id: string;
  recipient_id: string;
  event_id: string;
  type: string;
  reason: string; // act | asked | informed | owner | mentioned
  object_type: string;
  object_id: string;
  link: string;
  data: string;
  read_at: number | null;
  created_at: number;
};

export type NotificationSettingsTable = {
  user_id: string;
  timezone: string;
  quiet_start: string | null;
  quiet_end: string | null;
  digest: number;
  digest_hour: number;
  updated_at: number;
};

export type NotificationPreferencesTable = {
  user_id: string;
  event_type: string;
  channel: string; // in_app | email
  enabled: number;
  updated_at: number;
};

export type ChatTargetsTable = {
  id: string;
  workspace_id: string;
  name: string;
  kind: string; // dingtalk | feishu | wecom | slack | webhook
  url: string;
  secret: string | null;
  event_types: string; // JSON string[]
  enabled: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type NotificationDeliveriesTable = {
  id: string;
  workspace_id: string;
  dedupe_key: string;
  event_id: string | null;
  channel: string; // email | chat
  notification_id: string | null;
  recipient_id: string | null;
  target_id: string | null;
  event_type: string;
  data: string;
  status: string; // queued | sent | failed | digest | skipped
  send_after: number;
  attempts: number;
  response_code: number | null;
  last_error: string | null;
  sent_at: number | null;
  created_at: number;
  updated_at: number;
};

export type CommentsTable = {
  id: string;
  workspace_id: string;
  target_type: string;
  target_id: string;
  author_id: string | null;
  body: string;
  body_html: string;
  mentions: string; // JSON user ids
  edited_at: number | null;
  created_at: number;
};

export type CommentReactionsTable = {
  comment_id: string;
  user_id: string;
  emoji: string;
  created_at: number;
};

export type AppSecretsTable = { name: string; value: string; created_at: number };

export type DocumentsTable = {
  id: string;
  workspace_id: string;
  requested_by: string | null;
  goal_id: string | null;
  scope_title: string | null;
  format: string;
  locale: string;
  status: string;
  progress: number;
  file_name: string | null;
  size_bytes: number | null;
  content: Buffer | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
};

export type MeetingSeriesTable = {
  id: string;
  workspace_id: string;
  title: string;
  rule: string;
  starts_on: string;
  start_time: string;
  duration_minutes: number;
  attendee_ids: string; // JSON user ids
  owner_id: string | null;
  /** Hours before each meeting the scheduler sends its agenda (migration 0028). */
  agenda_lead_hours: Generated<number>;
  created_at: number;
  updated_at: number;
};

export type MeetingsTable = {
  id: string;
  workspace_id: string;
  series_id: string | null;
  title: string;
  date: string;
  start_time: string;
  duration_minutes: number;
  attendee_ids: string; // JSON user ids
  agenda: string; // JSON AgendaItem[]
  minutes: string; // Markdown
  decisions: string; // JSON string[]
  status: string; // planned | held
  agenda_sent_at: number | null;
  minutes_sent_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type MeetingActionsTable = {
  id: string;
  workspace_id: string;
  meeting_id: string;
  task_id: string | null;
  title: string;
  owner_id: string | null;
  due_date: string;
  created_at: number;
};

export type FeedbackSettingsTable = {
  workspace_id: string;
  portal_enabled: number;
  public_categories: string;
  synonyms: string | null;
  cluster_status: string;
  cluster_progress: number;
  clustered_at: number | null;
  updated_at: number;
};

export type FeedbackContactsTable = {
  id: string;
  workspace_id: string;
  email: string | null;
  name: string | null;
  created_at: number;
  updated_at: number;
};

export type FeedbackClustersTable = {
  id: string;
  workspace_id: string;
  label: string;
  label_pinned: number;
  terms: string;
  signature: string;
  created_at: number;
  updated_at: number;
};

export type FeedbackItemsTable = {
  id: string;
  workspace_id: string;
  title: string;
  body: string;
  channel: string;
  category: string | null;
  tags: string;
  product_area: string | null;
  contact_id: string | null;
  votes: number;
  sentiment: string | null;
  status: string;
  assignee_id: string | null;
  cluster_id: string | null;
  cluster_locked: number;
  merged_into_id: string | null;
  resolution: string | null;
  resolved_at: number | null;
  source_ref: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type FeedbackItemContactsTable = {
  item_id: string;
  contact_id: string;
  workspace_id: string;
  created_at: number;
};

export type FeedbackStatusChangesTable = {
  id: string;
  workspace_id: string;
  item_id: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  note: string | null;
  created_at: number;
};

export type FeedbackLinksTable = {
  item_id: string;
  workspace_id: string;
  target_type: string;
  target_id: string;
  created_at: number;
};

export type FeedbackVotesTable = {
  item_id: string;
  voter_key: string;
  workspace_id: string;
  created_at: number;
};

export type FeedbackRatingsTable = {
  id: string;
  workspace_id: string;
  item_id: string;
  contact_id: string | null;
  category: string | null;
  cluster_id: string | null;
  rating: number | null;
  email_status: string;
  sent_at: number;
  rated_at: number | null;
};

export type SurveysTable = {
  id: string;
  workspace_id: string;
  title: string;
  description: string;
  questions: string;
  status: string;
  closes_at: number | null;
  one_per_contact: number;
  feed_feedback: number;
  /** 1: responses only through the survey's links (migration 0025). */
  link_only: Generated<number>;
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type SurveyLinksTable = {
  id: string;
  workspace_id: string;
  survey_id: string;
  token: string;
  email: string | null;
  created_at: number;
};

export type SurveyWavesTable = {
  id: string;
  workspace_id: string;
  survey_id: string;
  number: number;
  label: string;
  opened_at: number;
  closed_at: number | null;
};

export type SurveyResponsesTable = {
  id: string;
  workspace_id: string;
  survey_id: string;
  wave_id: string;
  answers: string;
  nps: number | null;
  contact_id: string | null;
  respondent_key: string | null;
  created_at: number;
};

export type CompetitorsTable = {
  id: string;
  workspace_id: string;
  name: string;
  website: string | null;
  description: string;
  aliases: string;
  swot: string;
  created_at: number;
  updated_at: number;
};

export type CompetitorObservationsTable = {
  id: string;
  workspace_id: string;
  competitor_id: string;
  observed_on: string;
  category: string;
  title: string;
  note: string;
  source_url: string | null;
  price: number | null;
  goal_id: string | null;
  task_id: string | null;
  created_by: string | null;
  created_at: number;
};

/** Moves on every change the schedule reads (triggers of migration 0014): the schedule cache's key. */
export type PlanRevisionsTable = {
  workspace_id: string;
  revision: Generated<number>;
  /** Moves only when a top-level task's rank can change (migration 0037). */
  top_revision: Generated<number>;
};

export type ReviewTemplatesTable = {
  id: string;
  workspace_id: string;
  name: string;
  builtin_key: string | null;
  definition: string; // JSON ReviewTemplateDefinition
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type ReviewCyclesTable = {
  id: string;
  workspace_id: string;
  name: string;
  kind: string; // monthly | quarterly | half_year | custom
  period_start: string;
  period_end: string;
  template_id: string | null;
  definition: string; // JSON copy of the template
  stages: string; // JSON [{ stage, dueDate }]
  stage: string; // self | peer | manager | calibration | sign_off | closed
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type ReviewParticipantsTable = {
  id: string;
  workspace_id: string;
  cycle_id: string;
  reviewee_id: string;
  manager_id: string | null;
  period_start: string;
  period_end: string;
  scorecard: string | null; // JSON Scorecard
  scorecard_at: number | null;
  final_rating: number | null;
  final_comment: string | null;
  signed_off_by: string | null;
  signed_off_at: number | null;
  acknowledged_at: number | null;
  acknowledgement: string | null;
  created_at: number;
  updated_at: number;
};

export type ReviewsTable = {
  id: string;
  workspace_id: string;
  cycle_id: string;
  participant_id: string;
  reviewer_id: string;
  kind: string; // self | peer | manager
  status: string; // pending | draft | submitted
  answers: string; // JSON questionId → answer
  overrides: string; // JSON metric → { score, reason }
  score: number | null;
  submitted_at: number | null;
  created_at: number;
  updated_at: number;
};

/** 复盘 (migration 0016): subject, the four steps as JSON lists, and the process version it opened. */
export type RetrosTable = {
  id: string;
  workspace_id: string;
  title: string;
  subject_type: string; // goal | milestone | process | campaign | period
  subject_id: string | null;
  process_version_id: string | null;
  new_version_id: string | null;
  period_start: string | null;
  period_end: string | null;
  kpi_ids: string; // JSON string[]
  goal_review: string;
  went_well: string; // JSON string[]
  went_badly: string; // JSON string[]
  causes: string; // JSON [{ problem, whys[] }]
  proposed_change: string | null;
  figures: string | null; // JSON RetroFigure[] once done
  status: string; // draft | done
  owner_id: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type RetroLessonsTable = {
  id: string;
  workspace_id: string;
  retro_id: string;
  text: string;
  position: number;
  created_at: number;
};

export type RetroLessonTagsTable = { workspace_id: string; lesson_id: string; tag: string };

export type RetroActionsTable = {
  id: string;
  workspace_id: string;
  retro_id: string;
  task_id: string | null;
  title: string;
  owner_id: string | null;
  due_date: string;
  created_at: number;
};

export type RoleSkillTargetsTable = {
  workspace_id: string;
  role_title: string;
  skill: string;
  level: number;
};

/** A skill level assessed in a signed-off review (migration 0029). */
export type ReviewSkillAssessmentsTable = {
  workspace_id: string;
  participant_id: string;
  user_id: string;
  skill: string;
  level: number;
  rating: number;
  scale: number;
  assessed_on: string;
  assessed_at: number;
};

export type TrainingCoursesTable = {
  id: string;
  workspace_id: string;
  title: string;
  skill: string | null;
  target_level: number | null;
  description: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

export type TrainingSessionsTable = {
  id: string;
  workspace_id: string;
  course_id: string;
  date: string;
  trainer_id: string | null;
  trainer_name: string | null;
  materials_url: string | null;
  created_at: number;
  updated_at: number;
};

export type TrainingAttendanceTable = {
  workspace_id: string;
  session_id: string;
  user_id: string;
  status: string; // invited | attended | absent
  completed: Generated<number>;
  assessment_score: number | null;
  assessment_note: string | null;
  updated_at: number;
};

export type DevelopmentGoalsTable = {
  goal_id: string;
  workspace_id: string;
  user_id: string;
  skill: string;
  target_level: number;
};

export type Database = {
  users: UsersTable;
  sessions: SessionsTable;
  workspaces: WorkspacesTable;
  workspace_settings: WorkspaceSettingsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  audit_entries: AuditEntriesTable;
  rate_limits: RateLimitsTable;
  jobs: JobsTable;
  events: EventsTable;
  event_deliveries: EventDeliveriesTable;
  kpis: KpisTable;
  measurements: MeasurementsTable;
  goals: GoalsTable;
  key_results: KeyResultsTable;
  check_ins: CheckInsTable;
  recurrences: RecurrencesTable;
  tasks: TasksTable;
  task_dependencies: TaskDependenciesTable;
  task_roles: TaskRolesTable;
  member_skills: MemberSkillsTable;
  member_unavailable_days: MemberUnavailableDaysTable;
  workspace_calendar_days: WorkspaceCalendarDaysTable;
  calendar_feeds: CalendarFeedsTable;
  saved_views: SavedViewsTable;
  processes: ProcessesTable;
  process_versions: ProcessVersionsTable;
  process_runs: ProcessRunsTable;
  process_run_steps: ProcessRunStepsTable;
  process_run_events: ProcessRunEventsTable;
  process_summaries: ProcessSummariesTable;
  plan_settings: PlanSettingsTable;
  plan_health: PlanHealthTable;
  plan_keys: PlanKeysTable;
  documents: DocumentsTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  notification_preferences: NotificationPreferencesTable;
  chat_targets: ChatTargetsTable;
  notification_deliveries: NotificationDeliveriesTable;
  comments: CommentsTable;
  comment_reactions: CommentReactionsTable;
  app_secrets: AppSecretsTable;
  meeting_series: MeetingSeriesTable;
  meetings: MeetingsTable;
  meeting_actions: MeetingActionsTable;
  feedback_settings: FeedbackSettingsTable;
  feedback_contacts: FeedbackContactsTable;
  feedback_clusters: FeedbackClustersTable;
  feedback_items: FeedbackItemsTable;
  feedback_item_contacts: FeedbackItemContactsTable;
  feedback_status_changes: FeedbackStatusChangesTable;
  feedback_links: FeedbackLinksTable;
  feedback_votes: FeedbackVotesTable;
  feedback_ratings: FeedbackRatingsTable;
  plan_revisions: PlanRevisionsTable;
  review_templates: ReviewTemplatesTable;
  review_cycles: ReviewCyclesTable;
  review_participants: ReviewParticipantsTable;
  reviews: ReviewsTable;
  surveys: SurveysTable;
  survey_waves: SurveyWavesTable;
  survey_links: SurveyLinksTable;
  survey_responses: SurveyResponsesTable;
  competitors: CompetitorsTable;
  competitor_observations: CompetitorObservationsTable;
  retros: RetrosTable;
  retro_lessons: RetroLessonsTable;
  retro_lesson_tags: RetroLessonTagsTable;
  retro_actions: RetroActionsTable;
  role_skill_targets: RoleSkillTargetsTable;
  review_skill_assessments: ReviewSkillAssessmentsTable;
  training_courses: TrainingCoursesTable;
  training_sessions: TrainingSessionsTable;
  training_attendance: TrainingAttendanceTable;
  development_goals: DevelopmentGoalsTable;
};

export type Db = Kysely<Database>;
/** A database handle or an open transaction: queries take either. */
export type Executor = Kysely<Database> | Transaction<Database>;

export type User = Selectable<UsersTable>;
export type Workspace = Selectable<WorkspacesTable>;
export type Membership = Selectable<MembershipsTable>;
export type Job = Selectable<JobsTable>;
export type NewJob = Insertable<JobsTable>;
export type GeneratedId = Generated<string>;

/** The two databases OpsPlan runs on. */
export type Dialect = 'sqlite' | 'postgres';
