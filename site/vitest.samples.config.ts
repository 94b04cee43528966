import { defineConfig } from 'vitest/config';

// The testing guide's samples are vitest tests themselves: test/guides.test.ts writes them
// into .samples/ (ignored by git) and runs them with this config, as a reader's project would.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['.samples/*.test.ts'],
    testTimeout: 30_000,
  },
});
