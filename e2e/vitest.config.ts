import { defineProject } from 'vitest/config';

// End-to-end checks start servers, registries and child processes: one file at a time.
export default defineProject({
  test: {
    name: 'e2e',
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
