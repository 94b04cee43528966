/**
 * Property-based tests (fast-check): for any input, ids stay inside one path segment of the
 * same origin, normalisation keeps `results` order and resolves every include, and retry
 * timing stays within its bounds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KantataApiError, KantataInputError } from '../../src/core/errors.js';
import { backoffDelay, parseRetryAfter } from '../../src/core/retry.js';
import { createTransport } from '../../src/core/transport.js';
import { BASE, clientOver, instantClock, json, om, recordingFetch, TOKEN } from './support.js';

// Fewer runs under mutation testing (see stryker.config.vitest.ts), where every mutant re-runs them.
const SCALE = process.env.KANTATA_MUTATION ? 0.1 : 1;
const runs = (n: number) => ({ numRuns: Math.max(10, Math.round(n * SCALE)) });
const RUNS = runs(300);
const BASE_URL = new URL(BASE);
const NASTY_IDS = [
  '.',
  '..',
  '%2e',
  '%2e%2e',
  '%2E%2E%2F',
  '/',
  '1/2',
  '../1',
  '1/..',
  '?',
  '#',
  '1?x',
  '1#x',
  '1%3Fx',
  '1%2F2',
  ' 1',
  '1 ',
  '\t1',
  '1\n',
  '٣',
  '１',
  '¹',
  '-1',
  '+1',
  '0',
  '00',
  '01',
  '1e3',
  '1.0',
  '0x10',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '',
  '\u0000',
  '1\u0000',
  'https://evil.example/1',
  '//evil.example/1',
  '@evil.example',
  '\\..\\1',
];

/** Every kind of value a caller could pass as an id. */
const anyId: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_IDS),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('.', '/', '%', '2', 'e', 'E', '?', '#', '1', '0', ' ') }),
  fc.stringMatching(/^[0-9]{1,20}$/),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.anything(),
);

const OM_PATH = /^\/api\/v1\/organization_memberships\/([1-9][0-9]*)$/;
const UGM_LIST_PATH = '/api/v1/user_group_memberships';

/** What a recorded URL must look like: same origin, one segment of canonical digits. */
function expectSafeUrl(url: URL, id: unknown): void {
  expect(url.origin).toBe(BASE_URL.origin);
  const match = OM_PATH.exec(url.pathname);
  expect(match, url.pathname).not.toBeNull();
  expect(match?.[1]).toBe(String(id));
  expect(url.search).toBe('');
  expect(url.hash).toBe('');
}

/** Runs `call`, then checks it either refused the id before any fetch or sent a safe URL. */
async function refusedOrSafe(
  call: (client: ReturnType<typeof clientOver>['client']) => Promise<unknown>,
  check: (url: URL) => void,
): Promise<void> {
  const fetch = recordingFetch(() =>
    json({ errors: [{ type: 'system', message: 'not found' }] }, 404),
  );
  const { client } = clientOver(fetch, { retry: false });
  const error = await call(client).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof KantataInputError) {
    expect(fetch.requests).toHaveLength(0);
    expect(error.field).toBe('id');
    return;
  }
  expect(error).toBeInstanceOf(KantataApiError);
  expect(fetch.requests).toHaveLength(1);
  check(new URL(fetch.requests[0]?.url ?? ''));
}

describe('any value as an id', () => {
  it('is refused before any request, or stays one path segment of the same origin in get', async () => {
    await fc.assert(
      fc.asyncProperty(anyId, (id) =>
        refusedOrSafe(
          (c) => c.organizationMemberships.get(id as number),
          (url) => expectSafeUrl(url, id),
        ),
      ),
      RUNS,
    );
  });

  it('is refused or safe in update', async () => {
    await fc.assert(
      fc.asyncProperty(anyId, (id) =>
        refusedOrSafe(
          (c) => c.organizationMemberships.update(id as number, { primary: true }),
          (url) => expectSafeUrl(url, id),
        ),
      ),
      RUNS,
    );
  });

  it('is refused or safe in delete', async () => {
    await fc.assert(
      fc.asyncProperty(anyId, (id) =>
        refusedOrSafe(
          (c) => c.organizationMemberships.delete(id as number),
          (url) => expectSafeUrl(url, id),
        ),
      ),
      RUNS,
    );
  });

  it('is refused or sent only as the `only` filter of the list when a resource has no get-one', async () => {
    await fc.assert(
      fc.asyncProperty(anyId, (id) =>
        refusedOrSafe(
          (c) => c.userGroupMemberships.get(id as number),
          (url) => {
            expect(url.origin).toBe(BASE_URL.origin);
            expect(url.pathname).toBe(UGM_LIST_PATH);
            expect([...url.searchParams.keys()]).toEqual(['only']);
            expect(url.searchParams.get('only')).toBe(String(id));
          },
        ),
      ),
      RUNS,
    );
  });

  it('accepts every canonical positive safe integer, as a number or a string', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.boolean(),
        async (n, asString) => {
          const fetch = recordingFetch(() => json(omEnvelope1(String(n))));
          const { client } = clientOver(fetch);
          const item = await client.organizationMemberships.get(asString ? String(n) : n);
          expect(item.id).toBe(String(n));
          expectSafeUrl(new URL(fetch.requests[0]?.url ?? ''), n);
        },
      ),
      runs(100),
    );
  });
});

function omEnvelope1(id: string) {
  return {
    count: 1,
    results: [{ key: 'organization_memberships', id }],
    organization_memberships: { [id]: om(id) },
  };
}

// ---------------------------------------------------------------------------------------------
// Normalisation

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
          const object = om(String(n), fields);
          if (department === undefined) delete object.department_id;
          if (geography === undefined) delete object.geography_id;
          return object;
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
        const fetch = recordingFetch(() => json(p.envelope));
        const { client } = clientOver(fetch);
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
          const fetch = recordingFetch((request) => {
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
              organization_memberships: Object.fromEntries(ids.reverse().map((id) => [id, om(id)])),
            });
          });
          const { client } = clientOver(fetch);
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

// ---------------------------------------------------------------------------------------------
// Retry-After and backoff

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** An IMF-fixdate for a time in ms (the form servers send). */
function imfDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

const NOW = Date.UTC(2026, 0, 1);
/** Whole-second times from 1970 to 9999, as HTTP-dates can express. */
const dateMs = fc.integer({ min: 0, max: 253_402_300_799 }).map((s) => s * 1000);

/** Any header value a server could send as Retry-After. */
const retryAfterValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.stringMatching(/^\s?[0-9]{1,25}\s?$/),
  fc.integer().map(String),
  fc.double().map(String),
  dateMs.map(imfDate),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '1.5',
    '1e3',
    'Infinity',
    'NaN',
    '0x10',
    'soon',
    '٣',
    'Wed, 31 Feb 2026 07:28:00 GMT',
    'Wed, 21 Oct 2026 24:00:00 GMT',
    'Wednesday, 21-Oct-26 07:28:00 GMT',
    'Wed Oct 21 07:28:00 2026',
    '99999999999999999999999999',
  ),
);
const anyNow = fc.oneof(
  fc.constant(NOW),
  fc.integer({ min: 0, max: 253_402_300_799_000 }),
  fc.double(),
);

describe('parseRetryAfter for any input', () => {
  it('returns undefined or a number of ms in [0, MAX_SAFE_INTEGER], whole when now is', () => {
    fc.assert(
      fc.property(fc.oneof(retryAfterValue, fc.constant(null)), anyNow, (value, now) => {
        const ms = parseRetryAfter(value, now);
        if (ms === undefined) return;
        expect(Number.isFinite(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
        if (Number.isInteger(now)) expect(Number.isInteger(ms)).toBe(true);
      }),
      runs(1000),
    );
  });

  it('reads delta-seconds exactly, capped at MAX_SAFE_INTEGER', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 25n }), (n) => {
        const expected = Math.min(Number(n) * 1000, Number.MAX_SAFE_INTEGER);
        expect(parseRetryAfter(String(n), NOW)).toBe(expected);
      }),
      RUNS,
    );
  });

  it('reads an HTTP-date as the time left until then, never negative', () => {
    fc.assert(
      fc.property(dateMs, anyNow.filter(Number.isFinite), (at, now) => {
        const expected = Math.min(Math.max(0, at - now), Number.MAX_SAFE_INTEGER);
        expect(parseRetryAfter(imfDate(at), now)).toBe(expected);
      }),
      RUNS,
    );
  });
});

const anyNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -10, max: 100 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
);

describe('backoffDelay for any input', () => {
  it('is a whole number in [0, maxDelayMs] (0 when maxDelayMs is not a number >= 0)', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, anyNumber, anyNumber, (attempt, base, max, r) => {
        const delay = backoffDelay(attempt, { baseDelayMs: base, maxDelayMs: max }, () => r);
        const ceiling = Number.isNaN(max) ? 0 : Math.min(Math.max(0, max), Number.MAX_SAFE_INTEGER);
        expect(Number.isFinite(delay)).toBe(true);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
      runs(1000),
    );
  });

  it('never exceeds baseDelayMs * 2^(attempt-1) for sane options', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, base, max, r) => {
          const delay = backoffDelay(attempt, { baseDelayMs: base, maxDelayMs: max }, () => r);
          expect(delay).toBeLessThanOrEqual(Math.min(max, base * 2 ** (attempt - 1)));
        },
      ),
      RUNS,
    );
  });
});

function isHeaderValue(value: string): boolean {
  try {
    new Headers({ 'retry-after': value });
    return true;
  } catch {
    return false;
  }
}

describe('the transport under any Retry-After', () => {
  it('never sleeps longer than maxRetryAfterMs, and stops after maxRetries', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Only what a server can actually put in a header (fetch refuses the rest).
        fc.array(retryAfterValue.filter(isHeaderValue), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.constantFrom(429, 503),
        async (values, maxRetries, maxRetryAfterMs, baseDelayMs, status) => {
          const maxDelayMs = Math.min(maxRetryAfterMs, 10_000);
          let call = 0;
          const fetch = recordingFetch(() => {
            const value = values[call++ % values.length] ?? '';
            return new Response('{}', { status, headers: { 'retry-after': value } });
          });
          const clock = instantClock(NOW);
          const transport = createTransport({
            token: TOKEN,
            fetch,
            clock,
            random: () => 0.999,
            timeoutMs: 0,
            retry: { maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs },
          });
          const response = await transport(`${BASE}/organization_memberships`);
          expect(response.status).toBe(status);
          expect(fetch.requests.length).toBeLessThanOrEqual(maxRetries + 1);
          expect(clock.sleeps).toHaveLength(fetch.requests.length - 1);
          for (const ms of clock.sleeps) {
            expect(ms).toBeGreaterThanOrEqual(0);
            expect(ms).toBeLessThanOrEqual(maxRetryAfterMs);
          }
        },
      ),
      RUNS,
    );
  });
});
