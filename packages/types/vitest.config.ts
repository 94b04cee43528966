import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'types',
    include: ['test/**/*.test.ts'],
    // Type assertions (test/*.test-d.ts) are checked by tsc through vitest's typecheck mode.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
