/**
 * Resolves the split spec into one OpenAPI document, `spec/dist/openapi.json`.
 * Shared pieces stay as `#/components/...` references so generators keep their names.
 *
 *   pnpm --filter @kantata-ox/spec bundle
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, loadConfig } from '@redocly/openapi-core';

const specDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `spec/openapi.yaml` and returns the resolved document. */
export async function bundleSpec(entry = resolve(specDir, 'openapi.yaml')): Promise<unknown> {
  const config = await loadConfig({ configPath: resolve(specDir, 'redocly.yaml') });
  const { bundle: document, problems } = await bundle({ ref: entry, config, dereference: false });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const lines = errors.map((p) => `  ${p.message} (${p.location[0]?.pointer ?? '?'})`);
    throw new Error(`The spec does not bundle:\n${lines.join('\n')}`);
  }
  return document.parsed;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(specDir, 'dist/openapi.json');
  const document = await bundleSpec();
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`bundled spec → ${out}`);
}
