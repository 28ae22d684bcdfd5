import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll's default of 1 s is too short for a browser that shares two cores with the server under test.
    expect: { poll: { timeout: 15_000 } },
  },
});
