import { defineConfig } from 'vitest/config';

// The suites Stryker runs against each mutant: no type tests (test/types compiles code, which
// mutants never reach), no test of the built package or the README (they read dist/ and
// compile examples), and
// KANTATA_MUTATION=1 so property tests run fewer cases and real-time cases are skipped.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/package.test.ts', 'test/readme.test.ts', 'test/types/**', '**/node_modules/**'],
    typecheck: { enabled: false },
    env: { KANTATA_MUTATION: '1' },
    // Stryker switches mutants at run time (mutant schemata): modules need not reload per file.
    isolate: false,
  },
});
