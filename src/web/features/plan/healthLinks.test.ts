import { describe, expect, it } from 'vitest';
import { findingLink, scoreColor } from './healthLinks.ts';
import type { PlanFinding } from './hooks.ts';

const ids = { goals: { g1: 'goal-id' }, tasks: { 't1.2': 'task-id' }, processes: { p1: 'process-id' } };
const base = '/w/ws';

function finding(rule: string, chapter: PlanFinding['chapter'], path: string, subject: string | null) {
  return {
    rule,
    severity: 'warning',
    chapter,
    path,
    line: null,
    column: null,
    message: '',
    subject,
  } as const;
}

describe('plan health links', () => {
  it('opens the goal, task, KPI or process a finding names', () => {
    expect(findingLink(base, finding('goal-no-owner', 'goals', 'goals[0]', 'g1'), ids)).toBe(
      '/w/ws/goals/goal-id',
    );
    expect(findingLink(base, finding('task-no-dates', 'schedule', 'tasks[1]', 't1.2'), ids)).toBe(
      '/w/ws/tasks?task=task-id',
    );
    expect(findingLink(base, finding('kpi-no-owner', 'kpis', 'kpis[0]', 'orders'), ids)).toBe(
      '/w/ws/kpis/orders',
    );
    expect(
      findingLink(base, finding('process-step-no-sla', 'processes', 'processes[0].steps[1]', 'p1'), ids),
    ).toBe('/w/ws/processes/process-id/edit');
  });

  it('sends RACI, workload, loops and cadence to the page that fixes them', () => {
    expect(findingLink(base, finding('task-one-accountable', 'tasks', 'tasks[1].raci', 't1.2'), ids)).toBe(
      '/w/ws/raci',
    );
    expect(findingLink(base, finding('person-over-allocated', 'schedule', 'people[0]', null), ids)).toBe(
      '/w/ws/workload',
    );
    expect(
      findingLink(base, finding('dependency-cycle', 'schedule', 'tasks[1].dependsOn', 't1.2'), ids),
    ).toBe('/w/ws/tasks/timeline');
    expect(findingLink(base, finding('plan-no-review-cadence', 'cadence', '', null), ids)).toBe(
      '/w/ws/plan/yaml',
    );
    expect(findingLink(base, finding('plan-no-routines', 'cadence', 'routines', null), ids)).toBe(
      '/w/ws/routines',
    );
  });

  it('falls back to the chapter’s page when the subject is unknown', () => {
    expect(findingLink(base, finding('goal-not-smart', 'goals', 'goals[3]', 'gone'), ids)).toBe(
      '/w/ws/goals',
    );
    expect(findingLink(base, finding('task-due-before-start', 'schedule', 'tasks[9]', 'gone'), ids)).toBe(
      '/w/ws/tasks/timeline',
    );
  });

  it('colours a score green, amber or red', () => {
    expect([scoreColor(95), scoreColor(70), scoreColor(10)]).toEqual(['#52c41a', '#faad14', '#ff4d4f']);
  });
});
