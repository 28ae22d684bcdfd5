import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default (CPUs − 1) is one file at a time on a two-core machine, where most files wait on SQLite's
    // fsyncs, PostgreSQL round trips and spawned processes: two at once ran the SQLite suite in 0.70 of the time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Spawned `opsplan` processes run the sources under test, never a build left in dist/server.
    env: { OPSPLAN_FROM_SOURCE: '1' },
  },
});
