/**
 * `pnpm bench`: builds what the benchmarks import, runs each section, prints the table and
 * writes BENCHMARKS.md at the repository root. Figures are printed, never asserted.
 *
 * Usage: `pnpm bench [-- --only overhead,loopback] [-- --no-write]`
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { timeCommand } from './lib/command.js';
import { describeMachine } from './lib/machine.js';
import { consoleTable, markdownReport } from './lib/markdown.js';
import { repoRoot } from './lib/paths.js';
import type { Row, SectionResult } from './lib/report.js';

// In the order; builds runs last because it rebuilds every package's dist. Sections
// are imported only after the build below: they import the packages' built dist/ files,
// which a fresh clone does not have yet.
const SECTIONS: Record<string, () => Promise<SectionResult>> = {
  overhead: async () => (await import('./sections/overhead.js')).runOverhead(),
  loopback: async () => (await import('./sections/loopback.js')).runLoopback(),
  memory: async () => (await import('./sections/memory.js')).runMemory(),
  bulk: async () => (await import('./sections/bulk.js')).runBulk(),
  bundle: async () => (await import('./sections/bundle.js')).runBundle(),
  types: async () => (await import('./sections/types.js')).runTypes(),
  limits: async () => (await import('./sections/limits.js')).runLimits(),
  builds: async () => (await import('./sections/builds.js')).runBuilds(),
  codebase: async () => (await import('./sections/codebase.js')).runCodebase(),
};

const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? '').split(',') : Object.keys(SECTIONS);
const unknown = only.filter((name) => !(name in SECTIONS));
if (unknown.length) throw new Error(`unknown section(s): ${unknown.join(', ')}`);

const machine = describeMachine();
const started = performance.now();
console.log(`Building the packages the benchmarks import…`);
await timeCommand(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--filter=@kantata-ox/bench...', '--output-logs=errors-only'],
  repoRoot,
);

const rows: Row[] = [];
const notes: string[] = [];
for (const name of only) {
  const sectionStart = performance.now();
  process.stdout.write(`Running ${name}… `);
  const result = await SECTIONS[name]!();
  rows.push(...result.rows);
  notes.push(...result.notes);
  console.log(`${((performance.now() - sectionStart) / 1000).toFixed(1)} s`);
}

const durationMs = performance.now() - started;
console.log(consoleTable(rows));
if (!args.includes('--no-write')) {
  const report = markdownReport({
    machine,
    date: new Date().toISOString(),
    durationMs,
    rows,
    notes,
    findings: (await import('./lib/findings.js')).findings(rows),
  });
  writeFileSync(join(repoRoot, 'BENCHMARKS.md'), report);
  console.log(`\nWrote BENCHMARKS.md (${(durationMs / 1000).toFixed(0)} s in all).`);
}
