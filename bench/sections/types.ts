/**
 * Section 7, type cost for users: `tsc --noEmit --extendedDiagnostics` on a consumer that
 * calls every helper (bench/types/helpers.ts) and on one making the same calls with
 * openapi-fetch alone (bench/types/openapi-fetch.ts). Check time is the median of 3 runs.
 */
import { join } from 'node:path';
import { timeCommand } from '../lib/command.js';
import { benchDir } from '../lib/paths.js';
import { fmt, median, type Row, row, type SectionResult } from '../lib/report.js';

const SECTION = '7. Type cost';
const RUNS = 3;

interface Diagnostics {
  checkSeconds: number;
  types: number;
  instantiations: number;
}

function field(output: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+([\\d.]+)`, 'm').exec(output);
  if (!match) throw new Error(`tsc printed no "${name}"\n${output}`);
  return Number(match[1]);
}

async function diagnose(consumer: string): Promise<Diagnostics> {
  const checks: number[] = [];
  let last = '';
  for (let run = 0; run < RUNS; run++) {
    const { stdout } = await timeCommand(
      'pnpm',
      ['exec', 'tsc', '--extendedDiagnostics', '-p', join('types', `tsconfig.${consumer}.json`)],
      benchDir,
    );
    checks.push(field(stdout, 'Check time'));
    last = stdout;
  }
  return {
    checkSeconds: median(checks),
    types: field(last, 'Types'),
    instantiations: field(last, 'Instantiations'),
  };
}

export async function runTypes(): Promise<SectionResult> {
  const helpers = await diagnose('helpers');
  const bare = await diagnose('openapi-fetch');
  const rows: Row[] = [
    row(
      SECTION,
      'check time, every helper',
      `${(helpers.checkSeconds * 1000).toFixed(0)} ms`,
      `${(bare.checkSeconds * 1000).toFixed(0)} ms`,
      helpers.checkSeconds / bare.checkSeconds,
    ),
    row(
      SECTION,
      'types, every helper',
      fmt.count(helpers.types),
      fmt.count(bare.types),
      helpers.types / bare.types,
    ),
    row(
      SECTION,
      'instantiations, every helper',
      fmt.count(helpers.instantiations),
      fmt.count(bare.instantiations),
      helpers.instantiations / bare.instantiations,
    ),
  ];
  return {
    rows,
    notes: [
      'Type cost: baseline column = the same calls written with openapi-fetch alone (`createClient<paths>`), reading the same fields from the raw envelopes. TypeScript 5.9, `skipLibCheck`, the client resolved from its built `dist/*.d.ts` as users get it.',
    ],
  };
}
