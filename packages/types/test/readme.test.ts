/** Every ```ts block of the README compiles against the packages' sources. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readmeExamples } from '../../../scripts/readme-examples.js';
import { describeExamples } from '../../../scripts/readme-examples-suite.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = readmeExamples(packageDir);

describeExamples('README examples', packageDir, examples);

it('the README shows at least two examples', () => {
  expect(examples.length).toBeGreaterThanOrEqual(2);
});
