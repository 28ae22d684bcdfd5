/** Workspace roles, strongest first. */
export const ROLES = ['owner', 'admin', 'manager', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Everything a member may do in a workspace, and the weakest role that may do it.
 * Server and web both read this table: the server to refuse, the web to hide what would be refused.
 */
const MINIMUM_ROLE = {
  'workspace.read': 'viewer',
  'workspace.update': 'admin',
  'members.read': 'viewer',
  'members.update': 'admin',
  'members.remove': 'admin',
  'invitations.read': 'manager',
  'invitations.create': 'manager',
  'invitations.revoke': 'manager',
  'audit.read': 'admin',
  'tokens.create': 'member',
  'goals.read': 'viewer',
  'goals.write': 'member',
  'goals.delete': 'manager',
  'kpis.read': 'viewer',
  'kpis.write': 'manager',
  'measurements.write': 'member',
  'tasks.read': 'viewer',
  'tasks.write': 'member',
  'tasks.delete': 'manager',
  'people.write': 'manager',
  'calendar.write': 'admin',
  'processes.read': 'viewer',
  'processes.write': 'manager',
  /** Per-person figures of a process step (visits, working time, breaches). */
  'processes.people': 'manager',
  'runs.write': 'member',
  'documents.read': 'viewer',
  'documents.create': 'member',
  'chat.manage': 'admin',
  'comments.write': 'member',
  'comments.moderate': 'admin',
  'meetings.read': 'viewer',
  'meetings.write': 'member',
  'feedback.read': 'viewer',
  'feedback.write': 'member',
  'feedback.manage': 'admin',
  'reviews.read': 'viewer',
  'reviews.write': 'member',
  'reviews.manage': 'manager',
  'reviews.all': 'admin',
  'retros.read': 'viewer',
  'retros.write': 'member',
  'training.read': 'viewer',
  'training.write': 'manager',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof MINIMUM_ROLE;
export const PERMISSIONS = Object.keys(MINIMUM_ROLE) as Permission[];

/** Rank of a role: 0 for owner, larger is weaker. */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may perform `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return roleRank(role) <= roleRank(MINIMUM_ROLE[permission]);
}

/** The permissions a role holds, for clients that show or hide actions. */
export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((permission) => can(role, permission));
}

/**
 * Whether `actor` may give `target` the role `nextRole`, or take the target's current role away.
 * Nobody hands out a role stronger than their own, and only owners touch owners.
 */
export function canAssignRole(actor: Role, current: Role | null, nextRole: Role): boolean {
  if (current === 'owner' || nextRole === 'owner') return actor === 'owner';
  return roleRank(actor) <= roleRank(nextRole) && (current === null || roleRank(actor) <= roleRank(current));
}
