/**
 * Ids go straight into a path segment (src/helpers/ids.ts): only a canonical positive integer
 * gets through, a refused one is described without echoing much of it, and every helper that
 * takes an id checks it before any request.
 */
import { describe, expect, it } from 'vitest';
import { KantataInputError } from '../../src/errors/classes.js';
import { assertId } from '../../src/helpers/ids.js';
import { envelopeOf, membership, OM } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { createObservedClient } from '../doubles/observed.js';

describe('assertId', () => {
  it.each([
    [1, '1'],
    [42, '42'],
    ['42', '42'],
    ['7', '7'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    ['9007199254740991', '9007199254740991'],
  ])('accepts %j as %j', (value, expected) => {
    expect(assertId(value)).toBe(expected);
  });

  it.each([
    ['..'],
    ['.'],
    [''],
    [' '],
    [' 42'],
    ['42 '],
    ['4 2'],
    ['\n42'],
    ['1/2'],
    ['%2e'],
    ['%2e%2e'],
    ['1?x'],
    ['1#x'],
    ['-1'],
    ['+1'],
    ['0'],
    ['00'],
    ['042'],
    ['1.5'],
    ['1.0'],
    ['1e3'],
    ['0x10'],
    ['1_000'],
    ['9007199254740992'],
    ['99999999999999999999'],
    ['١٢'], // Arabic-Indic digits
    ['４２'], // fullwidth digits
    [0],
    [-0],
    [-1],
    [1.5],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [2 ** 53],
    [1e21],
    [10n],
    [true],
    [null],
    [undefined],
    [{}],
    [{ toString: () => '42' }],
    [[42]],
    [new Number(42)],
    [new String('42')],
    [Symbol('42')],
  ])('rejects %s with KantataInputError', (value) => {
    expect(() => assertId(value)).toThrow(KantataInputError);
  });

  it('names the offending parameter in the error', () => {
    let caught: unknown;
    try {
      assertId('../5', 'workspaceId');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KantataInputError);
    expect(caught).toMatchObject({ field: 'workspaceId' });
    expect(String((caught as Error).message)).toContain('"../5"');
  });

  it('defaults the parameter name to id', () => {
    expect(() => assertId('x')).toThrow(/^Invalid id: /);
  });
});

function reasonOf(value: unknown): string {
  try {
    assertId(value);
  } catch (error) {
    expect(error).toBeInstanceOf(KantataInputError);
    return (error as KantataInputError).reason;
  }
  throw new Error('expected a refusal');
}

describe('a refused id is described without echoing much of it', () => {
  it.each([
    [1.5, 'got 1.5'],
    [0, 'got 0'],
    [true, 'got true'],
    [5n, 'got 5n'],
    [null, 'got null'],
    [undefined, 'got undefined'],
    [[1], 'got an array'],
    [{ id: 1 }, 'got an object'],
    [Symbol('s'), 'got symbol'],
    [() => 1, 'got function'],
    ['../1', 'got "../1"'],
  ])('%s is described as "%s"', (value, expected) => {
    expect(reasonOf(value)).toMatch(
      new RegExp(`${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
  });

  it('a string of 40 characters is quoted whole, a longer one is cut at 40 with an ellipsis', () => {
    const forty = 'x'.repeat(40);
    expect(reasonOf(forty)).toMatch(new RegExp(`got "${forty}"$`));
    expect(reasonOf(`${forty}y`)).toMatch(new RegExp(`got "${forty}"…$`));
  });
});

describe('every helper that takes an id', () => {
  type Client = ReturnType<typeof createObservedClient>['client'];
  const calls: [string, (client: Client, id: unknown) => Promise<unknown>][] = [
    ['organizationMemberships.get', (c, id) => c.organizationMemberships.get(id as number)],
    [
      'organizationMemberships.update',
      (c, id) => c.organizationMemberships.update(id as number, { primary: true }),
    ],
    ['organizationMemberships.delete', (c, id) => c.organizationMemberships.delete(id as number)],
    ['userGroupMemberships.get', (c, id) => c.userGroupMemberships.get(id as number)],
    ['userGroupMemberships.delete', (c, id) => c.userGroupMemberships.delete(id as number)],
  ];

  // Which values are refused is pinned by assertId above and by the properties; here, that
  // each helper asks assertId before it sends anything.
  it.each(calls)('%s refuses a path-changing id before any request', async (_name, call) => {
    const { client, fetch } = createObservedClient(() => envelopeOf(OM, [membership(1)]));
    const error = await rejection(call(client, '../1'));
    expect(error).toBeInstanceOf(KantataInputError);
    expect((error as KantataInputError).field).toBe('id');
    expect(fetch.calls).toHaveLength(0);
  });
});
