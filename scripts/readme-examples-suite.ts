/**
 * The one vitest suite behind every "the examples of this page compile" test (the packages'
 * READMEs and the site's guides): the examples, compiled once in `beforeAll` against the
 * workspace packages' sources, one test per block.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileExamples, type ReadmeExample } from './readme-examples.js';

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), '../packages');
const published = ['types', 'client', 'fixtures'];

/**
 * `paths` mapping each published entry point (`@kantata-ox/fixtures/msw`, …) to its source, read
 * from the packages' `exports` (`./dist/msw.js` is built from `src/msw.ts`), so a new entry
 * point needs no edit here.
 */
export function workspaceSources(): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const dir of published) {
    const manifest = JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, string | { import?: { default?: string } }>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      const built = typeof target === 'string' ? undefined : target.import?.default;
      const entry = built?.match(/^\.\/dist\/(.+)\.js$/)?.[1];
      if (!entry) continue; // package.json, openapi.json: not modules
      paths[`${manifest.name}${subpath.slice(1)}`] = [join(packagesDir, dir, `src/${entry}.ts`)];
    }
  }
  return paths;
}

/**
 * Registers `describe(label)` with one test per example: each compiles (no diagnostics, every
 * `@ts-expect-error` still needed). `dir` is where the virtual files live (for tsconfig).
 *
 * @example
 * describeExamples('README examples', packageDir, readmeExamples(packageDir));
 */
export function describeExamples(
  label: string,
  dir: string,
  examples: readonly (ReadmeExample & { where?: string })[],
): void {
  let diagnosticsOf: (example: ReadmeExample) => string[];
  beforeAll(() => {
    diagnosticsOf = compileExamples(dir, examples, workspaceSources());
  }, 120_000);

  describe(label, () => {
    it('has examples', () => {
      expect(examples.length).toBeGreaterThan(0);
    });
    it.each(
      examples.map((example) => ({ ...example, test: `${example.where ?? ''}${example.title}` })),
    )('$test compiles', (example) => {
      expect(diagnosticsOf(example)).toEqual([]);
    });
  });
}
