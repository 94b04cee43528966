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
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { packPackage } from '@kantata-ox/testkit/tarball';
import {
  assertPublishTarget,
  checkBuiltSpecVersion,
  checkTarball,
  checkVersioned,
  fail,
  type Manifest,
  readJson,
} from './release-dry-checks.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values: flags } = parseArgs({
  options: { worktree: { type: 'boolean' }, keep: { type: 'boolean' } },
});

const started = performance.now();
const summary: string[] = [];
const log = (line: string) => console.log(`release:dry ${line}`);

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
      for (const p of out) await checkTarball(p, version, join(scratch, 'unpacked', p.name));
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
