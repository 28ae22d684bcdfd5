/** Competitor tracking (竞品跟踪): what is seen of a competitor, by kind, and its SWOT. */

/** The kinds of observation: a price change, a feature, a campaign, a sales or marketing channel, anything else. */
export const OBSERVATION_CATEGORIES = ['pricing', 'feature', 'campaign', 'channel', 'other'] as const;
export type ObservationCategory = (typeof OBSERVATION_CATEGORIES)[number];

/** The four quadrants of a SWOT, in the order the 2×2 grid reads them. */
export const SWOT_QUADRANTS = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;
export type SwotQuadrant = (typeof SWOT_QUADRANTS)[number];
export type Swot = Record<SwotQuadrant, string[]>;

export const MAX_SWOT_POINTS = 20;

/** A SWOT read defensively from stored JSON or a plan section: strings only, each quadrant present. */
export function readSwot(value: unknown): Swot {
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  const points = (key: SwotQuadrant): string[] => {
    const list = (record as Record<string, unknown>)[key];
    return Array.isArray(list)
      ? list
          .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
          .slice(0, MAX_SWOT_POINTS)
      : [];
  };
  return {
    strengths: points('strengths'),
    weaknesses: points('weaknesses'),
    opportunities: points('opportunities'),
    threats: points('threats'),
  };
}

/** Whether a SWOT says anything at all. */
export function hasSwot(swot: Swot): boolean {
  return SWOT_QUADRANTS.some((quadrant) => swot[quadrant].length > 0);
}

/** Whether a text is an http(s) address a browser can open: the only links an observation may carry. */
export function isWebAddress(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** Observations per category, every category present (zero when none). */
export function countByCategory(
  observations: readonly { category: string }[],
): Record<ObservationCategory, number> {
  const counts = Object.fromEntries(OBSERVATION_CATEGORIES.map((category) => [category, 0])) as Record<
    ObservationCategory,
    number
  >;
  for (const observation of observations) {
    const category = (OBSERVATION_CATEGORIES as readonly string[]).includes(observation.category)
      ? (observation.category as ObservationCategory)
      : 'other';
    counts[category] += 1;
  }
  return counts;
}
