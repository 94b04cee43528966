/**
 * The figures the READMEs quote, checked against the spec: the bulk limit, `per_page`'s default
 * and maximum, the tour's request count. A claim names the fact it restates; when a test here
 * fails, update the README (or, if the wording changed, the claim's pattern).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../model/build.js';
import type { SpecModel } from '../model/types.js';
import { loadSpec } from './load.js';

const root = join(import.meta.dirname, '../..');
const READMES = [
  'README.md',
  'packages/types/README.md',
  'packages/client/README.md',
  'packages/fixtures/README.md',
];

/** One figure a README may state: a pattern capturing it, and the fact it must equal. */
interface Claim {
  fact: string;
  pattern: RegExp;
  value: (model: SpecModel) => number | undefined;
}

/** The value every resource agrees on, or undefined when they differ (a README must then say which). */
function shared(values: (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 && known.every((v) => v === known[0]) ? known[0] : undefined;
}
const bulkLimit = (m: SpecModel) =>
  shared(Object.values(m.resources).map((r) => r.operations.create?.body?.bulk?.limit));
const perPage = (key: 'default' | 'max') => (m: SpecModel) =>
  shared(Object.values(m.resources).map((r) => r.paging?.[key]));

const CLAIMS: readonly Claim[] = [
  {
    fact: 'the bulk limit (maxItems of each bulk array)',
    pattern: /\b(\d+) per request/g,
    value: bulkLimit,
  },
  { fact: 'the bulk limit', pattern: /accepts 1 to (\d+) items/g, value: bulkLimit },
  {
    fact: 'the bulk limit + 1',
    pattern: /\*\*(\d+) items\s+gives 422/g,
    value: (m) => (bulkLimit(m) ?? Number.NaN) + 1,
  },
  { fact: "per_page's maximum", pattern: /`per_page` above (\d+)/g, value: perPage('max') },
  { fact: "per_page's maximum", pattern: /per_page` outside 1\.\.(\d+)/g, value: perPage('max') },
  { fact: "per_page's maximum", pattern: /(\d+), the API's maximum/g, value: perPage('max') },
  { fact: "per_page's maximum", pattern: /clamped to\s+(\d+)/g, value: perPage('max') },
  {
    fact: "per_page's default",
    pattern: /`per_page` defaults to (\d+)/g,
    value: perPage('default'),
  },
  {
    fact: 'requests for 250 organization memberships at the bulk limit',
    pattern: /250 organization memberships \((\d+)\s+requests\)/g,
    value: (m) =>
      Math.ceil(
        250 /
          (m.resources.organization_memberships?.operations.create?.body?.bulk?.limit ??
            Number.NaN),
      ),
  },
];

let model: SpecModel;
const texts = new Map(READMES.map((file) => [file, readFileSync(join(root, file), 'utf8')]));
beforeAll(async () => {
  model = buildModel((await loadSpec()).doc);
});

describe('README figures', () => {
  it.each(CLAIMS.map((c) => [c.pattern.source, c] as const))('%s: as the spec says', (_, claim) => {
    const wrong: string[] = [];
    let found = 0;
    for (const [file, text] of texts) {
      for (const match of text.matchAll(claim.pattern)) {
        found++;
        const expected = claim.value(model);
        if (Number(match[1]) !== expected)
          wrong.push(`${file}: "${match[0]}" — ${claim.fact} is ${expected}`);
      }
    }
    expect(
      found,
      `no README says this any more: drop or update the claim for ${claim.fact}`,
    ).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });
});
