import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long synchronous work may run before the event loop gets a turn (as SQLite queries do, db/yield.ts). */
const SLICE_MS = 20;

/**
 * Cuts a long synchronous loop into slices: `if (slices.due()) await slices.turn()` inside it lets other requests
 * (and /healthz) be answered every 20 ms, while a slice that is not over costs no promise.
 */
export function workSlices(sliceMs = SLICE_MS) {
  let started = performance.now();
  return {
    due: () => performance.now() - started >= sliceMs,
    async turn() {
      await nextTurn();
      started = performance.now();
    },
  };
}
