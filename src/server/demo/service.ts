import type { Locale } from '../../core/i18n/index.ts';
import { newId } from '../../db/ids.ts';
import { insertUser } from '../auth/queries.ts';
import { seedGoalsDemo } from '../goals/demo.ts';
import { seedTasksDemo } from '../tasks/demo.ts';
import { seedProcessesDemo } from '../processes/demo.ts';
import { seedCommunicationDemo } from '../meetings/demo.ts';
import { seedFeedbackDemo } from '../feedback/demo.ts';
import { seedSurveysDemo } from '../surveys/demo.ts';
import { seedCompetitorsDemo } from '../competitors/demo.ts';
import { seedRetrosDemo } from '../retros/demo.ts';
import { seedSkillsDemo } from '../skills/demo.ts';
import { seedReviewsDemo } from '../reviews/demo.ts';
import { seedPlanDemo } from '../plans/demo.ts';
import type { Actor, Services } from '../context.ts';
import type { DemoContext } from './context.ts';
import { insertMembership, selectWorkspace } from '../workspaces/queries.ts';
import { insertWorkspaceWithOwner, toWorkspace } from '../workspaces/service.ts';
import { demoText } from './english.ts';
import { DEMO_OWNER_TITLE, DEMO_TEAM, DEMO_WORKSPACE_NAME } from './team.ts';

export type { DemoContext } from './context.ts';

/** Each module adds its own demo data here, in order, inside the one demo transaction. */
const DEMO_SEEDERS: Array<(context: DemoContext) => Promise<void>> = [
  seedGoalsDemo,
  seedTasksDemo,
  seedProcessesDemo,
  seedCommunicationDemo,
  seedFeedbackDemo,
  seedSurveysDemo,
  seedCompetitorsDemo,
  seedRetrosDemo,
  seedSkillsDemo,
  seedReviewsDemo,
  seedPlanDemo,
];

// Demo colleagues cannot sign in: their password hash matches no password.
const NO_PASSWORD = '!demo';

/** A realistic operations team workspace (Chinese, or English with `locale: 'en'`), owned by the caller, in one transaction. */
export async function createDemoWorkspace(services: Services, actor: Actor, options: { locale: Locale }) {
  const workspaceId = await services.db.transaction().execute(async (trx) => {
    const now = services.now();
    const workspaceId = await insertWorkspaceWithOwner(services, trx, {
      name: DEMO_WORKSPACE_NAME[options.locale],
      ownerId: actor.userId,
      title: demoText(options.locale, DEMO_OWNER_TITLE),
    });
    const people: Record<string, string> = { owner: actor.userId };
    const suffix = workspaceId.slice(-8);
    for (const person of DEMO_TEAM) {
      const userId = newId(now);
      people[person.key] = userId;
      await insertUser(trx, {
        id: userId,
        email: `${person.key}.${suffix}@demo.opsplan.invalid`,
        name: demoText(options.locale, person.name),
        password_hash: NO_PASSWORD,
        locale: options.locale,
        created_at: now,
        updated_at: now,
      });
      await insertMembership(trx, {
        workspace_id: workspaceId,
        user_id: userId,
        role: person.role,
        title: demoText(options.locale, person.title),
        weekly_capacity_hours: person.capacity,
        created_at: now,
      });
    }
    const context: DemoContext = {
      services,
      trx,
      workspaceId,
      ownerId: actor.userId,
      people,
      locale: options.locale,
    };
    for (const seed of DEMO_SEEDERS) await seed(context);
    return workspaceId;
  });
  return { workspace: toWorkspace(await selectWorkspace(services.db, workspaceId)), role: 'owner' as const };
}
