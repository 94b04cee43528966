import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'types',
    include: [],
    // The package is types only: its tests are type assertions, checked by tsc.
    typecheck: { enabled: true, only: true, include: ['test/**/*.test-d.ts'] },
  },
});
