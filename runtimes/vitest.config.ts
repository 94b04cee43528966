import { defineProject } from 'vitest/config';

// The runtimes run one after another, each as a child process or a page; one run takes a
// few seconds, and a hook only times out when a runtime hangs.
export default defineProject({
  test: {
    name: 'runtimes',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
  },
});
