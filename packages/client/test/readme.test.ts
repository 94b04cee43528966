/** Every ```ts block of the README compiles against the client's source (see the helper). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileExamples, readmeExamples } from '../../../scripts/readme-examples.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = readmeExamples(packageDir);
let diagnosticsOf: (example: (typeof examples)[number]) => string[];

beforeAll(() => {
  diagnosticsOf = compileExamples(packageDir, examples, {
    '@kantata-ox/client': [join(packageDir, 'src/index.ts')],
  });
}, 60_000);

describe('README examples', () => {
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

  it('shows the fake timers example that test/transport/fake-timers.example.test.ts runs', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const example = readFileSync(
      join(packageDir, 'test/transport/fake-timers.example.test.ts'),
      'utf8',
    ).replace("'../../src/index.js'", "'@kantata-ox/client'");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it.each(examples)('$title compiles', (example) => {
    expect(diagnosticsOf(example)).toEqual([]);
  });
});
