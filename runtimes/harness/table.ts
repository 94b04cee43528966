/**
 * The README's table of runtimes, rendered from a run's reports: `test/runtimes.test.ts`
 * checks that the root README shows the table of the run it just made, so no figure in it
 * is typed by hand or outlives a change.
 */
import type { RunReport } from '../src/runner.js';

/** Where the table sits in the README. */
export const TABLE_START = '<!-- runtimes table: written by runtimes/test/runtimes.test.ts -->';
export const TABLE_END = '<!-- end of runtimes table -->';

/** What one runtime did: its report, or why it has none. */
export interface Outcome {
  readonly title: string;
  readonly report?: RunReport | undefined;
  readonly failure?: string | undefined;
}

/**
 * The table (runtime, version, what ran, passed), then one line per failed case.
 *
 * @example
 * renderTable([{ title: 'Bun (bun)', report }]);
 * // '| runtime | version | what ran | passed |\n| --- | ...\n| Bun (bun) | 1.4.5 | 24 cases against … | 24 |'
 */
export function renderTable(outcomes: readonly Outcome[]): string {
  const rows = outcomes.map(({ title, report }) =>
    report
      ? [
          title,
          report.version,
          `${report.results.length} cases against ${report.fakeMode}`,
          String(report.results.filter((r) => r.passed).length),
        ]
      : [title, '?', 'nothing: it did not run', '0'],
  );
  const head = ['runtime', 'version', 'what ran', 'passed'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const failures = outcomes.flatMap(({ title, report, failure }) => {
    if (!report) return [`- ${title}: did not run (${failure ?? 'no report'})`];
    const failed = report.results.filter((r) => !r.passed).map((r) => r.name);
    if (failed.length === 0) return [];
    const passed = report.results.filter((r) => r.passed).map((r) => r.name);
    // The shorter list: what failed, or what did not.
    return failed.length <= passed.length
      ? [`- ${title}: ${failed.join('; ')}`]
      : [`- ${title}: every case but ${passed.join('; ')}`];
  });
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(failures.length > 0 ? ['', 'Failing in this run:', '', ...failures] : []),
  ].join('\n');
}

/** The README with `table` between the markers (which must be there). */
export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`the README has no "${TABLE_START}" … "${TABLE_END}" block`);
  }
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

/**
 * A README's table reduced to what a run on another machine must reproduce: cells trimmed
 * (column widths follow the longest cell), and the version of a runtime the lockfile does not
 * pin (the machine's Node.js, Debian's Chromium) left out, since a fresh machine may install
 * another one. Everything else (titles, pinned versions, what ran, passed, failures) counts.
 *
 * @example
 * comparableTable(readme) === comparableTable(withTable(readme, table));
 */
export function comparableTable(readme: string): string {
  return readme
    .split('\n')
    .map((line) => {
      if (!line.startsWith('|')) return line;
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      if (cells.every((cell) => /^-+$/.test(cell))) return '|-|';
      if (/Chromium|the machine/.test(cells[0] ?? '')) cells[1] = "(the machine's)";
      return `| ${cells.join(' | ')} |`;
    })
    .join('\n');
}
