/**
 * The rate governor: how fast one client sends, shared by every request it makes. Pure
 * decision logic: every method takes the time (`now`, in ms) from its caller, so a test
 * drives it with plain numbers and the transport with its clock.
 *
 * Why this shape (after AWS SDK v3's adaptive retry mode and Octokit's throttling plugin,
 * neither copied): Kantata sends no rate-limit headers, so a 429 is the only signal. Until the
 * first 429 the governor does nothing (a client that never meets the limit pays nothing).
 * From then on it paces requests evenly at a rate it learns:
 * - A 429 means the server's bucket was empty when that request arrived. Between two such
 *   moments a client that kept sending saw exactly the server's refill: the requests it got
 *   through, divided by the time between the two, is the server's rate. The governor cuts to
 *   just under that figure and then probes upward slowly (doubling only every minute; every
 *   10 s after the first measurement, which spans the guessing and is low), so a long job
 *   settles just under the limit and meets a 429 rarely.
 * - After the first 429 there is no second moment yet: it starts from the rate that got
 *   through in the last second and probes upward fast (doubling every 4 s) until the next 429
 *   gives it a measured rate.
 * - 429s of requests sent before the last cut belong to the same episode: they cut nothing.
 * - A `Retry-After` holds every request until it has passed (as Octokit's plugin does).
 * A fixed cap (`maxRequestsPerSecond`) bounds the rate whether or not it adapts.
 */

/** The governor's settings, once checked (see `resolveRateLimitOptions`). */
export interface GovernorSettings {
  /** A fixed cap in requests per second, or undefined for none. */
  maxRequestsPerSecond: number | undefined;
  /** Whether the rate adapts to 429s. */
  adaptive: boolean;
}

/** What the governor does after a 429. */
export interface ThrottleOutcome {
  /** Whether this 429 started a new episode and cut the rate. */
  cut: boolean;
  /** The rate now in force, in requests per second (undefined: not paced). */
  requestsPerSecond: number | undefined;
}

/** The governor of one client; see the module comment. */
export interface Governor {
  /**
   * Books the next sending slot and returns how long to wait for it, in ms (0: send now).
   * Every attempt of every request books one, in the order they ask.
   */
  reserve(now: number): number;
  /** A request sent at `sentAt` got an answer other than 429. */
  admitted(sentAt: number): void;
  /** A request sent at `sentAt` was answered 429 at `now`. */
  throttled(sentAt: number, now: number): ThrottleOutcome;
  /**
   * The next slot is at `until` (a `Retry-After`, or a backoff): the server's word replaces
   * the governor's own guess of when the next request may go.
   */
  holdUntil(until: number): void;
  /** The rate in force at `now` in requests per second, or undefined when not paced. */
  rate(now: number): number | undefined;
}

/** A measured rate is followed at this share of it, leaving room for timer jitter. */
export const MEASURED_SHARE = 0.95;
/** Two 429s closer than this give no measured rate: too few requests between them. */
export const MIN_SPAN_MS = 1_000;
/** How far back the governor remembers: the span of a measurement at most. */
export const WINDOW_MS = 10_000;
/**
 * Doubling time of the rate while probing for a limit it has not measured yet: gentle enough
 * that the rate passes the server's without a burst of 429s, and still doubles a guess that
 * was far too low within seconds.
 */
export const FAST_DOUBLING_MS = 4_000;
/**
 * Doubling time after a cut measured over a span in which the rate was still a guess and
 * growing: the measurement then counts the time below the limit too, so it is low (about 7%
 * a second).
 */
export const MEDIUM_DOUBLING_MS = 10_000;
/** Doubling time of the rate after a measured cut: about 1% a second. */
export const SLOW_DOUBLING_MS = 60_000;
/** The slowest pace after a 429 that nothing got through before. */
export const MIN_RATE = 0.5;
// Bounds memory at a high request rate; the window then covers the last 4096 answers.
const MAX_REMEMBERED = 4096;
// Bounds the work of a measurement after a run of 429s.
const MAX_ANCHORS = 8;

/**
 * Creates a governor.
 *
 * @example
 * const governor = createGovernor({ maxRequestsPerSecond: undefined, adaptive: true });
 * governor.reserve(0); // 0: nothing learned yet, send now
 * governor.throttled(0, 100); // { cut: true, requestsPerSecond: 0.5 }
 * governor.reserve(100); // 1900: paced at 0.5 a second
 */
export function createGovernor(settings: GovernorSettings): Governor {
  const cap = settings.maxRequestsPerSecond;
  // The learned rate: `base` at `since`, doubling every `doublingMs`.
  let learned: { base: number; since: number; doublingMs: number } | undefined;
  let lastCutAt = Number.NEGATIVE_INFINITY;
  let next = Number.NEGATIVE_INFINITY;
  // Send times of every request, of the admitted ones, and of 429s (the server's bucket was
  // empty then).
  const sentAt: number[] = [];
  const admittedAt: number[] = [];
  const emptyAt: number[] = [];

  const rate = (now: number): number | undefined => {
    const adaptive =
      learned === undefined
        ? undefined
        : learned.base * 2 ** (Math.max(0, now - learned.since) / learned.doublingMs);
    if (adaptive === undefined) return cap;
    return cap === undefined ? adaptive : Math.min(cap, adaptive);
  };
  const forget = (list: number[], now: number) => {
    while (list.length > MAX_REMEMBERED || (list.length > 0 && list[0]! < now - WINDOW_MS)) {
      list.shift();
    }
  };
  const admittedBetween = (from: number, to: number) =>
    admittedAt.filter((at) => at > from && at < to).length;
  // Each earlier empty moment at least MIN_SPAN_MS back gives a floor of the server's rate
  // (what got through since, over the time since: the bucket may also have overflowed while
  // the client sent less); the highest of the latest few is the measurement.
  const measuredRate = (sent: number): number | undefined => {
    let best: number | undefined;
    for (const at of emptyAt.slice(-MAX_ANCHORS)) {
      if (at > sent - MIN_SPAN_MS) continue;
      const floor = (admittedBetween(at, sent) * 1000) / (sent - at);
      best = best === undefined ? floor : Math.max(best, floor);
    }
    return best;
  };
  // Paces on from the last moment the bucket was seen empty: the requests sent since then
  // (in flight when the 429 came back) have taken the slots after it already. Slots booked
  // for later are not sent yet: `next` is past them anyway.
  const paceFromEmpty = (perSecond: number, now: number) => {
    const empty = Math.max(...emptyAt);
    const since = sentAt.filter((at) => at > empty && at <= now).length;
    next = Math.max(next, empty + ((since + 1) * 1000) / perSecond);
  };

  return {
    reserve(now) {
      const at = Math.max(now, next);
      const perSecond = rate(at);
      if (perSecond !== undefined) next = at + 1000 / perSecond;
      sentAt.push(at);
      forget(sentAt, at);
      return at - now;
    },
    admitted(sentAt) {
      admittedAt.push(sentAt);
      forget(admittedAt, sentAt);
    },
    throttled(sent, now) {
      forget(admittedAt, now);
      forget(emptyAt, now);
      const measured = measuredRate(sent);
      emptyAt.push(sent);
      if (!settings.adaptive) return { cut: false, requestsPerSecond: rate(now) };
      if (sent < lastCutAt) {
        // The same episode: no new cut, but the bucket was empty later than thought.
        const perSecond = rate(now);
        if (perSecond !== undefined) paceFromEmpty(perSecond, now);
        return { cut: false, requestsPerSecond: perSecond };
      }
      if (measured !== undefined) {
        const base = Math.max(MIN_RATE, measured * MEASURED_SHARE);
        // Far below what was sent, the client was idle part of the span (the server's bucket
        // overflowed): the figure is only a floor, so probe up fast from it.
        const current = rate(now);
        const sure = current === undefined || base >= current / 2;
        const afterGuess = learned === undefined || learned.doublingMs === FAST_DOUBLING_MS;
        const doublingMs = !sure
          ? FAST_DOUBLING_MS
          : afterGuess
            ? MEDIUM_DOUBLING_MS
            : SLOW_DOUBLING_MS;
        learned = { base, since: now, doublingMs };
      } else {
        // What got through in the last second (a shorter history counts as a whole second).
        const recent = admittedBetween(sent - 1000, sent + 1);
        const current = rate(now);
        const base = current === undefined ? recent : Math.min(current / 2, recent);
        learned = { base: Math.max(MIN_RATE, base), since: now, doublingMs: FAST_DOUBLING_MS };
      }
      lastCutAt = now;
      const perSecond = rate(now) ?? learned.base;
      paceFromEmpty(perSecond, now);
      return { cut: true, requestsPerSecond: perSecond };
    },
    holdUntil(until) {
      next = until;
    },
    rate,
  };
}
