import type { PlanFinding, PlanHealth } from './hooks.ts';

/** The page whose form fixes a finding: the goal, task, KPI or process it names, else the chapter's page. */
export function findingLink(base: string, finding: PlanFinding, ids: PlanHealth['ids']): string {
  const subject = finding.subject ?? '';
  const goalId = ids.goals[subject];
  const taskId = ids.tasks[subject];
  const processId = ids.processes[subject];
  switch (finding.rule) {
    case 'task-one-accountable':
    case 'task-no-responsible':
      return `${base}/raci`;
    case 'person-over-allocated':
      return `${base}/workload`;
    case 'dependency-cycle':
      return `${base}/tasks/timeline`;
    case 'plan-no-review-cadence':
      // The review cadence is written in plan.yaml only.
      return `${base}/plan/yaml`;
    case 'plan-no-routines':
    case 'routine-invalid-rule':
      return `${base}/routines`;
    default:
      break;
  }
  if (finding.path.startsWith('goals') && goalId) return `${base}/goals/${goalId}`;
  if (finding.path.startsWith('tasks') && taskId) return `${base}/tasks?task=${encodeURIComponent(taskId)}`;
  if (finding.path.startsWith('processes') && processId) return `${base}/processes/${processId}/edit`;
  if (finding.path.startsWith('kpis') && subject) return `${base}/kpis/${encodeURIComponent(subject)}`;
  const chapterPage: Record<PlanFinding['chapter'], string> = {
    goals: 'goals',
    tasks: 'tasks',
    schedule: 'tasks/timeline',
    processes: 'processes',
    kpis: 'kpis',
    cadence: 'routines',
  };
  return `${base}/${chapterPage[finding.chapter]}`;
}

/** A score's colour: green from 80, amber from 60, red below. */
export function scoreColor(score: number): string {
  if (score >= 80) return '#52c41a';
  if (score >= 60) return '#faad14';
  return '#ff4d4f';
}
