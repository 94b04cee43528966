/**
 * Where the bytes of the client's bundle are: bundles `createKantataClient` from the source
 * the way size-limit's ESM check does (esbuild, minified, openapi-fetch included), then prints
 * each module's minified bytes in the bundle (esbuild's metafile) and the whole bundle's
 * min+brotli size (quality 11, as size-limit measures it).
 *
 *   pnpm --filter @kantata-ox/client size:why
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const result = await build({
  stdin: {
    contents: "export { createKantataClient } from './src/index.ts';",
    resolveDir: packageDir,
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'neutral',
  metafile: true,
  write: false,
});

const output = result.outputFiles[0];
if (!output) throw new Error('esbuild wrote no bundle');
const [meta] = Object.values(result.metafile.outputs);
const rows = Object.entries(meta?.inputs ?? {})
  .map(([file, { bytesInOutput }]) => ({
    module: file.includes('node_modules/')
      ? file.replace(/^.*node_modules\//, '')
      : relative(packageDir, resolve(packageDir, file)),
    bytes: bytesInOutput,
  }))
  .filter((row) => row.bytes > 0)
  .sort((a, b) => b.bytes - a.bytes);

const total = output.contents.byteLength;
const brotli = brotliCompressSync(output.contents, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
}).byteLength;
const width = Math.max(...rows.map((row) => row.module.length));
console.log(`${'module'.padEnd(width)}  minified  share`);
for (const row of rows) {
  const share = `${((row.bytes / total) * 100).toFixed(1)}%`;
  console.log(
    `${row.module.padEnd(width)}  ${String(row.bytes).padStart(8)}  ${share.padStart(5)}`,
  );
}
console.log(`${'total'.padEnd(width)}  ${String(total).padStart(8)}`);
console.log(`min+brotli: ${(brotli / 1000).toFixed(2)} kB (${brotli} B)`);
