/**
 * A spec change, end to end, on a scratch copy of the repository: the gate (`pnpm spec:check`)
 * compares the spec with the released baseline and requires a large enough changeset, and
 * `changeset version` bumps the three packages together.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTyped, unlisted } from '../support/readme-steps.js';
import { createScratchRepo, type ScratchRepo } from '../support/scratch-repo.js';

const repo = resolve(import.meta.dirname, '../..');
const PACKAGES = ['types', 'client', 'fixtures'] as const;
let copy: ScratchRepo;
let scratch: string;
/** The commands this test ran, as a maintainer types them. */
const ran = new Set<string>();

/** The spec of this branch, and its bundle (written by the build this test depends on) as the released baseline. */
function copySpec(): void {
  cpSync(join(repo, 'spec'), join(scratch, 'spec'), {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
  });
  cpSync(join(repo, 'spec/dist/openapi.json'), join(scratch, 'spec/released/openapi.json'));
}

/**
 * Copies what the gate and changesets read. The copy starts from a clean baseline whatever the
 * branch holds: the spec as it stands is the released one, and no changeset is pending.
 */
function makeScratchCopy(): ScratchRepo {
  const made = createScratchRepo(repo, ['spec'], 'kantata-spec-change-');
  mkdirSync(join(made.dir, '.changeset'));
  cpSync(join(repo, '.changeset/config.json'), join(made.dir, '.changeset/config.json'));
  for (const name of PACKAGES) {
    mkdirSync(join(made.dir, 'packages', name), { recursive: true });
    cpSync(
      join(repo, 'packages', name, 'package.json'),
      join(made.dir, 'packages', name, 'package.json'),
    );
  }
  return made;
}

function run(command: string, args: string[]) {
  ran.add(asTyped(command, args));
  return copy.run(command, args);
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
  copy = makeScratchCopy();
  scratch = copy.dir;
  copySpec();
});
afterAll(() => copy?.remove());

describe('a spec change', () => {
  it('passes the gate when nothing changed', async () => {
    const { status, output } = await gate();
    expect(status, output).toBe(0);
  });

  it('that is additive passes with a minor changeset', async () => {
    editSpec('components/schemas/OrganizationMembership.yaml', (text) =>
      text.replace(
        '  created_at:\n',
        '  external_reference:\n    type: string\n    description: A reference in another system.\n  created_at:\n',
      ),
    );
    expect((await gate()).status).toBe(1);
    addChangeset('additive', 'minor');
    const { status, output } = await gate();
    expect(status, output).toBe(0);
    expect(output).toMatch(/additive/i);
  });

  it('that is breaking fails with only a minor changeset, and says what to add', async () => {
    editSpec('paths/organization_memberships.yaml', (text) =>
      text.replace('    - $ref: ../components/parameters/Primary.yaml\n', ''),
    );
    clearChangesets();
    addChangeset('breaking-minor', 'minor');
    const { status, output } = await gate();
    expect(status, output).toBe(1);
    expect(output).toMatch(/major/);
    expect(output).toMatch(/primary/);
    expect(output).toMatch(/\.changeset\//);
  });

  it('that is breaking passes with a major changeset, and changeset version bumps all three to one new major', async () => {
    clearChangesets();
    addChangeset('breaking-major', 'major');
    const { status, output } = await gate();
    expect(status, output).toBe(0);

    const before = versions();
    expect(new Set(before).size).toBe(1);
    const version = await run('pnpm', ['exec', 'changeset', 'version']);
    expect(version.status, version.output).toBe(0);
    const after = versions();
    expect(new Set(after).size).toBe(1);
    const [major] = (before[0] as string).split('.').map(Number);
    expect(after[0]).toBe(`${(major as number) + 1}.0.0`);
    const changelog = readFileSync(join(scratch, 'packages/client/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('## 1.0.0');
  });

  it('that only touches documentation needs just a patch', async () => {
    // Start again from the spec as released, so only the wording differs.
    copySpec();
    clearChangesets();
    editSpec('components/parameters/PerPage.yaml', (text) =>
      text.replace(
        'description: >-\n  Objects per page.',
        'description: >-\n  How many objects a page holds.',
      ),
    );
    expect((await gate()).status).toBe(1);
    addChangeset('docs', 'patch');
    const { status, output } = await gate();
    expect(status, output).toBe(0);
    expect(output).toMatch(/patch|documentation/i);
  });
});

describe('the README', () => {
  it('lists, among a maintainer’s steps, every command this test ran', () => {
    expect(ran.size).toBeGreaterThan(0);
    expect(unlisted(repo, ran)).toEqual([]);
  });
});
