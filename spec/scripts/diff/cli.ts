/**
 * The spec-diff command line.
 *
 *   tsx spec/scripts/diff/cli.ts diff  [--base <file>] [--head <file>] [--json]
 *   tsx spec/scripts/diff/cli.ts check [--base <file>] [--head <file>]
 *        [--root <dir>] [--packages a,b,c] [--require-base] [--json]
 *
 * `diff` prints the classified changes and the minimum bump. `check` fails (exit 1) when the
 * release plan of the pending changesets (as `changeset version` computes it, in the
 * repository at `--root`) bumps the fixed group of `.changeset/config.json` (or `--packages`)
 * less than the spec changes require. Exit 2 means bad usage or unreadable input. Defaults:
 * base `spec/released/openapi.json` (the spec as last released), head `spec/dist/openapi.json`
 * (`pnpm bundle`), root the repository this file is in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { diffSpecs } from './diff';
import { checkGate } from './gate';
import { readPendingRelease } from './release-plan';
import { formatReport, minimumBump } from './report';
import { isObject, type OpenAPIDocument } from './types';

const specDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = resolve(specDir, '..');

/** Where the CLI writes, and the directory relative paths are resolved from. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const USAGE = `Usage:
  tsx spec/scripts/diff/cli.ts diff  [--base <file>] [--head <file>] [--json]
  tsx spec/scripts/diff/cli.ts check [--base <file>] [--head <file>] [--root <dir>]
                                     [--packages <a,b,c>] [--require-base] [--json]`;

/** An input problem: reported on stderr with exit code 2. */
class InputError extends Error {}

/** Reads a bundled spec (JSON, or YAML by extension). */
export function loadSpec(file: string): OpenAPIDocument {
  const text = readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
  if (!isObject(parsed)) throw new InputError(`${file} does not contain an OpenAPI document.`);
  return parsed;
}

/** Runs the CLI with the given arguments and resolves to the exit code (it never exits itself). */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO()): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  let command: string | undefined;
  try {
    const parsed = parse(argv);
    values = parsed.values;
    command = parsed.positionals[0];
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'diff' && command !== 'check') {
    io.stderr(
      `${command === undefined ? 'Missing command.' : `Unknown command: ${command}.`}\n${USAGE}\n`,
    );
    return 2;
  }
  const show = (file: string): string => {
    const rel = relative(io.cwd, file);
    return rel === '' || rel.startsWith('..') ? file : rel;
  };
  const basePath = values.base
    ? resolve(io.cwd, values.base)
    : resolve(specDir, 'released/openapi.json');
  const headPath = values.head
    ? resolve(io.cwd, values.head)
    : resolve(specDir, 'dist/openapi.json');
  try {
    if (!existsSync(headPath)) {
      throw new InputError(
        `No spec to compare at ${show(headPath)}. Bundle it first: pnpm --filter @kantata-ox/spec bundle`,
      );
    }
    if (!existsSync(basePath)) {
      const why = `No released baseline at ${show(basePath)} (the release step writes it; copy the bundled spec there to start one).`;
      if (command === 'check' && !values['require-base']) {
        io.stdout(`${why}\nNothing to compare against, so no changeset is required.\n`);
        return 0;
      }
      throw new InputError(why);
    }
    const changes = diffSpecs(loadSpec(basePath), loadSpec(headPath));
    if (command === 'diff') {
      if (values.json)
        io.stdout(`${JSON.stringify({ bump: minimumBump(changes), changes }, null, 2)}\n`);
      else
        io.stdout(`Comparing ${show(basePath)} → ${show(headPath)}\n\n${formatReport(changes)}\n`);
      return 0;
    }
    const root = values.root ? resolve(io.cwd, values.root) : repoRoot;
    let pending: Awaited<ReturnType<typeof readPendingRelease>>;
    try {
      pending = await readPendingRelease(root);
    } catch (error) {
      throw new InputError(
        `Cannot read the pending release in ${show(root)}: ${(error as Error).message}`,
      );
    }
    const packages = values.packages
      ? values.packages
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : pending.group.map((p) => p.name);
    const result = checkGate({
      changes,
      plan: pending.plan,
      packages,
      changesetDir: show(pending.changesetDir),
    });
    if (values.json) {
      io.stdout(`${JSON.stringify({ ...result, changes }, null, 2)}\n`);
    } else {
      io.stdout(`Comparing ${show(basePath)} → ${show(headPath)}\n\n${formatReport(changes)}\n\n`);
      (result.ok ? io.stdout : io.stderr)(`${result.ok ? 'OK' : 'FAIL'}: ${result.message}\n`);
    }
    return result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      json: { type: 'boolean' },
      root: { type: 'string' },
      packages: { type: 'string' },
      'require-base': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function defaultIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCli(process.argv.slice(2));
}
