/**
 * Any envelope: normalisation keeps `results` order and resolves every include to its map
 * object or null, and `listAll` pages through it without a duplicate or a gap.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { json, membership } from '../doubles/answers.js';
import { createObservedClient } from '../doubles/observed.js';
import { runs } from './runs.js';

interface GeneratedPage {
  /** Objects in `results` order. */
  ordered: Record<string, unknown>[];
  envelope: Record<string, unknown>;
  organizations: Record<string, Record<string, unknown>>;
  include: ('department' | 'geography')[];
}

const foreignKey = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 12 }).map(String) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** A random envelope: results in a random order, maps in another, includes partly missing. */
const page: fc.Arbitrary<GeneratedPage> = fc
  .record({
    ids: fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { maxLength: 40 }),
    keys: fc.array(fc.tuple(foreignKey, foreignKey), { minLength: 40, maxLength: 40 }),
    orgIds: fc.subarray(Array.from({ length: 12 }, (_, i) => String(i + 1))),
    include: fc.subarray(['department', 'geography'] as ('department' | 'geography')[]),
    seed: fc.integer(),
    withMeta: fc.boolean(),
  })
  .chain((g) =>
    fc
      .tuple(
        fc.shuffledSubarray(g.ids, { minLength: g.ids.length }),
        fc.shuffledSubarray(g.orgIds, { minLength: g.orgIds.length }),
      )
      .map(([mapOrder, orgOrder]) => {
        const ordered = g.ids.map((n, i) => {
          const [department, geography] = g.keys[i] ?? [undefined, undefined];
          const fields: Record<string, unknown> = {};
          if (department !== undefined) fields.department_id = department;
          if (geography !== undefined) fields.geography_id = geography;
          return { ...membership(String(n)), ...fields };
        });
        const byId = new Map(ordered.map((o) => [String(o.id), o]));
        const organizations = Object.fromEntries(
          orgOrder.map((id) => [id, { id, name: `Org ${id}`, type: 'Department' }]),
        );
        const envelope: Record<string, unknown> = {
          count: ordered.length,
          results: ordered.map((o) => ({ key: 'organization_memberships', id: o.id })),
          // Insertion order of the map differs from `results` order on purpose.
          organization_memberships: Object.fromEntries(
            mapOrder.map((n) => [String(n), byId.get(String(n))]),
          ),
          organizations,
        };
        if (g.withMeta) {
          envelope.meta = { count: ordered.length, page_count: 1, page_number: 1, page_size: 200 };
        }
        return { ordered, envelope, organizations, include: g.include };
      }),
  );

describe('normalisation of any envelope', () => {
  it('keeps results order and resolves every requested include to its map object or null', async () => {
    await fc.assert(
      fc.asyncProperty(page, async (p) => {
        const { client } = createObservedClient(() => json(p.envelope));
        const result = await client.organizationMemberships.list({ include: p.include });
        expect(result.items.map((item) => item.id)).toEqual(p.ordered.map((o) => o.id));
        result.items.forEach((item, i) => {
          const source = p.ordered[i] ?? {};
          const record = item as Record<string, unknown>;
          for (const name of ['department', 'geography'] as const) {
            if (!p.include.includes(name)) {
              expect(record).not.toHaveProperty(name);
              continue;
            }
            const key = source[`${name}_id`];
            const expected =
              typeof key === 'string' && Object.hasOwn(p.organizations, key)
                ? p.organizations[key]
                : null;
            expect(record[name]).toEqual(expected);
          }
        });
        expect(result.count).toBe(p.ordered.length);
      }),
      runs(200),
    );
  }, 30_000);

  it('never yields an item twice nor drops one when the same envelope is paged by listAll', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 450 }),
        fc.integer({ min: 3, max: 200 }),
        async (total, pageSize) => {
          const { client } = createObservedClient((request) => {
            const url = new URL(request.url);
            const pageNumber = Number(url.searchParams.get('page'));
            const perPage = Number(url.searchParams.get('per_page'));
            const first = (pageNumber - 1) * perPage;
            const ids = Array.from(
              { length: Math.max(0, Math.min(perPage, total - first)) },
              (_, i) => String(first + i + 1),
            );
            return json({
              count: total,
              meta: {
                count: total,
                page_count: Math.ceil(total / perPage),
                page_number: pageNumber,
                page_size: perPage,
              },
              results: ids.map((id) => ({ key: 'organization_memberships', id })),
              organization_memberships: Object.fromEntries(
                ids.reverse().map((id) => [id, membership(id)]),
              ),
            });
          });
          const seen: string[] = [];
          for await (const item of client.organizationMemberships.listAll({}, { pageSize })) {
            seen.push(item.id);
          }
          expect(seen).toEqual(Array.from({ length: total }, (_, i) => String(i + 1)));
        },
      ),
      runs(60),
    );
  }, 30_000);
});
