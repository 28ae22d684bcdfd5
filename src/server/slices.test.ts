import { describe, expect, it } from 'vitest';
import { runInSlices } from './slices.ts';

describe('runInSlices', () => {
  it('gives other work a turn between steps once a slice is over, and returns the steps’ value', async () => {
    let turns = 0;
    const other = setInterval(() => {
      turns += 1;
    }, 0);
    function* busy(): Generator<void, string, void> {
      for (let step = 0; step < 20; step += 1) {
        const until = performance.now() + 5;
        while (performance.now() < until) {
          // a unit of synchronous work
        }
        yield;
      }
      return 'done';
    }
    try {
      // 20 steps of 5 ms in 10 ms slices: the interval gets turns in between.
      expect(await runInSlices(busy(), 10)).toBe('done');
      expect(turns).toBeGreaterThan(2);
    } finally {
      clearInterval(other);
    }
  });

  it('runs steps that fit in one slice without waiting', async () => {
    let turns = 0;
    const other = setInterval(() => {
      turns += 1;
    }, 0);
    function* quick(): Generator<void, number, void> {
      yield;
      yield;
      return 3;
    }
    try {
      expect(await runInSlices(quick(), 60_000)).toBe(3);
      expect(turns).toBe(0);
    } finally {
      clearInterval(other);
    }
  });
});
