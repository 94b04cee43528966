#!/usr/bin/env node
// The whole test command: stale generated files, the spec-change gate, lint (Biome and the
// strict spec lint), typecheck, build and every package's tests through turbo. Ends with one
// summary line that counts the tests of every package, and every failure no test counts
// (scripts/test-summary.mjs), preceded by a line per thing that failed.
import { spawn, spawnSync } from 'node:child_process';
import { ensureChromium } from './chromium.mjs';
import { createTestSummary } from './test-summary.mjs';

const summary = createTestSummary();

function finish(code) {
  console.log('');
  for (const line of summary.lines()) console.log(line);
  // Never exit 0 with a failure counted, nor non-zero with none explained.
  if (code === 0 && summary.failed > 0) process.exit(1);
  process.exit(code);
}

function step(description, command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status === 0) return;
  summary.failStep(description);
  finish(result.status ?? 1);
}

// Up front: the docs test needs Chromium, and a run that fails at its end for want of it
// wastes ten minutes. Installed here when it can be (as root, with apt-get).
try {
  ensureChromium();
} catch (error) {
  console.error(`pnpm test: ${error instanceof Error ? error.message : error}`);
  summary.failStep('the Chromium check');
  finish(1);
}

step('the stale generated files check', 'node', ['scripts/check-generated.mjs']);
// The spec as it stands against the released baseline: pending changesets must bump enough.
step('the spec-change gate (pnpm spec:check)', 'pnpm', ['--silent', 'run', 'spec:check']);
step('Biome (pnpm exec biome check .)', 'pnpm', ['exec', 'biome', 'check', '.']);

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
  for (const line of lines) summary.add(line);
});
child.on('close', (code) => {
  summary.add(buffer);
  if (code !== 0 && summary.failed === 0) summary.failStep('turbo (see its output above)');
  finish(code ?? 1);
});
