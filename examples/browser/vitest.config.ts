import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-browser',
    include: ['test/**/*.test.ts'],
    // Three `vite build`s, a Chromium start and three runs of the page: bounded so that a
    // machine ten times slower than a laptop still passes.
    hookTimeout: 300_000,
    testTimeout: 180_000,
  },
});
