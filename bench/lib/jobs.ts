/**
 * Jobs timed end to end (section 8): each side runs a whole job a few times in rotating
 * order, after a quiet spell that lets the server's bucket fill again, and is reported with
 * its wall time against the job's physical limit, the 429s it met and the inputs it failed.
 */
import type { countingFetch, WireCounts } from './limits.js';
import { fmt, median, type Row, row, verdictRow } from './report.js';

/** One way of doing a job; resolves to how many of its inputs failed. */
export interface JobSide {
  name: string;
  run: () => Promise<{ failed: number }>;
}

/** One timed run of a side. */
export interface JobRun {
  ms: number;
  wire: WireCounts;
  failed: number;
}

/**
 * Runs every side `runs` times in rotating order, each run after `quietMs` without requests,
 * counting what each run sent and met on the wire. Runs of side `i` are in `result[i]`.
 *
 * @example
 * const runs = await measureJob(sides, wire, { runs: 3, quietMs: refillMs(limit) });
 */
export async function measureJob(
  sides: readonly JobSide[],
  wire: ReturnType<typeof countingFetch>,
  options: { runs: number; quietMs: number },
): Promise<JobRun[][]> {
  const runs = sides.map((): JobRun[] => []);
  for (let round = 0; round < options.runs; round++) {
    for (let i = 0; i < sides.length; i++) {
      const index = (i + round) % sides.length;
      await new Promise((resolve) => setTimeout(resolve, options.quietMs));
      wire.take();
      const started = performance.now();
      const { failed } = await sides[index]!.run();
      runs[index]!.push({ ms: performance.now() - started, wire: wire.take(), failed });
    }
  }
  return runs;
}

/** What a job's rows are measured against. */
export interface JobLimit {
  limitName: string;
  limitMs: number;
  /** Requests the job needs at the least. */
  requests: number;
  /** The goals, and the side they are for (the others are informative). */
  goals: { for: string; ratio: number; throttledShare: number; failed: number };
}

/**
 * The rows of a job: its physical limit, then per side its median time against the limit,
 * the 429s among its requests and its failed inputs (totals over the runs).
 *
 * @example
 * jobRows('8. At the limits', sides, runs, { limitName: 'export: physical limit', limitMs: 4600, requests: 50, goals });
 */
export function jobRows(
  section: string,
  sides: readonly JobSide[],
  runs: readonly JobRun[][],
  limit: JobLimit,
): Row[] {
  const { goals } = limit;
  const out: Row[] = [
    row(section, limit.limitName, fmt.ms(limit.limitMs), `${limit.requests} requests`, 1),
  ];
  sides.forEach((side, i) => {
    const sideRuns = runs[i]!;
    const ms = median(sideRuns.map((r) => r.ms));
    const requests = sideRuns.reduce((n, r) => n + r.wire.requests, 0);
    const throttled = sideRuns.reduce((n, r) => n + r.wire.throttled, 0);
    const failed = sideRuns.reduce((n, r) => n + r.failed, 0);
    const judged = side.name === goals.for;
    const ratio = ms / limit.limitMs;
    out.push({
      ...row(
        section,
        side.name,
        fmt.ms(ms),
        fmt.ms(limit.limitMs),
        ratio,
        judged ? goals.ratio : undefined,
      ),
      ms,
    });
    const share = requests === 0 ? 0 : throttled / requests;
    const byRun = sideRuns.map((r) => r.wire.throttled).join(', ');
    out.push(
      verdictRow(
        section,
        `${side.name}: requests answered 429`,
        `${throttled} of ${requests} (${(share * 100).toFixed(1)}%; by run ${byRun})`,
        judged ? `≤ ${goals.throttledShare * 100}%` : '',
        judged ? share <= goals.throttledShare : undefined,
      ),
      verdictRow(
        section,
        `${side.name}: inputs failed`,
        fmt.count(failed),
        judged ? String(goals.failed) : '',
        judged ? failed <= goals.failed : undefined,
      ),
    );
  });
  return out;
}
