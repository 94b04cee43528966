/** Every ```ts block of the README compiles against the packages' sources (scripts/readme-examples-suite.ts). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readmeExamples } from '../../../scripts/readme-examples.js';
import { describeExamples } from '../../../scripts/readme-examples-suite.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = readmeExamples(packageDir);

describeExamples('README examples', packageDir, examples);

describe('the README', () => {
  it('has examples for every helper', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const helper of [
      'list(',
      'listAll(',
      'get(',
      'create(',
      'createMany(',
      'update(',
      'delete(',
    ]) {
      expect(readme).toContain(`.${helper}`);
    }
  });

  // The figures are measured (`pnpm size`); the budgets are those figures plus about 90 B. The
  // headline and the Bundle size section state the same figure, so they cannot drift apart.
  it('states the measured bundle size once, within 0.2 kB under the size-limit budgets', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const budgets = JSON.parse(readFileSync(join(packageDir, '.size-limit.json'), 'utf8')) as {
      name: string;
      limit: string;
    }[];
    const budget = (prefix: string) =>
      Number.parseFloat(budgets.find((b) => b.name.startsWith(prefix))?.limit ?? 'NaN');
    const esm = Number(/`createKantataClient` \(ESM\) (\d+\.\d+) kB/.exec(readme)?.[1]);
    const cjs = Number(/the whole package \(CJS\)\s+(\d+\.\d+) kB/.exec(readme)?.[1]);
    const headlines = [...readme.matchAll(/About (\d+(?:\.\d+)?) kB/g)].map((m) => Number(m[1]));
    expect(headlines).toEqual([Math.round(esm * 10) / 10]);
    for (const [figure, limit] of [
      [esm, budget('createKantataClient')],
      [cjs, budget('the whole package')],
    ] as const) {
      expect(figure).toBeLessThanOrEqual(limit);
      expect(limit - figure).toBeLessThan(0.2);
    }
  });

  it('shows the fake timers example that test/transport/fake-timers.example.test.ts runs', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const example = readFileSync(
      join(packageDir, 'test/transport/fake-timers.example.test.ts'),
      'utf8',
    ).replace("'../../src/index.js'", "'@kantata-ox/client'");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});
