/**
 * Every API figure the guides and the READMEs quote equals the spec's (site/test/figures.ts):
 * the bulk limit, `per_page`'s default and maximum, the server's timeout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resources, serverTimeoutSeconds } from '@kantata-ox/types/resources';
import { describe, expect, it } from 'vitest';
import { type ApiFacts, apiFacts, checkFigures, quotedText, quotes } from './figures.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const guides = readdirSync(join(root, 'site/guide'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `site/guide/${name}`);
const FILES = [
  ...guides,
  'site/index.md',
  'README.md',
  'packages/types/README.md',
  'packages/client/README.md',
  'packages/fixtures/README.md',
];
const documents = new Map(FILES.map((file) => [file, readFileSync(join(root, file), 'utf8')]));
const facts = apiFacts(resources, serverTimeoutSeconds);

describe('the API figures the guides and READMEs quote', () => {
  it('are read from the resource table', () => {
    // The values today, so a failure of the tests below can be read against them.
    expect(facts).toEqual({
      bulkLimit: resources.organizationMemberships.operations.create.body.bulk.limit,
      pageDefault: resources.organizationMemberships.paging.default,
      pageMax: resources.organizationMemberships.paging.max,
      serverTimeoutSeconds,
    });
  });

  it('equal the spec wherever a known phrase quotes them', () => {
    expect(checkFigures(documents, facts).wrong).toEqual([]);
  });

  it('appear nowhere else, unless a rule says what else the number is', () => {
    expect(checkFigures(documents, facts).unclaimed).toEqual([]);
  });

  it('are each still quoted somewhere (a claim no document makes is stale)', () => {
    expect(checkFigures(documents, facts).unused).toEqual([]);
  });
});

describe('the check', () => {
  // The documents as they are, against a spec whose figures changed: every quote of the old
  // figure must fail, so that changing the spec cannot leave a guide behind.
  const check = (changed: ApiFacts) => {
    const report = checkFigures(documents, changed);
    const affected = quotes(documents).filter(
      (q) => q.claim.value(changed) !== q.claim.value(facts),
    );
    return { report, affected, wrong: report.wrong.join('\n') };
  };

  it('fails every quote of the bulk limit when the table lowers it', () => {
    // A table like the generated one, with a bulk limit of 50 on both resources.
    const lowered = Object.fromEntries(
      Object.entries(resources).map(([name, r]) => [
        name,
        {
          ...r,
          operations: {
            ...r.operations,
            create: {
              ...r.operations.create,
              body: {
                ...r.operations.create.body,
                bulk: { ...r.operations.create.body.bulk, limit: 50 },
              },
            },
          },
        },
      ]),
    );
    const { report, affected, wrong } = check(apiFacts(lowered, serverTimeoutSeconds));
    expect(affected.length).toBeGreaterThanOrEqual(12);
    expect(report.wrong).toHaveLength(affected.length);
    expect(wrong).toMatch(
      /bulk-jobs\.md: "100" in "[^"]*accept up to 100 objects in one `POST`[^\n]*the bulk limit is 50$/m,
    );
    expect(wrong).toMatch(
      /bulk-jobs\.md: "99" in "[^"]*inputs 0–99 go[^\n]*the bulk limit − 1 is 49$/m,
    );
    expect(wrong).toMatch(/fixtures\/README\.md: "101" [^\n]*the bulk limit \+ 1 is 51$/m);
  });

  it('fails every quote of the largest and the default page when the table changes them', () => {
    const { report, affected, wrong } = check({ ...facts, pageMax: 500, pageDefault: 25 });
    expect(affected.length).toBeGreaterThanOrEqual(12);
    expect(report.wrong).toHaveLength(affected.length);
    expect(wrong).toMatch(
      /listing-and-includes\.md: "200" in "[^"]*at most 200\)[^\n]*maximum is 500$/m,
    );
    expect(wrong).toMatch(
      /listing-and-includes\.md: "20" in "[^"]*\(20 by default[^\n]*default is 25$/m,
    );
  });

  it('fails every quote of the server timeout, in seconds, minutes and ms', () => {
    const { report, affected, wrong } = check({ ...facts, serverTimeoutSeconds: 240 });
    expect(affected.length).toBeGreaterThanOrEqual(10);
    expect(report.wrong).toHaveLength(affected.length);
    expect(wrong).toMatch(/rate-limits\.md: "3" in "[^"]*after 3 minutes[^\n]*in minutes is 4$/m);
    expect(wrong).toMatch(/bulk-jobs\.md: "180 000" [^\n]*in ms is 240000$/m);
    expect(wrong).toMatch(
      /client\/README\.md: "180" in "[^"]*Kantata: 180 s[^\n]*timeout is 240$/m,
    );
  });

  it('fails a new sentence that restates a figure in words no claim knows', () => {
    const report = checkFigures(
      new Map([
        ['new.md', 'Send at most 100 objects in a bulk request; pages hold up to 200 objects.'],
      ]),
      facts,
    );
    expect(report.unclaimed).toHaveLength(2);
    expect(report.unclaimed[0]).toMatch(/"100" .* equals the bulk limit/);
    expect(report.unclaimed[1]).toMatch(/"200" .* equals per_page's maximum/);
  });

  it('reads code comments and grouped thousands, and skips code, versions and indexes', () => {
    const markdown = [
      'Runs on Node.js 20; `organization_memberships[20]` names the 21st item; waits 180,000 ms.',
      '```ts',
      'await list({ per_page: 200 }); // 100 objects each',
      '```',
    ].join('\n');
    expect(quotedText(markdown)).not.toContain('per_page: 200');
    const unclaimed = checkFigures(new Map([['x.md', markdown]]), facts).unclaimed;
    expect(unclaimed.map((u) => u.split(' in ')[0]).sort()).toEqual([
      'x.md: "100"',
      'x.md: "180,000"',
    ]);
  });

  it('refuses resources that disagree on a figure the documents quote as one', () => {
    const { organizationMemberships, userGroupMemberships } = resources;
    const differing = {
      organizationMemberships,
      userGroupMemberships: {
        ...userGroupMemberships,
        paging: { ...userGroupMemberships.paging, max: 100 },
      },
    };
    expect(() => apiFacts(differing, serverTimeoutSeconds)).toThrow(
      /different values for per_page's maximum \(200, 100\)/,
    );
  });
});
