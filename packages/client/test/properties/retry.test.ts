/**
 * Any Retry-After and any backoff input: delays stay whole, finite and within their bounds,
 * and the transport never sleeps longer than it may nor retries more than it may.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../src/transport/retry.js';
import { createTransport } from '../../src/transport/transport.js';
import { testClock } from '../doubles/clock.js';
import { API, observedFetch, TOKEN } from '../doubles/observed.js';
import { runs } from './runs.js';

const RUNS = runs(300);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** An IMF-fixdate for a time in ms (the form servers send). */
function imfDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

const NOW = Date.UTC(2026, 0, 1);
/** Whole-second times from 1970 to 9999, as HTTP-dates can express. */
const dateMs = fc.integer({ min: 0, max: 253_402_300_799 }).map((s) => s * 1000);

/** Any header value a server could send as Retry-After. */
const retryAfterValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.stringMatching(/^\s?[0-9]{1,25}\s?$/),
  fc.integer().map(String),
  fc.double().map(String),
  dateMs.map(imfDate),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '1.5',
    '1e3',
    'Infinity',
    'NaN',
    '0x10',
    'soon',
    '٣',
    'Wed, 31 Feb 2026 07:28:00 GMT',
    'Wed, 21 Oct 2026 24:00:00 GMT',
    'Wednesday, 21-Oct-26 07:28:00 GMT',
    'Wed Oct 21 07:28:00 2026',
    '99999999999999999999999999',
  ),
);
const anyNow = fc.oneof(
  fc.constant(NOW),
  fc.integer({ min: 0, max: 253_402_300_799_000 }),
  fc.double(),
);

describe('parseRetryAfter for any input', () => {
  it('returns undefined or a number of ms in [0, MAX_SAFE_INTEGER], whole when now is', () => {
    fc.assert(
      fc.property(fc.oneof(retryAfterValue, fc.constant(null)), anyNow, (value, now) => {
        const ms = parseRetryAfter(value, now);
        if (ms === undefined) return;
        expect(Number.isFinite(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
        if (Number.isInteger(now)) expect(Number.isInteger(ms)).toBe(true);
      }),
      runs(1000),
    );
  });

  it('reads delta-seconds exactly, capped at MAX_SAFE_INTEGER', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 25n }), (n) => {
        const expected = Math.min(Number(n) * 1000, Number.MAX_SAFE_INTEGER);
        expect(parseRetryAfter(String(n), NOW)).toBe(expected);
      }),
      RUNS,
    );
  });

  it('reads an HTTP-date as the time left until then, never negative', () => {
    fc.assert(
      fc.property(dateMs, anyNow.filter(Number.isFinite), (at, now) => {
        const expected = Math.min(Math.max(0, at - now), Number.MAX_SAFE_INTEGER);
        expect(parseRetryAfter(imfDate(at), now)).toBe(expected);
      }),
      RUNS,
    );
  });
});

const anyNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -10, max: 100 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
);

describe('backoffDelay for any input', () => {
  it('is a whole number in [0, maxDelayMs] (0 when maxDelayMs is not a number >= 0)', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, anyNumber, anyNumber, (attempt, base, max, r) => {
        const delay = backoffDelay(attempt, { baseDelayMs: base, maxDelayMs: max }, () => r);
        const ceiling = Number.isNaN(max) ? 0 : Math.min(Math.max(0, max), Number.MAX_SAFE_INTEGER);
        expect(Number.isFinite(delay)).toBe(true);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
      runs(1000),
    );
  });

  it('never exceeds baseDelayMs * 2^(attempt-1) for sane options', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, base, max, r) => {
          const delay = backoffDelay(attempt, { baseDelayMs: base, maxDelayMs: max }, () => r);
          expect(delay).toBeLessThanOrEqual(Math.min(max, base * 2 ** (attempt - 1)));
        },
      ),
      RUNS,
    );
  });
});

function isHeaderValue(value: string): boolean {
  try {
    new Headers({ 'retry-after': value });
    return true;
  } catch {
    return false;
  }
}

describe('the transport under any Retry-After', () => {
  it('never sleeps longer than maxRetryAfterMs, and stops after maxRetries', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Only what a server can actually put in a header (fetch refuses the rest).
        fc.array(retryAfterValue.filter(isHeaderValue), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.constantFrom(429, 503),
        async (values, maxRetries, maxRetryAfterMs, baseDelayMs, status) => {
          const maxDelayMs = Math.min(maxRetryAfterMs, 10_000);
          let call = 0;
          const fetch = observedFetch(() => {
            const value = values[call++ % values.length] ?? '';
            return new Response('{}', { status, headers: { 'retry-after': value } });
          });
          const clock = testClock({ now: NOW });
          const transport = createTransport({
            token: TOKEN,
            fetch,
            clock,
            random: () => 0.999,
            timeoutMs: 0,
            retry: { maxRetries, baseDelayMs, maxDelayMs, maxRetryAfterMs },
            // The retry policy alone: a governed 429 has its own budget (rate-limit.test.ts).
            rateLimit: false,
          }).fetch;
          const response = await transport(`${API}/organization_memberships`);
          expect(response.status).toBe(status);
          expect(fetch.calls.length).toBeLessThanOrEqual(maxRetries + 1);
          expect(clock.sleeps).toHaveLength(fetch.calls.length - 1);
          for (const ms of clock.sleeps) {
            expect(ms).toBeGreaterThanOrEqual(0);
            expect(ms).toBeLessThanOrEqual(maxRetryAfterMs);
          }
        },
      ),
      RUNS,
    );
  });
});
