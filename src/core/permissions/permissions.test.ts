import { describe, expect, it } from 'vitest';
import { can, canAssignRole, permissionsOf } from './index.ts';

describe('permissions', () => {
  it('grants stronger roles everything weaker roles have', () => {
    expect(can('owner', 'audit.read')).toBe(true);
    expect(can('admin', 'audit.read')).toBe(true);
    expect(can('manager', 'audit.read')).toBe(false);
    expect(can('viewer', 'members.read')).toBe(true);
    expect(can('viewer', 'tokens.create')).toBe(false);
    expect(permissionsOf('member')).toContain('tokens.create');
    expect(permissionsOf('viewer')).not.toContain('invitations.create');
  });

  it('keeps owners in the hands of owners', () => {
    expect(canAssignRole('admin', 'member', 'owner')).toBe(false);
    expect(canAssignRole('admin', 'owner', 'member')).toBe(false);
    expect(canAssignRole('owner', 'owner', 'admin')).toBe(true);
    expect(canAssignRole('admin', 'member', 'admin')).toBe(true);
    expect(canAssignRole('manager', null, 'admin')).toBe(false);
    expect(canAssignRole('manager', null, 'member')).toBe(true);
  });
});
