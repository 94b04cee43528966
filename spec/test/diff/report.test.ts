import { describe, expect, it } from 'vitest';
import { ChangeCollector, type Where } from '../../scripts/diff/changes';
import { formatChangelog, formatReport, minimumBump } from '../../scripts/diff/report';
import type { ChangeKind, SpecChange } from '../../scripts/diff/types';

const change = (kind: ChangeKind, code: string, message: string): SpecChange => ({
  kind,
  code,
  location: 'GET /things',
  message,
  operations: ['GET /things'],
});

const BREAKING = change(
  'breaking',
  'parameter-removed',
  'Removed the query parameter `status` from GET /things.',
);
const ADDITIVE = change(
  'additive',
  'optional-parameter-added',
  'Added the optional query parameter `q` to GET /things.',
);
const DOCS = change('docs', 'description-changed', 'Updated the description of GET /things.');

describe('minimumBump', () => {
  it.each([
    [[], 'none'],
    [[DOCS], 'patch'],
    [[DOCS, ADDITIVE], 'minor'],
    [[ADDITIVE, DOCS, BREAKING], 'major'],
    [[BREAKING], 'major'],
  ] as const)('%# → %s', (changes, bump) => {
    expect(minimumBump(changes)).toBe(bump);
  });
});

describe('formatReport', () => {
  it('groups by kind with counts and ends with the minimum bump', () => {
    const report = formatReport([DOCS, ADDITIVE, BREAKING, ADDITIVE]);
    const lines = report.split('\n');
    expect(lines.at(-1)).toBe('Minimum bump: major');
    expect(report).toContain('Breaking changes (1)');
    expect(report).toContain('Additive changes (2)');
    expect(report).toContain('Documentation changes (1)');
    expect(report).toContain('4 changes: 1 breaking, 2 additive, 1 documentation.');
    // Breaking first, then additive, then documentation.
    const order = [BREAKING, ADDITIVE, DOCS].map((c) => report.indexOf(c.message));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(report).toContain('parameter-removed at GET /things');
  });

  it('shows empty groups and says when nothing changed', () => {
    expect(formatReport([DOCS])).toContain('Breaking changes (0)\n  (none)');
    expect(formatReport([])).toBe('No changes between the specs.\nMinimum bump: none');
  });
});

describe('formatChangelog', () => {
  it('writes markdown bullets in the report’s words, breaking ones marked first', () => {
    expect(formatChangelog([DOCS, ADDITIVE, BREAKING])).toBe(
      [
        '- **Breaking:** Removed the query parameter `status` from GET /things.',
        '- Added the optional query parameter `q` to GET /things.',
        '- Updated the description of GET /things.',
      ].join('\n'),
    );
  });

  it('is empty without changes', () => {
    expect(formatChangelog([])).toBe('');
  });
});

describe('ChangeCollector', () => {
  it('merges repeats of a shared change and names its operations, cutting long lists short', () => {
    const out = new ChangeCollector();
    const where: Where = {
      out,
      op: undefined,
      loc: 'schema Error',
      subject: 'schema `Error`',
      shared: true,
    };
    const ops = ['GET /a', 'GET /b', 'GET /c', 'GET /d', 'GET /e', 'GET /f'];
    for (const op of ops)
      out.add(
        { ...where, op },
        'breaking',
        'response-field-removed',
        'Removed `x` from schema `Error`.',
      );
    expect(out.list()).toEqual([
      {
        kind: 'breaking',
        code: 'response-field-removed',
        location: 'schema Error',
        message:
          'Removed `x` from schema `Error` (used by GET /a, GET /b, GET /c, GET /d and 2 more operations).',
        operations: ops,
      },
    ]);
  });
});
