import { describe, expect, it } from 'vitest';
import { KantataInputError } from '../../src/core/errors.js';
import { assertId } from '../../src/core/ids.js';

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
