/**
 * The spec-evolution probe, run inside a scratch copy (`node --import tsx main.ts <changes.json>`):
 * for each of the three modes of the fake, and each change listed, runs the change's check and
 * prints one JSON line of results: `[{ change, mode, failures }]`.
 */
import { readFileSync } from 'node:fs';
import { readOnly, resource } from './check-resources.js';
import {
  bulkLimit,
  type Check,
  type Expected,
  field,
  filter,
  include,
  renamedInclude,
} from './checks.js';
import { MODES, openMode } from './modes.js';

const CHECKS: Readonly<Record<string, Check>> = {
  filter,
  field,
  bulkLimit,
  include,
  renamedInclude,
  resource,
  readOnly,
};

interface Change {
  id: string;
  expect: Expected;
}

const changes = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Change[];
const results: { change: string; mode: string; failures: string[] }[] = [];
for (const mode of MODES) {
  for (const change of changes) {
    const check = CHECKS[change.expect.kind];
    const env = await openMode(mode);
    let failures: string[];
    try {
      failures = check
        ? await check(env, change.expect)
        : [`no check for kind ${change.expect.kind}`];
    } catch (error) {
      failures = [error instanceof Error ? error.message : String(error)];
    } finally {
      await env.close();
    }
    results.push({ change: change.id, mode, failures });
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
