// Apart from recurrence.ts so the web's date picker can use the range without bundling rrule.
/**
 * The days a routine may start on or skip. rrule walks every period from the start to answer any question,
 * so an unbounded start (year 1) turns one request into minutes of work.
 */
export const ROUTINE_DAYS = { first: '2000-01-01', last: '2100-12-31' } as const;

export function isRoutineDay(day: string): boolean {
  return day >= ROUTINE_DAYS.first && day <= ROUTINE_DAYS.last;
}
