#!/usr/bin/env node
/**
 * Refreshes the released-spec baseline, `spec/released/openapi.json`, from the spec that ships
 * in `@kantata-ox/types` (`packages/types/openapi.json`). The release step runs it right after
 * `changeset version`, so the baseline always is the spec as last released; `pnpm spec:diff`
 * and `pnpm spec:check` compare the working spec against it.
 *
 *   node scripts/release-baseline.mjs          # copy the shipped spec to the baseline
 *   node scripts/release-baseline.mjs --check  # exit 1 if the baseline differs from it
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shipped = resolve(root, 'packages/types/openapi.json');
const baseline = resolve(root, 'spec/released/openapi.json');
const typesManifest = resolve(root, 'packages/types/package.json');

const text = readFileSync(shipped, 'utf8');
const specVersion = JSON.parse(text).info?.version;
const stamped = JSON.parse(readFileSync(typesManifest, 'utf8')).kantata?.specVersion;
if (specVersion !== stamped) {
  console.error(
    `packages/types/openapi.json is spec ${specVersion} but packages/types/package.json stamps ${stamped}. Run \`pnpm generate\` first.`,
  );
  process.exit(1);
}

let current = '';
try {
  current = readFileSync(baseline, 'utf8');
} catch {
  // No baseline yet: the first release writes it.
}

if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error(
      'spec/released/openapi.json differs from the shipped spec (packages/types/openapi.json).',
    );
    process.exit(1);
  }
  console.log(`released baseline: spec ${specVersion}, same as the shipped spec`);
} else if (current === text) {
  console.log(`released baseline: spec ${specVersion} (unchanged)`);
} else {
  writeFileSync(baseline, text);
  console.log(`released baseline: spec/released/openapi.json ← spec ${specVersion}`);
}
