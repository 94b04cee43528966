/**
 * Section 6, generation and builds: wall time of `pnpm generate` with the turbo cache
 * bypassed, of a full `turbo run build --force`, and of a fully cached `turbo run build`.
 */
import { timeCommand } from '../lib/command.js';
import { repoRoot } from '../lib/paths.js';
import { fmt, row, type SectionResult } from '../lib/report.js';

const SECTION = '6. Generation and builds';

/** `Cached:    7 cached, 7 total` → { cached: 7, total: 7 }. */
function cacheHits(output: string): { cached: number; total: number } {
  const match = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  return match ? { cached: Number(match[1]), total: Number(match[2]) } : { cached: 0, total: 0 };
}

export async function runBuilds(): Promise<SectionResult> {
  const turbo = ['exec', 'turbo', 'run'];
  const generate = await timeCommand(
    'pnpm',
    [...turbo, 'generate', '--force', '--output-logs=errors-only'],
    repoRoot,
  );
  const full = await timeCommand(
    'pnpm',
    [...turbo, 'build', '--force', '--output-logs=errors-only'],
    repoRoot,
  );
  const cached = await timeCommand(
    'pnpm',
    [...turbo, 'build', '--output-logs=errors-only'],
    repoRoot,
  );
  const fullHits = cacheHits(full.stdout);
  const cachedHits = cacheHits(cached.stdout);
  return {
    rows: [
      row(
        SECTION,
        '`pnpm generate` (turbo --force: bundle + generators)',
        fmt.ms(generate.ms),
        '',
        undefined,
      ),
      row(
        SECTION,
        `turbo build from scratch (--force; ${fullHits.cached}/${fullHits.total} cached)`,
        fmt.ms(full.ms),
        '',
        1,
      ),
      row(
        SECTION,
        `turbo build fully cached (${cachedHits.cached}/${cachedHits.total} cached)`,
        fmt.ms(cached.ms),
        fmt.ms(full.ms),
        cached.ms / full.ms,
        undefined,
      ),
    ],
    notes: [
      'Builds: wall time of `pnpm exec turbo run generate --force`, `pnpm exec turbo run build --force` and then `pnpm exec turbo run build` at the root (all workspace packages, 2 turbo workers on this machine). "From scratch" bypasses the cache but keeps node_modules.',
    ],
  };
}
