/**
 * Column widths for a table in a word processor, which (unlike a browser) spreads columns evenly unless told:
 * a date column then wraps "2026-12-07" over two lines while a description column stays narrow.
 *
 * Widths are in half-em units: a full-width (CJK) character counts 2, any other 1.
 */

const FULL_WIDTH =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** How wide a text is in half-em units: its longest line. */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split(/\r?\n/)) {
    let width = 0;
    for (const character of line) width += FULL_WIDTH.test(character) ? 2 : 1;
    widest = Math.max(widest, width);
  }
  return widest;
}

/** The widest piece a line may not break inside: a date, a number, a Latin word or code (CJK breaks anywhere). */
function unbreakable(text: string): number {
  let widest = 0;
  for (const token of text.split(/[\s\u3000]+|(?<=[^\u0020-\u007e])|(?=[^\u0020-\u007e])/u)) {
    widest = Math.max(widest, displayWidth(token));
  }
  return widest;
}

/** Room a cell takes besides its text (the cell's margins), in the same units. */
const PADDING = 3;
/** A column wider than this many units of text wraps; more would starve the others. */
const MOST = 60;
/** An unbreakable piece longer than this wraps anyway (a URL, a long code). */
const LONGEST_PIECE = 16;

/**
 * Each column's share of the table's width (they add up to 1), from the header and the cells' texts: every
 * column first gets room for its longest unbreakable piece (dates and numbers stay on one line), then the rest
 * of the width goes to the columns by how much more their text wants, so long texts get the room.
 */
export function columnShares(texts: string[][], totalUnits: number): number[] {
  const count = Math.max(0, ...texts.map((row) => row.length));
  if (count === 0) return [];
  const want = Array.from({ length: count }, () => 1);
  const floor = Array.from({ length: count }, () => 1);
  for (const row of texts) {
    row.forEach((text, index) => {
      want[index] = Math.max(want[index] ?? 1, Math.min(displayWidth(text), MOST));
      // Two CJK characters at least (待办 must not stand one character a line), else the longest piece.
      const piece = Math.max(unbreakable(text), Math.min(displayWidth(text), 4));
      floor[index] = Math.max(floor[index] ?? 1, Math.min(piece, LONGEST_PIECE));
    });
  }
  const desired = want.map((value) => value + PADDING);
  const minimum = floor.map((value) => value + PADDING);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  let widths: number[];
  if (sum(desired) <= totalUnits || sum(minimum) >= totalUnits) {
    widths = sum(desired) <= totalUnits ? desired : minimum;
  } else {
    const spare = totalUnits - sum(minimum);
    const extra = desired.map((value, index) => value - (minimum[index] ?? 0));
    const extraSum = sum(extra);
    widths = minimum.map((value, index) => value + (spare * (extra[index] ?? 0)) / extraSum);
  }
  const total = sum(widths);
  return widths.map((value) => value / total);
}
