/**
 * Checks of the built package (`dist/`, written by `pnpm build`, which turbo runs before the
 * tests): what it imports, and that ESM and CJS export the same thing. publint, attw and
 * size-limit check the rest in the package's test script.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { apiReport } from '@kantata-ox/testkit/api-report';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(packageDir, 'dist');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

type Errors = typeof import('../src/errors/classes.js');
const NOT_FOUND = { status: 404, errors: [], method: 'GET', path: '/x', attempts: 1, body: '' };

/** Module specifiers a file imports or requires. */
function specifiers(file: string): string[] {
  const text = readFileSync(join(dist, file), 'utf8');
  const found = [
    ...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1] ?? '');
  return [...new Set(found)].sort();
}

describe.skipIf(!existsSync(join(dist, 'index.js')))('the built package (needs pnpm build)', () => {
  it.each(['index.d.ts', 'index.d.cts'])(
    '%s imports only its declared dependencies, nothing workspace-only',
    (file) => {
      expect(specifiers(file)).toEqual([
        '@kantata-ox/types',
        '@kantata-ox/types/resources',
        'openapi-fetch',
      ]);
      for (const specifier of specifiers(file)) {
        const name = specifier.split('/').slice(0, 2).join('/');
        expect(manifest.dependencies).toHaveProperty([name]);
      }
    },
  );

  // The public API as declarations, bundler layout and comments aside: a change to it shows
  // here, and needs a changeset of the matching bump. After such a change, regenerate the
  // report with `UPDATE_API_REPORT=1 pnpm exec vitest run test/package.test.ts`.
  it.each(['index.d.ts', 'index.d.cts'])('%s declares the API of api-report.txt', (file) => {
    const report = apiReport(readFileSync(join(dist, file), 'utf8'));
    const saved = join(packageDir, 'api-report.txt');
    if (process.env.UPDATE_API_REPORT === '1') writeFileSync(saved, report);
    expect(report).toBe(readFileSync(saved, 'utf8'));
  });

  it.each(['index.js', 'index.cjs'])('%s loads only openapi-fetch at run time', (file) => {
    // The resource table is bundled: importing @kantata-ox/types at run time would cost users
    // a request (and a second copy of the table to keep in step).
    expect(specifiers(file)).toEqual(['openapi-fetch']);
  });

  it('exports the same names from ESM and CJS', async () => {
    const esm = (await import(pathToFileURL(join(dist, 'index.js')).href)) as object;
    const cjs = createRequire(import.meta.url)(join(dist, 'index.cjs')) as object;
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(Object.keys(esm)).toEqual(
      expect.arrayContaining(['createKantataClient', 'KantataApiError', 'specVersion']),
    );
  });

  it('names its error classes as the source does, in both builds', async () => {
    const esm = (await import(pathToFileURL(join(dist, 'index.js')).href)) as Errors;
    const cjs = createRequire(import.meta.url)(join(dist, 'index.cjs')) as Errors;
    for (const errors of [esm, cjs]) {
      const error = new errors.KantataNotFoundError(NOT_FOUND);
      expect(errors.KantataNotFoundError.name).toBe('KantataNotFoundError');
      expect(inspect(error).split('\n')[0]).toBe('KantataNotFoundError: GET /x failed with 404');
    }
  });

  it("recognises the other build's errors with instanceof, in one process", async () => {
    const esm = (await import(pathToFileURL(join(dist, 'index.js')).href)) as Errors;
    const cjs = createRequire(import.meta.url)(join(dist, 'index.cjs')) as Errors;
    expect(cjs.KantataNotFoundError).not.toBe(esm.KantataNotFoundError);
    for (const [from, to] of [
      [cjs, esm],
      [esm, cjs],
    ] as const) {
      const error = new from.KantataNotFoundError(NOT_FOUND);
      expect(error).toBeInstanceOf(to.KantataNotFoundError);
      expect(error).toBeInstanceOf(to.KantataApiError);
      expect(error).toBeInstanceOf(to.KantataError);
      expect(error).not.toBeInstanceOf(to.KantataTimeoutError);
    }
  });

  it('builds a working client from the CJS entry', async () => {
    const { createKantataClient, KantataInputError } = createRequire(import.meta.url)(
      join(dist, 'index.cjs'),
    ) as typeof import('../src/index.js');
    const client = createKantataClient({
      token: 't',
      fetch: async () => new Response(null, { status: 204 }),
    });
    await expect(client.organizationMemberships.delete(1)).resolves.toBeUndefined();
    await expect(client.organizationMemberships.delete('..')).rejects.toBeInstanceOf(
      KantataInputError,
    );
  });
});
