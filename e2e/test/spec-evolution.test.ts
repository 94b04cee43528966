/**
 * Spec evolution: each change in `e2e/spec-evolution/changes/` is made to `spec/` only, in a
 * scratch copy of the repository. There `pnpm generate` and `pnpm build` run as a maintainer
 * runs them, the change's typed driver must compile against the regenerated packages (tsc,
 * strict), and the probe drives the client against the fake in its three modes (`fake.fetch`,
 * MSW handlers, the HTTP server). Compatible changes share one copy, built once; a change that
 * cannot share gets a copy of its own. Every failure names the change and what did not follow.
 * The durations of each step are printed.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTable } from '../support/chaos-reconcile.js';
import { asTyped, unlisted } from '../support/readme-steps.js';
import { createScratchRepo, type ScratchRepo } from '../support/scratch-repo.js';
import { applyChange, loadChanges, type SpecChange } from '../support/spec-edits.js';

const repo = resolve(import.meta.dirname, '../..');
const changes = loadChanges(join(repo, 'e2e/spec-evolution/changes'));
const groups = [
  { name: 'compatible changes, one scratch copy', changes: changes.filter((c) => !c.alone) },
  ...changes
    .filter((c) => c.alone)
    .map((c) => ({ name: `${c.id}, its own scratch copy`, changes: [c] })),
];
/** What the probe and the drivers import: the copies of the packages, and msw. */
const PROBE_PACKAGES = ['@kantata-ox/client', '@kantata-ox/fixtures', '@kantata-ox/types', 'msw'];
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const timings: [string, string][] = [];
/** The commands run as a maintainer would, as they are typed. */
const ran = new Set<string>();

const gitStatus = () =>
  execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' });
const statusBefore = gitStatus();

/** What went wrong in one copy: for all its changes, and per change. */
interface Outcome {
  build: string[];
  types: Map<string, string[]>;
  runtime: Map<string, string[]>;
}

const tail = (text: string) => text.trim().split('\n').slice(-40).join('\n');

/** Copies the probe, the support it imports and the drivers into `probe/` of the copy. */
function addProbe(scratch: ScratchRepo, group: readonly SpecChange[]): void {
  const probe = join(scratch.dir, 'probe');
  for (const file of ['fake-world.ts', 'prism-calls.ts']) {
    mkdirSync(join(probe, 'support'), { recursive: true });
    cpSync(join(repo, 'e2e/support', file), join(probe, 'support', file));
  }
  cpSync(join(repo, 'e2e/spec-evolution/probe'), join(probe, 'spec-evolution/probe'), {
    recursive: true,
  });
  mkdirSync(join(probe, 'drivers'), { recursive: true });
  for (const change of group) {
    if (change.driver) cpSync(change.driver, join(probe, 'drivers', `${change.id}.ts`));
  }
  writeFileSync(join(probe, 'package.json'), '{ "private": true, "type": "module" }\n');
  writeFileSync(
    join(probe, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        module: 'ESNext',
        moduleResolution: 'bundler',
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      include: ['drivers'],
    }),
  );
  scratch.linkProject('probe', PROBE_PACKAGES);
}

function timed(group: string, step: string, ms: number): void {
  timings.push([`${group}: ${step}`, `${(ms / 1000).toFixed(1)} s`]);
}

/** Builds one copy with the group's changes and runs the drivers and the probe in it. */
async function buildAndProbe(
  scratch: ScratchRepo,
  name: string,
  group: readonly SpecChange[],
): Promise<Outcome> {
  const outcome: Outcome = { build: [], types: new Map(), runtime: new Map() };
  try {
    for (const change of group) applyChange(join(scratch.dir, 'spec'), change);
  } catch (error) {
    outcome.build.push(`the change cannot apply to spec/: ${(error as Error).message}`);
    return outcome;
  }
  for (const [step, args] of [
    ['pnpm generate', ['generate']],
    ['pnpm build', ['build']],
  ] as const) {
    ran.add(asTyped('pnpm', args));
    const result = await scratch.run('pnpm', args);
    timed(name, step, result.ms);
    if (result.status !== 0) {
      outcome.build.push(`${step} failed:\n${tail(result.output)}`);
      return outcome;
    }
  }
  addProbe(scratch, group);

  const tsc = await scratch.run(process.execPath, [TSC, '-p', 'tsconfig.json'], 'probe');
  timed(name, 'tsc of the drivers', tsc.ms);
  for (const line of tsc.output.split('\n')) {
    const id = /^drivers\/([^.]+)\.ts/.exec(line)?.[1];
    if (id) outcome.types.set(id, [...(outcome.types.get(id) ?? []), line]);
  }
  if (tsc.status !== 0 && outcome.types.size === 0)
    outcome.build.push(`tsc failed:\n${tail(tsc.output)}`);

  writeFileSync(
    join(scratch.dir, 'probe/changes.json'),
    JSON.stringify(group.map(({ id, expect }) => ({ id, expect }))),
  );
  const probe = await scratch.run(
    process.execPath,
    ['--import', 'tsx', 'spec-evolution/probe/main.ts', 'changes.json'],
    'probe',
  );
  timed(name, 'the probe in three modes', probe.ms);
  const line = probe.output.split('\n').find((l) => l.startsWith('['));
  if (probe.status !== 0 || !line) {
    outcome.build.push(`the probe failed:\n${tail(probe.output)}`);
    return outcome;
  }
  for (const result of JSON.parse(line) as { change: string; mode: string; failures: string[] }[]) {
    const found = result.failures.map((f) => `[${result.mode}] ${f}`);
    outcome.runtime.set(result.change, [...(outcome.runtime.get(result.change) ?? []), ...found]);
  }
  return outcome;
}

describe.each(groups)('spec evolution: $name', ({ name, changes: group }) => {
  let scratch: ScratchRepo | undefined;
  let outcome: Outcome = { build: ['not built'], types: new Map(), runtime: new Map() };

  beforeAll(async () => {
    const started = performance.now();
    scratch = createScratchRepo(
      repo,
      ['spec', 'packages/types', 'packages/client', 'packages/fixtures'],
      'kantata-evolution-',
    );
    timed(name, 'scratch copy', performance.now() - started);
    outcome = await buildAndProbe(scratch, name, group);
  }, 600_000);

  afterAll(() => scratch?.remove());

  it.each(group)('$name: needs no edit outside spec/ (pnpm generate and pnpm build pass)', () => {
    expect(outcome.build, outcome.build.join('\n\n')).toEqual([]);
  });

  it.each(group)('$name: the types follow (its driver compiles, strict)', (change) => {
    const errors = outcome.types.get(change.id) ?? [];
    expect(change.driver, `${change.id} has no driver.ts`).toBeDefined();
    expect(outcome.build).toEqual([]);
    expect(
      errors,
      `${change.name}: the regenerated types did not follow\n${errors.join('\n')}`,
    ).toEqual([]);
  });

  it.each(group)('$name: the fake and the client follow (fetch, MSW, HTTP server)', (change) => {
    const failures = outcome.runtime.get(change.id);
    expect(outcome.build).toEqual([]);
    expect(failures, `${change.id} was not probed`).toBeDefined();
    expect(failures, `${change.name}: did not follow\n${failures?.join('\n')}`).toEqual([]);
  });
});

describe('spec evolution', () => {
  // The changes issue 12 names; a new kind of change needs a check in the probe and a line here.
  it('covers every kind of change the suite promises', () => {
    expect(changes.map((c) => c.expect.kind).sort()).toEqual(
      ['bulkLimit', 'field', 'filter', 'include', 'readOnly', 'renamedInclude', 'resource'].sort(),
    );
  });

  it('is what the README tells a maintainer to do: each command it ran is among the steps', () => {
    expect(ran.size).toBeGreaterThan(0);
    expect(unlisted(repo, ran)).toEqual([]);
  });

  it('left the real tree untouched', () => {
    expect(gitStatus()).toBe(statusBefore);
  });
});

afterAll(() => {
  console.log(formatTable('spec evolution: durations', timings));
});
