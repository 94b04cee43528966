/**
 * Every command the README, the package READMEs and the site's guides tell a reader to run is
 * run here, or in its `--help` or dry form where a real run is too slow or has side effects,
 * or, for the few that only CI can run (the whole test command, the release), checked to be run
 * by CI. And no `pnpm <name>` they name is shadowed by a pnpm built-in (`pnpm docs` opens a
 * browser instead of running the `docs` script): pnpm is asked to run each one with a script
 * shell that only records what it was given, so a built-in never reaches it.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess } from '@kantata-ox/testkit/process';
import { afterAll, describe, expect, it } from 'vitest';
import { namedCommands } from '../readme-commands.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const pages = [
  'README.md',
  ...['types', 'client', 'fixtures'].map((p) => `packages/${p}/README.md`),
  'site/index.md',
  ...readdirSync(join(root, 'site/guide')).map((name) => `site/guide/${name}`),
];
const named = namedCommands(
  pages.map((page) => join(root, page)),
  root,
);
const commands = [...new Set(named.map((c) => c.command))];
const whereNamed = (command: string) =>
  named.filter((c) => c.command === command).map((c) => c.where);

interface Manifest {
  name: string;
  private?: boolean;
  scripts?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  packageManager?: string;
}
const manifestOf = (dir: string): Manifest => JSON.parse(read(join(dir, 'package.json')));
const rootManifest = manifestOf('.');
/** Workspace packages by name: `@kantata-ox/client` → `packages/client`. */
const workspaces = new Map(
  [
    'spec',
    'e2e',
    'bench',
    'site',
    'scripts',
    'examples/tour',
    'examples/browser',
    'packages/types',
    'packages/client',
    'packages/fixtures',
  ].map((dir) => [manifestOf(dir).name, dir] as const),
);

/** The environment of a command: none of the npm/pnpm settings of the `pnpm test` around us. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm|pnpm)_(config|package|lifecycle)_/i.test(key)) env[key] = value;
  }
  return { ...env, NO_COLOR: '1', TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', ...extra };
}

/** Runs a command to completion (never through a shell); its output is stdout and stderr. */
function sh(
  argv: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): SpawnSyncReturns<string> & { output: string } {
  const [command = '', ...args] = argv;
  const result = spawnSync(command, args, {
    cwd: join(root, options.cwd ?? '.'),
    env: cleanEnv(options.env),
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 100_000,
  });
  return Object.assign(result, { output: `${result.stdout}${result.stderr}` });
}

/** Runs a command and expects exit 0 (and the output to match, when given). */
function runs(argv: string[], output?: RegExp, cwd?: string): string {
  const result = sh(argv, cwd === undefined ? {} : { cwd });
  expect(result.status, `\`${argv.join(' ')}\` exited ${result.status}:\n${result.output}`).toBe(0);
  if (output) expect(result.output).toMatch(output);
  return result.output;
}

const scratch = mkdtempSync(join(tmpdir(), 'kantata-readme-commands-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A script shell that records the script pnpm hands it and runs nothing.
const shim = join(scratch, 'record-script.sh');
writeFileSync(shim, '#!/bin/sh\nprintf \'%s\' "$2" > "$RECORDED_SCRIPT"\n', { mode: 0o755 });

/** What `pnpm <args> --help` runs: the script it resolved to, or undefined for a built-in. */
function resolvedScript(args: string[]): string | undefined {
  const recorded = join(scratch, `recorded-${Math.random().toString(36).slice(2)}`);
  const result = sh(['pnpm', ...args, '--help'], {
    env: { npm_config_script_shell: shim, RECORDED_SCRIPT: recorded, npm_config_browser: 'false' },
    timeoutMs: 30_000,
  });
  try {
    return readFileSync(recorded, 'utf8');
  } catch {
    expect(result.error).toBeUndefined();
    return undefined;
  }
}

/** `pnpm [--filter <pkg>] <name> ...` → the package dir and the name pnpm is asked to run. */
function pnpmCall(command: string): { dir: string; name: string; prefix: string[] } | undefined {
  const words = command.split(/\s+/);
  if (words[0] !== 'pnpm') return undefined;
  let i = 1;
  let dir = '.';
  const prefix: string[] = [];
  if (words[i] === '--filter') {
    dir = workspaces.get(words[i + 1] ?? '') ?? '';
    prefix.push('--filter', words[i + 1] ?? '');
    i += 2;
  }
  if (words[i] === 'run') {
    prefix.push('run');
    i += 1;
  }
  const name = words[i];
  return name === undefined ? undefined : { dir, name, prefix: [...prefix, name] };
}

/** A team's own data, as `--data` takes it: a user, the two organizations, one membership. */
const teamData = {
  users: [{ id: '7', full_name: 'Ada Lovelace' }],
  organizations: [
    { id: '1', name: 'Engineering', type: 'Department' },
    { id: '2', name: 'Europe', type: 'Geography' },
  ],
  organizationMemberships: [
    { member_id: 7, member_type: 'User', department_id: 1, geography_id: 2 },
  ],
};

/** Starts `kantata-mock` as a downstream project runs it (from site/, which depends on it). */
async function withMock<T>(flags: string[], use: (url: string) => Promise<T>): Promise<T> {
  const mock = await startProcess('npx', ['--no-install', 'kantata-mock', ...flags], {
    name: 'kantata-mock',
    ready: /kantata-mock listening on (\S+)/,
    cwd: join(root, 'site'),
    env: cleanEnv(),
    // npx, then node: both go down with it.
    group: true,
  });
  try {
    return await use(mock.ready[1] as string);
  } finally {
    await mock.stop();
  }
}

/** `GET <url>/<first list path>` with the default token, parsed. */
async function firstPage(url: string, token = 'kantata-mock-token'): Promise<{ count: number }> {
  const response = await fetch(`${url}/organization_memberships`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { count: number };
}

/**
 * Runs a `kantata-mock … --cors` command on a free port: a page's preflight is answered with
 * `allowed` as the origin, and the 20 records are there.
 */
function withCorsMock(command: string, allowed: string): Promise<void> {
  return withMock(anyPort(command), async (url) => {
    const preflight = await fetch(`${url}/organization_memberships`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(await firstPage(url)).toMatchObject({ count: 20 });
  });
}

const browserExample = '@kantata-ox/example-browser';

/**
 * Runs a dev-server script of the browser example (`vite`) on a free port of 127.0.0.1, with
 * `env` added, until `use` is done with its URL (`http://127.0.0.1:<port>/`).
 */
async function withDevServer<T>(
  script: string,
  env: Record<string, string>,
  use: (url: string) => Promise<T>,
): Promise<T> {
  const args = ['--filter', browserExample, script, '--host', '127.0.0.1', '--port', '0'];
  const server = await startProcess('pnpm', args, {
    name: `pnpm ${script}`,
    ready: /Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/,
    cwd: root,
    env: cleanEnv(env),
    startTimeoutMs: 60_000,
    // pnpm, then vite: both go down with it.
    group: true,
  });
  try {
    return await use(server.ready[1] as string);
  } finally {
    await server.stop();
  }
}

/** The README's port, swapped for any free one (4010 may be taken on this machine). */
const anyPort = (command: string) =>
  command
    .split(/\s+/)
    .slice(3)
    .map((word, i, words) => (words[i - 1] === '--port' ? '0' : word));

const ci = read('.ci/run');
/** The workspace package an install command names is ours and published (not private). */
function publishedPackages(command: string): void {
  const names = command.split(/\s+/).filter((word) => word.startsWith('@kantata-ox/'));
  expect(names.length).toBeGreaterThan(0);
  for (const spec of names) {
    const name = spec.replace(/@latest$/, '');
    const dir = workspaces.get(name);
    expect(dir, `${name} is not a package of this repository`).toBeDefined();
    expect(manifestOf(dir ?? '').private).not.toBe(true);
  }
  // The e2e registry test installs the packed packages with npm, as a downstream team does.
  expect(read('e2e/support/registry-consumers.ts')).toContain("'install'");
}

/** `msw@^2` is the range the fixtures declare, and the msw the repo tests with is in it. */
function supportedMsw(command: string): void {
  const fixtures = manifestOf('packages/fixtures');
  expect(command).toContain(`msw@${fixtures.peerDependencies?.msw}`);
  expect(fixtures.devDependencies?.msw?.split('.')[0]).toBe(
    fixtures.peerDependencies?.msw?.slice(1),
  );
}

/**
 * How each command is exercised. A command a page names that is missing here fails the test:
 * add how to run it (for real when it is quick and has no side effects).
 */
const exercises: Record<string, (command: string) => void | Promise<void>> = {
  // Installs pnpm: the version named is the one packageManager pins, and the one on PATH.
  'npm install --global pnpm@10.34.8': (command) => {
    const pinned = rootManifest.packageManager?.split('@')[1];
    expect(command).toBe(`npm install --global pnpm@${pinned}`);
    expect(runs(['pnpm', '--version']).trim()).toBe(pinned);
  },
  // Dry: checks the lockfile satisfies every package.json, without relinking node_modules
  // under the tests running beside this one.
  'pnpm install': () =>
    void runs(['pnpm', 'install', '--frozen-lockfile', '--offline', '--lockfile-only']),
  // The script builds (its turbo part is `pnpm build`'s, dry below) then runs the tour.
  'pnpm start': () =>
    void runs(
      ['pnpm', '--silent', '--filter', '@kantata-ox/example-tour', 'start'],
      /\b(\d+) of the spec's \1 operations exercised/,
    ),
  // The command this test runs inside; CI runs it as written.
  'pnpm test': () => expect(ci).toMatch(/^pnpm test$/m),
  'pnpm generate': () =>
    void runs(['pnpm', '--silent', 'generate', '--dry=json'], /"@kantata-ox\/types#generate"/),
  'pnpm build': () =>
    void runs(['pnpm', '--silent', 'build', '--dry=json'], /"@kantata-ox\/client#build"/),
  // Biome for real (read-only), the spec lint through turbo as a dry run.
  'pnpm lint': () =>
    void runs(['pnpm', '--silent', 'lint', '--dry=json'], /"@kantata-ox\/spec#lint"/),
  // It rewrites files: its --help form.
  'pnpm format': () => void runs(['pnpm', '--silent', 'format', '--help'], /biome check/),
  'pnpm spec:diff': () => void runs(['pnpm', '--silent', 'spec:diff'], /Minimum bump: /),
  'pnpm spec:check': () => void runs(['pnpm', '--silent', 'spec:check']),
  // Interactive: its --help form.
  'pnpm changeset': () =>
    void runs(['pnpm', '--silent', 'changeset', '--help'], /\$ changeset \[command\]/),
  // They version and publish for real: `pnpm release:dry` rehearses both on a scratch clone,
  // publishing to a throwaway registry, and CI runs it.
  'pnpm release:version': () => {
    expect(ci).toMatch(/^pnpm release:dry$/m);
    expect(read('scripts/release-dry.ts')).toContain("'changeset', 'version'");
  },
  'pnpm release': () => {
    expect(ci).toMatch(/^pnpm release:dry$/m);
    expect(read('scripts/release-dry.ts')).toContain("'publish'");
  },
  'pnpm release:dry': () => expect(ci).toMatch(/^pnpm release:dry$/m),
  // The docs e2e test builds the site with this very command, and serves it with the next.
  'pnpm run docs': () =>
    expect(read('e2e/support/docs-build.ts')).toContain("runOk('pnpm', ['run', 'docs']"),
  'pnpm run docs:preview': () =>
    expect(read('e2e/support/docs-build.ts')).toContain(
      "startProcess('pnpm', ['run', 'docs:preview', '0']",
    ),
  // Minutes long: the chain resolves to the benchmark runner, without running it.
  'pnpm bench': () =>
    expect(resolvedScript(['--filter', '@kantata-ox/bench', 'bench'])).toBe(
      `${manifestOf('bench').scripts?.bench} --help`,
    ),
  // Fifteen minutes long: its --help form.
  'pnpm --filter @kantata-ox/client test:mutation': () =>
    void runs(
      ['pnpm', '--silent', '--filter', '@kantata-ox/client', 'test:mutation', '--help'],
      /Usage: stryker run/,
    ),
  // The full run the client README's score comes from: its help lists --force.
  'pnpm --filter @kantata-ox/client test:mutation -- --force': () =>
    void runs(
      ['pnpm', '--silent', '--filter', '@kantata-ox/client', 'test:mutation', '--force', '--help'],
      /--force\s+Run all mutants/,
    ),
  // They read the built client (dist/, which this workspace does not build): the chain resolves
  // to the package's scripts, and the client's own test script runs size-limit for real.
  'pnpm --filter @kantata-ox/client size': () =>
    expect(resolvedScript(['--filter', '@kantata-ox/client', 'size'])).toBe(
      `${manifestOf('packages/client').scripts?.size} --help`,
    ),
  'pnpm --filter @kantata-ox/client size:why': () =>
    expect(resolvedScript(['--filter', '@kantata-ox/client', 'size:why'])).toBe(
      `${manifestOf('packages/client').scripts?.['size:why']} --help`,
    ),
  // A downstream team's installs: of our packages, and of the msw range the fixtures support.
  'npm install @kantata-ox/client@latest @kantata-ox/types@latest': publishedPackages,
  'npm install @kantata-ox/types': publishedPackages,
  'npm install @kantata-ox/client': publishedPackages,
  'npm install --save-dev @kantata-ox/fixtures': publishedPackages,
  'npm install --save-dev @kantata-ox/fixtures@latest': publishedPackages,
  'pnpm add -D @kantata-ox/fixtures': publishedPackages,
  'pnpm add -D msw@^2': supportedMsw,
  'npm install --save-dev msw@^2': supportedMsw,
  // For real, in a project that has the types installed (and openapi-typescript, so that
  // `--yes` finds it there instead of downloading it).
  'npx --yes openapi-typescript node_modules/@kantata-ox/types/openapi.json -o src/kantata.d.ts': (
    command,
  ) => {
    const project = join(scratch, 'consumer');
    mkdirSync(join(project, 'node_modules/@kantata-ox'), { recursive: true });
    mkdirSync(join(project, 'node_modules/.bin'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
    symlinkSync(join(root, 'packages/types'), join(project, 'node_modules/@kantata-ox/types'));
    const generator = join(root, 'packages/types/node_modules/openapi-typescript');
    symlinkSync(generator, join(project, 'node_modules/openapi-typescript'));
    symlinkSync(
      join(generator, 'bin/cli.js'),
      join(project, 'node_modules/.bin/openapi-typescript'),
    );
    mkdirSync(join(project, 'src'));
    const result = spawnSync('npx', command.split(' ').slice(1), {
      cwd: project,
      env: cleanEnv(),
      encoding: 'utf8',
      timeout: 100_000,
    });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    expect(readFileSync(join(project, 'src/kantata.d.ts'), 'utf8')).toContain(
      'export interface paths',
    );
  },
  'npx --no-install kantata-mock --help': () =>
    void runs(['npx', '--no-install', 'kantata-mock', '--help'], /Usage: kantata-mock/, 'site'),
  'npx --no-install kantata-mock --port 4010': (command) =>
    withMock(anyPort(command), async (url) => {
      expect(await firstPage(url)).toMatchObject({ count: 0 });
    }),
  'npx --no-install kantata-mock --port 4010 --records 20': (command) =>
    withMock(anyPort(command), async (url) => {
      expect(await firstPage(url)).toMatchObject({ count: 20 });
    }),
  // A page's origin: its preflight is answered, and the answers are readable from it.
  'npx --no-install kantata-mock --port 4010 --records 20 --cors http://localhost:5173': (
    command,
  ) => withCorsMock(command, 'http://localhost:5173'),
  // Any page's origin (`*`): what the browser guide starts for its Vite page.
  'npx --no-install kantata-mock --port 4010 --records 20 --cors': (command) =>
    withCorsMock(command, '*'),
  // The browser example's scripts: the page runs in Chromium in its own test
  // (examples/browser); here each script starts and serves what its mode needs.
  'pnpm --filter @kantata-ox/example-browser dev': () =>
    withDevServer('dev', {}, async (url) => {
      expect(await (await fetch(url)).text()).toContain('id="result"');
      // `msw init` ran first: the worker script the page registers is served.
      const worker = await fetch(`${url}mockServiceWorker.js`);
      expect(worker.status).toBe(200);
      expect(await worker.text()).toContain('Mock Service Worker');
    }),
  'pnpm --filter @kantata-ox/example-browser dev:mock': () =>
    withDevServer('dev:mock', {}, async (url) => {
      // .env.mock points the page at kantata-mock's default port.
      const api = await (await fetch(`${url}src/api.ts`)).text();
      expect(api).toContain('http://127.0.0.1:4010/api/v1');
    }),
  // The proxy holds the token: the page's placeholder is replaced on the way to the mock.
  'KANTATA_PROXY_TARGET=http://127.0.0.1:4010 KANTATA_TOKEN=kantata-mock-token pnpm --filter @kantata-ox/example-browser dev:proxy':
    (command) =>
      withMock(['--port', '0', '--records', '20'], (mockUrl) => {
        const token = /KANTATA_TOKEN=(\S+)/.exec(command)?.[1] ?? '';
        const env = { KANTATA_PROXY_TARGET: new URL(mockUrl).origin, KANTATA_TOKEN: token };
        return withDevServer('dev:proxy', env, async (url) => {
          expect(await firstPage(`${url}api/v1`, 'replaced-by-the-backend')).toMatchObject({
            count: 20,
          });
        });
      }),
  // For real, into a scratch folder (the package's dist is turbo's build output).
  'pnpm --filter @kantata-ox/example-browser build': () => {
    const outDir = join(scratch, 'browser-example');
    runs(['pnpm', '--filter', browserExample, 'build', '--outDir', outDir, '--emptyOutDir']);
    expect(readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'))).toHaveLength(1);
  },
  // The data file a team would write: the fake serves exactly what it holds.
  'npx --no-install kantata-mock --data team-data.json': async () => {
    const file = join(scratch, 'team-data.json');
    writeFileSync(file, JSON.stringify(teamData));
    await withMock(['--port', '0', '--data', file], async (url) => {
      expect(await firstPage(url)).toMatchObject({ count: 1 });
    });
  },
  // The server the next line's curl talks to.
  'npx --no-install kantata-mock --port 4010 --records 50 --token secret': (command) =>
    withMock(anyPort(command), async (url) => {
      const curl = named.find((c) => c.command.startsWith('curl '))?.command ?? '';
      const argv = [...curl.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
      const result = sh(argv.map((arg) => arg.replace('http://127.0.0.1:4010/api/v1', url)));
      expect(result.status, result.output).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ count: 50 });
    }),
  // Run against the server above, with its port.
  "curl -H 'Authorization: Bearer secret' 'http://127.0.0.1:4010/api/v1/organization_memberships?include=department'":
    (command) => {
      const server = named.find((c) =>
        c.command.startsWith('npx --no-install kantata-mock --port 4010 --records 50'),
      );
      expect(
        server,
        `${command} needs the kantata-mock command that starts its server`,
      ).toBeDefined();
    },
};

describe('commands the READMEs and guides name', () => {
  it('are found on every page', () => {
    expect(commands.length).toBeGreaterThan(20);
    for (const page of ['README.md', 'packages/fixtures/README.md', 'site/guide/testing.md']) {
      expect(named.some((c) => c.where.startsWith(`${page}:`))).toBe(true);
    }
  });

  it.each(commands)('`%s` runs (or its dry form does)', async (command) => {
    const exercise = exercises[command];
    expect(
      exercise,
      `no exercise for \`${command}\` (${whereNamed(command).join(', ')}): add one to this test`,
    ).toBeDefined();
    await exercise?.(command);
  });

  const scripts = commands
    .map((command) => ({ command, call: pnpmCall(command) }))
    .filter(({ call }) => call && manifestOf(call.dir).scripts?.[call.name] !== undefined);

  it('include every pnpm script a page names', () => {
    expect(scripts.map((s) => s.command)).toEqual(
      expect.arrayContaining(['pnpm test', 'pnpm run docs']),
    );
  });

  it.each(scripts)(
    '`$command` runs its package script, not a pnpm built-in',
    ({ command, call }) => {
      if (!call) throw new Error('not a pnpm command');
      const script = manifestOf(call.dir).scripts?.[call.name];
      const ran = resolvedScript(call.prefix);
      expect(
        ran,
        `\`${command}\` (${whereNamed(command).join(', ')}) runs pnpm's built-in \`${call.name}\`, not the script; write \`pnpm run ${call.name}\``,
      ).toBe(`${script} --help`);
    },
  );

  it('finds a shadowed name: `pnpm docs` runs the built-in, while the docs script exists', () => {
    expect(rootManifest.scripts?.docs).toBeDefined();
    expect(resolvedScript(['docs'])).toBeUndefined();
    expect(resolvedScript(['run', 'docs'])).toBe(`${rootManifest.scripts?.docs} --help`);
  });

  it.each(commands.filter((c) => c.startsWith('npx ')))(
    '`%s` never stops to ask (npx --yes, or --no-install for an installed bin)',
    (command) => {
      expect(command).toMatch(/^npx (--yes|--no-install) /);
    },
  );
});
