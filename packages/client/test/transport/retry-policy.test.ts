/**
 * The retry policy on its own (src/transport/retry.ts): pure functions, time and jitter injected.
 * Backoff and the options here; which attempts are retried in `retry-decision.test.ts`,
 * `Retry-After` values in `retry-after.test.ts`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KantataInputError } from '../../src/errors/classes.js';
import {
  backoffDelay,
  DEFAULT_RETRY_OPTIONS,
  resolveRetryOptions,
} from '../../src/transport/retry.js';

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
