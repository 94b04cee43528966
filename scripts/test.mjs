#!/usr/bin/env node
// The whole test command: stale generated files, the spec-change gate, lint (Biome and the
// strict spec lint), typecheck, build and every package's tests through turbo. Ends with one
// summary line that counts the tests of every package.
import { spawn, spawnSync } from 'node:child_process';

function step(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step('node', ['scripts/check-generated.mjs']);
// The spec as it stands against the released baseline: pending changesets must bump enough.
step('pnpm', ['--silent', 'run', 'spec:check']);
step('pnpm', ['exec', 'biome', 'check', '.']);

const totals = { passed: 0, failed: 0, skipped: 0 };
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
const ansi = /\u001b\[[0-9;]*m/g;
const child = spawn(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'lint',
    'typecheck',
    'build',
    'test',
    '--output-logs=full',
    '--log-order=grouped',
    // Two tasks at a time on a 2-core machine: more only makes suites time out.
    '--concurrency=2',
  ],
  { stdio: ['inherit', 'pipe', 'inherit'] },
);
let buffer = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buffer += chunk.toString();
  const lines = buffer.split('\n');
  buffer = lines.pop() ?? '';
  for (const line of lines) count(line.replace(ansi, ''));
});
child.on('close', (code) => {
  count(buffer.replace(ansi, ''));
  const line = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
  console.log(`\ntests: ${line}`);
  process.exit(code ?? 1);
});

/** Adds up vitest's per-package "Tests  3 failed | 60 passed | 1 skipped (64)" lines. */
function count(line) {
  const match = /\bTests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!match) return;
  for (const [, n, kind] of match[1].matchAll(/(\d+) (passed|failed|skipped)/g)) {
    totals[kind] += Number(n);
  }
}
