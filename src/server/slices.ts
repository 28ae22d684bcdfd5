import { setImmediate as nextTurn } from 'node:timers/promises';
import { SQLITE_SLICE_MS } from '../db/yield.ts';

/**
 * Cuts a long synchronous loop into slices: `if (slices.due()) await slices.turn()` inside it lets other requests
 * (and /healthz) be answered every slice (20 ms, as SQLite queries get in db/yield.ts), while a slice that is not
 * over costs no promise.
 */
export function workSlices(sliceMs = SQLITE_SLICE_MS) {
  let started = performance.now();
  return {
    due: () => performance.now() - started >= sliceMs,
    async turn() {
      await nextTurn();
      started = performance.now();
    },
  };
}

/** Runs steps (a generator that pauses between units of work) to the end, giving other work a turn every slice. */
export async function runInSlices<T>(
  steps: Generator<unknown, T, void>,
  sliceMs = SQLITE_SLICE_MS,
): Promise<T> {
  const slices = workSlices(sliceMs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (slices.due()) await slices.turn();
  }
}
