/**
 * The helpers follow each resource's operations at run time: a client over a table with
 * resources of other shapes (read-only, without create, without a bulk form, without paging)
 * starts, and offers exactly the helpers those operations allow (`createKantataClient` is
 * `createClientOver` the spec's table). The same shapes are checked
 * in types in `shapes.test-d.ts`.
 */
import { resources } from '@kantata-ox/types/resources';
import { describe, expect, it } from 'vitest';
import { envelopeOf, membership, OM, pagedList } from '../doubles/answers.js';
import { type Answer, createObservedClientOver } from '../doubles/observed.js';
import { shapeOf } from '../doubles/shapes.js';

const entry = resources.organizationMemberships;
// A list paged by `page` alone: no per_page, so no page size to ask for, nor paging facts.
const { paging: _paging, ...pageOnly } = shapeOf(entry, ['list'], {
  listWithout: ['per_page', 'limit', 'offset', 'only'],
});
const TABLE = {
  ...resources,
  listOnly: shapeOf(entry, ['list'], { listWithout: ['only'] }),
  listWithOnly: shapeOf(entry, ['list']),
  listAndGet: shapeOf(entry, ['list', 'get'], { listWithout: ['only'] }),
  withoutCreate: shapeOf(entry, ['list', 'get', 'update', 'delete']),
  createWithoutBulk: shapeOf(entry, ['create'], { createWithoutBulk: true }),
  deleteOnly: shapeOf(entry, ['delete']),
  noOperations: shapeOf(entry, []),
  unpagedList: shapeOf(entry, ['list'], {
    listWithout: ['page', 'per_page', 'limit', 'offset', 'only'],
  }),
  pageOnly,
};
const createObservedClient = (answer: Answer) => createObservedClientOver(TABLE, answer);

/** The client's helpers of a resource, whatever the types say it is. */
function helpersOf(client: object, name: string): Record<string, (...args: never[]) => unknown> {
  return (client as Record<string, Record<string, (...args: never[]) => unknown>>)[name] ?? {};
}

describe('a client over resources of every shape', () => {
  it.each([
    [
      'organizationMemberships',
      ['create', 'createMany', 'delete', 'get', 'list', 'listAll', 'update'],
    ],
    ['listOnly', ['list', 'listAll']],
    ['listWithOnly', ['get', 'list', 'listAll']],
    ['listAndGet', ['get', 'list', 'listAll']],
    ['withoutCreate', ['delete', 'get', 'list', 'listAll', 'update']],
    ['createWithoutBulk', ['create']],
    ['deleteOnly', ['delete']],
    ['noOperations', []],
  ])('starts, and %s has the helpers %j', (name, helpers) => {
    const { client } = createObservedClient(() => envelopeOf(OM, []));
    expect(Object.keys(helpersOf(client, name)).sort()).toEqual(helpers);
  });
});

describe('get', () => {
  it('asks the list for the id when the resource has no get-one but a list with only', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, [membership(5)]));
    const item = await helpersOf(client, 'listWithOnly').get?.(5 as never);
    expect(item).toMatchObject({ id: '5' });
    expect(fetch.calls[0]).toMatchObject({ path: '/organization_memberships', rawQuery: 'only=5' });
  });

  it('uses the get-one when the resource has one', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, [membership(5)]));
    await helpersOf(client, 'listAndGet').get?.(5 as never);
    expect(fetch.calls[0]).toMatchObject({ path: '/organization_memberships/5', rawQuery: '' });
  });
});

describe('listAll over a list without paging parameters', () => {
  it('makes one request without paging and yields its objects', async () => {
    const { client, fetch } = createObservedClient(() =>
      envelopeOf(OM, [membership(1), membership(2)], { count: 40, perPage: 2 }),
    );
    const listAll = helpersOf(client, 'unpagedList').listAll as () => AsyncIterable<{ id: string }>;
    const ids: string[] = [];
    for await (const item of listAll()) ids.push(item.id);
    expect(ids).toEqual(['1', '2']);
    expect(fetch.calls.map((call) => call.rawQuery)).toEqual(['']);
  });
});

describe('listAll over a list paged by page alone, with no page size to ask for', () => {
  it('asks page after page, each as long as the API makes it, until the last', async () => {
    const { client, fetch } = createObservedClient(pagedList(OM, 45, (id) => membership(id)));
    const listAll = helpersOf(client, 'pageOnly').listAll as () => AsyncIterable<{ id: string }>;
    let count = 0;
    for await (const _item of listAll()) count++;
    expect(count).toBe(45);
    expect(fetch.calls.map((call) => call.rawQuery)).toEqual(['page=1', 'page=2', 'page=3']);
  });
});
