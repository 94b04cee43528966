import { defineConfig } from 'vitest/config';

// One entry point for every package's tests: `pnpm vitest` at the root runs them all,
// each project with its own config; turbo runs the same configs package by package.
export default defineConfig({
  test: {
    projects: [
      'spec',
      'packages/*',
      'examples/*',
      'e2e',
      'bench',
      'tools/*',
      'site',
      'scripts',
      'runtimes',
    ],
  },
});
