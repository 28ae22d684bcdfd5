import type { StepOwner } from './graph.ts';

/** A workspace member as the assignment policy sees them. */
export type AssignableMember = { userId: string; title: string | null; role: string };

/**
 * Who may take a step in turn: for a role, the members whose title contains it or whose workspace role is it
 * (ignoring case); for a skill, the members who hold it; for a named person, that person if still a member.
 * Members keep their order; a step without an owner has no candidates.
 */
export function stepCandidates(
  owner: StepOwner | null | undefined,
  members: readonly AssignableMember[],
  skillHolders: ReadonlySet<string> = new Set(),
): string[] {
  if (!owner) return [];
  if (owner.type === 'person')
    return members.some((member) => member.userId === owner.userId) ? [owner.userId] : [];
  if (owner.type === 'role') {
    const role = owner.role.toLowerCase();
    return members
      .filter((member) => (member.title ?? '').toLowerCase().includes(role) || member.role === role)
      .map((member) => member.userId);
  }
  return members.filter((member) => skillHolders.has(member.userId)).map((member) => member.userId);
}

/**
 * Round-robin: the candidate whose last turn at this step is the oldest, someone who never had it first; ties
 * go to the smaller user id so the choice is the same on every run. `lastTurns` maps a candidate to their
 * latest visit's id (ids sort by time). Null when there is nobody.
 */
export function nextInTurn(
  candidates: readonly string[],
  lastTurns: ReadonlyMap<string, string>,
): string | null {
  return (
    [...candidates].sort(
      (a, b) => (lastTurns.get(a) ?? '').localeCompare(lastTurns.get(b) ?? '') || a.localeCompare(b),
    )[0] ?? null
  );
}

/**
 * Who does a step: the named person; else, in turn, a member with the role or skill; else `fallback` (whoever
 * started the case), so no step is left without someone while anyone fits.
 */
export function pickAssignee(
  owner: StepOwner | null | undefined,
  context: {
    members: readonly AssignableMember[];
    skillHolders?: ReadonlySet<string>;
    lastTurns?: ReadonlyMap<string, string>;
    fallback: string | null;
  },
): string | null {
  const candidates = stepCandidates(owner, context.members, context.skillHolders);
  return nextInTurn(candidates, context.lastTurns ?? new Map()) ?? context.fallback;
}
