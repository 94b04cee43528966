/**
 * Section 5, bundle size: min+brotli size of the client's ESM build with openapi-fetch
 * bundled and with it external, beside openapi-fetch alone — the checks in
 * bench/.size-limit.json, measured by the size-limit CLI (`pnpm exec size-limit --json`).
 */
import { timeCommand } from '../lib/command.js';
import { benchDir } from '../lib/paths.js';
import { fmt, type Row, row, type SectionResult } from '../lib/report.js';

const SECTION = '5. Bundle size';

export async function runBundle(): Promise<SectionResult> {
  const { stdout } = await timeCommand('pnpm', ['exec', 'size-limit', '--json'], benchDir);
  const checks = JSON.parse(stdout.slice(stdout.indexOf('['))) as { name: string; size: number }[];
  const size = (name: string) => {
    const check = checks.find((c) => c.name === name);
    if (!check) throw new Error(`size-limit gave no "${name}"`);
    return check.size;
  };
  const alone = size('openapi-fetch alone');
  const rows: Row[] = [
    row(SECTION, 'openapi-fetch alone', fmt.kb(alone), '', 1),
    ...['client (with openapi-fetch)', 'client (openapi-fetch external)'].map((name) =>
      row(SECTION, name, fmt.kb(size(name)), fmt.kb(alone), size(name) / alone),
    ),
  ];
  return {
    rows,
    notes: [
      'Bundle: `import *` of each entry, bundled by esbuild, minified and brotli-compressed (size-limit 12, @size-limit/preset-small-lib). No goal was set; the ratio is against openapi-fetch alone.',
    ],
  };
}
