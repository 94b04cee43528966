/**
 * The ledger of a `createMany` job: the one outcome of each input, the objects already tied
 * to an input (so reading back never ties one object to two inputs), and progress.
 */
import type { KantataApiError } from '../errors/classes.js';
import { KantataNotSentError, KantataUnknownOutcomeError } from '../errors/classes.js';
import type { CreateManyProgress, CreateManyResult, Failed, FailureErrors } from './types.js';

type Item = Record<string, unknown>;

/** One input of the job: its position and fields. */
export interface Entry {
  index: number;
  input: Item;
}

/** Inputs of one lost answer waiting out the server timeout, as progress reports them. */
export interface Waiting {
  /** The time (client clock, ms) of the next read-back of these inputs. */
  nextCheckAt(at: number): void;
  /** Stops counting them as waiting (each is settled, or about to be sent again). */
  end(): void;
}

/** Records outcomes; each input must be recorded once. */
export interface Outcomes {
  /** Ids of the objects tied to an input so far. */
  readonly claimed: ReadonlySet<string>;
  /** Counts `entries` as waiting (those not yet settled) until `end()`. */
  waiting(entries: readonly Entry[]): Waiting;
  created(entries: readonly { entry: Entry; id: string; object: Item }[], confirmed: boolean): void;
  invalid(entry: Entry, error: KantataApiError): void;
  rejected(entries: readonly Entry[], error: KantataApiError): void;
  notSent(entries: readonly Entry[], why: string, cause: unknown): void;
  unknown(entries: readonly Entry[], failure: unknown, readBackCause: unknown): void;
  /** The result in input order, and the first error `onProgress` threw, if it threw. */
  finish(): { result: CreateManyResult<Item, Item>; progressError?: { thrown: unknown } };
}

/**
 * A ledger for `total` inputs that tells `onProgress` after each step.
 *
 * @example
 * const outcomes = createOutcomes(inputs.length, options.onProgress);
 */
export function createOutcomes(
  total: number,
  onProgress: ((progress: CreateManyProgress) => void) | undefined,
): Outcomes {
  const result: CreateManyResult<Item, Item> = { created: [], failed: [] };
  const claimed = new Set<string>();
  const settled = new Uint8Array(total);
  const waits = new Set<{ entries: readonly Entry[]; at: number | undefined }>();
  let progressError: { thrown: unknown } | undefined;
  const report = () => {
    if (!onProgress) return;
    const { created, failed } = result;
    const done = created.length + failed.length;
    let waiting = 0;
    let nextCheckAt: number | undefined;
    for (const wait of waits) {
      const count = wait.entries.reduce((n, { index }) => n + (settled[index] ? 0 : 1), 0);
      if (count === 0) continue;
      waiting += count;
      if (wait.at !== undefined && (nextCheckAt === undefined || wait.at < nextCheckAt)) {
        nextCheckAt = wait.at;
      }
    }
    try {
      onProgress({
        done,
        total,
        created: created.length,
        failed: failed.length,
        waiting,
        nextCheckAt,
      });
    } catch (error) {
      // Stopping here would leave inputs in flight unaccounted for; it is thrown at the end.
      progressError ??= { thrown: error };
    }
  };
  const fail = <R extends keyof FailureErrors>(
    entries: readonly Entry[],
    reason: R,
    error: FailureErrors[R],
  ) => {
    if (entries.length === 0) return;
    for (const { index, input } of entries) {
      settled[index] = 1;
      result.failed.push({ index, input, reason, error } as Failed<Item>);
    }
    report();
  };
  return {
    claimed,
    created(entries, confirmed) {
      if (entries.length === 0) return;
      for (const { entry, id, object } of entries) {
        settled[entry.index] = 1;
        claimed.add(id);
        result.created.push({ index: entry.index, object, confirmed });
      }
      report();
    },
    waiting(entries) {
      const wait = { entries, at: undefined as number | undefined };
      waits.add(wait);
      return {
        nextCheckAt(at) {
          wait.at = at;
          report();
        },
        end: () => waits.delete(wait),
      };
    },
    invalid: (entry, error) => fail([entry], 'invalid', error),
    rejected: (entries, error) => fail(entries, 'rejected', error),
    notSent: (entries, why, cause) =>
      fail(entries, 'not_sent', new KantataNotSentError(`Not created: ${why}`, cause)),
    unknown: (entries, failure, readBackCause) =>
      fail(
        entries,
        'unknown',
        new KantataUnknownOutcomeError(
          `May or may not have been created: its request failed (${describe(failure)}) and reading back did not decide (${describe(readBackCause)})`,
          failure,
          readBackCause,
        ),
      ),
    finish() {
      result.created.sort((a, b) => a.index - b.index);
      result.failed.sort((a, b) => a.index - b.index);
      return { result, progressError };
    },
  };
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
