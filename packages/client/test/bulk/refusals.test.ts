/**
 * createMany and a refused bulk request (422): the inputs it names fail `invalid` with errors
 * of their own, the others are read back and sent again without the culprits, halved when
 * none is named, whether the API created nothing of the request or its valid items.
 */
import { BULK_MODES } from '@kantata-ox/fixtures';
import { describe, expect, it } from 'vitest';
import { KantataApiError } from '../../src/errors/classes.js';
import { apiErrors } from '../doubles/answers.js';
import { fakeApi, PEOPLE } from '../doubles/fake-api.js';
import { createObservedClient } from '../doubles/observed.js';

const MISSING = 99;
const om = (member: number, department = 10) => ({
  member_id: member,
  member_type: 'User' as const,
  department_id: department,
  geography_id: 20,
});
const OWN = [
  { type: 'validation', message: 'Department could not be found', field: 'department_id' },
];
/** The details of an invalid input's own error. */
const ownErrors = (failure: { reason: string; error: Error } | undefined) =>
  failure?.reason === 'invalid' ? (failure.error as KantataApiError).errors : undefined;
const posts = (calls: { method: string; body: unknown }[]) =>
  calls
    .filter((c) => c.method === 'POST')
    .map((c) =>
      (
        c.body as { organization_memberships: { member_id: number }[] }
      ).organization_memberships.map((i) => i.member_id),
    );

describe.each(BULK_MODES)('createMany with invalid inputs, %s bulk mode', (bulkMode) => {
  it('fails each named culprit with its own error and creates the others once', async () => {
    const api = fakeApi({ data: PEOPLE, bulkMode });
    const { client, fetch } = createObservedClient(api.answer);
    const inputs = [om(1), om(2, MISSING), om(3), om(4, MISSING), om(5)];
    const result = await client.organizationMemberships.createMany(inputs);

    expect(result.failed.map((f) => [f.index, f.reason])).toEqual([
      [1, 'invalid'],
      [3, 'invalid'],
    ]);
    for (const failure of result.failed) {
      expect(failure.input).toBe(inputs[failure.index]);
      expect(failure.error).toBeInstanceOf(KantataApiError);
      expect(failure.error).toMatchObject({ status: 422, errors: OWN, method: 'POST' });
    }
    expect(result.created.map((c) => c.index)).toEqual([0, 2, 4]);
    expect(result.created.map((c) => c.object.member_id)).toEqual(['1', '3', '5']);
    const stored = [...api.fake.store.organizationMemberships.values()].map((m) => m.member_id);
    expect(stored.sort()).toEqual([1, 3, 5]);
    // Partial: the valid ones exist after the 422 and are found; atomic: sent again alone.
    expect(posts(fetch.calls)).toEqual(
      bulkMode === 'atomic'
        ? [
            [1, 2, 3, 4, 5],
            [1, 3, 5],
          ]
        : [[1, 2, 3, 4, 5]],
    );
    expect(result.created.every((c) => c.confirmed === (bulkMode === 'partial'))).toBe(true);
  });

  it('reads back before sending again, with the filters and include of the spec', async () => {
    const api = fakeApi({ data: PEOPLE, bulkMode });
    const { client, fetch } = createObservedClient(api.answer);
    await client.organizationMemberships.createMany([om(1), om(2, 11), om(3, MISSING)]);
    const [post, list] = fetch.calls;
    expect(post?.method).toBe('POST');
    expect(list?.method).toBe('GET');
    expect(list?.path).toBe('/organization_memberships');
    // Filters on create fields the inputs share; a member_id each would take a list each.
    expect(Object.fromEntries(list?.query ?? [])).toEqual({
      member_type: 'User',
      geography_id: '20',
      // The server's time (the fake's clock, in 2024, not the client's in 2026) when the
      // request was sent, less the allowance (60 s). No answer came before it, so the time is
      // the refusal's `Date`: one second on in partial mode, where the refusal stored a row.
      created_after:
        bulkMode === 'partial' ? '2023-12-31T23:59:01.000Z' : '2023-12-31T23:59:00.000Z',
      include: 'geography,department',
      page: '1',
      per_page: '200',
    });
  });
});

describe('createMany with a refusal that names no input', () => {
  it('halves the rest until each culprit is alone, and fails it invalid', async () => {
    const api = fakeApi({ data: PEOPLE });
    // The API names no item: the bulk request is refused as a whole while it holds user 3.
    const { client, fetch } = createObservedClient(async (request, call) => {
      const items = (request.body as { organization_memberships?: { member_id: number }[] })
        ?.organization_memberships;
      if (request.method === 'POST' && items?.some((i) => i.member_id === 3)) {
        return apiErrors(422, [{ type: 'validation', message: 'Something is invalid' }]);
      }
      return api.answer(request, call);
    });
    const result = await client.organizationMemberships.createMany(
      [1, 2, 3, 4, 5, 6].map((m) => om(m)),
    );
    expect(result.failed.map((f) => [f.index, f.reason])).toEqual([[2, 'invalid']]);
    expect(ownErrors(result.failed[0])).toEqual([
      { type: 'validation', message: 'Something is invalid' },
    ]);
    expect(result.created.map((c) => c.index)).toEqual([0, 1, 3, 4, 5]);
    expect(posts(fetch.calls)).toEqual([[1, 2, 3, 4, 5, 6], [1, 2, 3], [1, 2], [3], [4, 5, 6]]);
    expect(api.fake.store.organizationMemberships.size).toBe(5);
  });

  it('reads an item named by a message prefix as that item, with the prefix dropped', async () => {
    const api = fakeApi({ data: PEOPLE });
    const { client } = createObservedClient((request, call) =>
      call === 1
        ? apiErrors(422, [
            {
              type: 'validation',
              message: 'organization_memberships[1]: Member is invalid',
              field: 'member_id',
            },
          ])
        : api.answer(request, call),
    );
    const result = await client.organizationMemberships.createMany([om(1), om(2)]);
    expect(result.failed.map((f) => [f.index, f.reason])).toEqual([[1, 'invalid']]);
    expect(ownErrors(result.failed[0])).toEqual([
      { type: 'validation', message: 'Member is invalid', field: 'member_id' },
    ]);
    expect(result.created.map((c) => [c.index, c.confirmed])).toEqual([[0, false]]);
  });
});

describe('createMany and duplicate user group memberships', () => {
  it('fails the repeat of an input and a membership that exists, creating the rest once', async () => {
    const data = {
      ...PEOPLE,
      userGroupMemberships: [{ id: 1, user_id: 4, workspace_group_id: 30 }],
    };
    const api = fakeApi({ data, bulkMode: 'partial' });
    const { client, fetch } = createObservedClient(api.answer);
    const ugm = (user: number) => ({ user_id: user, workspace_group_id: 30 });
    const result = await client.userGroupMemberships.createMany([ugm(1), ugm(2), ugm(1), ugm(4)]);
    expect(result.failed.map((f) => [f.index, f.reason])).toEqual([
      [2, 'invalid'],
      [3, 'invalid'],
    ]);
    expect(ownErrors(result.failed[0])).toEqual([
      { type: 'validation', message: 'User is already a member of this group', field: 'user_id' },
    ]);
    expect(result.created.map((c) => [c.index, c.object.user_id, c.confirmed])).toEqual([
      [0, 1, true],
      [1, 2, true],
    ]);
    // Read back by the list's `in` filters on the create fields.
    const list = fetch.calls.find((c) => c.method === 'GET');
    expect(list?.query.get('user_ids')).toBe('1,2');
    expect(list?.query.get('group_ids')).toBe('30');
    expect(api.fake.store.userGroupMemberships.size).toBe(3);
  });
});
