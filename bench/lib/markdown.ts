/** Renders the rows as a console table and as the BENCHMARKS.md report. */
import type { Machine } from './machine.js';
import { fmt, type Row } from './report.js';

const VERDICT = { met: '✅ met', missed: '❌ missed', info: '—' } as const;

function cells(row: Row): string[] {
  return [
    row.name,
    row.figure,
    row.baseline,
    fmt.ratio(row.ratio, row.spread),
    row.goal,
    VERDICT[row.verdict],
  ];
}

const HEADER = ['Benchmark', 'Figure', 'Baseline', 'Ratio', 'Goal', 'Verdict'];

/** Plain-text table for the terminal, one block per section. */
export function consoleTable(rows: readonly Row[]): string {
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => [...r[i]!].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const out: string[] = [];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push('', section, line(HEADER));
    }
    out.push(line(cells(row)));
  }
  return out.join('\n');
}

export interface Report {
  machine: Machine;
  date: string;
  durationMs: number;
  rows: readonly Row[];
  notes: readonly string[];
  findings: readonly string[];
}

/** The whole BENCHMARKS.md. */
export function markdownReport(report: Report): string {
  const m = report.machine;
  const sections: string[] = [];
  let section = '';
  for (const row of report.rows) {
    if (row.section !== section) {
      section = row.section;
      sections.push(
        '',
        `### ${section}`,
        '',
        `| ${HEADER.join(' | ')} |`,
        `|${HEADER.map(() => '---').join('|')}|`,
      );
    }
    sections.push(
      `| ${cells(row)
        .map((c) => c.replace(/\|/g, '\\|'))
        .join(' | ')} |`,
    );
  }
  const missed = report.rows.filter((r) => r.verdict === 'missed');
  return [
    '# Benchmarks',
    '',
    'Written by `pnpm bench` (bench/run.ts). Every figure is compared with a baseline measured in the',
    'same run on the same machine; compare ratios, not absolute figures, across machines. Ratios are',
    'costs: time, bytes or heap of the row ÷ the baseline (for throughput, baseline ops/s ÷ row ops/s),',
    'so below 1 is better. Where a section runs the two sides in alternating pairs, the ratio is the',
    'median of the per-pair ratios and the brackets give their interquartile range: a goal inside',
    'that range is within the noise of the run; each of those runs starts after a forced full garbage',
    'collection, so no side pays for the garbage of the one before. Benchmarks never fail CI on a time.',
    '',
    '## Run',
    '',
    `- Date: ${report.date}`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} RAM, load average ${m.load} at the start`,
    `- Node ${m.node} on ${m.os}`,
    `- Duration of the whole run: ${fmt.ms(report.durationMs)}`,
    '- Rerun: `pnpm install && pnpm bench` at the root (builds what it needs first). One section: `pnpm bench -- --only overhead` (overhead, loopback, memory, bulk, bundle, types, limits, builds, codebase).',
    '',
    `## Results (${missed.length} goal${missed.length === 1 ? '' : 's'} missed)`,
    ...sections,
    '',
    '## How each figure was taken',
    '',
    ...report.notes.map((n) => `- ${n}`),
    '',
    '## What limits the figures',
    '',
    // A blank line between findings: each is its own paragraph.
    ...(report.findings.length ? report.findings : ['Every goal was met in this run.']).flatMap(
      (finding, i) => (i === 0 ? [finding] : ['', finding]),
    ),
    '',
  ].join('\n');
}
