/**
 * The tarballs a downstream team downloads: publint and attw clean, `types` conditions on
 * every export, nothing a user does not need, and no import an installed package cannot reach.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '@kantata-ox/testkit/process';
import {
  badImports,
  extractTarball,
  importSpecifiers,
  type Manifest,
  type PackedPackage,
  packPackage,
  scanPackageImports,
  unneededFiles,
} from '@kantata-ox/testkit/tarball';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const bin = (name: string) => join(repoRoot, 'node_modules/.bin', name);
const PACKAGES = ['types', 'client', 'fixtures'] as const;
type PackageDir = (typeof PACKAGES)[number];

let work: string;
const packed = new Map<PackageDir, PackedPackage & { dir: string; manifest: Manifest }>();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kantata-e2e-packaging-'));
  await Promise.all(
    PACKAGES.map(async (p) => {
      const pack = await packPackage(join(repoRoot, 'packages', p), join(work, 'tarballs'));
      const dir = await extractTarball(pack.tarball, join(work, 'unpacked', p));
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
      packed.set(p, { ...pack, dir, manifest });
    }),
  );
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function get(p: PackageDir) {
  const found = packed.get(p);
  if (!found) throw new Error(`${p} was not packed`);
  return found;
}

describe.each(PACKAGES)('the %s tarball', { timeout: 180_000 }, (p) => {
  test('holds only files a user needs', () => {
    const { files, manifest } = get(p);
    expect(unneededFiles(files, manifest)).toEqual([]);
  });

  test('imports nothing an installed package cannot reach (types and code)', () => {
    expect(scanPackageImports(get(p).dir)).toEqual([]);
  });

  test('declares a types condition before every import and require target', () => {
    const exports = get(p).manifest.exports as Record<string, unknown>;
    for (const [subpath, target] of Object.entries(exports)) {
      if (typeof target === 'string') {
        expect(target, subpath).toMatch(/\.json$/);
        continue;
      }
      for (const condition of ['import', 'require'] as const) {
        const branch = (target as Record<string, Record<string, string>>)[condition];
        expect(Object.keys(branch ?? {}), `${subpath} ${condition}`).toEqual(['types', 'default']);
      }
    }
  });

  test('pins internal dependencies to the version packed with it', () => {
    const { manifest, version } = get(p);
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      if (name.startsWith('@kantata-ox/')) expect(range, name).toBe(version);
    }
  });

  test('publint (strict, suggestions included) finds nothing', async () => {
    const result = await run(
      bin('publint'),
      [get(p).dir, '--pack', 'false', '--level', 'suggestion', '--strict'],
      {
        cwd: work,
      },
    );
    expect(result.stdout + result.stderr).toContain('All good!');
    expect(result.code).toBe(0);
  });

  test('attw finds no problem in any module resolution mode', async () => {
    const result = await run(bin('attw'), [get(p).tarball, '--format', 'json'], {
      cwd: work,
      timeoutMs: 120_000,
    });
    const report = JSON.parse(result.stdout) as { analysis: { problems: unknown[] } };
    expect(report.analysis.problems).toEqual([]);
    expect(result.code).toBe(0);
  });
});

test('the three packages are packed at one version', () => {
  expect(new Set(PACKAGES.map((p) => get(p).version)).size).toBe(1);
});

describe('the tarball checks themselves', () => {
  const manifest: Manifest = {
    name: '@kantata-ox/x',
    version: '1.0.0',
    exports: {
      '.': { import: { types: './dist/i.d.ts', default: './dist/i.js' } },
      './spec.json': './spec.json',
    },
    dependencies: { 'openapi-fetch': '^0.17.0' },
    peerDependencies: { msw: '^2' },
  };

  test('flag tests, sources, scripts, configs, maps and caches as unneeded', () => {
    const files = [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/i.js',
      'dist/i.d.cts',
      'spec.json',
      'src/index.ts',
      'dist/i.test.js',
      'test/a.test.ts',
      'scripts/generate.ts',
      'tsconfig.json',
      'dist/i.js.map',
      '.turbo/turbo-build.log',
    ];
    expect(unneededFiles(files, manifest)).toEqual([
      'src/index.ts',
      'dist/i.test.js',
      'test/a.test.ts',
      'scripts/generate.ts',
      'tsconfig.json',
      'dist/i.js.map',
      '.turbo/turbo-build.log',
    ]);
  });

  test('flag workspace-only, src, escaping, missing and undeclared imports', () => {
    const files = new Set(['dist/i.d.ts', 'dist/chunk.d.ts']);
    const bad = badImports(
      'dist/i.d.ts',
      [
        '@kantata-ox/spec',
        '../../spec/dist/openapi.json',
        '../src/index.js',
        './missing.js',
        'yaml',
        './chunk.js',
        'node:http',
        'openapi-fetch',
        'msw/node',
        '@kantata-ox/x/server',
      ],
      files,
      manifest,
    );
    expect(bad.map((b) => b.specifier)).toEqual([
      '@kantata-ox/spec',
      '../../spec/dist/openapi.json',
      '../src/index.js',
      './missing.js',
      'yaml',
    ]);
  });

  test('read imports, re-exports, requires and references but not doc comments', () => {
    const source = [
      '/// <reference types="node" />',
      '/** @example import { a } from "@kantata-ox/docs-only"; */',
      '// import { b } from "line-comment";',
      "import type {\n  A,\n} from './a.js';",
      "export * from 'openapi-fetch';",
      "type T = import('./t.js').T;",
      "const c = require('ajv');",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['node', './a.js', 'openapi-fetch', './t.js', 'ajv']);
  });
});
