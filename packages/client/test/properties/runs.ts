/** How many cases a property runs: fewer under mutation testing, where every mutant re-runs them. */
const SCALE = process.env.KANTATA_MUTATION ? 0.1 : 1;

/**
 * fast-check options for about `n` runs (at least 10).
 *
 * @example
 * fc.assert(fc.property(fc.integer(), (n) => ...), runs(300));
 */
export const runs = (n: number) => ({ numRuns: Math.max(10, Math.round(n * SCALE)) });
