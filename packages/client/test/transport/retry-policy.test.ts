/** The retry policy on its own (src/core/retry.ts): pure functions, time and jitter injected. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KantataInputError } from '../../src/core/errors.js';
import {
  backoffDelay,
  DEFAULT_RETRY_OPTIONS,
  isConnectionRefused,
  isIdempotent,
  parseRetryAfter,
  type RetryInput,
  resolveRetryOptions,
  retryDecision,
} from '../../src/core/retry.js';
import { NOW } from '../doubles/clock.js';

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3000],
    ['0', 0],
    [' 12 ', 12_000],
    ['120', 120_000],
  ])('reads delta-seconds %j as %i ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('reads an IMF-fixdate as the time left until it', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', NOW)).toBe(5000);
  });

  it('reads the obsolete RFC 850 date form', () => {
    expect(parseRetryAfter('Wednesday, 21-Oct-26 07:28:10 GMT', NOW)).toBe(10_000);
  });

  it('reads the obsolete asctime date form', () => {
    expect(parseRetryAfter('Wed Oct 21 07:28:02 2026', NOW)).toBe(2000);
  });

  it('gives 0 for a date in the past', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW)).toBe(0);
  });

  it.each([
    null,
    '',
    '   ',
    'soon',
    '-1',
    '1.5',
    '1e3',
    '0x10',
    '+3',
    'NaN',
    'Infinity',
    '2026-10-21T07:28:05Z',
    'Wed, 31 Feb 2026 07:28:05 GMT',
    'Wed, 21 Oct 2026 25:28:05 GMT',
    'Wed, 21 Oct 2026 07:28:05 PST',
    'Oct 21 2026',
  ])('gives undefined for %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it('caps absurdly large delta-seconds at MAX_SAFE_INTEGER instead of Infinity', () => {
    expect(parseRetryAfter('9'.repeat(400), NOW)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('stays undefined or a finite delay in [0, MAX_SAFE_INTEGER] for any string and any now', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.double(), (value, now) => {
        const delay = parseRetryAfter(value, now);
        return (
          delay === undefined ||
          (Number.isFinite(delay) && delay >= 0 && delay <= Number.MAX_SAFE_INTEGER)
        );
      }),
    );
  });

  it('reads any delta-seconds exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), (seconds) => {
        return parseRetryAfter(String(seconds), NOW) === seconds * 1000;
      }),
    );
  });

  it('reads any future IMF-fixdate as the exact distance from now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 86_400 }), (seconds) => {
        const date = new Date(NOW + seconds * 1000).toUTCString();
        return parseRetryAfter(date, NOW) === seconds * 1000;
      }),
    );
  });

  it('reads an asctime date whose one-digit day is padded with a space', () => {
    expect(parseRetryAfter('Sun Nov  1 07:28:00 2026', NOW)).toBe(11 * 86_400_000);
  });

  it('reads a leap second as the second before it', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:60 GMT', NOW)).toBe(59_000);
  });

  it.each(['Wed, 21 Oct 2026 07:60:00 GMT', 'Wed, 21 Oct 2026 07:28:61 GMT'])(
    'gives undefined for the out-of-range time in %j',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );

  it('reads an RFC 850 year up to 50 years ahead as in this century', () => {
    expect(parseRetryAfter('Wednesday, 21-Oct-76 07:28:00 GMT', NOW)).toBe(
      Date.UTC(2076, 9, 21, 7, 28) - NOW,
    );
  });

  it('reads an RFC 850 year more than 50 years ahead as in the last century', () => {
    expect(parseRetryAfter('Friday, 21-Oct-77 07:28:00 GMT', NOW)).toBe(0);
  });

  it('reads an RFC 850 year in the century of now', () => {
    const now = Date.UTC(2101, 0, 1);
    expect(parseRetryAfter('Saturday, 01-Jan-01 00:00:05 GMT', now)).toBe(5000);
  });

  it('gives undefined for an HTTP-date when now is not a finite time', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', Number.NaN)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1000 };

  it('doubles its ceiling with each attempt until maxDelayMs', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, options, top))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('applies full jitter: the random factor scales the ceiling', () => {
    expect(backoffDelay(3, options, () => 0.5)).toBe(200);
    expect(backoffDelay(3, options, () => 0)).toBe(0);
  });

  it('stays within [0, maxDelayMs] and is never NaN for any attempt and random value', () => {
    fc.assert(
      fc.property(
        fc.double(),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.double(),
        (attempt, baseDelayMs, maxDelayMs, r) => {
          const delay = backoffDelay(attempt, { baseDelayMs, maxDelayMs }, () => r);
          return Number.isFinite(delay) && delay >= 0 && delay <= maxDelayMs;
        },
      ),
    );
  });

  it('stays finite and non-negative even for invalid options', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), fc.double(), fc.double(), (a, base, max, r) => {
        const delay = backoffDelay(a, { baseDelayMs: base, maxDelayMs: max }, () => r);
        return Number.isFinite(delay) && delay >= 0 && delay <= Number.MAX_SAFE_INTEGER;
      }),
    );
  });
});

describe('resolveRetryOptions', () => {
  it('uses 3 retries, 250 ms base, 8 s max delay and 60 s max Retry-After by default', () => {
    expect(resolveRetryOptions()).toEqual({
      maxRetries: 3,
      baseDelayMs: 250,
      maxDelayMs: 8000,
      maxRetryAfterMs: 60_000,
    });
  });

  it('merges partial options over the defaults', () => {
    expect(resolveRetryOptions({ maxRetries: 5 })).toEqual({
      ...DEFAULT_RETRY_OPTIONS,
      maxRetries: 5,
    });
  });

  it('turns false into zero retries', () => {
    expect(resolveRetryOptions(false).maxRetries).toBe(0);
  });

  it.each([
    { maxRetries: -1 },
    { maxRetries: 1.5 },
    { maxRetries: Number.POSITIVE_INFINITY },
    { baseDelayMs: Number.NaN },
    { maxDelayMs: -5 },
    { maxRetryAfterMs: Number.POSITIVE_INFINITY },
    { baseDelayMs: '10' as unknown as number },
  ])('rejects %j with KantataInputError', (input) => {
    expect(() => resolveRetryOptions(input)).toThrow(KantataInputError);
  });

  it.each([null, true, 3, 'fast'])('rejects %j: it must be an options object or false', (input) => {
    expect(() => resolveRetryOptions(input as unknown as false)).toThrow(
      expect.objectContaining({
        field: 'retry',
        message: 'Invalid retry: must be an options object or false',
      }),
    );
  });

  it('names the option and the rule when a delay is invalid', () => {
    expect(() => resolveRetryOptions({ maxDelayMs: -5 })).toThrow(
      expect.objectContaining({
        field: 'retry.maxDelayMs',
        message: 'Invalid retry.maxDelayMs: must be a finite number >= 0',
      }),
    );
  });

  it('says maxRetries must be an integer', () => {
    expect(() => resolveRetryOptions({ maxRetries: 1.5 })).toThrow(
      expect.objectContaining({
        field: 'retry.maxRetries',
        message: 'Invalid retry.maxRetries: must be an integer',
      }),
    );
  });

  it('accepts fractional delays', () => {
    expect(
      resolveRetryOptions({ baseDelayMs: 12.5, maxDelayMs: 1000.5, maxRetryAfterMs: 0.5 }),
    ).toEqual({ maxRetries: 3, baseDelayMs: 12.5, maxDelayMs: 1000.5, maxRetryAfterMs: 0.5 });
  });
});

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
