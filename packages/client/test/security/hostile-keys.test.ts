/**
 * Response maps are read through own properties only: a `__proto__`, `constructor` or
 * `prototype` key in a response (or in a requested include) pollutes nothing, reaches
 * nothing inherited, and cannot replace an object.
 */
import { buildEnvelope, buildOrganization } from '@kantata-ox/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { KantataResponseError } from '../../src/errors/classes.js';
import {
  envelopeOf,
  groupMembership,
  json,
  membership,
  OM,
  text,
  UGM,
} from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { createObservedClient } from '../doubles/observed.js';

afterEach(() => {
  // Guard the rest of the suite if a test ever polluted the prototype.
  for (const key of ['polluted', 'id', 'name']) {
    delete (Object.prototype as Record<string, unknown>)[key];
  }
});

const hostile = (key: string, extra = ''): string =>
  `{"count":1,"meta":{"count":1,"page_count":1,"page_number":1,"page_size":1},` +
  `"results":[{"key":"${OM}","id":"1"}],` +
  `"${OM}":{"${key}":{"polluted":true},"1":{"id":"1","member_id":"9","${key}":{"polluted":true}${extra}}},` +
  `"organizations":{"${key}":{"polluted":true},"456":{"id":"456","name":"Eng","${key}":{"polluted":true}}},` +
  `"${key}":{"polluted":true}}`;

describe('hostile keys in a response', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('pollute nothing: %s', async (key) => {
    const { client } = createObservedClient(() =>
      text(hostile(key, ',"department_id":"456"'), 200, 'application/json'),
    );
    const { items } = await client.organizationMemberships.list({ include: ['department'] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const item = items[0];
    expect(item?.id).toBe('1');
    expect(item?.member_id).toBe('9');
    expect(item?.department?.name).toBe('Eng');
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'do not resolve a result whose id is %s to something inherited',
    async (id) => {
      const { client } = createObservedClient(() =>
        json({ ...buildEnvelope(OM, [membership(1)]), results: [{ key: OM, id }] }),
      );
      const error = await rejection(client.organizationMemberships.list());
      expect(error).toBeInstanceOf(KantataResponseError);
      expect((error as Error).message).toMatch(/which is missing/);
    },
  );

  it.each(['__proto__', 'constructor'])(
    'do not read a result whose key is %s from the prototype',
    async (key) => {
      const { client } = createObservedClient(() =>
        json({ ...buildEnvelope(OM, [membership(1)]), results: [{ key, id: 'prototype' }] }),
      );
      const error = await rejection(client.organizationMemberships.list());
      expect((error as Error).message).toMatch(/which is missing/);
    },
  );

  it('stay plain data when the maps really hold them, as JSON.parse makes them own keys', async () => {
    const body =
      '{"count":2,"results":[{"key":"organization_memberships","id":"__proto__"},{"key":"organization_memberships","id":"7"}],' +
      '"organization_memberships":{"__proto__":{"id":"__proto__","polluted":true,"department_id":"constructor"},' +
      '"7":{"id":"7","department_id":"__proto__","geography_id":"prototype","__proto__":{"polluted":true}}},' +
      '"organizations":{"__proto__":{"id":"__proto__","polluted":true},"constructor":{"id":"c"}},"__proto__":{"polluted":true}}';
    const { client } = createObservedClient(() => text(body, 200, 'application/json'));
    const { items } = await client.organizationMemberships.list({
      include: ['department', 'geography'],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const [first, second] = items as Record<string, unknown>[];
    expect(first?.id).toBe('__proto__');
    expect(first?.department).toEqual({ id: 'c' });
    expect(second?.id).toBe('7');
    expect(second?.department).toEqual({ id: '__proto__', polluted: true });
    expect(second?.geography).toBeNull();
    expect(Object.getPrototypeOf(second)).toBe(Object.prototype);
  });

  it('resolve an include whose foreign key is __proto__ to null', async () => {
    const { client } = createObservedClient(() =>
      envelopeOf(UGM, [groupMembership(1, { user_id: '__proto__' as unknown as number })], {
        sideLoaded: { users: [] },
      }),
    );
    const { items } = await client.userGroupMemberships.list({ include: ['user'] });
    expect(items[0]?.user).toBeNull();
  });
});

describe('hostile include names', () => {
  it.each(['user', 'constructor', '__proto__', 'toString'])(
    'ignore the unknown include name %j at runtime',
    async (name) => {
      const department = buildOrganization({ id: '456' });
      const { client } = createObservedClient(() =>
        envelopeOf(OM, [membership(1, { department_id: '456' })], {
          sideLoaded: { organizations: [department] },
        }),
      );
      const include = [name, 'department'] as unknown as 'department'[];
      const { items } = await client.organizationMemberships.list({ include });
      const item = items[0] as Record<string, unknown>;
      expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
      expect(Object.keys(item)).not.toContain(name);
      expect(item.constructor).toBe(Object);
      expect(item.department).toEqual(department);
    },
  );
});
