/**
 * What a package tarball holds, judged the way a downstream team would: only files a user
 * needs, and no import (in types or code) of anything the installed package cannot reach.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative } from 'node:path';
import { runOk } from './process.js';

/** A packed package. */
export interface PackedPackage {
  name: string;
  version: string;
  /** Absolute path of the `.tgz`. */
  tarball: string;
  /** Paths inside the package, e.g. `dist/index.js`. */
  files: string[];
}

/**
 * Packs a workspace package as it would be published: `pnpm pack` replaces `workspace:*`
 * ranges with the versions of the packages they point to.
 *
 * @example
 * const packed = await packPackage('packages/client', '/tmp/tarballs');
 */
export async function packPackage(packageDir: string, destination: string): Promise<PackedPackage> {
  mkdirSync(destination, { recursive: true });
  const { stdout } = await runOk('pnpm', ['pack', '--json', '--pack-destination', destination], {
    cwd: packageDir,
  });
  const out = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
    name: string;
    version: string;
    filename: string;
    files: { path: string }[];
  };
  return {
    name: out.name,
    version: out.version,
    tarball: out.filename,
    files: out.files.map((f) => f.path).sort(),
  };
}

/**
 * Extracts a tarball into `destination` and returns the package directory (`<dest>/package`).
 *
 * @example
 * const dir = await extractTarball(packed.tarball, '/tmp/unpacked/client');
 */
export async function extractTarball(tarball: string, destination: string): Promise<string> {
  mkdirSync(destination, { recursive: true });
  await runOk('tar', ['-xzf', tarball, '-C', destination], { cwd: destination });
  return join(destination, 'package');
}

/** Every file under a directory, as `/`-separated paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const full = join(current, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The parts of package.json the checks read. */
export interface Manifest {
  name: string;
  version: string;
  exports?: unknown;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const DOCS = /^(README|LICENSE|LICENCE|CHANGELOG|NOTICE)(\.(md|txt))?$/i;
const BUILT = /^dist\/.+\.(js|cjs|mjs|d\.ts|d\.cts|d\.mts)$/;
const TESTS = /\.(test|spec|bench)(-d)?\.|(^|\/)(__tests__|__mocks__|tests?)\//;

/**
 * Files a user does not need: anything but package.json, the docs, built code and types
 * under `dist/`, and files that `exports` or `bin` point to. Tests, sources, scripts,
 * configs, source maps and build caches all land here.
 *
 * @example
 * unneededFiles(['package.json', 'dist/index.js', 'src/index.test.ts'], manifest);
 * // ['src/index.test.ts']
 */
export function unneededFiles(files: readonly string[], manifest: Manifest): string[] {
  const targets = new Set([...exportTargets(manifest.exports), ...binTargets(manifest.bin)]);
  return files.filter(
    (file) =>
      !(
        file === 'package.json' ||
        DOCS.test(file) ||
        (BUILT.test(file) && !TESTS.test(file)) ||
        targets.has(file)
      ),
  );
}

function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [posix.normalize(exports)];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

function binTargets(bin: Manifest['bin']): string[] {
  if (bin === undefined) return [];
  return (typeof bin === 'string' ? [bin] : Object.values(bin)).map((b) => posix.normalize(b));
}

/**
 * The module specifiers a JS or declaration file imports, re-exports, requires or references
 * (comments are ignored, so `@example` imports in doc comments do not count).
 *
 * @example
 * importSpecifiers("import type { A } from './a.js';\nexport * from 'openapi-fetch';");
 * // ['./a.js', 'openapi-fetch']
 */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*\/\/\/\s*<reference\s+(?:path|types)="([^"]+)"/gm)) {
    found.push(m[1] as string);
  }
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const m of code.matchAll(pattern)) found.push(m[1] as string);
  }
  return [...new Set(found)];
}

/** A specifier a file of the package should not import, and why. */
export interface BadImport {
  file: string;
  specifier: string;
  reason: string;
}

const WORKSPACE_ONLY = [
  '@kantata-ox/spec',
  '@kantata-ox/e2e',
  '@kantata-ox/bench',
  '@kantata-ox/testkit',
];
const builtins = new Set(builtinModules);

/**
 * Imports an installed package cannot satisfy: workspace-only packages, paths into `src/`,
 * relative paths that leave the package or name a file it does not ship, and bare imports of
 * packages that are neither dependencies, peer dependencies, the package itself nor Node
 * built-ins.
 *
 * @example
 * badImports('dist/index.d.ts', ['@kantata-ox/spec'], files, manifest);
 * // [{ file: 'dist/index.d.ts', specifier: '@kantata-ox/spec', reason: 'workspace-only package' }]
 */
export function badImports(
  file: string,
  specifiers: readonly string[],
  files: ReadonlySet<string>,
  manifest: Manifest,
): BadImport[] {
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const bad: BadImport[] = [];
  for (const specifier of specifiers) {
    const reason = whyBad(file, specifier, files, declared);
    if (reason) bad.push({ file, specifier, reason });
  }
  return bad;
}

function whyBad(
  file: string,
  specifier: string,
  files: ReadonlySet<string>,
  declared: ReadonlySet<string>,
): string | undefined {
  if (/(^|\/)src\//.test(specifier)) return 'path into src/ (not shipped)';
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    if (specifier.startsWith('/')) return 'absolute path';
    const target = posix.normalize(posix.join(posix.dirname(file), specifier));
    if (target.startsWith('../')) return 'relative path outside the package';
    const candidates = [target, ...declarationTwins(target)];
    return candidates.some((c) => files.has(c)) ? undefined : 'relative path to a file not shipped';
  }
  const bare = packageName(specifier);
  if (WORKSPACE_ONLY.includes(bare)) return 'workspace-only package';
  if (specifier.startsWith('node:') || builtins.has(bare)) return undefined;
  return declared.has(bare) ? undefined : 'package not in dependencies or peerDependencies';
}

/** `./x.js` in a declaration file refers to `x.d.ts` (and `.cjs` to `.d.cts`, …). */
function declarationTwins(target: string): string[] {
  const stem = target.replace(/\.(c|m)?js$/, '');
  return [`${stem}.d.ts`, `${stem}.d.cts`, `${stem}.d.mts`, `${stem}.js`, `${stem}.cjs`];
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/**
 * Scans every JS and declaration file of an unpacked package with {@link badImports}.
 *
 * @example
 * const problems = scanPackageImports('/tmp/unpacked/client/package');
 */
export function scanPackageImports(packageDir: string): BadImport[] {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Manifest;
  const files = listFiles(packageDir);
  const set = new Set(files);
  return files
    .filter((f) => /\.(c|m)?js$|\.d\.(c|m)?ts$/.test(f))
    .flatMap((f) =>
      badImports(f, importSpecifiers(readFileSync(join(packageDir, f), 'utf8')), set, manifest),
    );
}
