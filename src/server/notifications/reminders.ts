import { kpiValueDue } from '../../core/notifications/index.ts';
import type { Frequency } from '../../core/kpis/periods.ts';
import type { Services } from '../context.ts';
import { dayInTimezone } from '../time.ts';
import { timeZonesByWorkspace } from '../workspaces/worktime.ts';
import { selectKpisWithOwners } from './queries.ts';

export const KPI_VALUES_DUE_JOB = 'notifications.kpi_values_due';

/**
 * Every morning: `kpi.value_due` for each owned KPI whose period just ended without a value (per its own
 * frequency). The other reminders come from their modules' events: task due soon/overdue, check-ins due,
 * step SLA breaches and routine occurrences; all run as cron rows one instance claims.
 */
export async function emitKpiValuesDue(services: Services): Promise<number> {
  // A period ends at midnight in the workspace's own time zone.
  const zoneOf = await timeZonesByWorkspace(services);
  const kpis = await selectKpisWithOwners(services.db);
  const due = kpis.flatMap((kpi) => {
    const today = dayInTimezone(services.now(), zoneOf(kpi.workspace_id));
    const period = kpiValueDue(today, kpi.frequency as Frequency, kpi.last_period);
    return period ? [{ ...kpi, period }] : [];
  });
  if (due.length === 0) return 0;
  await services.db.transaction().execute(async (trx) => {
    for (const kpi of due) {
      await services.outbox.emit(trx, {
        workspaceId: kpi.workspace_id,
        type: 'kpi.value_due',
        payload: { kpiId: kpi.id, period: kpi.period },
      });
    }
  });
  return due.length;
}

export async function registerReminderJobs(services: Services): Promise<void> {
  services.scheduler.register(KPI_VALUES_DUE_JOB, async () => {
    await emitKpiValuesDue(services);
  });
  await services.scheduler.every(KPI_VALUES_DUE_JOB, '30 1 * * *');
}
