/** Every ```ts block of the repository's README compiles against the packages' sources. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeExamples } from '../readme-examples.js';
import { describeExamples } from '../readme-examples-suite.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describeExamples('the README’s examples', root, readmeExamples(root));
