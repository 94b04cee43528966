/**
 * The server's own time, as its answers state it (the `Date` header of each response), beside
 * the client's time when each was received. `createMany` bounds a read-back with it, so finding
 * what a lost request created never depends on the two clocks agreeing: the API stamps
 * creation times with its clock, and the bound is taken from the same clock.
 *
 * A `Date` has whole seconds; a browser hides it from a cross-origin page unless the server
 * exposes it (`Access-Control-Expose-Headers`). Without any reading, callers fall back to
 * their own clock.
 */
import { parseHttpDate } from './http-date.js';

/** One `Date` seen: the server's time it names, and the client's time it arrived (both ms). */
export interface ServerTimeReading {
  server: number;
  local: number;
}

/** The server times seen by one client: the first and the latest. */
export interface ServerTime {
  /** Records the `Date` header (or its absence) of an answer received at client time `local`. */
  saw(date: string | null, local: number): void;
  /** The first reading, or undefined before any. */
  first(): ServerTimeReading | undefined;
  /** Whether any answer came at all, with a `Date` or without. */
  answered(): boolean;
  /** The reading with the latest server time so far, or undefined before any. */
  latest(): ServerTimeReading | undefined;
}

/**
 * A tracker of the first and the latest server time: an answer that was overtaken by a later
 * one (concurrent requests) never moves the latest back.
 *
 * @example
 * const time = createServerTime();
 * time.saw(response.headers.get('date'), clock.now());
 * time.latest()?.server; // the server's time of the newest answer
 */
export function createServerTime(): ServerTime {
  let first: ServerTimeReading | undefined;
  let latest: ServerTimeReading | undefined;
  let answered = false;
  return {
    saw(date, local) {
      answered = true;
      if (date === null) return;
      const server = parseHttpDate(date.trim(), local);
      if (server === undefined) return;
      first ??= { server, local };
      if (latest === undefined || server >= latest.server) latest = { server, local };
    },
    first: () => first,
    latest: () => latest,
    answered: () => answered,
  };
}

/**
 * The earliest server time at which a request sent at client time `sentLocal` can have been
 * processed, from the readings around it, or undefined when no answer stated a time:
 * - `before`, the latest reading when it was sent: the server answered that before it
 *   received the request, so nothing the request did is older;
 * - otherwise `after`, the first reading taken since (there was none before): its server
 *   time less the client time that passed since the request was sent. A server clock that
 *   runs slower than ours only widens the bound; one that jumps ahead (a test double that
 *   ticks once per write) is met by the allowance the caller subtracts.
 *
 * @example
 * serverTimeAtSend({ local: sentAt, before }, time.first()); // ms, or undefined
 */
export function serverTimeAtSend(
  sent: { local: number; before: ServerTimeReading | undefined },
  after: ServerTimeReading | undefined,
): number | undefined {
  if (sent.before !== undefined) return sent.before.server;
  if (after === undefined) return undefined;
  return after.server - Math.max(0, after.local - sent.local);
}
