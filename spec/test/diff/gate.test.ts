import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkGate,
  FIXED_GROUP,
  parseChangeset,
  readChangesets,
  suggestChangeset,
} from '../../scripts/diff/changesets';
import { type CliIO, runCli } from '../../scripts/diff/cli';
import { diffSpecs } from '../../scripts/diff/diff';
import type { OpenAPIDocument } from '../../scripts/diff/types';
import { listParams } from './cases';
import { at, baseSpec } from './fixture';

let dir: string;
let changesetDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spec-diff-'));
  changesetDir = join(dir, '.changeset');
  mkdirSync(changesetDir);
  // Changesets keeps a README in the directory; it is not a changeset.
  writeFileSync(join(changesetDir, 'README.md'), '# Changesets\n');
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

function gate(mutate: (doc: OpenAPIDocument) => void) {
  return checkGate({
    changes: diffSpecs(baseSpec(), headWith(mutate)),
    changesets: readChangesets(changesetDir),
    changesetDir: '.changeset',
  });
}

describe('checkGate', () => {
  it('(a) passes an additive change with a minor changeset', () => {
    addChangeset('add-q', { '@kantata-ox/client': 'minor' });
    expect(gate(additive)).toMatchObject({ ok: true, required: 'minor', pending: 'minor' });
  });

  it('(b) fails a breaking change covered only by minor, naming major and the file to add', () => {
    addChangeset('add-q', { '@kantata-ox/types': 'minor' });
    const result = gate(breaking);
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

  it('(c) passes a breaking change with a major changeset (the max over the group counts)', () => {
    addChangeset('docs', { '@kantata-ox/types': 'patch' });
    addChangeset('drop-status', { '@kantata-ox/fixtures': 'major' });
    expect(gate(breaking)).toMatchObject({ ok: true, required: 'major', pending: 'major' });
  });

  it('(d) needs only a patch for documentation-only changes', () => {
    expect(gate(docsOnly)).toMatchObject({ ok: false, required: 'patch', pending: 'none' });
    addChangeset('docs', { '@kantata-ox/client': 'patch' });
    expect(gate(docsOnly)).toMatchObject({ ok: true, required: 'patch', pending: 'patch' });
  });

  it('(e) ignores changesets for packages outside the group', () => {
    addChangeset('other', { '@kantata-ox/spec': 'major', 'some-tool': 'major' });
    const result = gate(additive);
    expect(result).toMatchObject({ ok: false, required: 'minor', pending: 'none' });
    expect(result.message).toContain(
      'but no pending changeset bumps @kantata-ox/types, @kantata-ox/client, @kantata-ox/fixtures',
    );
  });

  it('(f) passes an unchanged spec without any changeset', () => {
    expect(gate(() => {})).toMatchObject({ ok: true, required: 'none', pending: 'none' });
  });

  it('suggests a file name that does not clash with a pending changeset', () => {
    addChangeset('api-spec-major', { '@kantata-ox/types': 'minor' });
    expect(gate(breaking).message).toContain('create .changeset/api-spec-major-2.md with:');
  });
});

describe('changeset files', () => {
  it('parses front matter and summary', () => {
    const parsed = parseChangeset(
      '---\n"@kantata-ox/client": minor\n\'@kantata-ox/types\': patch\n---\n\nAdd q.\n',
      'x.md',
    );
    expect(parsed).toEqual({
      file: 'x.md',
      releases: { '@kantata-ox/client': 'minor', '@kantata-ox/types': 'patch' },
      summary: 'Add q.',
    });
  });

  it('accepts empty front matter and CRLF line endings', () => {
    expect(parseChangeset('---\n---\n\nNothing to release.\n').releases).toEqual({});
    expect(parseChangeset('---\r\n"a": major\r\n---\r\n\r\nBig.\r\n').releases).toEqual({
      a: 'major',
    });
  });

  it('rejects malformed changesets with the file name', () => {
    expect(() => parseChangeset('no front matter', 'bad.md')).toThrow(/bad\.md/);
    expect(() => parseChangeset('---\n"a": huge\n---\n', 'bad.md')).toThrow(/bad\.md.*huge/);
  });

  it('reads nothing from a missing directory', () => {
    expect(readChangesets(join(dir, 'missing'))).toEqual([]);
  });

  it('suggestChangeset bumps every package of the fixed group', () => {
    const text = suggestChangeset(diffSpecs(baseSpec(), headWith(additive)));
    expect(
      text.startsWith(`---\n${FIXED_GROUP.map((p) => `"${p}": minor`).join('\n')}\n---\n`),
    ).toBe(true);
    expect(parseChangeset(text).summary).toContain(
      '- Added the optional query parameter `q` to GET /things.',
    );
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

  it('diff prints the report and exits 0, even for breaking changes', () => {
    writeSpecs(breaking);
    const out = io();
    expect(runCli(['diff', ...files], out)).toBe(0);
    expect(out.out).toContain('Breaking changes (1)');
    expect(out.out.trimEnd().split('\n').at(-1)).toBe('Minimum bump: major');
  });

  it('diff --json prints the bump and the changes', () => {
    writeSpecs(additive);
    const out = io();
    expect(runCli(['diff', ...files, '--json'], out)).toBe(0);
    const parsed: unknown = JSON.parse(out.out);
    expect(parsed).toMatchObject({
      bump: 'minor',
      changes: [{ code: 'optional-parameter-added' }],
    });
  });

  it('check fails with exit 1 and the changeset to add', () => {
    writeSpecs(breaking);
    addChangeset('minor', { '@kantata-ox/client': 'minor' });
    const out = io();
    expect(runCli(['check', ...files, '--changeset-dir', '.changeset'], out)).toBe(1);
    expect(out.err).toContain('FAIL: The spec has 1 breaking change');
    expect(out.err).toContain('.changeset/api-spec-major.md');
  });

  it('check passes with a large enough changeset', () => {
    writeSpecs(breaking);
    addChangeset('major', { '@kantata-ox/client': 'major' });
    const out = io();
    expect(runCli(['check', ...files, '--changeset-dir', '.changeset'], out)).toBe(0);
    expect(out.out).toContain('OK: ');
  });

  it('check honours --packages', () => {
    writeSpecs(additive);
    addChangeset('minor', { 'other-pkg': 'minor' });
    const out = io();
    const args = ['check', ...files, '--changeset-dir', '.changeset', '--packages', 'other-pkg'];
    expect(runCli(args, out)).toBe(0);
  });

  it('explains a missing baseline: check passes unless --require-base, diff fails', () => {
    writeSpecs(additive);
    const args = ['--base', 'missing.json', '--head', 'head.json'];
    const check = io();
    expect(runCli(['check', ...args, '--changeset-dir', '.changeset'], check)).toBe(0);
    expect(check.out).toContain('No released baseline at missing.json');
    const strict = io();
    expect(runCli(['check', ...args, '--require-base'], strict)).toBe(2);
    const diff = io();
    expect(runCli(['diff', ...args], diff)).toBe(2);
    expect(diff.err).toContain('No released baseline at missing.json');
  });

  it('explains a missing head spec and bad usage', () => {
    writeSpecs(additive);
    const missing = io();
    expect(runCli(['diff', '--base', 'base.json', '--head', 'nope.json'], missing)).toBe(2);
    expect(missing.err).toContain('pnpm --filter @kantata-ox/spec bundle');
    const usage = io();
    expect(runCli(['frobnicate'], usage)).toBe(2);
    expect(usage.err).toContain('Usage:');
  });
});
