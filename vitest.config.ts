import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Spawned `opsplan` processes run the sources under test, never a build left in dist/server.
    env: { OPSPLAN_FROM_SOURCE: '1' },
  },
});
