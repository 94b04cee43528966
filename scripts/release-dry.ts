/**
 * `pnpm release:dry`: the whole release, rehearsed on a scratch copy and published only to a
 * throwaway Verdaccio on 127.0.0.1 (no uplinks). It never publishes anywhere else.
 *
 *   pnpm release:dry               # releases what is committed (a clone of HEAD)
 *   pnpm release:dry --worktree    # …plus uncommitted changes in the working tree
 *   pnpm release:dry --keep        # keep the scratch copy and print where it is
 *
 * Steps: clone → install → add a patch changeset if none is pending → `changeset version` →
 * refresh the released-spec baseline → check versions, spec stamps, internal ranges and
 * changelogs → build → pack and check the tarballs → start Verdaccio → `changeset publish`
 * with every npm/pnpm setting pointed at it (checked before publishing) → `npm view` each
 * package → stop Verdaccio → summary.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type GroupPackage,
  plannedBump,
  readPendingRelease,
  readReleaseGroup,
} from '@kantata-ox/spec/release-plan';
import { npmEnv } from '@kantata-ox/testkit/npm';
import { runOk } from '@kantata-ox/testkit/process';
import { type LocalRegistry, SCOPE, startLocalRegistry } from '@kantata-ox/testkit/registry';
import {
  extractTarball,
  packPackage,
  scanPackageImports,
  type Manifest as TarballManifest,
  unneededFiles,
} from '@kantata-ox/testkit/tarball';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  kantata?: { specVersion?: string };
}

const { values: flags } = parseArgs({
  options: { worktree: { type: 'boolean' }, keep: { type: 'boolean' } },
});

const started = performance.now();
const summary: string[] = [];
const log = (line: string) => console.log(`release:dry ${line}`);

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function fail(message: string): never {
  throw new Error(message);
}

/** Environment for install and build in the scratch copy: no npm config inherited from a `pnpm run`. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm|pnpm)_config_/i.test(key)) env[key] = value;
  }
  return { ...env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
}

async function step<T>(name: string, body: () => Promise<T>): Promise<T> {
  const t = performance.now();
  log(`… ${name}`);
  const result = await body();
  log(`✓ ${name} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  return result;
}

/** A scratch copy: a clone of HEAD, optionally overlaid with the working tree's changes. */
function scratchCopy(into: string): string {
  const repo = join(into, 'repo');
  execFileSync('git', ['clone', '--quiet', '--local', root, repo], { stdio: 'inherit' });
  if (flags.worktree) {
    const list = (args: string[]) =>
      execFileSync('git', ['ls-files', '-z', ...args], { cwd: root, encoding: 'utf8' })
        .split('\0')
        .filter(Boolean);
    for (const file of list(['-d'])) rmSync(join(repo, file), { force: true });
    for (const file of list(['-co', '--exclude-standard'])) {
      if (existsSync(join(root, file))) cpSync(join(root, file), join(repo, file));
    }
  }
  // `changeset publish` creates annotated tags in the scratch copy.
  execFileSync('git', ['config', 'user.name', 'release dry run'], { cwd: repo });
  execFileSync('git', ['config', 'user.email', 'release-dry-run@kantata-ox.invalid'], {
    cwd: repo,
  });
  return repo;
}

/** Adds a patch changeset for the fixed group when none is pending, so there is something to release. */
async function ensureChangeset(repo: string, group: readonly GroupPackage[]): Promise<string> {
  const { plan } = await readPendingRelease(repo);
  const bump = plannedBump(
    plan,
    group.map((p) => p.name),
  );
  if (bump !== 'none') return `the pending changesets release the group as ${bump}`;
  const front = group.map((p) => `'${p.name}': patch`).join('\n');
  writeFileSync(
    join(repo, '.changeset/release-dry-run.md'),
    `---\n${front}\n---\n\nRelease dry run (a scratch copy; never published anywhere but a local registry).\n`,
  );
  return 'no pending changeset: added a patch one';
}

/** Versions, spec stamps, internal ranges and changelogs after `changeset version`. */
function checkVersioned(
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
async function checkBuiltSpecVersion(repo: string, expected: string): Promise<void> {
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

/** Refuses to go on unless npm and pnpm would both publish to the local registry. */
async function assertPublishTarget(
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

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'kantata-release-dry-'));
  let registry: LocalRegistry | undefined;
  try {
    const repo = await step(
      `copy ${flags.worktree ? 'HEAD + working tree' : 'HEAD'} to ${scratch}`,
      async () => scratchCopy(scratch),
    );
    const env = cleanEnv();
    await step('pnpm install --frozen-lockfile --prefer-offline', () =>
      runOk('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent'], {
        cwd: repo,
        env,
        timeoutMs: 600_000,
      }),
    );
    // The group as .changeset/config.json of the copy lists it, with each package's directory.
    const group = await readReleaseGroup(repo);
    const before = new Map(
      group.map((p) => [p.name, readJson<Manifest>(join(p.dir, 'package.json')).version]),
    );
    summary.push(`changesets: ${await ensureChangeset(repo, group)}`);

    const version = await step('changeset version, refresh the released baseline', async () => {
      await runOk('pnpm', ['exec', 'changeset', 'version'], { cwd: repo, env });
      await runOk(process.execPath, ['scripts/release-baseline.mjs'], { cwd: repo, env });
      await runOk('pnpm', ['install', '--lockfile-only', '--prefer-offline', '--reporter=silent'], {
        cwd: repo,
        env,
        timeoutMs: 300_000,
      });
      return checkVersioned(group, before, repo);
    });
    const specVersion = readJson<{ info: { version: string } }>(
      join(repo, 'packages/types/openapi.json'),
    ).info.version;
    summary.push(
      `versions: ${[...before].map(([n, v]) => `${n} ${v} → ${version}`).join(', ')}; spec ${specVersion}; CHANGELOG.md written`,
    );

    await step('build (turbo, the three packages and what they need)', async () => {
      await runOk(
        'pnpm',
        [
          'exec',
          'turbo',
          'run',
          'build',
          '--output-logs=errors-only',
          ...group.map((p) => `--filter=${p.name}`),
        ],
        { cwd: repo, env, timeoutMs: 600_000 },
      );
      await checkBuiltSpecVersion(repo, specVersion);
    });

    const packed = await step('pack and check the tarballs', async () => {
      const out = await Promise.all(
        group.map((p) => packPackage(p.dir, join(scratch, 'tarballs'))),
      );
      for (const p of out) {
        if (p.version !== version) fail(`${p.name} packed at ${p.version}, expected ${version}`);
        const dir = await extractTarball(p.tarball, join(scratch, 'unpacked', p.name));
        const manifest = readJson<Manifest & TarballManifest>(join(dir, 'package.json'));
        const extra = unneededFiles(p.files, manifest);
        if (extra.length > 0)
          fail(`${p.name} ships files a user does not need: ${extra.join(', ')}`);
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
      return out;
    });
    summary.push(
      `packed: ${packed.map((p) => `${p.name}@${p.version} (${p.files.length} files)`).join(', ')}`,
    );

    registry = await step('start Verdaccio on 127.0.0.1 (no uplinks)', () => startLocalRegistry());
    const local = registry;
    const userconfig = local.writeNpmrc('publish.npmrc', { kind: 'everything' });
    // changesets reads npm_config_registry itself (and defaults to npmjs without it).
    const publishEnv = npmEnv(userconfig, {
      npm_config_registry: local.url,
      NPM_CONFIG_REGISTRY: local.url,
      [`npm_config_${SCOPE}:registry`]: local.url,
    });
    await step(`check that npm and pnpm resolve the publish target to ${local.url}`, () =>
      assertPublishTarget(repo, group, publishEnv, local),
    );
    await step('changeset publish', () =>
      runOk(process.execPath, [join(repo, 'node_modules/@changesets/cli/bin.js'), 'publish'], {
        cwd: repo,
        env: publishEnv,
        timeoutMs: 300_000,
      }),
    );
    await step('npm view each package on the local registry', async () => {
      for (const p of packed) {
        const { stdout } = await runOk(
          'npm',
          ['view', `${p.name}@${version}`, 'dist.tarball', '--registry', local.url],
          { cwd: scratch, env: publishEnv },
        );
        if (!stdout.trim().startsWith(local.url))
          fail(`${p.name}@${version} is not on ${local.url}: ${stdout}`);
      }
    });
    const tags = execFileSync('git', ['tag', '--list', `${SCOPE}/*`], {
      cwd: repo,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    summary.push(
      `published to ${local.url} (then discarded): ${packed.map((p) => `${p.name}@${version}`).join(', ')}`,
    );
    summary.push(`git tags in the scratch copy: ${tags.join(', ') || '(none)'}`);
  } finally {
    await registry?.close();
    if (flags.keep) log(`kept the scratch copy: ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`\nrelease:dry OK in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  for (const line of summary) console.log(`  ${line}`);
}

main().catch((error: unknown) => {
  console.error(`\nrelease:dry FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
