import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../scripts/diff/diff';
import { minimumBump } from '../../scripts/diff/report';
import type { Bump, ChangeKind, SpecChange } from '../../scripts/diff/types';
import { bulkVariant, CASES, listParams, props, thingById } from './cases';
import { at, baseSpec, list } from './fixture';

const BUMP: Record<ChangeKind | 'none', Bump> = {
  breaking: 'major',
  additive: 'minor',
  docs: 'patch',
  none: 'none',
};

function worst(changes: readonly SpecChange[]): ChangeKind | 'none' {
  for (const kind of ['breaking', 'additive', 'docs'] as const) {
    if (changes.some((c) => c.kind === kind)) return kind;
  }
  return 'none';
}

describe('diffSpecs: spec mutations and their class', () => {
  it('has a large enough table', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)('$name → $kind', ({ mutate, kind, code }) => {
    const base = baseSpec();
    const head = baseSpec();
    mutate(head);
    const changes = diffSpecs(base, head);
    const explain = changes
      .map((c) => `${c.kind} ${c.code} @ ${c.location}: ${c.message}`)
      .join('\n');
    expect(worst(changes), explain).toBe(kind);
    expect(minimumBump(changes)).toBe(BUMP[kind]);
    if (code !== undefined) {
      expect(
        changes.some((c) => c.code === code && c.kind === kind),
        explain,
      ).toBe(true);
    }
    for (const change of changes) {
      expect(change.message).toMatch(/^[A-Z].*\.$/s);
      expect(change.location).not.toBe('');
    }
  });
});

describe('diffSpecs: attribution and wording', () => {
  it('reports a change inside a shared component once, listing every operation using it', () => {
    const head = baseSpec();
    delete props(head, 'Thing').owner;
    const changes = diffSpecs(baseSpec(), head);
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(change).toMatchObject({
      kind: 'breaking',
      code: 'response-field-removed',
      location: 'schema Thing',
    });
    expect(change?.operations.sort()).toEqual(
      ['GET /things', 'POST /things', 'GET /things/{id}', 'PUT /things/{id}'].sort(),
    );
    expect(change?.message).toMatch(
      /^Removed the response field `owner` from schema `Thing` \(used by .*GET \/things\/\{id\}.*\)\.$/,
    );
  });

  it('attributes a shared parameter change to each list using it', () => {
    const head = baseSpec();
    at(head, 'components', 'parameters', 'PerPage', 'schema').maximum = 100;
    const [change, ...rest] = diffSpecs(baseSpec(), head);
    expect(rest).toHaveLength(0);
    expect(change?.message).toBe(
      'Lowered `maximum` of the shared query parameter `per_page` from 200 to 100 (used by GET /things).',
    );
  });

  it('separates request and response readings of a schema used both ways', () => {
    const base = baseSpec();
    const head = baseSpec();
    // ThingStatus is only read; give ThingInput a status too so it is also written.
    props(base, 'ThingInput').status = { $ref: '#/components/schemas/ThingStatus' };
    props(head, 'ThingInput').status = { $ref: '#/components/schemas/ThingStatus' };
    at(head, 'components', 'schemas', 'ThingStatus').enum = ['active', 'archived', 'paused'];
    const codes = diffSpecs(base, head).map((c) => `${c.kind} ${c.code}`);
    expect(codes.sort()).toEqual([
      'additive request-enum-value-added',
      'additive response-enum-value-added',
    ]);
  });

  it('words parameter removals for a changelog', () => {
    const head = baseSpec();
    listParams(head).splice(2, 1);
    expect(diffSpecs(baseSpec(), head)).toEqual([
      {
        kind: 'breaking',
        code: 'parameter-removed',
        location: 'GET /things › query parameter status',
        message: 'Removed the query parameter `status` from GET /things.',
        operations: ['GET /things'],
      },
    ]);
  });

  it('names the variant of a oneOf body in bulk-limit messages', () => {
    const head = baseSpec();
    bulkVariant(head).maxItems = 50;
    const [change] = diffSpecs(baseSpec(), head);
    expect(change?.message).toBe(
      'Lowered `maxItems` of the request field `things` of the { things } variant of schema `ThingCreateBody` from 100 to 50 (used by POST /things).',
    );
  });

  it('pairs inline oneOf variants by shape, not position', () => {
    const head = baseSpec();
    list(head, 'components', 'schemas', 'ThingCreateBody', 'oneOf').shift();
    expect(diffSpecs(baseSpec(), head).map((c) => `${c.kind} ${c.code}: ${c.message}`)).toEqual([
      'breaking request-variant-removed: Removed the { thing } variant from schema `ThingCreateBody` (used by POST /things).',
    ]);
  });

  it('does not modify its inputs and is symmetric in what it finds', () => {
    const base = baseSpec();
    const head = baseSpec();
    delete thingById(head).delete;
    const snapshot = JSON.stringify([base, head]);
    expect(diffSpecs(base, head).map((c) => c.code)).toEqual(['operation-removed']);
    expect(diffSpecs(head, base).map((c) => c.code)).toEqual(['operation-added']);
    expect(JSON.stringify([base, head])).toBe(snapshot);
  });

  it('survives reference cycles, including a pure $ref loop', () => {
    const base = baseSpec();
    const head = baseSpec();
    for (const doc of [base, head]) {
      at(doc, 'components', 'schemas').Loop = { $ref: '#/components/schemas/Loop' };
      props(doc, 'Thing').loop = { $ref: '#/components/schemas/Loop' };
    }
    props(head, 'User').name = { type: 'string' };
    const changes = diffSpecs(base, head);
    expect(changes.map((c) => c.code)).toEqual(['response-field-added']);
  });
});
