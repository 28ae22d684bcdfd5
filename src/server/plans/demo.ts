import type { PlanReviewCadence } from '../../core/plan/model.ts';
import type { DemoContext } from '../demo/context.ts';
import { upsertPlanSettings } from './queries.ts';

/**
 * The demo team's review cadence, as it lives it: weekly goal check-ins and KPI review at the Monday sync,
 * quarterly performance reviews and a 复盘 after each milestone. Without it plan health would say the plan has
 * no review cadence beside the meetings, reviews and 复盘 the demo holds.
 */
export async function seedPlanDemo(context: DemoContext): Promise<void> {
  const cadence: PlanReviewCadence = {
    checkIns: 'weekly',
    kpiReview: 'weekly',
    performanceReview: 'quarterly',
    retrospective: 'per_milestone',
  };
  await upsertPlanSettings(context.trx, {
    workspace_id: context.workspaceId,
    locale: null,
    cadence: JSON.stringify(cadence),
    sections: null,
    updated_at: context.services.now(),
  });
}
