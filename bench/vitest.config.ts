import { defineProject } from 'vitest/config';

export default defineProject({
  // The statistics and helpers the benchmarks rely on; the benchmarks themselves only print.
  test: { name: 'bench', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
