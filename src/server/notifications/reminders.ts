import { kpiValueDue } from '../../core/notifications/index.ts';
import type { Frequency } from '../../core/kpis/periods.ts';
import type { Services } from '../context.ts';
import { dayInTimezone } from '../time.ts';
import { registerMorningJob, type MorningScope } from '../workspaces/mornings.ts';
import { timeZonesByWorkspace } from '../workspaces/worktime.ts';
import { selectKpisWithOwners } from './queries.ts';

export const KPI_VALUES_DUE_JOB = 'notifications.kpi_values_due';

/**
 * Each workspace's morning: `kpi.value_due` for each owned KPI whose period just ended without a value (per its
 * own frequency; a period ends at midnight in the workspace's zone). The other reminders come from their modules:
 * task due soon/overdue and check-ins due in the same mornings (workspaces/mornings.ts), step SLA breaches and
 * routine occurrences from their quarter-hourly jobs. Without a scope every workspace reads its own today.
 */
export async function emitKpiValuesDue(services: Services, scope?: MorningScope): Promise<number> {
  const zoneOf = scope ? null : await timeZonesByWorkspace(services);
  const kpis = await selectKpisWithOwners(services.db, scope?.workspaceId);
  const due = kpis.flatMap((kpi) => {
    const today = scope?.today ?? dayInTimezone(services.now(), zoneOf?.(kpi.workspace_id) ?? '');
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
  await registerMorningJob(services, KPI_VALUES_DUE_JOB, async (scope) => {
    await emitKpiValuesDue(services, scope);
  });
}
