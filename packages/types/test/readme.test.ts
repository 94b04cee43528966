/** Every ```ts block of the README compiles against the package's source. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileExamples, readmeExamples } from '../../../scripts/readme-examples.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = readmeExamples(packageDir);
let diagnosticsOf: (example: (typeof examples)[number]) => string[];

beforeAll(() => {
  diagnosticsOf = compileExamples(packageDir, examples, {
    '@kantata-ox/types': [join(packageDir, 'src/index.ts')],
  });
}, 60_000);

describe('README examples', () => {
  it('exist', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples)('$title compiles', (example) => {
    expect(diagnosticsOf(example)).toEqual([]);
  });
});
