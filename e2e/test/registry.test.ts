/**
 * What a downstream team installs, installed the way they install it: the three packages are
 * packed, published to a local Verdaccio (127.0.0.1, no uplinks), and consumer projects
 * install them from it (everything else from the normal registry) and make real calls.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmEnv } from '@kantata-ox/testkit/npm';
import { run, runOk } from '@kantata-ox/testkit/process';
import { type LocalRegistry, SCOPE, startLocalRegistry } from '@kantata-ox/testkit/registry';
import { type PackedPackage, packPackage } from '@kantata-ox/testkit/tarball';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type InstalledConsumer,
  installConsumer,
  resolvedFrom,
} from '../support/registry-consumers.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const PACKAGES = ['types', 'client', 'fixtures'] as const;
const CONSUMERS = ['esm', 'cjs', 'ts-node16', 'ts-bundler', 'ts-testing'] as const;

let work: string;
let registry: LocalRegistry | undefined;
let packed: PackedPackage[] = [];
let version: string;
const consumers = new Map<string, InstalledConsumer>();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kantata-e2e-registry-'));
  // The registry npm would use for everything else, before our npmrc hides the user's own.
  const normal = (await runOk('npm', ['config', 'get', 'registry'], { cwd: work })).stdout.trim();

  packed = await Promise.all(
    PACKAGES.map((p) => packPackage(join(repoRoot, 'packages', p), join(work, 'tarballs'))),
  );
  version = packed[0]?.version ?? '';
  registry = await startLocalRegistry();
  const publishEnv = npmEnv(registry.writeNpmrc('publish.npmrc', { kind: 'everything' }));
  for (const p of packed) {
    await runOk('npm', ['publish', p.tarball, '--registry', registry.url, '--access', 'public'], {
      cwd: work,
      env: publishEnv,
    });
  }

  const userconfig = registry.writeNpmrc('consumer.npmrc', {
    kind: 'scoped',
    defaultRegistry: normal,
  });
  // One after another: the first fills npm's cache and the others install from it, rather
  // than four installs downloading the same tarballs at once and contending for the cache.
  for (const name of CONSUMERS) {
    consumers.set(
      name,
      await installConsumer({ name, into: join(work, 'consumers'), version, userconfig }),
    );
  }
}, 600_000);

afterAll(async () => {
  await registry?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function consumer(name: (typeof CONSUMERS)[number]): InstalledConsumer {
  const c = consumers.get(name);
  if (!c) throw new Error(`consumer ${name} was not installed`);
  return c;
}

/** Writes a TypeScript consumer's JS to build/ (its types are checked by a test of their own). */
function emitJs(name: (typeof CONSUMERS)[number]) {
  const tsc = [
    'node_modules/typescript/bin/tsc',
    '-p',
    '.',
    '--noEmit',
    'false',
    '--outDir',
    'build',
  ];
  return inConsumer(name, 'node', [...tsc, '--noCheck']);
}

/**
 * Runs a command in a consumer and returns its stdout, failing with all output otherwise. A
 * strict tsc of a consumer, six at a time, took up to 50 s each on a 2-core machine under a
 * load of 9: the bound is many times that.
 */
async function inConsumer(name: (typeof CONSUMERS)[number], command: string, args: string[]) {
  const c = consumer(name);
  return (await runOk(command, args, { cwd: c.dir, env: c.env, timeoutMs: 600_000 })).stdout;
}

describe('the local registry', { timeout: 120_000 }, () => {
  test('holds all three packages at one version, served from 127.0.0.1', async () => {
    if (!registry) throw new Error('registry not started');
    expect(new Set(packed.map((p) => p.version))).toEqual(new Set([version]));
    const env = npmEnv(registry.writeNpmrc('view.npmrc', { kind: 'everything' }));
    for (const p of packed) {
      const { stdout } = await runOk(
        'npm',
        ['view', `${p.name}@${version}`, 'dist.tarball', '--registry', registry.url],
        { cwd: work, env },
      );
      expect(stdout.trim()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${registry.port}/`));
    }
  });

  test('proxies nothing: a package that was not published to it is not found', async () => {
    if (!registry) throw new Error('registry not started');
    const response = await fetch(new URL('left-pad', registry.url));
    expect(response.status).toBe(404);
  });

  test('refuses a publish without its token', async () => {
    if (!registry) throw new Error('registry not started');
    const anonymous = join(work, 'anonymous.npmrc');
    writeFileSync(anonymous, `registry=${registry.url}\n`);
    const result = await run(
      'npm',
      ['publish', packed[0]?.tarball ?? '', '--registry', registry.url, '--tag', 'anon'],
      { cwd: work, env: npmEnv(anonymous) },
    );
    expect(result.code).not.toBe(0);
    // Refused for want of a login, not because the version already exists.
    expect(result.stdout + result.stderr).toMatch(/ENEEDAUTH|E401/);
  });
});

// Installs and child processes are slow on a busy 2-core machine; nothing here loops.
describe('consumer projects', { timeout: 300_000 }, () => {
  test.each(CONSUMERS)(
    '%s installed @kantata-ox/* from the local registry and the rest from the normal one',
    (name) => {
      const resolved = resolvedFrom(consumer(name).dir);
      const ours = [...resolved].filter(([pkg]) => pkg.startsWith(`${SCOPE}/`));
      expect(ours.map(([pkg]) => pkg).sort()).toEqual(PACKAGES.map((p) => `${SCOPE}/${p}`).sort());
      for (const [, url] of ours) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      const others = [...resolved].filter(([pkg]) => !pkg.startsWith(`${SCOPE}/`));
      expect(others.map(([pkg]) => pkg)).toContain('openapi-fetch');
      for (const [, url] of others) expect(url).not.toMatch(/127\.0\.0\.1/);
    },
  );

  test('Node ESM: import works and real calls against the fake server succeed', async () => {
    expect(await inConsumer('esm', 'node', ['index.js'])).toContain('esm consumer: every call');
  });

  test('the published kantata-mock command runs from the installed package', async () => {
    const help = await inConsumer('esm', join('node_modules', '.bin', 'kantata-mock'), ['--help']);
    expect(help).toContain('Usage: kantata-mock');
  });

  test('Node CJS: require works and real calls against the fake server succeed', async () => {
    expect(await inConsumer('cjs', 'node', ['index.js'])).toContain('cjs consumer: every call');
  });
});

// The TypeScript consumers are independent: check and run them side by side (six tests that
// share two cores: the slowest took 97 s under a load of 9, hence the generous bound).
describe.concurrent('TypeScript consumer projects', { timeout: 900_000 }, () => {
  test('TypeScript node16: strict noEmit typecheck passes (ESM and .cts)', async () => {
    await inConsumer('ts-node16', 'node', ['node_modules/typescript/bin/tsc', '-p', '.']);
  });

  test('TypeScript node16: the compiled ESM and CJS files make real calls', async () => {
    await emitJs('ts-node16');
    expect(await inConsumer('ts-node16', 'node', ['build/index.js'])).toContain(
      'ts-node16 consumer (ESM): every call',
    );
    expect(await inConsumer('ts-node16', 'node', ['build/require.cjs'])).toContain(
      'ts-node16 consumer (CJS): every call',
    );
  });

  test('TypeScript bundler: strict noEmit typecheck passes', async () => {
    await inConsumer('ts-bundler', 'node', ['node_modules/typescript/bin/tsc', '-p', '.']);
  });

  test('TypeScript bundler: the compiled file makes real calls', async () => {
    await emitJs('ts-bundler');
    expect(await inConsumer('ts-bundler', 'node', ['build/index.js'])).toContain(
      'ts-bundler consumer: every call',
    );
  });

  test('TypeScript tests: strict typecheck under node16 and bundler resolution', async () => {
    for (const config of ['tsconfig.json', 'tsconfig.bundler.json']) {
      await inConsumer('ts-testing', 'node', ['node_modules/typescript/bin/tsc', '-p', config]);
    }
  });

  test('TypeScript tests: node --test passes through fetch, MSW and the HTTP server', async () => {
    await emitJs('ts-testing');
    const report = await inConsumer('ts-testing', 'node', [
      '--test',
      '--test-reporter=tap',
      'build/fake-modes.test.js',
    ]);
    const passed = report
      .split('\n')
      .filter((line) => /^ok \d+ - /.test(line))
      .map((line) => line.replace(/^ok \d+ - every typed call answers as expected through /, ''));
    expect(passed).toEqual([
      'createFakeKantata().fetch',
      'MSW handlers (msw/node)',
      'kantata-mock (startMockServer)',
    ]);
    expect(report).toMatch(/# fail 0\n/);
  });
});
