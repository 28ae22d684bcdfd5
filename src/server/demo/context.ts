import type { Transaction } from 'kysely';
import type { Locale } from '../../core/i18n/index.ts';
import type { Database } from '../../db/types.ts';
import type { Services } from '../context.ts';

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
