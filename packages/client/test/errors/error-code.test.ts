/** `findErrorCode` (src/errors/code.ts): the code a network error reports. */
import { describe, expect, it } from 'vitest';
import { findErrorCode } from '../../src/errors/code.js';

describe('findErrorCode', () => {
  it('finds the first system code in a cause chain', () => {
    expect(
      findErrorCode(
        new TypeError('fetch failed', { cause: new Error('x', { cause: { code: 'ENOTFOUND' } }) }),
      ),
    ).toBe('ENOTFOUND');
  });

  it('prefers a system code anywhere in the chain over an undici code', () => {
    expect(findErrorCode({ code: 'UND_ERR_SOCKET', cause: { code: 'ECONNRESET' } })).toBe(
      'ECONNRESET',
    );
  });

  it('falls back to the first other code in capitals when there is no system code', () => {
    expect(findErrorCode({ cause: { code: 'CERT_HAS_EXPIRED' } })).toBe('CERT_HAS_EXPIRED');
    expect(
      findErrorCode(
        new TypeError('fetch failed', {
          cause: { code: 'UND_ERR_HEADERS_OVERFLOW', cause: { code: 'UND_ERR_SOCKET' } },
        }),
      ),
    ).toBe('UND_ERR_HEADERS_OVERFLOW');
  });

  it('ignores codes of other shapes and non-string codes', () => {
    expect(findErrorCode({ code: 'econnreset' })).toBeUndefined();
    expect(findErrorCode({ code: 'X' })).toBeUndefined();
    expect(findErrorCode({ code: '_UND_ERR' })).toBeUndefined();
    expect(findErrorCode({ code: 'UND_ERR_SOCKET ' })).toBeUndefined();
    expect(findErrorCode({ code: 'ECONN RESET', cause: { code: 'UND_ERR_X' } })).toBe('UND_ERR_X');
    expect(findErrorCode({ code: 42, cause: { code: 'EPIPE' } })).toBe('EPIPE');
    // Not even when the value prints like a code.
    expect(findErrorCode({ code: ['EPIPE'] })).toBeUndefined();
    expect(findErrorCode('ECONNRESET')).toBeUndefined();
    expect(findErrorCode(null)).toBeUndefined();
  });

  it('stops after ten links of a cause chain', () => {
    let chain: object = { code: 'EDEEP' };
    for (let i = 0; i < 9; i++) chain = { cause: chain };
    expect(findErrorCode(chain)).toBe('EDEEP');
    expect(findErrorCode({ cause: chain })).toBeUndefined();
  });
});
