/**
 * Any value as an id: refused before any request, or sent as one canonical path segment of
 * the same origin (or only as the `only` filter for a resource without get-one).
 */

import { buildEnvelope } from '@kantata-ox/fixtures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KantataApiError, KantataInputError } from '../../src/errors/classes.js';
import { json, membership, OM } from '../doubles/answers.js';
import { API, createObservedClient } from '../doubles/observed.js';
import { runs } from './runs.js';

const RUNS = runs(300);
const BASE_URL = new URL(API);
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
  call: (client: ReturnType<typeof createObservedClient>['client']) => Promise<unknown>,
  check: (url: URL) => void,
): Promise<void> {
  const { client, fetch } = createObservedClient(
    () => json({ errors: [{ type: 'system', message: 'not found' }] }, 404),
    { retry: false },
  );
  const error = await call(client).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof KantataInputError) {
    expect(fetch.calls).toHaveLength(0);
    expect(error.field).toBe('id');
    return;
  }
  expect(error).toBeInstanceOf(KantataApiError);
  expect(fetch.calls).toHaveLength(1);
  check(new URL(fetch.calls[0]?.url ?? ''));
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
          const { client, fetch } = createObservedClient(() =>
            json(buildEnvelope(OM, [membership(String(n))])),
          );
          const item = await client.organizationMemberships.get(asString ? String(n) : n);
          expect(item.id).toBe(String(n));
          expectSafeUrl(new URL(fetch.calls[0]?.url ?? ''), n);
        },
      ),
      runs(100),
    );
  });
});
