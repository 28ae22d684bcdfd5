import {
  matrixSkills,
  type MatrixPerson,
  type RoleTarget,
  type SkillRequirement,
  type TaskDemand,
} from '../../core/skills/index.ts';
import type { Executor } from '../../db/types.ts';
import { selectMembers } from '../workspaces/queries.ts';
import * as queries from './queries.ts';

function parseRequirements(json: string): SkillRequirement[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value)
      ? value.flatMap((item) =>
          typeof item === 'object' && item !== null && typeof (item as { skill?: unknown }).skill === 'string'
            ? [
                {
                  skill: (item as { skill: string }).skill,
                  minLevel:
                    typeof (item as { minLevel?: unknown }).minLevel === 'number'
                      ? (item as { minLevel: number }).minLevel
                      : undefined,
                },
              ]
            : [],
        )
      : [];
  } catch {
    return [];
  }
}

/** What the matrix is computed from: members with levels, role targets, open tasks needing skills. */
export async function loadMatrixFacts(executor: Executor, workspaceId: string) {
  const [members, levels, targetRows, demand] = await Promise.all([
    selectMembers(executor, workspaceId),
    queries.selectLevels(executor, workspaceId),
    queries.selectTargets(executor, workspaceId),
    queries.selectSkillDemand(executor, workspaceId),
  ]);
  const levelsOf = new Map<string, Record<string, number>>();
  for (const row of levels)
    levelsOf.set(row.user_id, { ...levelsOf.get(row.user_id), [row.skill]: row.level });
  const people: (MatrixPerson & { name: string })[] = members.map((member) => ({
    id: member.user_id,
    name: member.name,
    title: member.title,
    levels: levelsOf.get(member.user_id) ?? {},
  }));
  const targets: RoleTarget[] = targetRows.map((row) => ({
    roleTitle: row.role_title,
    skill: row.skill,
    level: row.level,
  }));
  const tasks: TaskDemand[] = demand.map((task) => ({
    id: task.id,
    title: task.title,
    status: task.status,
    requiredSkills: parseRequirements(task.required_skills),
  }));
  return { people, targets, tasks };
}

/**
 * The workspace's skills, the keys a review question may be tagged with: the matrix's columns (skills someone has,
 * a role targets or an open task requires). A skill is its name within the workspace.
 */
export async function workspaceSkills(executor: Executor, workspaceId: string): Promise<Set<string>> {
  const { people, targets, tasks } = await loadMatrixFacts(executor, workspaceId);
  return new Set(matrixSkills(people, targets, tasks));
}
