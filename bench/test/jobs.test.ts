import { describe, expect, it } from 'vitest';
import { type JobRun, type JobSide, jobRows, measureJob } from '../lib/jobs.js';
import { countingFetch } from '../lib/limits.js';

const SECTION = '8. At the limits';
const goals = { for: 'helper', ratio: 1.1, throttledShare: 0.05, failed: 0 };
const limit = { limitName: 'job: physical limit', limitMs: 1_000, requests: 50, goals };
const run = (ms: number, requests: number, throttled: number, failed = 0): JobRun => ({
  ms,
  wire: { requests, throttled },
  failed,
});

describe('measureJob', () => {
  it('rotates the sides, counts each run’s requests apart, and keeps runs by side', async () => {
    const order: string[] = [];
    const wire = countingFetch(async () => new Response(null, { status: 429 }));
    const side = (name: string, calls: number): JobSide => ({
      name,
      run: async () => {
        order.push(name);
        for (let i = 0; i < calls; i++) await wire.fetch('http://127.0.0.1/');
        return { failed: calls };
      },
    });
    const runs = await measureJob([side('a', 1), side('b', 2)], wire, { runs: 2, quietMs: 0 });
    expect(order).toEqual(['a', 'b', 'b', 'a']);
    expect(runs[1]!.map((r) => [r.wire, r.failed])).toEqual([
      [{ requests: 2, throttled: 2 }, 2],
      [{ requests: 2, throttled: 2 }, 2],
    ]);
  });
});

describe('jobRows', () => {
  const sides: JobSide[] = [
    { name: 'by hand', run: async () => ({ failed: 0 }) },
    { name: 'helper', run: async () => ({ failed: 0 }) },
  ];

  it('judges the helper on time, 429s and failures, and only informs about the others', () => {
    const rows = jobRows(SECTION, sides, [[run(1_500, 60, 10)], [run(1_050, 52, 2)]], limit);
    expect(rows.map((r) => [r.name, r.figure, r.goal, r.verdict])).toEqual([
      ['job: physical limit', '1000 ms', '', 'info'],
      ['by hand', '1500 ms', '', 'info'],
      ['by hand: requests answered 429', '10 of 60 (16.7%; by run 10)', '', 'info'],
      ['by hand: inputs failed', '0', '', 'info'],
      ['helper', '1050 ms', '≤ 1.10×', 'met'],
      ['helper: requests answered 429', '2 of 52 (3.8%; by run 2)', '≤ 5%', 'met'],
      ['helper: inputs failed', '0', '0', 'met'],
    ]);
    expect(rows[4]!.ratio).toBeCloseTo(1.05);
  });

  it('misses each goal on its own: the median time, the pooled 429 share, any failure', () => {
    const runs = [run(1_200, 50, 1), run(1_000, 50, 5, 1), run(1_300, 50, 0)];
    const rows = jobRows(SECTION, sides, [runs, runs], limit).slice(-3);
    expect(rows.map((r) => [r.figure, r.verdict])).toEqual([
      ['1200 ms', 'missed'],
      ['6 of 150 (4.0%; by run 1, 5, 0)', 'met'],
      ['1', 'missed'],
    ]);
  });
});
