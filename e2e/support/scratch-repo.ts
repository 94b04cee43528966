/**
 * A scratch copy of the repository, for tests that change it: the root manifests, `spec/` and
 * the packages asked for, with every `node_modules` rebuilt as links entry by entry, so that
 * external packages come from the real install while the workspace's own packages resolve to
 * the copies (a linked `node_modules` folder would lead them back to the real tree). Nothing
 * is ever written to the real tree.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run } from '@kantata-ox/testkit/process';

/** What a command printed and how it ended. */
export interface RunResult {
  status: number | null;
  output: string;
  ms: number;
}

/** A scratch copy of the repository. */
export interface ScratchRepo {
  readonly dir: string;
  /** Runs a command in the copy (or in `cwd`, relative to it), in an environment of its own. */
  run(command: string, args: readonly string[], cwd?: string): Promise<RunResult>;
  /**
   * Gives the folder `project` (relative to the copy) a `node_modules` holding the copies of
   * the workspace packages named and the real install of everything else named.
   */
  linkProject(project: string, packages: readonly string[]): void;
  remove(): void;
}

/** Build outputs and caches: never copied. */
const SKIPPED = /[/\\](node_modules|dist|\.turbo|coverage|reports|\.stryker-tmp)$/;
const ROOT_FILES = [
  'package.json',
  'pnpm-workspace.yaml',
  'pnpm-lock.yaml',
  'turbo.json',
  'tsconfig.base.json',
];

/** The environment of commands in the copy: no turbo state of the run that started the test. */
function scratchEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { FORCE_COLOR: '0', NO_COLOR: '1' };
  for (const [key, value] of Object.entries(process.env)) {
    if (/^TURBO_(?!TELEMETRY)/.test(key) || key === 'NODE_ENV' || key.startsWith('VITEST'))
      continue;
    env[key] = value;
  }
  return { ...env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', REDOCLY_TELEMETRY: 'off' };
}

/**
 * Copies `folders` (relative to `repo`, e.g. `spec`, `packages/types`) and the root manifests
 * into a new temporary folder and links their dependencies.
 *
 * @example
 * const scratch = createScratchRepo(repo, ['spec', 'packages/types'], 'kantata-evolution-');
 * await scratch.run('pnpm', ['generate']);
 * scratch.remove();
 */
export function createScratchRepo(
  repo: string,
  folders: readonly string[],
  prefix: string,
): ScratchRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const file of ROOT_FILES) cpSync(join(repo, file), join(dir, file));
  for (const folder of folders) {
    cpSync(join(repo, folder), join(dir, folder), {
      recursive: true,
      filter: (source) => !SKIPPED.test(source),
    });
  }
  // The workspace's own packages, by name, at their place in the copy.
  const own = new Map<string, string>();
  for (const folder of folders) {
    const manifest = join(dir, folder, 'package.json');
    if (existsSync(manifest))
      own.set(JSON.parse(readFileSync(manifest, 'utf8')).name, join(dir, folder));
  }

  /** Links one entry of a real node_modules into the copy's (a workspace package to its copy). */
  function linkEntry(name: string, real: string, into: string): void {
    const target = own.get(name) ?? realpathSync(real);
    symlinkSync(target, join(into, name));
  }

  /** Rebuilds a real node_modules in the copy, entry by entry (`.bin` and `.pnpm` whole). */
  function linkModules(from: string, into: string): void {
    mkdirSync(into, { recursive: true });
    for (const entry of readdirSync(from)) {
      if (entry === '.bin' || entry === '.pnpm') {
        symlinkSync(realpathSync(join(from, entry)), join(into, entry));
      } else if (entry.startsWith('@')) {
        mkdirSync(join(into, entry), { recursive: true });
        for (const sub of readdirSync(join(from, entry))) {
          linkEntry(`${entry}/${sub}`, join(from, entry, sub), into);
        }
      } else if (!entry.startsWith('.')) {
        linkEntry(entry, join(from, entry), into);
      }
    }
  }

  for (const folder of ['.', ...folders]) {
    const real = join(repo, folder, 'node_modules');
    if (existsSync(real)) linkModules(real, join(dir, folder, 'node_modules'));
  }

  const env = scratchEnv();
  return {
    dir,
    async run(command, args, cwd = '.') {
      // A build in the copy can take minutes on a busy machine: bounded, but generously.
      const result = await run(command, args, {
        cwd: join(dir, cwd),
        env,
        timeoutMs: 600_000,
      }).catch((error: Error) => ({ code: null, stdout: '', stderr: error.message, ms: 0 }));
      return { status: result.code, output: `${result.stdout}\n${result.stderr}`, ms: result.ms };
    },
    linkProject(project, packages) {
      const into = join(dir, project, 'node_modules');
      mkdirSync(into, { recursive: true });
      for (const name of packages) {
        const scope = name.includes('/') ? name.split('/')[0] : undefined;
        if (scope) mkdirSync(join(into, scope), { recursive: true });
        // A workspace package's copy, or the first real install of it found in the copied folders.
        const real = [...folders, '.']
          .map((folder) => join(repo, folder, 'node_modules', name))
          .find((path) => existsSync(path));
        if (!own.has(name) && !real)
          throw new Error(`${name} is installed nowhere in ${relative(process.cwd(), repo)}`);
        linkEntry(name, real ?? '', into);
      }
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
