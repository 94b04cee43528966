/** `normalizeEnvelope` on its own (src/helpers/envelope.ts): references, count and meta, includes. */
import { buildEnvelope, buildOrganization } from '@kantata-ox/fixtures';
import { describe, expect, it } from 'vitest';
import {
  type IncludeRule,
  type NormalizedPage,
  normalizeEnvelope,
} from '../../src/helpers/envelope.js';
import { membership, OM } from '../doubles/answers.js';

const INCLUDES: Record<string, IncludeRule> = {
  department: { key: 'organizations', foreignKey: 'department_id' },
};

function page(body: unknown, requested?: readonly string[]): NormalizedPage {
  const result = normalizeEnvelope(body, OM, INCLUDES, requested);
  if (typeof result === 'string') throw new Error(`unexpected problem: ${result}`);
  return result;
}

describe('normalizeEnvelope: results references', () => {
  it('says a null entry of results is not a reference', () => {
    const body = { ...buildEnvelope(OM, [membership(1)]), results: [null] };
    expect(normalizeEnvelope(body, OM, INCLUDES, undefined)).toBe(
      'results[0] is not a { key, id } reference',
    );
  });

  it('says a reference without an id is not a reference', () => {
    const body = { ...buildEnvelope(OM, [membership(1)]), results: [{ key: OM }] };
    expect(normalizeEnvelope(body, OM, INCLUDES, undefined)).toBe(
      'results[0] is not a { key, id } reference',
    );
  });

  it("reads a reference without a key from the resource's own map", () => {
    const body = {
      ...buildEnvelope(OM, [membership(1), membership(2)]),
      results: [{ id: '2' }, { id: '1' }],
    };
    expect(page(body).items.map((item) => item.id)).toEqual(['2', '1']);
  });
});

describe('normalizeEnvelope: count and meta', () => {
  it('counts the results when the envelope has no count', () => {
    const {
      count: _count,
      meta: _meta,
      ...body
    } = buildEnvelope(OM, [membership(1), membership(2)]);
    expect(page(body).count).toBe(2);
  });

  it('keeps meta as the API sent it', () => {
    const body = buildEnvelope(OM, [membership(3), membership(4)], {
      count: 5,
      page: 2,
      perPage: 2,
    });
    expect(page(body).meta).toEqual({ count: 5, page_count: 3, page_number: 2, page_size: 2 });
  });

  it('computes meta from count when the API left it out', () => {
    const { meta: _meta, ...body } = buildEnvelope(OM, [membership(1), membership(2)], {
      count: 5,
    });
    expect(page(body).meta).toEqual({ count: 5, page_count: 3, page_number: 1, page_size: 2 });
  });

  it.each(['count', 'page_count', 'page_number', 'page_size'])(
    'computes meta from count when meta.%s is not a number',
    (field) => {
      const sent = buildEnvelope(OM, [membership(3), membership(4)], {
        count: 5,
        page: 2,
        perPage: 2,
      });
      const body = { ...sent, meta: { ...sent.meta, [field]: '9' } };
      expect(page(body).meta).toEqual({ count: 5, page_count: 3, page_number: 1, page_size: 2 });
    },
  );
});

describe('normalizeEnvelope: includes', () => {
  // A side-loaded map keyed "null" or "undefined" must not match an absent foreign key.
  it('resolves a null foreign key to null even if the map has a "null" entry', () => {
    const body = buildEnvelope(OM, [membership(1, { department_id: null as unknown as string })], {
      sideLoaded: { organizations: [buildOrganization({ id: 'null' })] },
    });
    expect(page(body, ['department']).items[0]?.department).toBeNull();
  });

  it('resolves a missing foreign key to null even if the map has an "undefined" entry', () => {
    const body = buildEnvelope(OM, [membership(1)], {
      sideLoaded: { organizations: [buildOrganization({ id: 'undefined' })] },
    });
    expect(page(body, ['department']).items[0]?.department).toBeNull();
  });
});

describe('normalizeEnvelope: bodies that are not objects', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'maintenance'],
    ['a number', 42],
    ['a boolean', true],
  ])('says it got %s', (described, body) => {
    expect(normalizeEnvelope(body, OM, INCLUDES, undefined)).toBe(
      `expected a JSON object but got ${described}`,
    );
  });

  it('says an object without results has no results array', () => {
    expect(normalizeEnvelope({ count: 0, meta: {} }, OM, INCLUDES, undefined)).toBe(
      'the response has no `results` array',
    );
  });
});
