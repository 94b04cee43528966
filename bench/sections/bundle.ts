/**
 * Section 5, bundle size: min+brotli size of the client's ESM build with openapi-fetch
 * bundled and with it external, beside openapi-fetch alone — the checks in
 * bench/.size-limit.json, measured by the size-limit CLI (`pnpm exec size-limit --json`).
 */
import { timeCommand } from '../lib/command.js';
import { benchDir } from '../lib/paths.js';
import { fmt, type Row, row, type SectionResult } from '../lib/report.js';

const SECTION = '5. Bundle size';
/** Issue 22's goal for `createKantataClient`, openapi-fetch included, min+brotli. */
const GOAL_BYTES = 10_000;

export async function runBundle(): Promise<SectionResult> {
  const { stdout } = await timeCommand('pnpm', ['exec', 'size-limit', '--json'], benchDir);
  const checks = JSON.parse(stdout.slice(stdout.indexOf('['))) as { name: string; size: number }[];
  const size = (name: string) => {
    const check = checks.find((c) => c.name === name);
    if (!check) throw new Error(`size-limit gave no "${name}"`);
    return check.size;
  };
  const alone = size('openapi-fetch alone');
  const client = size('createKantataClient (with openapi-fetch)');
  const rows: Row[] = [
    row(SECTION, 'openapi-fetch alone', fmt.kb(alone), '', 1),
    {
      ...row(
        SECTION,
        'createKantataClient (with openapi-fetch)',
        fmt.kb(client),
        fmt.kb(alone),
        client / alone,
      ),
      goal: `≤ ${fmt.kb(GOAL_BYTES)}`,
      verdict: client <= GOAL_BYTES ? 'met' : 'missed',
    },
    ...['client (with openapi-fetch)', 'client (openapi-fetch external)'].map((name) =>
      row(SECTION, name, fmt.kb(size(name)), fmt.kb(alone), size(name) / alone),
    ),
  ];
  return {
    rows,
    notes: [
      "Bundle: `import *` of each entry, bundled by esbuild, minified and brotli-compressed (size-limit 12, @size-limit/preset-small-lib). The ratio is against openapi-fetch alone; the goal (issue 22) is on `createKantataClient` alone, openapi-fetch included, as the budget in the client package's .size-limit.json measures it.",
    ],
  };
}
