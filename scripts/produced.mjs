#!/usr/bin/env node
// Prints what `pnpm start` produced: each package, its version, the spec version it was
// generated from, and the files its tarball would ship.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const spec = JSON.parse(readFileSync('packages/types/openapi.json', 'utf8'));
console.log(`\nKantata OX spec ${spec.info.version}: ${Object.keys(spec.paths).length} paths`);
for (const name of readdirSync('packages')) {
  const dir = join('packages', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  console.log(`\n${pkg.name}@${pkg.version}`);
  for (const file of walk(join(dir, 'dist'))) {
    console.log(`  ${file.padEnd(48)} ${(statSync(file).size / 1024).toFixed(1).padStart(7)} kB`);
  }
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}
