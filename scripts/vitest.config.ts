import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'scripts',
    include: ['test/**/*.test.ts'],
    // The command checks run real commands (pnpm, turbo dry runs, the CLI) on a busy machine.
    testTimeout: 120_000,
  },
});
