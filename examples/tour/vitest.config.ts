import { defineProject } from 'vitest/config';

export default defineProject({
  // The tour starts a server and makes 17 real requests: give it room on a busy CI machine.
  test: { name: 'tour', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
