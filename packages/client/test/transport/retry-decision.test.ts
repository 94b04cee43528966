import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_OPTIONS,
  isConnectionRefused,
  isIdempotent,
  type RetryInput,
  retryDecision,
} from '../../src/transport/retry.js';
import { NOW } from '../doubles/clock.js';

describe('isIdempotent', () => {
  it.each(['GET', 'get', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])('counts %s as idempotent', (m) => {
    expect(isIdempotent(m)).toBe(true);
  });

  it.each(['POST', 'PATCH', 'CONNECT'])('does not count %s as idempotent', (m) => {
    expect(isIdempotent(m)).toBe(false);
  });
});

describe('isConnectionRefused', () => {
  it('finds ECONNREFUSED on the cause of a fetch TypeError', () => {
    const error = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    expect(isConnectionRefused(error)).toBe(true);
  });

  it('finds ECONNREFUSED deeper in the cause chain', () => {
    const error = new Error('a', { cause: new Error('b', { cause: { code: 'ECONNREFUSED' } }) });
    expect(isConnectionRefused(error)).toBe(true);
  });

  it('accepts an AggregateError whose errors were all refused (happy eyeballs)', () => {
    const refused = () => Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    const error = new TypeError('fetch failed', {
      cause: new AggregateError([refused(), refused()]),
    });
    expect(isConnectionRefused(error)).toBe(true);
  });

  it('rejects an AggregateError where one connection got further', () => {
    const error = new AggregateError([
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
    ]);
    expect(isConnectionRefused(error)).toBe(false);
  });

  it.each([
    ['a reset', new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })],
    ['no code', new TypeError('fetch failed')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('is false for %s', (_label, error) => {
    expect(isConnectionRefused(error)).toBe(false);
  });

  it('finds ECONNREFUSED ten causes deep', () => {
    let error: unknown = { code: 'ECONNREFUSED' };
    for (let i = 0; i < 10; i++) error = new Error(`wrap ${i}`, { cause: error });
    expect(isConnectionRefused(error)).toBe(true);
  });

  it('is false, without overflowing the stack, for a cause chain that loops', () => {
    const error = new Error('loop');
    error.cause = error;
    expect(isConnectionRefused(error)).toBe(false);
  });

  it('is false for an AggregateError that contains itself', () => {
    const error = new AggregateError([]);
    error.errors.push(error);
    expect(isConnectionRefused(error)).toBe(false);
  });

  it('does not count an empty AggregateError as refused', () => {
    expect(isConnectionRefused(new AggregateError([]))).toBe(false);
  });

  it('reads an errors list only on an AggregateError', () => {
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    expect(isConnectionRefused(Object.assign(new Error('batch'), { errors: [refused] }))).toBe(
      false,
    );
  });
});

describe('retryDecision', () => {
  const base = {
    attempt: 1,
    options: { ...DEFAULT_RETRY_OPTIONS },
    now: NOW,
    random: () => 0.5,
  };
  const decide = (input: Partial<RetryInput> & Pick<RetryInput, 'method'>) =>
    retryDecision({ ...base, ...input } as RetryInput);
  const refused = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
  const reset = new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });

  it.each(['GET', 'PUT', 'DELETE', 'POST', 'PATCH'])('retries 429 for %s', (method) => {
    expect(decide({ method, status: 429 })).toMatchObject({ retry: true, reason: 'rate-limited' });
  });

  it.each(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])('retries 502/503/504 for %s', (method) => {
    for (const status of [502, 503, 504]) {
      expect(decide({ method, status })).toMatchObject({ retry: true, reason: 'server-error' });
    }
  });

  it.each(['POST', 'PATCH'])('never retries 502/503/504 for %s', (method) => {
    for (const status of [502, 503, 504]) {
      expect(decide({ method, status })).toEqual({ retry: false, reason: 'not-retryable' });
    }
  });

  it.each([400, 401, 403, 404, 409, 422, 500, 501, 200, 204, 304])(
    'never retries status %i, whatever the method',
    (status) => {
      for (const method of ['GET', 'PUT', 'DELETE', 'POST']) {
        expect(decide({ method, status })).toEqual({ retry: false, reason: 'not-retryable' });
      }
    },
  );

  it('retries a network error for GET but not for POST', () => {
    expect(decide({ method: 'GET', error: reset })).toMatchObject({
      retry: true,
      reason: 'network-error',
    });
    expect(decide({ method: 'POST', error: reset })).toEqual({
      retry: false,
      reason: 'not-retryable',
    });
  });

  it('retries a refused connection for POST', () => {
    expect(decide({ method: 'POST', error: refused })).toMatchObject({
      retry: true,
      reason: 'connection-refused',
    });
  });

  it('retries a timeout for PUT but not for POST', () => {
    expect(decide({ method: 'PUT', timedOut: true })).toMatchObject({
      retry: true,
      reason: 'timeout',
    });
    expect(decide({ method: 'POST', timedOut: true })).toEqual({
      retry: false,
      reason: 'not-retryable',
    });
  });

  it('waits what Retry-After asks for', () => {
    expect(decide({ method: 'POST', status: 429, retryAfter: '7' })).toEqual({
      retry: true,
      delayMs: 7000,
      reason: 'rate-limited',
    });
  });

  it('gives up when Retry-After asks for more than maxRetryAfterMs', () => {
    expect(decide({ method: 'GET', status: 429, retryAfter: '61' })).toEqual({
      retry: false,
      reason: 'retry-after-too-long',
    });
  });

  it('falls back to backoff when Retry-After is garbage', () => {
    expect(decide({ method: 'GET', status: 503, retryAfter: 'later', attempt: 2 })).toEqual({
      retry: true,
      delayMs: 250,
      reason: 'server-error',
    });
  });

  it('stops once maxRetries retries were made', () => {
    expect(decide({ method: 'GET', status: 503, attempt: 3 }).retry).toBe(true);
    expect(decide({ method: 'GET', status: 503, attempt: 4 })).toEqual({
      retry: false,
      reason: 'exhausted',
    });
  });

  it('waits a Retry-After of exactly maxRetryAfterMs', () => {
    expect(decide({ method: 'GET', status: 429, retryAfter: '60' })).toEqual({
      retry: true,
      delayMs: 60_000,
      reason: 'rate-limited',
    });
  });
});
