/**
 * Reconciliation of what the client reported against what the fake server stored, and the
 * table of counts the chaos run prints.
 */

/** How a listAll run compares with the ids the server holds. */
export interface ListTally {
  expected: number;
  yielded: number;
  duplicates: number;
  losses: number;
  /** Yielded ids the server does not hold. */
  unknown: number;
}

/**
 * Compares the ids a listAll yielded with the ids the server holds.
 *
 * @example
 * tallyList(['1', '2', '2'], ['1', '2', '3']); // { duplicates: 1, losses: 1, ... }
 */
export function tallyList(yielded: readonly string[], stored: readonly string[]): ListTally {
  const seen = new Map<string, number>();
  for (const id of yielded) seen.set(id, (seen.get(id) ?? 0) + 1);
  const storedSet = new Set(stored);
  let duplicates = 0;
  let unknown = 0;
  for (const [id, n] of seen) {
    duplicates += n - 1;
    if (!storedSet.has(id)) unknown += 1;
  }
  const losses = stored.filter((id) => !seen.has(id)).length;
  return { expected: stored.length, yielded: yielded.length, duplicates, losses, unknown };
}

/** How a createMany run compares with what the server stored. */
export interface CreateTally {
  inputs: number;
  created: number;
  failed: number;
  /** Reported failed, yet stored once: the answer was lost after the server processed it. */
  ambiguous: number;
  /** Inputs stored more than once (each extra copy counts). */
  duplicates: number;
  /** Inputs reported created but not stored, or reported neither created nor failed. */
  losses: number;
  /** Inputs reported both created and failed, or more than once. */
  doubleReported: number;
  /** Created objects whose id or fields do not match the stored object of their input. */
  mismatched: number;
}

/**
 * Checks every input: reported exactly once (created or failed), never stored twice,
 * stored exactly once when reported created.
 *
 * @example
 * tallyCreate(1000, result, (i) => storedCountOf(i), (i, object) => object.member_id === ...);
 */
export function tallyCreate(
  inputs: number,
  result: { created: readonly { index: number }[]; failed: readonly { index: number }[] },
  storedCount: (index: number) => number,
  matches: (index: number, createdEntry: { index: number }) => boolean,
): CreateTally {
  const reports = new Map<number, number>();
  for (const entry of [...result.created, ...result.failed]) {
    reports.set(entry.index, (reports.get(entry.index) ?? 0) + 1);
  }
  const created = new Set(result.created.map((entry) => entry.index));
  const failed = new Set(result.failed.map((entry) => entry.index));
  const tally: CreateTally = {
    inputs,
    created: created.size,
    failed: failed.size,
    ambiguous: 0,
    duplicates: 0,
    losses: 0,
    doubleReported: 0,
    mismatched: 0,
  };
  for (let index = 0; index < inputs; index++) {
    const stored = storedCount(index);
    const reported = reports.get(index) ?? 0;
    if (stored > 1) tally.duplicates += stored - 1;
    if (reported > 1) tally.doubleReported += 1;
    if (reported === 0) tally.losses += 1;
    else if (created.has(index) && stored === 0) tally.losses += 1;
    else if (failed.has(index) && !created.has(index) && stored === 1) tally.ambiguous += 1;
  }
  for (const entry of result.created) if (!matches(entry.index, entry)) tally.mismatched += 1;
  return tally;
}

/** Formats rows of `[label, value]` as an aligned two-column table. */
export function formatTable(title: string, rows: readonly (readonly [string, number | string])[]) {
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(
    ([label, value]) => `  ${label.padEnd(width)}  ${String(value).padStart(6)}`,
  );
  return [`${title}`, ...lines].join('\n');
}
