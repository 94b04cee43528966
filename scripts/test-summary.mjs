// The closing lines of `pnpm test` (scripts/test.mjs): reads turbo's grouped output line by
// line and adds up what every package's vitest run reported. A failure that no test counts (a
// test file or hook that failed before its tests ran, an unhandled error, a step or a task that
// failed outside vitest) still counts as failed, so the summary can never read "0 failed" when
// something failed; the line before it says what.

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
const ansi = /\u001b\[[0-9;]*m/g;
/** `@kantata-ox/client:test: ` — turbo's prefix of a task's output lines. */
const taskPrefix = /^(@?[\w./-]+(?:\/[\w.-]+)?):([\w:-]+): /;

/** Counts of one vitest summary line: `Tests  3 failed | 60 passed | 1 skipped (64)`. */
function counts(text) {
  const out = { passed: 0, failed: 0, skipped: 0 };
  for (const [, n, kind] of text.matchAll(/(\d+) (passed|failed|skipped)/g)) out[kind] += Number(n);
  return out;
}

/**
 * Reads output lines and keeps the totals.
 *
 * @example
 * const summary = createTestSummary();
 * summary.add('@kantata-ox/e2e:test: ⎯⎯⎯⎯ Failed Suites 1 ⎯⎯⎯⎯');
 * summary.add('@kantata-ox/e2e:test:       Tests  40 passed | 3 skipped (43)');
 * summary.lines();
 * // ['failed: @kantata-ox/e2e#test: 1 suite (a hook, an import or a describe block)',
 * //  'tests: 40 passed, 1 failed, 3 skipped']
 */
export function createTestSummary() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  /** Per task: failures vitest reported that no failed test accounts for. */
  const tasks = new Map();
  const failedTasks = new Set();
  const failedSteps = [];

  const task = (name) => {
    let entry = tasks.get(name);
    if (!entry) {
      entry = { failedTests: 0, failedSuites: 0, failedFiles: 0, errors: 0 };
      tasks.set(name, entry);
    }
    return entry;
  };

  return {
    /** Feeds one line of output (ANSI colours and turbo's task prefix are allowed). */
    add(raw) {
      const line = raw.replace(ansi, '');
      const prefix = taskPrefix.exec(line);
      const name = prefix ? `${prefix[1]}#${prefix[2]}` : '(no task)';
      const text = prefix ? line.slice(prefix[0].length) : line;
      const tests = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(text);
      if (tests) {
        const n = counts(tests[1] ?? '');
        totals.passed += n.passed;
        totals.skipped += n.skipped;
        totals.failed += n.failed;
        task(name).failedTests += n.failed;
        return;
      }
      const files = /^\s*Test Files\s+(.*)\(\d+\)\s*$/.exec(text);
      if (files) {
        task(name).failedFiles += counts(files[1] ?? '').failed;
        return;
      }
      // `⎯⎯⎯ Failed Suites 2 ⎯⎯⎯`: a hook, an import or a describe block failed (its tests
      // are then reported as skipped, not failed).
      const suites = /Failed Suites (\d+)/.exec(text);
      if (suites) {
        task(name).failedSuites += Number(suites[1]);
        return;
      }
      const errors = /^\s*Errors\s+(\d+) errors?\b/.exec(text);
      if (errors) {
        task(name).errors += Number(errors[1]);
        return;
      }
      // turbo's closing block: `Failed:    @kantata-ox/e2e#test` (one line per failed task).
      const failed = /^\s*Failed:\s+(\S+#\S+)\s*$/.exec(line);
      if (failed?.[1]) failedTasks.add(failed[1]);
    },

    /** A step outside turbo failed (the stale-file check, the spec gate, Biome). */
    failStep(description) {
      failedSteps.push(description);
    },

    /** How many failures the summary reports. */
    get failed() {
      return this.report().failed;
    },

    /** The failures no test accounts for, and the total, without side effects. */
    report() {
      const reasons = [...failedSteps.map((step) => `${step} failed`)];
      let failed = totals.failed + failedSteps.length;
      for (const [name, entry] of tasks) {
        const parts = [];
        // Failed files without a failed test or suite to show for it (should not happen, but
        // vitest's file count is the last word on whether a file failed).
        const files = entry.failedTests + entry.failedSuites === 0 ? entry.failedFiles : 0;
        if (entry.failedTests > 0)
          parts.push(`${entry.failedTests} ${plural(entry.failedTests, 'test')}`);
        if (entry.failedSuites > 0) {
          parts.push(
            `${entry.failedSuites} ${plural(entry.failedSuites, 'suite')} (a hook, an import or a describe block)`,
          );
        }
        if (files > 0) parts.push(`${files} ${plural(files, 'test file')}`);
        if (entry.errors > 0)
          parts.push(`${entry.errors} unhandled ${plural(entry.errors, 'error')}`);
        failed += entry.failedSuites + files + entry.errors;
        if (parts.length > 0) reasons.push(`${name}: ${parts.join(', ')}`);
      }
      for (const name of failedTasks) {
        const entry = tasks.get(name);
        const counted =
          entry && entry.failedTests + entry.failedSuites + entry.failedFiles + entry.errors > 0;
        if (counted) continue;
        failed += 1;
        reasons.push(`${name}: the task failed outside its tests (see its output above)`);
      }
      return { ...totals, failed, reasons };
    },

    /** The closing lines: what failed (if anything), then `tests: N passed, N failed, N skipped`. */
    lines() {
      const { passed, failed, skipped, reasons } = this.report();
      const detail = reasons.map((reason) => `failed: ${reason}`);
      return [...detail, `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`];
    },
  };
}

function plural(n, word) {
  return n === 1 ? word : `${word}s`;
}
