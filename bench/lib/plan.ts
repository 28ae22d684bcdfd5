/** Posts a JSON body to an OpsPlan API path as the bench's signed-in user; answers the parsed JSON. */
export type Post = (url: string, body: unknown) => Promise<unknown>;

/** The plan's day `offset` days after 2026-12-01 (Kanboard's copy of the plan uses the same due dates). */
export const day = (offset: number) => new Date(Date.UTC(2026, 11, 1 + offset)).toISOString().slice(0, 10);

/**
 * The Kanboard-like plan of `bench:workload` and `bench/request-cost.ts`, made over the API: phases of nine tasks
 * (due dates, priorities, labels, estimates, a two-item checklist), each task after its previous sibling. Answers
 * every task id in the order made, phases included, `taskCount` in all.
 */
export async function makePhasedPlan(
  post: Post,
  workspacePath: string,
  taskCount: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let parent = 0; ids.length < taskCount; parent += 1) {
    const phase = (await post(`${workspacePath}/tasks`, {
      title: `阶段 ${parent + 1} · Phase ${parent + 1}`,
      description: `第 ${parent + 1} 阶段的目标与交付物 · goals and deliverables of phase ${parent + 1}`,
      estimateHours: 8,
      labels: [`phase-${(parent % 5) + 1}`],
    })) as { task: { id: string } };
    ids.push(phase.task.id);
    let previous: string | null = null;
    for (let child = 0; child < 9 && ids.length < taskCount; child += 1) {
      const created = (await post(`${workspacePath}/tasks`, {
        title: `任务 ${parent + 1}.${child + 1} · Task ${parent + 1}.${child + 1}`,
        description:
          '按计划完成并在周会上汇报进展。Finish as planned and report at the weekly meeting. '.repeat(3),
        parentId: phase.task.id,
        estimateHours: 4 + ((parent + child) % 5) * 4,
        dueDate: day(parent + child * 2),
        priority: (['urgent', 'high', 'medium', 'low'] as const)[(parent + child) % 4],
        labels: [`phase-${(parent % 5) + 1}`, child % 2 ? 'ops' : 'content'],
        checklist: [
          { text: '准备 · prepare', done: child % 3 === 0 },
          { text: '复核 · review', done: false },
        ],
      })) as { task: { id: string } };
      ids.push(created.task.id);
      if (previous)
        await post(`${workspacePath}/tasks/${created.task.id}/dependencies`, { fromTaskId: previous });
      previous = created.task.id;
    }
  }
  return ids;
}
