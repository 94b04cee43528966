/**
 * A spec change, end to end, on a scratch copy of the repository: the gate (`pnpm spec:check`)
 * compares the spec with the released baseline and requires a large enough changeset, and
 * `changeset version` bumps the three packages together.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const PACKAGES = ['types', 'client', 'fixtures'] as const;
let scratch: string;

/**
 * Copies what the gate and changesets read; node_modules are linked, not copied. The copy
 * starts from a clean baseline whatever the branch holds: the spec as it stands is the
 * released one, and no changeset is pending.
 */
function makeScratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kantata-spec-change-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'tsconfig.base.json']) {
    cpSync(join(repo, file), join(dir, file));
  }
  // The config only: changesets pending in the repository must not decide the gate here.
  mkdirSync(join(dir, '.changeset'));
  cpSync(join(repo, '.changeset/config.json'), join(dir, '.changeset/config.json'));
  cpSync(join(repo, 'spec'), join(dir, 'spec'), {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
  });
  // The bundled spec of this branch (written by the build this test depends on) is the baseline.
  cpSync(join(repo, 'spec/dist/openapi.json'), join(dir, 'spec/released/openapi.json'));
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  symlinkSync(join(repo, 'spec/node_modules'), join(dir, 'spec/node_modules'));
  for (const name of PACKAGES) {
    cpSync(
      join(repo, 'packages', name, 'package.json'),
      join(dir, 'packages', name, 'package.json'),
    );
  }
  return dir;
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, {
    cwd: scratch,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const gate = () => run('pnpm', ['--silent', 'run', 'spec:check']);

function editSpec(file: string, edit: (text: string) => string): void {
  const path = join(scratch, 'spec', file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(path, after);
}

function addChangeset(name: string, bump: 'major' | 'minor' | 'patch'): void {
  const front = PACKAGES.map((p) => `"@kantata-ox/${p}": ${bump}`).join('\n');
  writeFileSync(join(scratch, '.changeset', `${name}.md`), `---\n${front}\n---\n\n${name}\n`);
}

function clearChangesets(): void {
  for (const name of ['additive', 'breaking-minor', 'breaking-major', 'docs']) {
    rmSync(join(scratch, '.changeset', `${name}.md`), { force: true });
  }
}

function versions(): string[] {
  return PACKAGES.map(
    (p) => JSON.parse(readFileSync(join(scratch, 'packages', p, 'package.json'), 'utf8')).version,
  );
}

beforeAll(() => {
  scratch = makeScratchCopy();
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('a spec change', () => {
  it('passes the gate when nothing changed', () => {
    const { status, output } = gate();
    expect(status, output).toBe(0);
  });

  it('that is additive passes with a minor changeset', () => {
    editSpec('components/schemas/OrganizationMembership.yaml', (text) =>
      text.replace(
        '  created_at:\n',
        '  external_reference:\n    type: string\n    description: A reference in another system.\n  created_at:\n',
      ),
    );
    expect(gate().status).toBe(1);
    addChangeset('additive', 'minor');
    const { status, output } = gate();
    expect(status, output).toBe(0);
    expect(output).toMatch(/additive/i);
  });

  it('that is breaking fails with only a minor changeset, and says what to add', () => {
    editSpec('paths/organization_memberships.yaml', (text) =>
      text.replace('    - $ref: ../components/parameters/Primary.yaml\n', ''),
    );
    clearChangesets();
    addChangeset('breaking-minor', 'minor');
    const { status, output } = gate();
    expect(status, output).toBe(1);
    expect(output).toMatch(/major/);
    expect(output).toMatch(/primary/);
    expect(output).toMatch(/\.changeset\//);
  });

  it('that is breaking passes with a major changeset, and changeset version bumps all three to one new major', () => {
    clearChangesets();
    addChangeset('breaking-major', 'major');
    const { status, output } = gate();
    expect(status, output).toBe(0);

    const before = versions();
    expect(new Set(before).size).toBe(1);
    const version = run('pnpm', ['exec', 'changeset', 'version']);
    expect(version.status, version.output).toBe(0);
    const after = versions();
    expect(new Set(after).size).toBe(1);
    const [major] = (before[0] as string).split('.').map(Number);
    expect(after[0]).toBe(`${(major as number) + 1}.0.0`);
    const changelog = readFileSync(join(scratch, 'packages/client/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('## 1.0.0');
  });

  it('that only touches documentation needs just a patch', () => {
    // Start again from the spec as released, so only the wording differs.
    rmSync(join(scratch, 'spec'), { recursive: true, force: true });
    cpSync(join(repo, 'spec'), join(scratch, 'spec'), {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
    });
    cpSync(join(repo, 'spec/dist/openapi.json'), join(scratch, 'spec/released/openapi.json'));
    symlinkSync(join(repo, 'spec/node_modules'), join(scratch, 'spec/node_modules'));
    clearChangesets();
    editSpec('components/parameters/PerPage.yaml', (text) =>
      text.replace(
        'description: >-\n  Objects per page.',
        'description: >-\n  How many objects a page holds.',
      ),
    );
    expect(gate().status).toBe(1);
    addChangeset('docs', 'patch');
    const { status, output } = gate();
    expect(status, output).toBe(0);
    expect(output).toMatch(/patch|documentation/i);
  });
});
