import type { Locale } from '../../core/i18n/index.ts';
import type { Actor, Services } from '../context.ts';

/** Who asks and in which language the observations' words are written. */
export type PlanContext = { services: Services; actor: Actor; locale: Locale };
