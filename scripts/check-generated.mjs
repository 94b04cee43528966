#!/usr/bin/env node
// Fails when generated files do not match the spec: regenerates everything, then compares
// every file in the work tree (tracked or not, ignored ones aside) with what was there
// before. In CI (a clean clone) it also requires `git diff --exit-code` to be clean.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const FIX = 'pnpm generate';

function snapshot() {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  return new Map(
    files.map((file) => [
      file,
      existsSync(file) ? createHash('sha1').update(readFileSync(file)).digest('hex') : 'missing',
    ]),
  );
}

const before = snapshot();
const run = spawnSync('pnpm', ['run', '--silent', 'generate'], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
const after = snapshot();

const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
  (file) => before.get(file) !== after.get(file),
);
if (changed.length > 0) {
  console.error('\nGenerated files were stale and have just been regenerated:');
  for (const file of changed) console.error(`  ${file}`);
  console.error(`\nFix: run \`${FIX}\` and commit the result.`);
  process.exit(1);
}

if (process.env.CI) {
  const diff = spawnSync('git', ['diff', '--exit-code', '--stat'], { stdio: 'inherit' });
  if (diff.status !== 0) {
    console.error(`\nThe work tree differs from the commit. Fix: run \`${FIX}\` and commit.`);
    process.exit(1);
  }
}
console.log('generated files: up to date with the spec');
