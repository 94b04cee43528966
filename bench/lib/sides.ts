/**
 * Side-by-side timing: several ways of doing the same work, run in turn in one process, the
 * order rotated every run so that drift and warm caches hit every side alike. Each side is
 * compared with the first through the per-run ratios (see `pairedRatio`).
 */
import { fmt, median, pairedRatio, pairedRow, type Row, row } from './report.js';

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** One way of doing the work; resolves to how many objects it handled (checked). */
export interface Side {
  name: string;
  run: () => Promise<number>;
  /** A goal for the ratio against the first side. */
  goal?: number;
}

export interface MeasureOptions {
  runs: number;
  warmups: number;
  /** What every run must resolve to; anything else aborts the benchmark. */
  expected: number;
}

/**
 * Times every side `warmups + runs` times in rotating order and returns the timed samples
 * (ms) of each side, in the order of `sides`; sample `i` of every side is from run `i`.
 *
 * @example
 * const [plain, helper] = await measureSides([plainSide, helperSide], { runs: 21, warmups: 3, expected: 10_000 });
 */
export async function measureSides(
  sides: readonly Side[],
  options: MeasureOptions,
): Promise<number[][]> {
  const samples = sides.map((): number[] => []);
  for (let run = 0; run < options.warmups + options.runs; run++) {
    for (let i = 0; i < sides.length; i++) {
      const index = (i + run) % sides.length;
      const side = sides[index]!;
      // Start every run on a collected heap (\`pnpm bench\` runs Node with --expose-gc), so
      // no side pays for the garbage the side before it left.
      collectGarbage?.();
      const started = performance.now();
      const handled = await side.run();
      const ms = performance.now() - started;
      if (handled !== options.expected) {
        throw new Error(`${side.name}: handled ${handled}, expected ${options.expected}`);
      }
      if (run >= options.warmups) samples[index]!.push(ms);
    }
  }
  return samples;
}

/**
 * Rows for measured sides: the first is the baseline (its median, ratio 1), every other
 * shows its median and the paired ratio to the first, with its goal when it has one.
 */
export function sideRows(
  section: string,
  sides: readonly Side[],
  samples: readonly number[][],
  figure: (ms: number) => string = fmt.ms,
): Row[] {
  const base = samples[0]!;
  const baseline = figure(median(base));
  return sides.map((side, i) => {
    const ms = median(samples[i]!);
    const r =
      i === 0
        ? row(section, side.name, baseline, '', 1)
        : pairedRow(
            section,
            side.name,
            figure(ms),
            baseline,
            pairedRatio(samples[i]!, base),
            side.goal,
          );
    return { ...r, ms };
  });
}

/**
 * Runs `work` with `globalThis.fetch` replaced by `stub`, restoring it afterwards. A client
 * created without a `fetch` option then takes the same path as with the platform's fetch
 * (a URL and an init, no Request built for an injected fetch), only without the network.
 *
 * @example
 * const samples = await withGlobalFetch(stub, () => measureSides(sides, options));
 */
export async function withGlobalFetch<T>(stub: typeof fetch, work: () => Promise<T>): Promise<T> {
  const platform = globalThis.fetch;
  globalThis.fetch = stub;
  try {
    return await work();
  } finally {
    globalThis.fetch = platform;
  }
}
