import { describe, expect, it, vi } from 'vitest';
import { measureSides, type Side, sideRows, withGlobalFetch } from '../lib/sides.js';

/** A side that records when it ran and handles `handled` objects. */
function recorder(name: string, log: string[], handled = 3): Side {
  return {
    name,
    run: async () => {
      log.push(name);
      return handled;
    },
  };
}

describe('measureSides', () => {
  it('rotates the order every run, so no side always follows the same other one', async () => {
    const log: string[] = [];
    const sides = ['a', 'b', 'c'].map((name) => recorder(name, log));
    await measureSides(sides, { runs: 3, warmups: 0, expected: 3 });
    expect(log).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
  });

  it('keeps one sample per side and timed run, warm-ups left out, in the order of the sides', async () => {
    const log: string[] = [];
    const sides = [recorder('a', log), recorder('b', log)];
    const samples = await measureSides(sides, { runs: 4, warmups: 2, expected: 3 });
    expect(log).toHaveLength(12);
    expect(samples.map((s) => s.length)).toEqual([4, 4]);
    for (const ms of samples.flat()) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('times each run separately', async () => {
    // Time is injected (performance.now), so that no pause of a busy machine shows up here.
    let now = 1_000;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => now);
    try {
      const slow: Side = {
        name: 'slow',
        run: async () => {
          now += 30;
          return 1;
        },
      };
      const fast: Side = {
        name: 'fast',
        run: async () => {
          now += 2;
          return 1;
        },
      };
      const samples = await measureSides([slow, fast], { runs: 2, warmups: 1, expected: 1 });
      expect(samples).toEqual([
        [30, 30],
        [2, 2],
      ]);
    } finally {
      clock.mockRestore();
    }
  });

  it('stops the benchmark when a side handles the wrong number of objects', async () => {
    const sides = [recorder('right', []), recorder('short', [], 2)];
    await expect(measureSides(sides, { runs: 1, warmups: 0, expected: 3 })).rejects.toThrow(
      'short: handled 2, expected 3',
    );
  });
});

describe('sideRows', () => {
  it('makes the first side the baseline and pairs every other with it', () => {
    const sides: Side[] = [
      { name: 'plain', run: async () => 0 },
      { name: 'helper', run: async () => 0, goal: 1.1 },
    ];
    const rows = sideRows('S', sides, [
      [10, 20, 30],
      [11, 21, 36],
    ]);
    expect(rows[0]).toMatchObject({ name: 'plain', figure: '20 ms', baseline: '', ratio: 1 });
    expect(rows[1]).toMatchObject({
      name: 'helper',
      figure: '21 ms',
      baseline: '20 ms',
      goal: '≤ 1.10×',
      verdict: 'met',
    });
    // Per-run ratios 1.1, 1.05 and 1.2: their median, not 21 / 20.
    expect(rows[1]?.ratio).toBeCloseTo(1.1, 10);
    expect(rows[1]?.spread?.[0]).toBeCloseTo(1.075, 10);
    expect(rows[1]?.spread?.[1]).toBeCloseTo(1.15, 10);
  });
});

describe('withGlobalFetch', () => {
  it('routes the global fetch to the stub while the work runs', async () => {
    const stub = (async () => new Response('stubbed')) as typeof fetch;
    const text = await withGlobalFetch(stub, async () => (await fetch('https://x.test/')).text());
    expect(text).toBe('stubbed');
  });

  it('puts the platform fetch back, even when the work throws', async () => {
    const platform = globalThis.fetch;
    const stub = (async () => new Response('')) as typeof fetch;
    await expect(
      withGlobalFetch(stub, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(globalThis.fetch).toBe(platform);
  });
});
