/**
 * The summary line of `pnpm test` counts every failure: failed tests, and failures no test
 * counts (a hook or an import that failed, an unhandled error, a task or a step that failed
 * outside vitest). It never reads "0 failed" when something failed.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestSummary } from '../test-summary.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Feeds lines as turbo prints them for one task. */
function fromTask(task: string, lines: string[]) {
  const summary = createTestSummary();
  for (const line of lines) summary.add(`${task}: ${line}`);
  return summary;
}

describe('the test summary', () => {
  it('adds up the Tests lines of every package', () => {
    const summary = createTestSummary();
    summary.add('@kantata-ox/client:test:       Tests  3 failed | 60 passed | 1 skipped (64)');
    summary.add('@kantata-ox/types:test:       Tests  12 passed (12)');
    expect(summary.lines()).toEqual([
      'failed: @kantata-ox/client#test: 3 tests',
      'tests: 72 passed, 3 failed, 1 skipped',
    ]);
  });

  it('reads colours and prefixes away', () => {
    const summary = createTestSummary();
    summary.add(
      '\u001b[36m@kantata-ox/spec:test: \u001b[0m\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[32m5 passed\u001b[39m\u001b[22m\u001b[90m (5)\u001b[39m',
    );
    expect(summary.lines()).toEqual(['tests: 5 passed, 0 failed, 0 skipped']);
  });

  it('counts a suite whose beforeAll failed although its tests only show as skipped', () => {
    // What e2e printed when test/registry.test.ts failed in its beforeAll.
    const summary = fromTask('@kantata-ox/e2e:test', [
      '⎯⎯⎯⎯⎯⎯ Failed Suites 1 ⎯⎯⎯⎯⎯⎯⎯',
      ' FAIL  e2e  test/registry.test.ts [ test/registry.test.ts ]',
      ' Test Files  1 failed | 5 passed (6)',
      '      Tests  150 passed | 13 skipped (163)',
    ]);
    expect(summary.failed).toBe(1);
    expect(summary.lines()).toEqual([
      'failed: @kantata-ox/e2e#test: 1 suite (a hook, an import or a describe block)',
      'tests: 150 passed, 1 failed, 13 skipped',
    ]);
  });

  it('counts unhandled errors', () => {
    const summary = fromTask('@kantata-ox/fixtures:test', [
      '      Tests  20 passed (20)',
      '     Errors  2 errors',
    ]);
    expect(summary.lines().at(-1)).toBe('tests: 20 passed, 2 failed, 0 skipped');
  });

  it('counts a task turbo reports failed when its tests all passed (a size budget, a lint)', () => {
    const summary = createTestSummary();
    summary.add('@kantata-ox/client:test:       Tests  400 passed (400)');
    summary.add(' Tasks:    20 successful, 21 total');
    summary.add('Failed:    @kantata-ox/client#test');
    expect(summary.lines()).toEqual([
      'failed: @kantata-ox/client#test: the task failed outside its tests (see its output above)',
      'tests: 400 passed, 1 failed, 0 skipped',
    ]);
  });

  it('does not count a failed task twice when its failed tests already count it', () => {
    const summary = fromTask('@kantata-ox/client:test', ['      Tests  1 failed | 9 passed (10)']);
    summary.add('Failed:    @kantata-ox/client#test');
    expect(summary.failed).toBe(1);
  });

  it('counts a step that failed before turbo ran', () => {
    const summary = createTestSummary();
    summary.failStep('Biome (pnpm exec biome check .)');
    expect(summary.lines()).toEqual([
      'failed: Biome (pnpm exec biome check .) failed',
      'tests: 0 passed, 1 failed, 0 skipped',
    ]);
  });

  it('counts every way a real vitest run fails', () => {
    const manifest = createRequire(import.meta.url).resolve('vitest/package.json');
    const vitest = join(dirname(manifest), 'vitest.mjs');
    const fixture = join(here, 'fixtures/vitest-failures');
    const run = spawnSync(
      process.execPath,
      [vitest, 'run', '--config', join(fixture, 'vitest.config.mjs')],
      { cwd: fixture, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } },
    );
    expect(run.status).toBe(1);
    const summary = fromTask('fixture:test', `${run.stdout}\n${run.stderr}`.split('\n'));
    // 1 failed test, 2 failed suites (the hook, the import), 1 unhandled error.
    expect(summary.lines()).toEqual([
      'failed: fixture#test: 1 test, 2 suites (a hook, an import or a describe block), 1 unhandled error',
      'tests: 2 passed, 4 failed, 3 skipped',
    ]);
  });
});
