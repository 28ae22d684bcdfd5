/** A new value set against the KPI's recent values: where they usually fall, and whether it is far outside. */
export type OutlierCheck = {
  isOutlier: boolean;
  /** The median of the recent values. */
  typical: number;
  /** The band a value may fall in without a warning. */
  low: number;
  high: number;
};

/** At least this many recent values before anything is called unusual. */
export const OUTLIER_MIN_POINTS = 5;
/** Modified z-score beyond which a value is an outlier (Iglewicz and Hoaglin). */
const MODIFIED_Z_LIMIT = 3.5;
/** A value within a quarter of the typical level never warns: a steady series has a tiny spread. */
const RELATIVE_TOLERANCE = 0.25;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Whether `value` is far from the KPI's recent values (1,280 against a usual ~300): beyond 3.5 robust standard
 * deviations (1.4826 × the median absolute deviation) of their median and more than 25% away from it. Null
 * with fewer than 5 recent values, when no usual level is known yet.
 */
export function checkOutlier(value: number, recent: readonly number[]): OutlierCheck | null {
  const values = recent.filter((item) => Number.isFinite(item));
  if (values.length < OUTLIER_MIN_POINTS || !Number.isFinite(value)) return null;
  const typical = median(values);
  const spread = 1.4826 * median(values.map((item) => Math.abs(item - typical)));
  const allowance = Math.max(MODIFIED_Z_LIMIT * spread, RELATIVE_TOLERANCE * Math.abs(typical));
  const low = typical - allowance;
  const high = typical + allowance;
  // A series stuck at zero has no allowance: any other value stands out.
  const isOutlier = allowance === 0 ? value !== typical : value < low || value > high;
  return { isOutlier, typical, low, high };
}
