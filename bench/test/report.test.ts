import { describe, expect, it } from 'vitest';
import { fmt, median, pairedRatio, pairedRow, quantile, row } from '../lib/report.js';

describe('quantile', () => {
  it('interpolates between neighbours', () => {
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(quantile([4, 1, 3, 2], 0.75)).toBe(3.25);
  });

  it('gives the extremes at 0 and 1', () => {
    expect(quantile([5, 9, 7], 0)).toBe(5);
    expect(quantile([5, 9, 7], 1)).toBe(9);
  });

  it('does not reorder the list it is given', () => {
    const values = [3, 1, 2];
    quantile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses an empty list', () => {
    expect(() => quantile([], 0.5)).toThrow('quantile of an empty list');
  });
});

describe('median', () => {
  it('takes the middle value of an odd list and the mean of the middle two of an even one', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([9, 1, 5, 3])).toBe(4);
  });
});

describe('pairedRatio', () => {
  it('compares each run with its partner, so drift that hits both sides cancels out', () => {
    // The machine slows down fourfold during the runs; the helper is always 10% slower.
    const base = [100, 200, 300, 400];
    const mine = base.map((ms) => ms * 1.1);
    const paired = pairedRatio(mine, base);
    expect(paired.median).toBeCloseTo(1.1, 10);
    expect(paired.spread[0]).toBeCloseTo(1.1, 10);
    expect(paired.spread[1]).toBeCloseTo(1.1, 10);
  });

  it('reports the interquartile range of the per-run ratios', () => {
    const paired = pairedRatio([10, 12, 14, 16, 18], [10, 10, 10, 10, 10]);
    expect(paired.median).toBeCloseTo(1.4, 10);
    expect(paired.spread[0]).toBeCloseTo(1.2, 10);
    expect(paired.spread[1]).toBeCloseTo(1.6, 10);
  });

  it('refuses series of different lengths or no runs at all', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow('paired series differ in length (2 vs 1)');
    expect(() => pairedRatio([], [])).toThrow('paired series differ in length (0 vs 0)');
  });
});

describe('rows', () => {
  it('meets a goal at the goal itself and misses it just above', () => {
    expect(row('S', 'a', '1 ms', '1 ms', 1.1, 1.1).verdict).toBe('met');
    expect(row('S', 'a', '1 ms', '1 ms', 1.1001, 1.1).verdict).toBe('missed');
    expect(row('S', 'a', '1 ms', '1 ms', 3).verdict).toBe('info');
  });

  it('carries the spread of a paired ratio and judges the goal by its median', () => {
    const r = pairedRow('S', 'a', '11 ms', '10 ms', { median: 1.08, spread: [1.02, 1.15] }, 1.1);
    expect(r).toMatchObject({ ratio: 1.08, spread: [1.02, 1.15], goal: '≤ 1.10×', verdict: 'met' });
  });

  it('prints a ratio with its interquartile range when it has one', () => {
    expect(fmt.ratio(1.084, [1.019, 1.151])).toBe('1.08× (1.02–1.15)');
    expect(fmt.ratio(1.084)).toBe('1.08×');
    expect(fmt.ratio(undefined)).toBe('');
  });
});
