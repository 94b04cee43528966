/**
 * `pnpm test` runs the client's contract (src/contract.ts) in every runtime of
 * harness/runtimes.ts, one after another: each prints its own `<runtime> <version>: N passed,
 * N failed`, and each case is a test here, so a case that fails in one runtime fails by name.
 * Then the root README's table must be the table of this run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Built, buildContract, packageDir } from '../harness/build.js';
import { closeBrowser, runtimes } from '../harness/runtimes.js';
import { type Harness, startHarness } from '../harness/server.js';
import { comparableTable, type Outcome, renderTable, withTable } from '../harness/table.js';
import { cases } from '../src/contract.js';

const readmePath = join(packageDir, '../README.md');
const outcomes = new Map<string, Outcome>();
let harness: Harness | undefined;
let built: Built | undefined;

beforeAll(async () => {
  built = await buildContract();
  harness = await startHarness({ pageDir: built.pageDir });
});

afterAll(async () => {
  await closeBrowser();
  await harness?.close();
});

for (const runtime of runtimes) {
  describe(runtime.title, () => {
    beforeAll(async () => {
      if (!harness || !built) throw new Error('the harness did not start');
      const started = performance.now();
      try {
        const report = await runtime.run(harness, built);
        console.log(`${report.line} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
        outcomes.set(runtime.title, { title: runtime.title, report });
      } catch (error) {
        const failure = error instanceof Error ? error.message : String(error);
        outcomes.set(runtime.title, { title: runtime.title, failure });
      }
    });

    it('ran every case', () => {
      const outcome = outcomes.get(runtime.title);
      if (!outcome?.report) throw new Error(`${runtime.title} did not run: ${outcome?.failure}`);
      expect(outcome.report.results.map((r) => r.name)).toEqual(cases.map((c) => c.name));
    });

    it.each(cases.map((c) => c.name))('%s', (name) => {
      const result = outcomes.get(runtime.title)?.report?.results.find((r) => r.name === name);
      if (!result) throw new Error('did not run');
      if (!result.passed) throw new Error(result.error);
    });
  });
}

describe('the README', () => {
  it('shows the table of this run', () => {
    const table = renderTable(
      runtimes.map((r) => outcomes.get(r.title) ?? { title: r.title, failure: 'no outcome' }),
    );
    const readme = readFileSync(readmePath, 'utf8');
    const expected = withTable(readme, table);
    if (expected !== readme && process.env.UPDATE_RUNTIMES_TABLE === '1') {
      writeFileSync(readmePath, expected);
      return;
    }
    // The versions of Debian's Chromium and the machine's Node.js may differ on another machine.
    expect(
      comparableTable(readme),
      "the README's runtimes table is not this run's: write it with `cd runtimes && UPDATE_RUNTIMES_TABLE=1 pnpm exec vitest run`",
    ).toBe(comparableTable(expected));
  });
});
