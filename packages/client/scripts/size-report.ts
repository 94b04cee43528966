/**
 * Where the bytes of the client's bundle are: bundles `createKantataClient` from the source
 * the way size-limit's ESM check does (esbuild, minified, openapi-fetch and the resource table
 * included) and prints, per module, its minified bytes in the bundle (esbuild's metafile) and
 * what it adds to the min+brotli size (quality 11, as size-limit measures it): the whole
 * bundle compressed with and without the module's code. Brotli shares strings across modules,
 * so the second column sums to less than the total.
 *
 *   pnpm --filter @kantata-ox/client size:why
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { type BuildOptions, build, transform } from 'esbuild';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const options = {
  stdin: {
    contents: "export { createKantataClient } from './src/index.ts';",
    resolveDir: packageDir,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'neutral',
  write: false,
} satisfies BuildOptions;

const brotli = (code: string): number =>
  brotliCompressSync(Buffer.from(code), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
    .byteLength;
const moduleName = (file: string): string =>
  file.includes('node_modules/')
    ? file.replace(/^.*node_modules\//, '')
    : relative(packageDir, resolve(packageDir, file));

const minified = await build({ ...options, minify: true, metafile: true });
const bundle = minified.outputFiles[0]?.text ?? '';
const [meta] = Object.values(minified.metafile.outputs);

// The same bundle with identifiers and syntax minified but not whitespace keeps esbuild's
// `// path` line before each module's code: split there, then minify each part's whitespace.
const marked = await build({ ...options, minifyIdentifiers: true, minifySyntax: true });
const parts = (marked.outputFiles[0]?.text ?? '').split(/^\/\/ (.+)$/m);
const modules = await Promise.all(
  Array.from({ length: (parts.length - 1) / 2 }, async (_, i) => ({
    module: moduleName(parts[2 * i + 1] ?? ''),
    code: (await transform(parts[2 * i + 2] ?? '', { minifyWhitespace: true, loader: 'js' })).code,
  })),
);
const whole = brotli(modules.map((m) => m.code).join(''));
const added = new Map(
  modules.map((m, i) => [
    m.module,
    whole - brotli(modules.flatMap((other, j) => (j === i ? [] : [other.code])).join('')),
  ]),
);

const rows = Object.entries(meta?.inputs ?? {})
  .map(([file, { bytesInOutput }]) => ({
    module: moduleName(file),
    bytes: bytesInOutput,
    brotli: added.get(moduleName(file)) ?? 0,
  }))
  .filter((row) => row.bytes > 0)
  .sort((a, b) => b.brotli - a.brotli);

const width = Math.max(...rows.map((row) => row.module.length));
console.log(`${'module'.padEnd(width)}  minified  adds min+brotli`);
for (const row of rows) {
  console.log(
    `${row.module.padEnd(width)}  ${String(row.bytes).padStart(8)}  ${String(row.brotli).padStart(15)}`,
  );
}
console.log(`${'total'.padEnd(width)}  ${String(bundle.length).padStart(8)}`);
console.log(`min+brotli: ${(brotli(bundle) / 1000).toFixed(2)} kB (${brotli(bundle)} B)`);
