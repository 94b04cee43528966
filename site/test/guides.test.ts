/**
 * Every ```ts block of every guide compiles against the packages' sources, as a user's module
 * beside the page would (the same check as the packages' READMEs, scripts/readme-examples.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { markdownExamples, markdownIncludes } from '../../scripts/readme-examples.js';
import { describeExamples } from '../../scripts/readme-examples-suite.js';

const siteDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const guideDir = join(siteDir, 'guide');
const guides = readdirSync(guideDir)
  .filter((name) => name.endsWith('.md'))
  .sort();
const examples = guides.flatMap((guide) =>
  markdownExamples(join(guideDir, guide)).map((example) => ({ ...example, where: `${guide}: ` })),
);

describeExamples('guide examples', siteDir, examples);

describe('the guides', () => {
  it('cover the seven guides', () => {
    expect(guides).toEqual([
      'browsers.md',
      'bulk-jobs.md',
      'getting-started.md',
      'listing-and-includes.md',
      'rate-limits.md',
      'testing.md',
      'upgrading.md',
    ]);
  });

  it.each(guides)('%s has TypeScript examples', (guide) => {
    expect(markdownExamples(join(guideDir, guide)).length).toBeGreaterThan(0);
  });

  // `<<< path` includes a file's code (VitePress); a missing file would render as a line of
  // text, not fail the build.
  it.each(guides)('%s includes only files that exist', (guide) => {
    const missing = snippets(guide).filter((file) => !existsSync(file));
    expect(missing).toEqual([]);
  });
});

const snippets = (guide: string): string[] => markdownIncludes(join(guideDir, guide), siteDir);

describe('the browser guide', () => {
  // A page has no `process`: a sample that reads process.env throws a ReferenceError there.
  it('has no sample, shown or included, that reads process.env', () => {
    const shown = markdownExamples(join(guideDir, 'browsers.md')).map((example) => example.source);
    const included = snippets('browsers.md').map((file) => readFileSync(file, 'utf8'));
    expect(included.length).toBeGreaterThan(0);
    expect([...shown, ...included].filter((code) => code.includes('process.env'))).toEqual([]);
  });
});

describe('the testing guide', () => {
  // Its samples are tests a reader copies into their project: run them, so that what they
  // claim about the fake (counts, ids, faults) is what the fake does.
  const samples = markdownExamples(join(guideDir, 'testing.md'));

  it('runs every sample as a vitest test, and they pass', () => {
    const dir = join(siteDir, '.samples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    samples.forEach((sample, i) => {
      writeFileSync(join(dir, `testing-${i + 1}.test.ts`), sample.source);
    });
    const vitest = join(
      dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
      'vitest.mjs',
    );
    const run = spawnSync(
      process.execPath,
      [vitest, 'run', '--config', join(siteDir, 'vitest.samples.config.ts')],
      { cwd: siteDir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
    );
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toMatch(new RegExp(`Test Files\\s+${samples.length} passed`));
  }, 150_000);
});
