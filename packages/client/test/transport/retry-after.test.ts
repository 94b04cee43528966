/**
 * `Retry-After` values (src/transport/retry.ts `parseRetryAfter`, src/transport/http-date.ts): delta-seconds
 * and the three HTTP-date forms, everything else refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/transport/retry.js';
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

describe('the HTTP-date forms', () => {
  it.each([
    ['asctime with a GMT zone', 'Wed Oct 21 07:28:02 2026 GMT'],
    ['an IMF-fixdate with a year for a zone', 'Wed, 21 Oct 2026 07:28:05 2026'],
    ['an asctime date with GMT for a year', 'Wed Oct 21 07:28:02 GMT'],
    ['a month name that is not one', 'Wed, 21 Ocx 2026 07:28:05 GMT'],
    ['a month name made of two halves', 'Wed, 21 anF 2026 07:28:05 GMT'],
    ['a lowercase month', 'Wed, 21 oct 2026 07:28:05 GMT'],
    ['an RFC 850 date with a short day name', 'Wed, 21-Oct-26 07:28:10 GMT'],
    ['an RFC 850 date with a four-digit year', 'Wednesday, 21-Oct-2026 07:28:10 GMT'],
    ['a one-digit IMF day', 'Wed, 1 Oct 2026 07:28:05 GMT'],
  ])('refuses %s', (_label, value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it.each(['Monday', 'Tuesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])(
    'reads an RFC 850 date on a %s',
    (day) => {
      expect(parseRetryAfter(`${day}, 21-Oct-26 07:28:10 GMT`, NOW)).toBe(10_000);
    },
  );

  it('reads every month of an IMF-fixdate', () => {
    const months = [
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ];
    months.forEach((month, i) => {
      expect(parseRetryAfter(`Mon, 01 ${month} 2027 00:00:00 GMT`, NOW)).toBe(
        Date.UTC(2027, i, 1) - NOW,
      );
    });
  });
});
