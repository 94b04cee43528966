/**
 * What bad input is told, word for word: each check of helpers/input-checks.ts names the
 * field and says what is wrong with it, before any request.
 */
import { describe, expect, it } from 'vitest';
import { KantataInputError } from '../../src/errors/classes.js';
import { envelopeOf, membership, OM } from '../doubles/answers.js';
import { createObservedClient } from '../doubles/observed.js';

type Client = ReturnType<typeof createObservedClient>['client'];

async function refusal(act: (client: Client) => Promise<unknown> | AsyncIterator<unknown>) {
  const { client, fetch } = createObservedClient(() => envelopeOf(OM, [membership(1)]));
  const error = await (async () => {
    const started = act(client);
    if (Symbol.asyncIterator in started || 'next' in started) {
      await (started as AsyncIterator<unknown>).next();
    } else await started;
  })().catch((caught: unknown) => caught);
  expect(fetch.calls).toHaveLength(0);
  expect(error).toBeInstanceOf(KantataInputError);
  const { field, message } = error as KantataInputError;
  return { field, message };
}

const fields = { geography_id: 1, department_id: 2, member_id: 3, member_type: 'User' } as const;

describe('bad input is refused with its field and what is wrong', () => {
  it.each<[string, (client: Client) => Promise<unknown> | AsyncIterator<unknown>, string, string]>([
    [
      'a query that is not an object',
      (c) => c.organizationMemberships.list([] as never),
      'query',
      'Invalid query: must be an object of query parameters',
    ],
    [
      'a list of ids that is not a list',
      (c) => c.userGroupMemberships.list({ user_ids: 5 as never }),
      'user_ids',
      'Invalid user_ids: must be an array of integers',
    ],
    [
      'an id that is not an integer',
      (c) => c.organizationMemberships.list({ department_id: 1.5 }),
      'department_id',
      'Invalid department_id: must be an integer, got 1.5',
    ],
    [
      'an id under the minimum',
      (c) => c.organizationMemberships.list({ department_id: 0 }),
      'department_id',
      'Invalid department_id: must be at least 1, got 0',
    ],
    [
      'a page size over the maximum',
      (c) => c.organizationMemberships.list({ per_page: 201 }),
      'per_page',
      'Invalid per_page: must be at most 200, got 201',
    ],
    [
      'fields that are not an object',
      (c) => c.organizationMemberships.create('x' as never),
      'organization_membership',
      'Invalid organization_membership: must be an object',
    ],
    [
      'one missing required field',
      (c) => c.organizationMemberships.create({ ...fields, member_type: undefined } as never),
      'organization_membership',
      'Invalid organization_membership: is missing required field member_type',
    ],
    [
      'two missing required fields',
      (c) => c.organizationMemberships.create({ geography_id: 1, department_id: 2 } as never),
      'organization_membership',
      'Invalid organization_membership: is missing required fields member_id, member_type',
    ],
    [
      'an update that changes nothing',
      (c) => c.organizationMemberships.update(1, {}),
      'organization_membership',
      'Invalid organization_membership: must change at least one field',
    ],
    [
      'a listAll concurrency over its maximum',
      (c) => c.organizationMemberships.listAll({}, { concurrency: 17 }),
      'concurrency',
      'Invalid concurrency: must be an integer from 1 to 16, got 17',
    ],
    [
      'a listAll query that sets the page itself',
      (c) => c.organizationMemberships.listAll({ page: 2 } as never),
      'page',
      'Invalid page: is set by listAll; use its pageSize and limit options',
    ],
  ])('%s', async (_label, act, field, message) => {
    expect(await refusal(act)).toEqual({ field, message });
  });
});
