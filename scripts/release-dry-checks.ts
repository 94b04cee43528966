/**
 * The checks `pnpm release:dry` (`release-dry.ts`) makes between its steps: after
 * `changeset version` (versions, changelogs, internal ranges, spec stamps), after the build
 * (the spec version the built packages report), on each packed tarball (version, files,
 * imports, internal ranges) and before publishing (npm and pnpm would publish to the local
 * registry only). Each throws an `Error` saying what is wrong; the script reports it and fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GroupPackage } from '@kantata-ox/spec/release-plan';
import { runOk } from '@kantata-ox/testkit/process';
import { type LocalRegistry, SCOPE } from '@kantata-ox/testkit/registry';
import {
  extractTarball,
  type PackedPackage,
  scanPackageImports,
  type Manifest as TarballManifest,
  unneededFiles,
} from '@kantata-ox/testkit/tarball';

/** The fields of a package.json the release checks read. */
export interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  kantata?: { specVersion?: string };
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function fail(message: string): never {
  throw new Error(message);
}

/** Versions, spec stamps, internal ranges and changelogs after `changeset version`. */
export function checkVersioned(
  group: readonly GroupPackage[],
  before: Map<string, string>,
  repo: string,
): string {
  const manifests = group.map((p) => readJson<Manifest>(join(p.dir, 'package.json')));
  const dirOf = new Map(group.map((p) => [p.name, p.dir]));
  const versions = new Set(manifests.map((m) => m.version));
  if (versions.size !== 1)
    fail(`versions differ: ${manifests.map((m) => `${m.name}@${m.version}`).join(', ')}`);
  const version = manifests[0]?.version as string;
  for (const m of manifests) {
    if (before.get(m.name) === version) fail(`${m.name} was not bumped (still ${version})`);
    const changelog = join(dirOf.get(m.name) ?? '', 'CHANGELOG.md');
    if (!existsSync(changelog)) fail(`${m.name} has no CHANGELOG.md`);
    if (!readFileSync(changelog, 'utf8').includes(`## ${version}`)) {
      fail(`${m.name}'s CHANGELOG.md has no "## ${version}" section`);
    }
    for (const [dep, range] of Object.entries(m.dependencies ?? {})) {
      if (!dep.startsWith(`${SCOPE}/`)) continue;
      // workspace:* becomes the exact version at pack time; anything else must already match.
      if (!range.startsWith('workspace:') && !range.includes(version)) {
        fail(`${m.name} depends on ${dep}@${range}, not on ${version}`);
      }
    }
  }
  const spec = readJson<{ info: { version: string } }>(join(repo, 'packages/types/openapi.json'));
  const released = readJson<{ info: { version: string } }>(
    join(repo, 'spec/released/openapi.json'),
  );
  const stamped = manifests.find((m) => m.name === '@kantata-ox/types')?.kantata?.specVersion;
  if (stamped !== spec.info.version) {
    fail(`@kantata-ox/types stamps spec ${stamped}, but ships spec ${spec.info.version}`);
  }
  if (released.info.version !== spec.info.version) {
    fail(`the released baseline is spec ${released.info.version}, not ${spec.info.version}`);
  }
  return version;
}

/** The spec version the built client and fixtures report must be the one types ships. */
export async function checkBuiltSpecVersion(repo: string, expected: string): Promise<void> {
  for (const dir of ['packages/client', 'packages/fixtures']) {
    const { stdout } = await runOk(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { specVersion } from './${dir}/dist/index.js'; console.log(specVersion);`,
      ],
      { cwd: repo },
    );
    if (stdout.trim() !== expected)
      fail(`${dir} reports spec ${stdout.trim()}, expected ${expected}`);
  }
}

/** A packed package: its version, the files it ships, what it imports and its internal ranges. */
export async function checkTarball(p: PackedPackage, version: string, unpackInto: string) {
  if (p.version !== version) fail(`${p.name} packed at ${p.version}, expected ${version}`);
  const dir = await extractTarball(p.tarball, unpackInto);
  const manifest = readJson<Manifest & TarballManifest>(join(dir, 'package.json'));
  const extra = unneededFiles(p.files, manifest);
  if (extra.length > 0) fail(`${p.name} ships files a user does not need: ${extra.join(', ')}`);
  const bad = scanPackageImports(dir);
  if (bad.length > 0) {
    fail(
      `${p.name} imports what it cannot reach: ${bad.map((b) => `${b.file} → ${b.specifier} (${b.reason})`).join('; ')}`,
    );
  }
  for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
    if (dep.startsWith(`${SCOPE}/`) && range !== version)
      fail(`${p.name} ships ${dep}@${range}, expected ${version}`);
  }
}

/** Refuses to go on unless npm and pnpm would both publish to the local registry. */
export async function assertPublishTarget(
  repo: string,
  group: readonly GroupPackage[],
  env: NodeJS.ProcessEnv,
  registry: LocalRegistry,
) {
  const local = /^http:\/\/127\.0\.0\.1:\d+\/?$/;
  // A package's own publishConfig registry would win over everything set here.
  for (const { dir } of group) {
    const manifest = readJson<{ publishConfig?: Record<string, unknown> }>(
      join(dir, 'package.json'),
    );
    const keys = Object.keys(manifest.publishConfig ?? {}).filter((k) => /registry/i.test(k));
    if (keys.length > 0)
      fail(`refusing to publish: ${dir}/package.json sets publishConfig.${keys.join(', ')}`);
  }
  const checks: [string, string[]][] = [
    ['npm', ['config', 'get', 'registry']],
    ['npm', ['config', 'get', `${SCOPE}:registry`]],
    ['pnpm', ['config', 'get', 'registry']],
  ];
  for (const [tool, args] of checks) {
    const value = (
      await runOk(tool, args, { cwd: join(repo, 'packages/client'), env })
    ).stdout.trim();
    if (!local.test(value) || !value.startsWith(registry.url.replace(/\/$/, ''))) {
      fail(`refusing to publish: \`${tool} ${args.join(' ')}\` is ${value}, not ${registry.url}`);
    }
  }
}
