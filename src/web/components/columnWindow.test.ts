import { describe, expect, it } from 'vitest';
import { columnWindow } from './columnWindow.ts';

const base = { frozenWidth: 350, slotWidth: 88, count: 90, overscan: 2 };

describe('columnWindow', () => {
  it('shows the slots beside the frozen columns at the start', () => {
    // 1,000 − 350 = 650 px for slots: 7.4 slots, so 8, plus 2 of overscan.
    expect(columnWindow({ ...base, scrollLeft: 0, viewportWidth: 1000 })).toEqual({ first: 0, end: 10 });
  });

  it('follows the scroll, with overscan on both sides', () => {
    // Scrolled by 10 slots and a half: slots 10…17 are (partly) in view.
    expect(columnWindow({ ...base, scrollLeft: 924, viewportWidth: 1000 })).toEqual({ first: 8, end: 20 });
  });

  it('stops at the last slot', () => {
    expect(columnWindow({ ...base, scrollLeft: 90 * 88, viewportWidth: 1000 })).toEqual({
      first: 88,
      end: 90,
    });
  });

  it('shows at least one slot when the frozen columns take the whole width (a phone)', () => {
    expect(columnWindow({ ...base, scrollLeft: 0, viewportWidth: 300 })).toEqual({ first: 0, end: 3 });
  });

  it('has nothing to show without slots', () => {
    expect(columnWindow({ ...base, count: 0, scrollLeft: 0, viewportWidth: 1000 })).toEqual({
      first: 0,
      end: 0,
    });
  });
});
