/**
 * The benchmarks send pages and bulk requests of the sizes the spec states (lib/api-facts.ts),
 * never sizes of their own: a change of the spec changes what they measure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resources } from '@kantata-ox/types/resources';
import { describe, expect, it } from 'vitest';
import { BULK_LIMIT, LARGEST_PAGE } from '../lib/api-facts.js';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the API figures of the benchmarks', () => {
  it('are the ones every resource of the table states', () => {
    for (const r of Object.values(resources)) {
      expect(r.paging.max).toBe(LARGEST_PAGE);
      expect(r.operations.create.body.bulk.limit).toBe(BULK_LIMIT);
    }
  });

  // Constants that equal a figure by chance, and what they are instead.
  const NOT_FIGURES: Record<string, string> = {
    LATENCY_MS: "the fake server's latency in section 8",
    SERVER_RECORDS: 'the records the bulk section seeds the server with',
    IMPORT_RECORDS: 'the records the import of section 8 seeds the server with',
  };

  it('are not declared again as numbers in a section or a finding', () => {
    const files = ['sections', 'lib'].flatMap((dir) =>
      readdirSync(join(benchDir, dir))
        .filter((name) => name.endsWith('.ts'))
        .map((name) => `${dir}/${name}`),
    );
    const literals = files.flatMap((file) =>
      [
        ...readFileSync(join(benchDir, file), 'utf8').matchAll(
          /\bconst (\w+)(?::\s*number)?\s*=\s*([\d_]+);/g,
        ),
      ].map((m) => ({
        at: `${file}: ${m[0]}`,
        name: m[1] as string,
        value: Number(m[2]?.replaceAll('_', '')),
      })),
    );
    const redeclared = literals.filter(
      (l) => [LARGEST_PAGE, BULK_LIMIT].includes(l.value) && !(l.name in NOT_FIGURES),
    );
    // The scan sees the constants it should (so it could fail).
    expect(literals.map((l) => l.name)).toEqual(expect.arrayContaining(Object.keys(NOT_FIGURES)));
    expect(redeclared.map((l) => l.at)).toEqual([]);
  });
});
