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

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const fmt = {
  ops: (perSecond: number) =>
    perSecond >= 1000 ? `${(perSecond / 1000).toFixed(1)}k ops/s` : `${perSecond.toFixed(0)} ops/s`,
  ms: (ms: number) =>
    ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`,
  mb: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`,
  kb: (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`,
  ratio: (ratio: number | undefined) => (ratio === undefined ? '' : `${ratio.toFixed(2)}×`),
  count: (n: number) => n.toLocaleString('en-US'),
};
