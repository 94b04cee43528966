import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliIO, runCli } from '../../scripts/diff/cli';
import { diffSpecs } from '../../scripts/diff/diff';
import { checkGate, suggestChangeset } from '../../scripts/diff/gate';
import { plannedBump, readPendingRelease, readReleaseGroup } from '../../scripts/diff/release-plan';
import type { OpenAPIDocument } from '../../scripts/diff/types';
import { listParams } from './cases';
import { at, baseSpec } from './fixture';

const GROUP = ['@kantata-ox/types', '@kantata-ox/client', '@kantata-ox/fixtures'];
const OTHERS = ['@kantata-ox/spec', 'some-tool', 'other-pkg'];

let dir: string;
let changesetDir: string;

/** A workspace like the repository's: the group, other packages, and changesets' config. */
function writeWorkspace(fixed: string[][] = [GROUP]): void {
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'gate-fixture', private: true, workspaces: ['packages/*'] }),
  );
  for (const name of [...GROUP, ...OTHERS]) {
    const pkg = join(dir, 'packages', name.replace(/^@kantata-ox\//, ''));
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name, version: '0.1.0' }));
  }
  mkdirSync(changesetDir, { recursive: true });
  writeFileSync(join(changesetDir, 'config.json'), JSON.stringify({ fixed, access: 'public' }));
  // Changesets keeps a README in the directory; it is not a changeset.
  writeFileSync(join(changesetDir, 'README.md'), '# Changesets\n');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spec-diff-'));
  changesetDir = join(dir, '.changeset');
  writeWorkspace();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function addChangeset(
  name: string,
  releases: Record<string, string>,
  summary = 'Something.',
): void {
  const front = Object.entries(releases)
    .map(([pkg, bump]) => `"${pkg}": ${bump}`)
    .join('\n');
  writeFileSync(join(changesetDir, `${name}.md`), `---\n${front}\n---\n\n${summary}\n`);
}

function headWith(mutate: (doc: OpenAPIDocument) => void): OpenAPIDocument {
  const head = baseSpec();
  mutate(head);
  return head;
}

const additive = (d: OpenAPIDocument) => {
  listParams(d).push({ name: 'q', in: 'query', schema: { type: 'string' } });
};
const breaking = (d: OpenAPIDocument) => {
  listParams(d).splice(2, 1);
};
const docsOnly = (d: OpenAPIDocument) => {
  at(d, 'info').description = 'Manage your things.';
};

async function gate(mutate: (doc: OpenAPIDocument) => void) {
  const { plan, group } = await readPendingRelease(dir);
  return checkGate({
    changes: diffSpecs(baseSpec(), headWith(mutate)),
    plan,
    packages: group.map((p) => p.name),
    changesetDir: '.changeset',
  });
}

describe('checkGate', () => {
  it('(a) passes an additive change with a minor changeset', async () => {
    addChangeset('add-q', { '@kantata-ox/client': 'minor' });
    expect(await gate(additive)).toMatchObject({ ok: true, required: 'minor', pending: 'minor' });
  });

  it('(b) fails a breaking change covered only by minor, naming major and the file to add', async () => {
    addChangeset('add-q', { '@kantata-ox/types': 'minor' });
    const result = await gate(breaking);
    expect(result).toMatchObject({ ok: false, required: 'major', pending: 'minor' });
    expect(result.message).toContain(
      'The spec has 1 breaking change (see above) but the pending changesets only bump minor.',
    );
    expect(result.message).toContain(
      'pnpm changeset  (choose "major" for @kantata-ox/types, @kantata-ox/client, @kantata-ox/fixtures)',
    );
    expect(result.message).toContain('create .changeset/api-spec-major.md with:');
    expect(result.suggestion).toBe(
      [
        '---',
        '"@kantata-ox/types": major',
        '"@kantata-ox/client": major',
        '"@kantata-ox/fixtures": major',
        '---',
        '',
        'API spec changes (1 breaking, 0 additive, 0 documentation).',
        '',
        '- **Breaking:** Removed the query parameter `status` from GET /things.',
        '',
      ].join('\n'),
    );
    expect(result.message).toContain(result.suggestion);
  });

  it('(c) passes a breaking change with a major changeset (the max over the group counts)', async () => {
    addChangeset('docs', { '@kantata-ox/types': 'patch' });
    addChangeset('drop-status', { '@kantata-ox/fixtures': 'major' });
    expect(await gate(breaking)).toMatchObject({ ok: true, required: 'major', pending: 'major' });
  });

  it('(d) needs only a patch for documentation-only changes', async () => {
    expect(await gate(docsOnly)).toMatchObject({ ok: false, required: 'patch', pending: 'none' });
    addChangeset('docs', { '@kantata-ox/client': 'patch' });
    expect(await gate(docsOnly)).toMatchObject({ ok: true, required: 'patch', pending: 'patch' });
  });

  it('(e) ignores changesets for packages outside the group', async () => {
    addChangeset('other', { '@kantata-ox/spec': 'major', 'some-tool': 'major' });
    const result = await gate(additive);
    expect(result).toMatchObject({ ok: false, required: 'minor', pending: 'none' });
    expect(result.message).toContain(
      'but no pending changeset bumps @kantata-ox/types, @kantata-ox/client, @kantata-ox/fixtures',
    );
  });

  it('(f) passes an unchanged spec without any changeset', async () => {
    expect(await gate(() => {})).toMatchObject({ ok: true, required: 'none', pending: 'none' });
  });

  it('suggests a file name that does not clash with a pending changeset', async () => {
    addChangeset('api-spec-major', { '@kantata-ox/types': 'minor' });
    expect((await gate(breaking)).message).toContain('create .changeset/api-spec-major-2.md with:');
  });
});

describe('the release plan', () => {
  it('reads the one fixed group of .changeset/config.json, with each package directory', async () => {
    const group = await readReleaseGroup(dir);
    expect(group.map((p) => p.name)).toEqual(GROUP);
    expect(group.map((p) => p.dir)).toEqual(
      ['types', 'client', 'fixtures'].map((name) => join(dir, 'packages', name)),
    );
  });

  it.each([[[]], [[GROUP, ['some-tool', 'other-pkg']]]])(
    'refuses a config without exactly one fixed group (%j)',
    async (fixed) => {
      writeWorkspace(fixed);
      await expect(readReleaseGroup(dir)).rejects.toThrow(/exactly one "fixed" group/);
    },
  );

  it('bumps the whole fixed group for a changeset that names one of its packages', async () => {
    addChangeset('one', { '@kantata-ox/client': 'minor' });
    const { plan } = await readPendingRelease(dir);
    for (const name of GROUP) expect(plannedBump(plan, [name])).toBe('minor');
    expect(plannedBump(plan, ['some-tool'])).toBe('none');
  });

  it('refuses a changeset for a package that is not in the workspace, as changesets does', async () => {
    addChangeset('stray', { 'not-here': 'major' });
    await expect(readPendingRelease(dir)).rejects.toThrow(/not-here which is not in the workspace/);
  });

  it('suggestChangeset bumps every package of the fixed group, and changesets reads it so', async () => {
    const text = suggestChangeset(diffSpecs(baseSpec(), headWith(additive)), GROUP);
    expect(text.startsWith(`---\n${GROUP.map((p) => `"${p}": minor`).join('\n')}\n---\n`)).toBe(
      true,
    );
    writeFileSync(join(changesetDir, 'suggested.md'), text);
    const { plan } = await readPendingRelease(dir);
    expect(plan.changesets[0]?.summary).toContain(
      '- Added the optional query parameter `q` to GET /things.',
    );
    expect(plannedBump(plan, GROUP)).toBe('minor');
  });
});

describe('runCli', () => {
  function io(): CliIO & { out: string; err: string } {
    const sink = {
      out: '',
      err: '',
      cwd: dir,
      stdout: (text: string) => {
        sink.out += text;
      },
      stderr: (text: string) => {
        sink.err += text;
      },
    };
    return sink;
  }

  function writeSpecs(mutate: (doc: OpenAPIDocument) => void): void {
    writeFileSync(join(dir, 'base.json'), JSON.stringify(baseSpec()));
    writeFileSync(join(dir, 'head.json'), JSON.stringify(headWith(mutate)));
  }

  const files = ['--base', 'base.json', '--head', 'head.json'];

  it('diff prints the report and exits 0, even for breaking changes', async () => {
    writeSpecs(breaking);
    const out = io();
    expect(await runCli(['diff', ...files], out)).toBe(0);
    expect(out.out).toContain('Breaking changes (1)');
    expect(out.out.trimEnd().split('\n').at(-1)).toBe('Minimum bump: major');
  });

  it('diff --json prints the bump and the changes', async () => {
    writeSpecs(additive);
    const out = io();
    expect(await runCli(['diff', ...files, '--json'], out)).toBe(0);
    const parsed: unknown = JSON.parse(out.out);
    expect(parsed).toMatchObject({
      bump: 'minor',
      changes: [{ code: 'optional-parameter-added' }],
    });
  });

  it('check fails with exit 1 and the changeset to add', async () => {
    writeSpecs(breaking);
    addChangeset('minor', { '@kantata-ox/client': 'minor' });
    const out = io();
    expect(await runCli(['check', ...files, '--root', '.'], out)).toBe(1);
    expect(out.err).toContain('FAIL: The spec has 1 breaking change');
    expect(out.err).toContain('.changeset/api-spec-major.md');
  });

  it('check passes with a large enough changeset', async () => {
    writeSpecs(breaking);
    addChangeset('major', { '@kantata-ox/client': 'major' });
    const out = io();
    expect(await runCli(['check', ...files, '--root', '.'], out)).toBe(0);
    expect(out.out).toContain('OK: ');
  });

  it('check honours --packages', async () => {
    writeSpecs(additive);
    addChangeset('minor', { 'other-pkg': 'minor' });
    const out = io();
    const args = ['check', ...files, '--root', '.', '--packages', 'other-pkg'];
    expect(await runCli(args, out)).toBe(0);
  });

  it('explains a missing baseline: check passes unless --require-base, diff fails', async () => {
    writeSpecs(additive);
    const args = ['--base', 'missing.json', '--head', 'head.json'];
    const check = io();
    expect(await runCli(['check', ...args, '--root', '.'], check)).toBe(0);
    expect(check.out).toContain('No released baseline at missing.json');
    const strict = io();
    expect(await runCli(['check', ...args, '--require-base'], strict)).toBe(2);
    const diff = io();
    expect(await runCli(['diff', ...args], diff)).toBe(2);
    expect(diff.err).toContain('No released baseline at missing.json');
  });

  it('explains a release plan it cannot read (a malformed changeset) with exit 2', async () => {
    writeSpecs(breaking);
    writeFileSync(join(changesetDir, 'broken.md'), 'no front matter\n');
    const out = io();
    expect(await runCli(['check', ...files, '--root', '.'], out)).toBe(2);
    expect(out.err).toContain(`Cannot read the pending release in ${dir}: `);
    expect(out.err).toContain('missing or invalid frontmatter');
  });

  it('explains a missing head spec and bad usage', async () => {
    writeSpecs(additive);
    const missing = io();
    expect(await runCli(['diff', '--base', 'base.json', '--head', 'nope.json'], missing)).toBe(2);
    expect(missing.err).toContain('pnpm --filter @kantata-ox/spec bundle');
    const usage = io();
    expect(await runCli(['frobnicate'], usage)).toBe(2);
    expect(usage.err).toContain('Usage:');
  });
});
