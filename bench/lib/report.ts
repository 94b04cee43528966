/**
 * One row of the benchmark table. Every figure is compared with a baseline measured in the
 * same run, so the ratio, not the absolute figure, is what carries from machine to machine.
 */
export interface Row {
  section: string;
  name: string;
  /** The measured figure, with its unit. */
  figure: string;
  /** The baseline it is compared with, with its unit ('' when there is none). */
  baseline: string;
  /** figure ÷ baseline in "cost" terms (time, bytes, heap): below 1 is better. */
  ratio: number | undefined;
  /** Interquartile range of the ratio over paired runs, when the section measured one. */
  spread?: readonly [number, number];
  /** The figure's time in ms, unrounded, for rows that time something (read by the findings). */
  ms?: number;
  /** The goal in words, e.g. `≤ 1.15×`. */
  goal: string;
  verdict: 'met' | 'missed' | 'info';
}

/** What a section hands back: its rows and anything a reader should know about them. */
export interface SectionResult {
  rows: Row[];
  notes: string[];
}

/**
 * A row whose verdict follows from `ratio ≤ maxRatio` (no `maxRatio`: an informative row).
 *
 * @example
 * row('Per-call', 'list helper (GET)', '41k ops/s', '45k ops/s', 1.09, 1.15);
 */
export function row(
  section: string,
  name: string,
  figure: string,
  baseline: string,
  ratio: number | undefined,
  maxRatio?: number,
  goal?: string,
): Row {
  const met = maxRatio === undefined || ratio === undefined ? undefined : ratio <= maxRatio;
  return {
    section,
    name,
    figure,
    baseline,
    ratio,
    goal: goal ?? (maxRatio === undefined ? '' : `≤ ${maxRatio.toFixed(2)}×`),
    verdict: met === undefined ? 'info' : met ? 'met' : 'missed',
  };
}

/**
 * A row whose verdict is given rather than read from a ratio (`met` undefined: informative).
 *
 * @example
 * verdictRow('9. Codebase', 'public API', 'unchanged', 'unchanged', true);
 */
export function verdictRow(
  section: string,
  name: string,
  figure: string,
  goal: string,
  met: boolean | undefined,
  baseline = '',
): Row {
  return {
    section,
    name,
    figure,
    baseline,
    ratio: undefined,
    goal,
    verdict: met === undefined ? 'info' : met ? 'met' : 'missed',
  };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The `q`-quantile (0…1) of a non-empty list, interpolated between neighbours. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/** Ratios of runs taken side by side: their median and interquartile range. */
export interface PairedRatio {
  median: number;
  spread: readonly [number, number];
}

/**
 * Compares two series run in alternating pairs (`mine[i]` beside `base[i]`): the median of
 * the per-pair ratios is steadier than a ratio of medians when the machine drifts.
 *
 * @example
 * pairedRatio([110, 96, 104], [100, 90, 99]); // { median: 1.07, spread: [1.06, 1.08] }
 */
export function pairedRatio(mine: readonly number[], base: readonly number[]): PairedRatio {
  if (mine.length !== base.length || mine.length === 0) {
    throw new Error(`paired series differ in length (${mine.length} vs ${base.length})`);
  }
  const ratios = mine.map((value, i) => value / base[i]!);
  return { median: median(ratios), spread: [quantile(ratios, 0.25), quantile(ratios, 0.75)] };
}

/** `row` whose ratio is a paired ratio, its spread shown beside it. */
export function pairedRow(
  section: string,
  name: string,
  figure: string,
  baseline: string,
  paired: PairedRatio,
  maxRatio?: number,
): Row {
  return {
    ...row(section, name, figure, baseline, paired.median, maxRatio),
    spread: paired.spread,
  };
}

export const fmt = {
  ops: (perSecond: number) =>
    perSecond >= 1000 ? `${(perSecond / 1000).toFixed(1)}k ops/s` : `${perSecond.toFixed(0)} ops/s`,
  ms: (ms: number) =>
    ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`,
  mb: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`,
  kb: (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`,
  ratio: (ratio: number | undefined, spread?: readonly [number, number]) =>
    ratio === undefined
      ? ''
      : `${ratio.toFixed(2)}×${spread ? ` (${spread[0].toFixed(2)}–${spread[1].toFixed(2)})` : ''}`,
  count: (n: number) => n.toLocaleString('en-US'),
};
