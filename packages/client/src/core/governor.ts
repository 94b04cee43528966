/**
 * The rate governor: how fast one client sends, shared by every request it makes. Pure
 * decision logic: every method takes the time (`now`, in ms) from its caller, so a test
 * drives it with plain numbers and the transport with its clock.
 *
 * Why this shape (after AWS SDK v3's adaptive retry mode and Octokit's throttling plugin,
 * neither copied): Kantata sends no rate-limit headers, so a 429 is the only signal. Until the
 * first 429 the governor does nothing (a client that never meets the limit pays nothing).
 * From then on it paces requests evenly at a rate it learns from what got through:
 * - A 429 means the server's bucket was empty when that request arrived. Between two such
 *   moments at least a second apart, a client that kept sending saw exactly the server's
 *   refill: the requests it got through, divided by the time between the two, is the
 *   server's rate. The governor cuts to 95% of that figure and then probes upward slowly
 *   (doubling every minute; every 10 s after the first measurement, which spans the guessing
 *   and is low), so a long job settles just under the limit and meets a 429 rarely.
 * - Any other 429 (the first, or one within a second of the last) has no measurement: the
 *   governor counts the requests sent from the latest of a second before the 429's own one,
 *   the last 429, and the first request it remembers, up to the 429's own one:
 *   - Some got through: the pace is that many per second of the time they span (at least
 *     the 429's round trip: requests sent at once take one to get through), never faster
 *     than the pace in force; answers of those requests that come in later count too. It
 *     probes upward doubling every 4 s (while keeping to a measured rate: 95% of it, probed
 *     as slowly as a measurement).
 *   - The 429 is the first answer of them (a new client's first request, or the first after
 *     a quiet second): nothing to learn from, so the pace is the rate the client was sending
 *     at, and it doubles every round trip of that 429 once a request sent after it gets
 *     through. An isolated 429 costs about one round trip.
 *   - An earlier 429 is among them and nothing got through since: half the pace in force,
 *     down to one request a second.
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
/** A guess counts what got through in this span before the 429 at most. */
export const GUESS_SPAN_MS = 1_000;
/** How far back the governor remembers: the span of a measurement at most. */
export const WINDOW_MS = 10_000;
/**
 * Doubling time of the rate while probing for a limit it has not measured yet: gentle enough
 * that the rate passes the server's without a burst of 429s, and still doubles a guess that
 * was too low within seconds.
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
/**
 * While nothing gets through at all, each 429 halves the pace down to this many requests a
 * second (a pace already slower stays as it is).
 */
export const MIN_HALVED_RATE = 1;
// Bounds memory at a high request rate; the window then covers the last 4096 answers.
const MAX_REMEMBERED = 4096;
// Bounds the work of a measurement after a run of 429s.
const MAX_ANCHORS = 8;

/** The requests a guess counts (see `guessWindow`), kept while their answers come in. */
interface GuessWindow {
  /** Requests sent from here… */
  from: number;
  /** …to here (the 429's own request) count. */
  to: number;
  /** The time they took to get through, in ms. */
  span: number;
  /** The pace in force before the 429: a guess never goes above it. */
  ceiling: number | undefined;
  /** The share of what got through the pace keeps to. */
  share: number;
}

/** The learned rate: `base` from `since` on, doubling every `doublingMs`. */
interface Learned {
  base: number;
  /** Undefined: not growing until a request sent after the cut gets through. */
  since: number | undefined;
  doublingMs: number;
  /** Whether `base` comes from a measurement (two empty moments) rather than a guess. */
  measured: boolean;
}

/**
 * Creates a governor.
 *
 * @example
 * const governor = createGovernor({ maxRequestsPerSecond: undefined, adaptive: true });
 * governor.reserve(0); // 0: nothing learned yet, send now
 * governor.throttled(0, 100); // { cut: true, requestsPerSecond: 10 }: it sent 1 in a 100 ms round trip
 * governor.reserve(100); // 0: its slot, 100 ms after the first, has come
 */
export function createGovernor(settings: GovernorSettings): Governor {
  const cap = settings.maxRequestsPerSecond;
  let learned: Learned | undefined;
  // The last guess, revised while answers of the requests it counted come in.
  let guess: GuessWindow | undefined;
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
        : learned.since === undefined
          ? learned.base
          : learned.base * 2 ** (Math.max(0, now - learned.since) / learned.doublingMs);
    if (adaptive === undefined) return cap;
    return cap === undefined ? adaptive : Math.min(cap, adaptive);
  };
  const forget = (list: number[], now: number) => {
    while (list.length > MAX_REMEMBERED || (list.length > 0 && list[0]! < now - WINDOW_MS)) {
      list.shift();
    }
  };
  const lastEmpty = () => (emptyAt.length === 0 ? undefined : Math.max(...emptyAt));
  const countWithin = (list: readonly number[], from: number, to: number) =>
    list.filter((at) => at >= from && at <= to).length;
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
  // A guess counts the requests sent from the latest of: a second before the 429's own one,
  // the last moment the bucket was seen empty, the first request remembered; over the time
  // from the first of them to the 429's, and at least the 429's round trip (requests sent
  // at once take a round trip to get through), at least 1 ms.
  const guessWindow = (sent: number, now: number): GuessWindow => {
    const earliest = Math.min(sentAt[0] ?? sent, admittedAt[0] ?? sent, sent);
    const from = Math.max(sent - GUESS_SPAN_MS, lastEmpty() ?? earliest, earliest);
    const span = Math.max(sent - from, now - sent, 1);
    // Already keeping to a measured rate: what got through is the server's rate again.
    const share = learned?.measured ? MEASURED_SHARE : 1;
    return { from, to: sent, span, ceiling: rate(now), share };
  };
  // The pace from what got through in a guess's window, in requests a second (never above
  // the pace in force before); undefined when nothing did.
  const gotThrough = (window: GuessWindow): number | undefined => {
    const through = countWithin(admittedAt, window.from, window.to);
    if (through === 0) return undefined;
    const perSecond = (through * 1000 * window.share) / window.span;
    return window.ceiling === undefined ? perSecond : Math.min(window.ceiling, perSecond);
  };
  // The pace after a 429 that no measurement explains (see the module comment).
  const guessed = (sent: number, now: number): Learned => {
    const window = guessWindow(sent, now);
    guess = window;
    const through = gotThrough(window);
    if (through !== undefined) {
      const measured = window.share < 1;
      const doublingMs = measured ? SLOW_DOUBLING_MS : FAST_DOUBLING_MS;
      return { base: through, since: now, doublingMs, measured };
    }
    const current = window.ceiling;
    // The rate the client sent at in the window (the 429's own request at least).
    const sending = (Math.max(1, countWithin(sentAt, window.from, sent)) * 1000) / window.span;
    const previous = lastEmpty();
    if (previous !== undefined && previous >= window.from) {
      // An earlier 429 in the window and nothing through since: the bucket stays empty. Half
      // the pace in force (or of the rate sent at, when the pace has grown past all bounds).
      const pace = current !== undefined && Number.isFinite(current) ? current : sending;
      const base = Math.min(pace, Math.max(MIN_HALVED_RATE, pace / 2));
      return { base, since: now, doublingMs: FAST_DOUBLING_MS, measured: false };
    }
    // The first answer in the window: nothing to learn from yet. The rate it was sending at,
    // doubling every round trip once a request sent from now on gets through.
    const base = current === undefined ? sending : Math.min(current, sending);
    return { base, since: undefined, doublingMs: Math.max(1, now - sent), measured: false };
  };
  // Paces on from the last moment the bucket was seen empty: the requests sent since then
  // (in flight when the 429 came back) have taken the slots after it already. Slots booked
  // for later are not sent yet: `next` is past them anyway.
  const paceFromEmpty = (perSecond: number, now: number) => {
    const empty = lastEmpty() ?? now;
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
    admitted(sent) {
      admittedAt.push(sent);
      forget(admittedAt, sent);
      if (learned === undefined) return;
      if (learned.since === undefined && sent >= lastCutAt) learned.since = sent;
      // A late answer of a request the last guess counted: the guess counts it too.
      if (guess !== undefined && sent >= guess.from && sent <= guess.to) {
        learned.base = gotThrough(guess) ?? learned.base;
      }
    },
    throttled(sent, now) {
      forget(admittedAt, now);
      forget(emptyAt, now);
      const measured = measuredRate(sent);
      if (!settings.adaptive) {
        emptyAt.push(sent);
        return { cut: false, requestsPerSecond: rate(now) };
      }
      if (sent < lastCutAt) {
        emptyAt.push(sent);
        // The same episode: no new cut, but the bucket was empty later than thought.
        const perSecond = rate(now);
        if (perSecond !== undefined) paceFromEmpty(perSecond, now);
        return { cut: false, requestsPerSecond: perSecond };
      }
      if (measured !== undefined && measured > 0) {
        const base = measured * MEASURED_SHARE;
        // Far below what was sent, the client was idle part of the span (the server's bucket
        // overflowed): the figure is only a floor, so probe up fast from it.
        const current = rate(now);
        const sure = current === undefined || base >= current / 2;
        const afterGuess = learned === undefined || !learned.measured;
        const doublingMs = !sure
          ? FAST_DOUBLING_MS
          : afterGuess
            ? MEDIUM_DOUBLING_MS
            : SLOW_DOUBLING_MS;
        learned = { base, since: now, doublingMs, measured: true };
        guess = undefined;
      } else {
        learned = guessed(sent, now);
      }
      emptyAt.push(sent);
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
