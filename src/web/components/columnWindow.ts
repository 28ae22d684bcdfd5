/**
 * The slots of a row of equal-width columns that a horizontal scroll box shows, with `overscan` more on each side:
 * a wide matrix (the RACI page's ~90 people) draws only these and keeps the others' width as empty space.
 * `frozenWidth` is the width of the columns pinned at the left, which the slots pass under.
 */
export function columnWindow(options: {
  scrollLeft: number;
  viewportWidth: number;
  frozenWidth: number;
  slotWidth: number;
  count: number;
  overscan: number;
}): { first: number; end: number } {
  const { scrollLeft, viewportWidth, frozenWidth, slotWidth, count, overscan } = options;
  if (count === 0) return { first: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollLeft) / slotWidth);
  const end = Math.ceil((Math.max(0, scrollLeft) + Math.max(0, viewportWidth - frozenWidth)) / slotWidth);
  return { first: Math.max(0, first - overscan), end: Math.min(count, Math.max(end, first + 1) + overscan) };
}
