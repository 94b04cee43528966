#!/usr/bin/env node
// Runs the contract's module worker in workerd through miniflare, and prints the worker's
// result line and report as the other runtimes do. Run with Node 22 (miniflare 4 needs it):
//   node22 workerd.mjs <worker.js> <harness origin>
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Miniflare } from 'miniflare';

const [script, harness] = process.argv.slice(2);
if (!script || !harness) throw new Error('usage: workerd.mjs <worker.js> <harness origin>');
// workerd's own version: the package miniflare runs.
const require = createRequire(createRequire(import.meta.url).resolve('miniflare'));
const { version } = require('workerd/package.json');

const miniflare = new Miniflare({
  modules: true,
  scriptPath: script,
  modulesRoot: dirname(script),
  // The newest date this workerd supports, fixed so that a run never depends on the day.
  compatibilityDate: '2026-04-01',
});
try {
  const query = new URLSearchParams({ harness, version });
  const response = await miniflare.dispatchFetch(`http://contract.invalid/?${query}`);
  if (!response.ok)
    throw new Error(`the worker answered ${response.status}: ${await response.text()}`);
  const report = await response.json();
  console.log(report.line);
  console.log(`contract-report ${JSON.stringify(report)}`);
} finally {
  await miniflare.dispose();
}
