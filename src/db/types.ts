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

export type Database = {
  users: UsersTable;
  sessions: SessionsTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  audit_entries: AuditEntriesTable;
  rate_limits: RateLimitsTable;
  jobs: JobsTable;
  events: EventsTable;
  event_deliveries: EventDeliveriesTable;
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
