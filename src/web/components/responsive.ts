import { Grid } from 'antd';
import type { Breakpoint } from 'antd';

/**
 * A table column marked `responsive: FROM_TABLET` shows from 768 px up: on a phone a table keeps only its key
 * columns (what it is, who, when due) and fits the screen instead of scrolling sideways.
 */
export const FROM_TABLET: Breakpoint[] = ['md'];

/** Below 768 px: phones and narrow tablets, where tables drop their secondary columns and fixed scroll widths. */
export function useIsCompact(): boolean {
  return Grid.useBreakpoint().md === false;
}
