/** What each error class says and exposes: names, messages, causes and safe JSON. */
import { describe, expect, it } from 'vitest';
import {
  KantataError,
  KantataInputError,
  KantataNetworkError,
  KantataTimeoutError,
} from '../../src/core/errors.js';
import { REDACTED } from '../../src/core/redact.js';

const where = { method: 'POST', path: '/x', attempts: 2 };

describe('KantataError', () => {
  it('is named KantataError when thrown as the base class', () => {
    const error = new KantataError('something went wrong');
    expect(error.name).toBe('KantataError');
    expect(error.stack?.startsWith('KantataError: something went wrong')).toBe(true);
  });
});

describe('toJSON', () => {
  it('gives name, message, field and reason of an input error', () => {
    const error = new KantataInputError('id', 'must be a positive integer');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'KantataInputError',
      message: 'Invalid id: must be a positive integer',
      field: 'id',
      reason: 'must be a positive integer',
    });
  });

  it('gives the duration and where of a timeout', () => {
    const error = new KantataTimeoutError({ ...where, timeoutMs: 250 });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'KantataTimeoutError',
      message: 'POST /x timed out after 250 ms (2 attempts)',
      timeoutMs: 250,
      method: 'POST',
      path: '/x',
      attempts: 2,
    });
  });

  it('gives the where and code of a network error, but not its cause', () => {
    const error = new KantataNetworkError({
      ...where,
      cause: new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }),
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'KantataNetworkError',
      message: 'POST /x failed after 2 attempts: fetch failed (ECONNRESET)',
      method: 'POST',
      path: '/x',
      attempts: 2,
      code: 'ECONNRESET',
    });
  });
});

describe('KantataNetworkError', () => {
  it('adds nothing after the detail when no code was found', () => {
    const error = new KantataNetworkError({ ...where, cause: new Error('boom') });
    expect(error.message).toBe('POST /x failed after 2 attempts: boom');
    expect(error.code).toBeUndefined();
  });

  it('does not repeat a code the detail already names', () => {
    const error = new KantataNetworkError({
      ...where,
      code: 'ECONNREFUSED',
      detail: 'connect ECONNREFUSED 127.0.0.1:9',
    });
    expect(error.message).toBe('POST /x failed after 2 attempts: connect ECONNREFUSED 127.0.0.1:9');
  });

  it('says "network error" when what fetch threw is not an Error', () => {
    const error = new KantataNetworkError({ ...where, cause: 'socket closed' });
    expect(error.message).toBe('POST /x failed after 2 attempts: network error');
  });

  it('keeps a masked copy of what fetch threw as its cause', () => {
    const thrown = new TypeError('fetch failed for s3cret');
    const error = new KantataNetworkError({ ...where, cause: thrown }, ['s3cret']);
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).not.toBe(thrown);
    expect((error.cause as Error).message).toBe(`fetch failed for ${REDACTED}`);
  });

  it('has no cause property when it was built without a cause', () => {
    const error = new KantataNetworkError({ ...where, detail: 'too many redirects' });
    expect('cause' in error).toBe(false);
  });
});
