import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'site',
    include: ['test/**/*.test.ts'],
    // Bounds for a machine ten times slower than a quiet 2-core one (the slowest test here
    // takes about a second there): they catch a hang, never a slow run.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
