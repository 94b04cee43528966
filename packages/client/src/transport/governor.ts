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
 *   moments at least a second and at most 10 s apart, a client that kept sending saw exactly
 *   the server's refill: the requests it got through, divided by the time between the two, is
 *   the server's rate. The governor cuts to 95% of that figure and then probes upward slowly
 *   (doubling every minute; every 10 s after the first measurement, which spans the guessing
 *   and is low), so a long job settles just under the limit and meets a 429 rarely.
 * - Any other 429 (the first, or one less than a second or more than 10 s after the last) has
 *   no measurement: the governor counts the requests sent from the latest of a second before
 *   the 429's own one, the last 429, and the first request it remembers, up to the 429's own
 *   one:
 *   - Some got through: the pace is that many per second of the time they span (at least the
 *     429's round trip, as requests sent at once take one to get through, and 1 ms), never
 *     faster than the pace in force; answers that come in later of those requests, and of the
 *     ones sent after them until the 429 came back, count too (a 429 as not through). It probes
 *     upward doubling every 4 s (while keeping to a measured rate: 95% of it, probed as slowly
 *     as a measurement).
 *   - The 429 is the first answer of them (a new client's first request, or the first after
 *     a quiet second): nothing to learn from, so the pace is the rate the client was sending
 *     at, and it doubles every round trip of that 429 once a request sent after it gets
 *     through. An isolated 429 costs about one round trip.
 *   - An earlier 429 is among them and nothing got through since: half the pace in force (no
 *     more than the rate the client was sending at), down to one request a second.
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

/**
 * Creates a governor.
 *
 * @example
 * const governor = createGovernor({ maxRequestsPerSecond: undefined, adaptive: true });
 * governor.reserve(0); // 0: nothing learned yet, send now
 * governor.throttled(0, 100); // { cut: true, requestsPerSecond: 10 }: 1 sent, 100 ms round trip
 * governor.reserve(100); // 0: its slot, 100 ms after the first, has come
 */
export function createGovernor(settings: GovernorSettings): Governor {
  const cap = settings.maxRequestsPerSecond;
  // The learned rate: `base` from `since` on (undefined: not growing until a request sent
  // after the cut gets through), doubling every `doublingMs`; `measured` when `base` comes
  // from two empty moments rather than a guess.
  let base: number | undefined;
  let since: number | undefined;
  let doublingMs = FAST_DOUBLING_MS;
  let measured = false;
  // The last guess: the requests sent from `from` to `to`, over `span` ms, never above
  // `ceiling` (the pace before it). Revised while their answers come in; `from` is Infinity
  // when there is none.
  let from = Infinity;
  let to: number;
  let span: number;
  let ceiling: number;
  let lastCutAt = -Infinity;
  let next = -Infinity;
  // Send times of every request, of the admitted ones, and of 429s (the server's bucket was
  // empty then).
  const sentAt: number[] = [];
  const admittedAt: number[] = [];
  const emptyAt: number[] = [];

  const rate = (now: number): number | undefined => {
    const adaptive =
      base === undefined || since === undefined
        ? base
        : base * 2 ** (Math.max(0, now - since) / doublingMs);
    if (adaptive === undefined) return cap;
    return cap === undefined ? adaptive : Math.min(cap, adaptive);
  };
  const forget = (list: number[], now: number) => {
    while (list.length > MAX_REMEMBERED || (list.length > 0 && list[0]! < now - WINDOW_MS)) {
      list.shift();
    }
  };
  const count = (list: readonly number[], first: number, last: number) =>
    list.filter((at) => at >= first && at <= last).length;
  // Each earlier empty moment at least MIN_SPAN_MS back gives a floor of the server's rate
  // (what got through since, over the time since: the bucket may also have overflowed while
  // the client sent less); the highest of the latest few is the measurement (0: none).
  const measuredRate = (sent: number) =>
    Math.max(
      0,
      ...emptyAt
        .slice(-MAX_ANCHORS)
        .filter((at) => at <= sent - MIN_SPAN_MS)
        .map((at) => (count(admittedAt, at, sent) * 1000) / (sent - at)),
    );
  // The pace from what got through in the last guess's window (95% of it while keeping to a
  // measured rate: it is the server's rate again); undefined when nothing did.
  const gotThrough = () => {
    const through = (count(admittedAt, from, to) * 1000 * (measured ? MEASURED_SHARE : 1)) / span;
    return through === 0 ? undefined : Math.min(ceiling, through);
  };
  // An answer of a request sent before the last cut: if the last guess counts from before it,
  // it counts it too (got through or not), over the time up to its sending.
  const answered = (sent: number) => {
    if (sent < from || sent >= lastCutAt) return;
    to = Math.max(to, sent);
    span = Math.max(span, to - from);
    base = gotThrough() ?? base;
  };
  // Paces on from the last moment the bucket was seen empty: the requests sent since then
  // (in flight when the 429 came back) have taken the slots after it already. Slots booked
  // for later are not sent yet: `next` is past them anyway.
  const paceFromEmpty = (perSecond: number, now: number) => {
    const empty = Math.max(...emptyAt);
    const inFlight = sentAt.filter((at) => at > empty && at <= now).length;
    next = Math.max(next, empty + ((inFlight + 1) * 1000) / perSecond);
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
      if (since === undefined && sent >= lastCutAt) since = sent;
      answered(sent);
    },
    throttled(sent, now) {
      forget(admittedAt, now);
      forget(emptyAt, now);
      const measurement = measuredRate(sent);
      const previous = Math.max(...emptyAt);
      emptyAt.push(sent);
      answered(sent);
      const current = rate(now);
      if (!settings.adaptive || sent < lastCutAt) {
        // Not adapting; or the same episode: no new cut, but the bucket was empty later than
        // thought.
        if (settings.adaptive && current !== undefined) paceFromEmpty(current, now);
        return { cut: false, requestsPerSecond: current };
      }
      lastCutAt = now;
      since = now;
      if (measurement > 0) {
        base = measurement * MEASURED_SHARE;
        // Far below what was sent, the client was idle part of the span (the server's bucket
        // overflowed): the figure is only a floor, so probe up fast from it.
        doublingMs =
          current !== undefined && base < current / 2
            ? FAST_DOUBLING_MS
            : measured
              ? SLOW_DOUBLING_MS
              : MEDIUM_DOUBLING_MS;
        measured = true;
        from = Infinity;
      } else {
        // A guess (see the module comment): the requests sent from the latest of a second
        // before this one, the last empty moment and the first request remembered, over the
        // time from the first of them to this one, at least its round trip and 1 ms.
        from = Math.max(sent - GUESS_SPAN_MS, previous, sentAt[0] ?? sent);
        to = sent;
        span = Math.max(sent - from, now - sent, 1);
        ceiling = current ?? Infinity;
        doublingMs = measured ? SLOW_DOUBLING_MS : FAST_DOUBLING_MS;
        const sending = (Math.max(1, count(sentAt, from, sent)) * 1000) / span;
        base = gotThrough();
        if (base === undefined) {
          measured = false;
          if (previous >= from) {
            // An earlier 429 in the window and nothing through since: half the pace in force,
            // and no more than the rate sent at (a pace may have grown past what is sent).
            base = Math.min(ceiling, Math.max(MIN_HALVED_RATE, Math.min(ceiling / 2, sending)));
            doublingMs = FAST_DOUBLING_MS;
          } else {
            // The first answer in the window: nothing to learn from yet. The rate it was
            // sending at, doubling every round trip once a request sent from now on gets
            // through.
            base = Math.min(ceiling, sending);
            since = undefined;
            doublingMs = Math.max(1, now - sent);
          }
        }
      }
      const perSecond = rate(now) ?? base;
      paceFromEmpty(perSecond, now);
      return { cut: true, requestsPerSecond: perSecond };
    },
    holdUntil(until) {
      next = until;
    },
    rate,
  };
}
