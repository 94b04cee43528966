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

/** What `createMany` reported, as far as the reconciliation needs it. */
export interface ReportedOutcomes {
  created: readonly { index: number; object: { id: string }; confirmed: boolean }[];
  failed: readonly { index: number; reason: string }[];
}

/** How a createMany run compares with what the server stored, input by input. */
export interface CreateTally {
  inputs: number;
  /** Inputs the API accepts (the rest are invalid on purpose). */
  valid: number;
  created: number;
  /** Of `created`: found by reading back after the answer was lost or refused. */
  confirmed: number;
  /** Failed inputs, by reason. */
  failed: Record<string, number>;
  /** Extra stored copies of an input (an input stored twice counts 1). */
  duplicates: number;
  /** Inputs reported neither created nor failed, or reported created but not stored. */
  losses: number;
  /** Inputs reported failed as surely not created (any reason but `unknown`) that are stored. */
  misreported: number;
  /** Inputs reported more than once. */
  doubleReported: number;
  /** Created entries whose object is not the one stored for their input. */
  mismatched: number;
  /** Valid inputs not stored exactly once. */
  validNotStoredOnce: number;
  /** Invalid inputs stored, or not reported failed `invalid`. */
  invalidMisreported: number;
}

/**
 * Checks every input against what the server stored: reported exactly once, never stored
 * twice, stored when reported created (with that object), not stored when reported surely not
 * created. `storedIds(i)` lists the ids the server holds for input `i`.
 *
 * @example
 * reconcileCreate(inputs.length, result, (i) => storedIds(i), (i) => !invalid.has(i));
 */
export function reconcileCreate(
  inputs: number,
  result: ReportedOutcomes,
  storedIds: (index: number) => readonly string[],
  isValid: (index: number) => boolean,
): CreateTally {
  const reports = new Map<number, number>();
  for (const entry of [...result.created, ...result.failed]) {
    reports.set(entry.index, (reports.get(entry.index) ?? 0) + 1);
  }
  const created = new Map(result.created.map((entry) => [entry.index, entry]));
  const failed = new Map(result.failed.map((entry) => [entry.index, entry]));
  const tally: CreateTally = {
    inputs,
    valid: 0,
    created: result.created.length,
    confirmed: result.created.filter((entry) => entry.confirmed).length,
    failed: {},
    duplicates: 0,
    losses: 0,
    misreported: 0,
    doubleReported: 0,
    mismatched: 0,
    validNotStoredOnce: 0,
    invalidMisreported: 0,
  };
  for (const entry of result.failed) {
    tally.failed[entry.reason] = (tally.failed[entry.reason] ?? 0) + 1;
  }
  for (let index = 0; index < inputs; index++) {
    const stored = storedIds(index);
    const reported = reports.get(index) ?? 0;
    const reason = failed.get(index)?.reason;
    const object = created.get(index)?.object;
    if (stored.length > 1) tally.duplicates += stored.length - 1;
    if (reported > 1) tally.doubleReported += 1;
    if (reported === 0 || (object && stored.length === 0)) tally.losses += 1;
    if (reason !== undefined && reason !== 'unknown' && stored.length > 0) tally.misreported += 1;
    if (object && stored.length > 0 && !stored.includes(object.id)) tally.mismatched += 1;
    if (isValid(index)) {
      tally.valid += 1;
      if (stored.length !== 1) tally.validNotStoredOnce += 1;
    } else if (stored.length > 0 || reason !== 'invalid') tally.invalidMisreported += 1;
  }
  return tally;
}

/** A table row: a label and one value per column. */
export type TableRow = readonly [string, ...(number | string)[]];

/**
 * Formats rows of `[label, value, ...]` as an aligned table, with column headers when given.
 *
 * @example
 * formatTable('chaos', [['inputs', 1000, 1000]], ['atomic', 'partial']);
 */
export function formatTable(
  title: string,
  rows: readonly TableRow[],
  headers: readonly string[] = [],
) {
  const all: TableRow[] = headers.length > 0 ? [['', ...headers], ...rows] : [...rows];
  const width = Math.max(...all.map(([label]) => label.length));
  const columns = Math.max(...all.map((row) => row.length - 1));
  const valueWidth = Array.from({ length: columns }, (_, c) =>
    Math.max(6, ...all.map((row) => String(row[c + 1] ?? '').length)),
  );
  const lines = all.map(
    ([label, ...values]) =>
      `  ${label.padEnd(width)}${values.map((v, c) => `  ${String(v).padStart(valueWidth[c] ?? 6)}`).join('')}`,
  );
  return [`${title}`, ...lines].join('\n');
}
