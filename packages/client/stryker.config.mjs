// Mutation testing of the client's runtime source: `pnpm test:mutation`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Named explicitly: with pnpm's isolated node_modules the default glob finds no plugin.
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker.config.vitest.ts' },
  mutate: [
    'src/**/*.ts',
    '!src/**/*.gen.ts',
    '!src/types.ts',
    '!src/request-options.ts',
    '!src/bulk/types.ts',
  ],
  coverageAnalysis: 'perTest',
  reporters: ['progress-append-only', 'clear-text', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 5_000,
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // Reuses earlier results for mutants whose code and covering tests did not change.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
};
