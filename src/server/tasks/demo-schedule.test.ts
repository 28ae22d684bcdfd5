import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { as, createTestApp, signUpUser, type TestApp, type TestUser } from '../testing/app.ts';

let t: TestApp;
let owner: TestUser;

beforeEach(async () => {
  t = await createTestApp();
  owner = await signUpUser(t.app);
});
afterEach(() => t.close());

type Row = {
  id: string;
  wbs: string;
  title: string;
  status: string;
  isCritical: boolean;
  isFinished: boolean;
  totalSlack: number;
  dueDate: string | null;
  earlyFinish: string;
};

describe('the demo timeline', () => {
  it('keeps finished tasks off the critical path, which is one chain of the remaining work', async () => {
    const demo = await t.app.inject(
      as(owner, { method: 'POST', url: '/api/v1/workspaces/demo', payload: { locale: 'zh-CN' } }),
    );
    expect(demo.statusCode).toBe(201);
    const workspaceId = demo.json().workspace.id as string;
    const schedule = (
      await t.app.inject(as(owner, { method: 'GET', url: `/api/v1/w/${workspaceId}/schedule` }))
    ).json() as {
      tasks: Row[];
      criticalPath: string[];
      dependencies: { fromTaskId: string; toTaskId: string }[];
    };
    const tasks = schedule.tasks;
    const critical = tasks.filter((task) => task.isCritical);
    expect(tasks.some((task) => task.status === 'done')).toBe(true);
    for (const task of tasks) {
      if (task.status === 'done')
        expect(task, task.title).toMatchObject({ isFinished: true, isCritical: false });
    }
    // Finished work sits at the dates it was done (its due day), not all ending today.
    const finished = tasks.filter((task) => task.status === 'done');
    for (const task of finished) expect(task.earlyFinish, task.title).toBe(task.dueDate);
    expect(new Set(finished.map((task) => task.earlyFinish)).size).toBeGreaterThan(3);
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.length).toBeLessThan(tasks.length / 3);
    // The path is a chain: each task after the first depends on the one before it.
    const edges = new Set(schedule.dependencies.map((edge) => `${edge.fromTaskId}>${edge.toTaskId}`));
    schedule.criticalPath.slice(1).forEach((id, index) => {
      expect(edges.has(`${schedule.criticalPath[index]}>${id}`)).toBe(true);
    });
  });
});
