/**
 * The workload heatmap as sent to the page: weeks listed once, people listed once with their weekly capacity, and
 * per person only the weeks' planned hours and task counts (left out when the person has no load in the window)
 * and their available days (left out when they equal the calendar's). At 500 people × 8 weeks the cell-by-cell
 * form repeated a week and seven named fields 4,000 times (559 KB); this one sends the numbers (≤ 100 KB).
 *
 * Capacity, utilisation and over-allocation are not sent: `weekFigures` derives them from the hours and days,
 * the one rule that `workloadByWeek` (the server's computation) and `heatmapCells` (the page's reading) share.
 */

export type HeatmapWeeks = {
  /** The Monday of each ISO week. */
  weekStarts: string[];
  /** Working days of each week in the workspace calendar: a person's available days unless they are away. */
  workingDays: number[];
  /** Working days of an ordinary week: the weekly capacity is for that many days. */
  workingDaysPerWeek: number;
};

export type HeatmapRow = {
  /** Weekly capacity in hours (a full ordinary week). */
  capacity: number;
  /** Available working days per week; only when the person is away on a working day of the window. */
  days?: number[];
  /** Planned hours per week, rounded to 0.01; only when the person has load in the window. */
  hours?: number[];
  /** How many tasks put hours in each week; with `hours`. */
  tasks?: number[];
};

/** A person's figures for one week, as workloadByWeek gives them and the heatmap shows them. */
export type WeekFigures = {
  /** The Monday of the ISO week. */
  week: string;
  plannedHours: number;
  capacityHours: number;
  /** Working days this week on which the person is available. */
  availableDays: number;
  utilisation: number | null;
  isOverAllocated: boolean;
};

/** One cell of the heatmap, as the page shows it: a week's figures with its tasks counted. */
export type HeatmapCell = WeekFigures & { taskCount: number };

export function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/**
 * A person-week's capacity (weekly hours × available days ÷ days of an ordinary week, to 0.01), utilisation
 * (to 0.001; null without capacity) and whether the rounded planned hours exceed the rounded capacity.
 */
export function weekFigures(
  weeklyCapacityHours: number,
  availableDays: number,
  workingDaysPerWeek: number,
  plannedHours: number,
): { capacityHours: number; utilisation: number | null; isOverAllocated: boolean } {
  const capacityHours = round(
    workingDaysPerWeek > 0 ? (weeklyCapacityHours * availableDays) / workingDaysPerWeek : 0,
    2,
  );
  return {
    capacityHours,
    utilisation: capacityHours > 0 ? round(plannedHours / capacityHours, 3) : null,
    isOverAllocated: plannedHours > capacityHours,
  };
}

/** A row of the compact answer read back into its cells, one per week. */
export function heatmapCells(weeks: HeatmapWeeks, row: HeatmapRow): HeatmapCell[] {
  return weeks.weekStarts.map((week, index) => {
    const availableDays = row.days?.[index] ?? weeks.workingDays[index] ?? 0;
    const plannedHours = row.hours?.[index] ?? 0;
    return {
      week,
      plannedHours,
      availableDays,
      ...weekFigures(row.capacity, availableDays, weeks.workingDaysPerWeek, plannedHours),
      taskCount: row.tasks?.[index] ?? 0,
    };
  });
}
