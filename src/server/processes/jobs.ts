import type { Services } from '../context.ts';
import * as queries from './queries.ts';
import { foldAllProcesses } from './summaries.ts';

/** The SLA job: each open step past its due time is marked once and announced. */
export async function markBreachedSteps(services: Services): Promise<number> {
  const now = services.now();
  const breached = await queries.unsafeSelectBreachedSteps(services.db, now, 1000);
  if (breached.length === 0) return 0;
  let marked = 0;
  await services.db.transaction().execute(async (trx) => {
    for (const step of breached) {
      // A step completed (or marked by another instance) since the select above is left alone, unannounced.
      if (!(await queries.markRunStepBreached(trx, step.id, now))) continue;
      marked += 1;
      await services.outbox.emit(trx, {
        workspaceId: step.workspace_id,
        type: 'process.step_overdue',
        payload: {
          runId: step.run_id,
          stepKey: step.step_key,
          assigneeId: step.assignee_id,
          dueAt: step.due_at,
        },
      });
    }
  });
  return marked;
}

export async function registerProcessJobs(services: Services): Promise<void> {
  services.scheduler.register('processes.sla', async () => {
    await markBreachedSteps(services);
  });
  await services.scheduler.every('processes.sla', '*/5 * * * *');
  services.scheduler.register('processes.fold', async () => {
    await foldAllProcesses(services.db, services.dialect, services.now, (processId, folded) =>
      services.scheduler.logger.info({ processId, folded }, 'process summaries: cases folded'),
    );
  });
  await services.scheduler.every('processes.fold', '* * * * *');
}
