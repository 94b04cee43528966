/**
 * Query values with bounds in the spec are checked before any request (src/helpers/input-checks.ts): a
 * typo fails loudly instead of being clamped or ignored by the server.
 */
import { describe, expect, it } from 'vitest';
import { KantataInputError } from '../../src/errors/classes.js';
import { envelopeOf, OM, UGM } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { createObservedClient } from '../doubles/observed.js';

describe('query bounds', () => {
  it.each([
    [{ per_page: 0 }, 'per_page'],
    [{ per_page: 201 }, 'per_page'],
    [{ per_page: 2.5 }, 'per_page'],
    [{ per_page: '20' }, 'per_page'],
    [{ page: 0 }, 'page'],
    [{ limit: 0 }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ only: [0] }, 'only'],
    [{ only: 5 }, 'only'],
    [{ department_id: -3 }, 'department_id'],
  ])('list refuses %j before any request', async (query, field) => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, []));
    const list = client.organizationMemberships.list as (q: unknown) => Promise<unknown>;
    const error = await rejection(list(query));
    expect(error).toBeInstanceOf(KantataInputError);
    expect((error as KantataInputError).field).toBe(field);
    expect(fetch.calls).toHaveLength(0);
  });

  it.each([1, 200])('list accepts per_page %i', async (perPage) => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, []));
    await client.organizationMemberships.list({ per_page: perPage });
    expect(fetch.calls[0]?.rawQuery).toBe(`per_page=${perPage}`);
  });

  it.each([
    [{ user_ids: [0] }, 'user_ids'],
    [{ group_ids: [1, -2] }, 'group_ids'],
    [{ per_page: 500 }, 'per_page'],
  ])('user group membership list refuses %j', async (query, field) => {
    const { client, fetch } = createObservedClient(() => envelopeOf(UGM, []));
    const error = await rejection(client.userGroupMemberships.list(query));
    expect((error as KantataInputError).field).toBe(field);
    expect(fetch.calls).toHaveLength(0);
  });

  it('refuses a query that is not an object', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, []));
    const list = client.organizationMemberships.list as (q: unknown) => Promise<unknown>;
    expect(await rejection(Promise.resolve().then(() => list('member_type=User')))).toBeInstanceOf(
      KantataInputError,
    );
    expect(fetch.calls).toHaveLength(0);
  });
});
