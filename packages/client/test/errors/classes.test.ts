/** What each error class is, says and exposes: hierarchy, names, messages, causes, safe JSON. */
import { describe, expect, it } from 'vitest';
import {
  KantataApiError,
  KantataError,
  KantataInputError,
  KantataNetworkError,
  KantataNotFoundError,
  KantataRequestError,
  KantataResponseError,
  KantataTimeoutError,
} from '../../src/errors/classes.js';
import { REDACTED } from '../../src/errors/redact.js';

const where = { method: 'POST', path: '/x', attempts: 2 };
const answer = { ...where, status: 404, errors: [], body: 'secret body' };

const api = new KantataApiError(answer);
const response = new KantataResponseError({ ...answer, status: 200, problem: 'empty' });
const notFound = new KantataNotFoundError(answer);
const timeout = new KantataTimeoutError({ ...where, timeoutMs: 50 });
const network = new KantataNetworkError({ ...where, cause: new Error('boom') });
const input = new KantataInputError('id', 'must be a positive integer');

describe('the hierarchy', () => {
  it.each([
    ['KantataApiError', api, [KantataApiError, KantataRequestError]],
    [
      'KantataResponseError',
      response,
      [KantataResponseError, KantataApiError, KantataRequestError],
    ],
    [
      'KantataNotFoundError',
      notFound,
      [KantataNotFoundError, KantataApiError, KantataRequestError],
    ],
    ['KantataTimeoutError', timeout, [KantataTimeoutError, KantataRequestError]],
    ['KantataNetworkError', network, [KantataNetworkError, KantataRequestError]],
    ['KantataInputError', input, [KantataInputError]],
  ] as const)('%s has its own name and is a KantataError and an Error', (name, error, classes) => {
    for (const cls of classes) expect(error).toBeInstanceOf(cls);
    expect(error).toBeInstanceOf(KantataError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.stack?.startsWith(`${name}: `)).toBe(true);
  });

  it('keeps a success with an unusable body and an invented 404 apart from HTTP errors', () => {
    expect(api).not.toBeInstanceOf(KantataResponseError);
    expect(api).not.toBeInstanceOf(KantataNotFoundError);
    expect(response).not.toBeInstanceOf(KantataNotFoundError);
    expect(input).not.toBeInstanceOf(KantataRequestError);
  });

  it('recognises an error of another copy of the package by its brand', () => {
    const brandOf = (name: string) => Symbol.for(`@kantata-ox/client/${name}`);
    const foreign = Object.create(Error.prototype, {
      [brandOf('KantataError')]: { value: true },
      [brandOf('KantataRequestError')]: { value: true },
      [brandOf('KantataApiError')]: { value: true },
    });
    expect(foreign).toBeInstanceOf(KantataApiError);
    expect(foreign).toBeInstanceOf(KantataError);
    expect(foreign).not.toBeInstanceOf(KantataResponseError);
    expect(foreign).not.toBeInstanceOf(KantataTimeoutError);
    for (const value of [null, undefined, 'KantataApiError', 404] as unknown[]) {
      expect(KantataError[Symbol.hasInstance](value)).toBe(false);
    }
  });

  it("keeps instanceof of a user's own subclass to its own instances", () => {
    class AppError extends KantataApiError {}
    const own = new AppError(answer);
    expect(own).toBeInstanceOf(AppError);
    expect(own).toBeInstanceOf(KantataApiError);
    expect(api).not.toBeInstanceOf(AppError);
    expect(own.name).toBe('KantataApiError');
  });

  it('is named KantataError when thrown as the base class', () => {
    const error = new KantataError('something went wrong');
    expect(error.name).toBe('KantataError');
    expect(error.stack?.startsWith('KantataError: something went wrong')).toBe(true);
  });

  it('holds method, path and attempts on every request error', () => {
    for (const error of [api, response, notFound, timeout, network]) {
      expect(error).toMatchObject(where);
    }
  });
});

describe('messages', () => {
  it('describes a timeout with its duration and attempts', () => {
    expect(timeout.message).toBe('POST /x timed out after 50 ms (2 attempts)');
  });

  it('describes a network error with its cause and code', () => {
    const error = new KantataNetworkError({
      method: 'GET',
      path: '/x',
      attempts: 1,
      cause: new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }),
    });
    expect(error.message).toBe('GET /x failed after 1 attempt: fetch failed (ECONNRESET)');
    expect(error.code).toBe('ECONNRESET');
  });

  it('adds nothing after the detail of a network error when no code was found', () => {
    expect(network.message).toBe('POST /x failed after 2 attempts: boom');
    expect(network.code).toBeUndefined();
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

  it('says what was wrong with an unusable success', () => {
    expect(response.message).toBe('POST /x failed with 200: empty');
  });
});

describe('causes', () => {
  it('keeps a masked copy of what fetch threw as the cause of a network error', () => {
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

describe('toJSON', () => {
  it('gives the safe fields of an API error, never its body', () => {
    expect(JSON.parse(JSON.stringify(api))).toEqual({
      name: 'KantataApiError',
      message: 'POST /x failed with 404',
      status: 404,
      errors: [],
      method: 'POST',
      path: '/x',
      attempts: 2,
    });
  });

  it('gives name, message, field and reason of an input error', () => {
    expect(JSON.parse(JSON.stringify(input))).toEqual({
      name: 'KantataInputError',
      message: 'Invalid id: must be a positive integer',
      field: 'id',
      reason: 'must be a positive integer',
    });
  });

  it('gives the duration and where of a timeout', () => {
    expect(JSON.parse(JSON.stringify(timeout))).toEqual({
      name: 'KantataTimeoutError',
      message: 'POST /x timed out after 50 ms (2 attempts)',
      timeoutMs: 50,
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

  it('gives the name and message of the base class only', () => {
    expect(new KantataError('x').toJSON()).toEqual({ name: 'KantataError', message: 'x' });
  });
});
