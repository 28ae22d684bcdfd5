import type { Transaction } from 'kysely';
import type { Locale } from '../../core/i18n/index.ts';
import type { Database } from '../../db/types.ts';
import type { Services } from '../context.ts';
import { backdateDoneTask } from '../tasks/queries.ts';

/** What each domain's demo seeder gets: its own file, so the seeders and the demo service import no cycle. */
export type DemoContext = {
  services: Services;
  trx: Transaction<Database>;
  workspaceId: string;
  ownerId: string;
  /** Demo member ids by key (`lina`, `wanglei`, …), the owner as `owner`. */
  people: Record<string, string>;
  locale: Locale;
};

/** When a finished demo task was done: on its due day (early evening in China), never later than now. */
export function demoFinishedAt(now: number, dueDay: string): number {
  return Math.min(now, Date.parse(`${dueDay}T10:00:00Z`));
}

/** Dates a demo task created as done to its due day, so the timeline shows it where the work happened. */
export async function backdateDemoCompletion(
  context: DemoContext,
  taskId: string,
  dueDay: string,
): Promise<void> {
  await backdateDoneTask(
    context.trx,
    context.workspaceId,
    taskId,
    demoFinishedAt(context.services.now(), dueDay),
  );
}
