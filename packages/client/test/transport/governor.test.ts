/**
 * The rate governor's decisions, driven with plain times in ms (it takes `now` from its
 * caller): when it paces, what rate it learns from 429s, how it speeds up again.
 */
import { describe, expect, it } from 'vitest';
import {
  createGovernor,
  FAST_DOUBLING_MS,
  GUESS_SPAN_MS,
  MEASURED_SHARE,
  MEDIUM_DOUBLING_MS,
  MIN_HALVED_RATE,
  SLOW_DOUBLING_MS,
} from '../../src/transport/governor.js';

const adaptive = () => createGovernor({ maxRequestsPerSecond: undefined, adaptive: true });
type Governor = ReturnType<typeof adaptive>;

/** Requests sent every `everyMs` from `from` to `to` (exclusive), all admitted. */
function admitEvery(governor: Governor, from: number, to: number, everyMs: number) {
  for (let at = from; at < to; at += everyMs) governor.admitted(at);
}

/** Requests booked and sent every `everyMs` from `from` to `to` (exclusive), all admitted. */
function sendEvery(governor: Governor, from: number, to: number, everyMs: number) {
  for (let at = from; at < to; at += everyMs) {
    governor.reserve(at);
    governor.admitted(at);
  }
}

/** `count` requests booked at `at`, none answered yet. */
function sendAtOnce(governor: Governor, at: number, count: number) {
  for (let i = 0; i < count; i++) governor.reserve(at);
}

describe('the rate governor', () => {
  it('sends at once and paces nothing until a first 429', () => {
    const governor = adaptive();
    admitEvery(governor, 0, 1000, 10);
    expect([governor.reserve(0), governor.reserve(0), governor.reserve(0)]).toEqual([0, 0, 0]);
    expect(governor.rate(0)).toBeUndefined();
  });

  it('paces a fixed maxRequestsPerSecond evenly from the first request', () => {
    const governor = createGovernor({ maxRequestsPerSecond: 4, adaptive: true });
    expect([0, 0, 0].map((now) => governor.reserve(now))).toEqual([0, 250, 500]);
    // A slot already past costs no wait.
    expect(governor.reserve(5000)).toBe(0);
  });

  it('cuts, on a first 429, to what got through in the second before it', () => {
    const governor = adaptive();
    sendEvery(governor, 0, 2000, 100);
    governor.reserve(2000);
    // 1000 to 1900: 10 got through in the second before the request sent at 2000.
    expect(governor.throttled(2000, 2100)).toEqual({ cut: true, requestsPerSecond: 10 });
  });

  it('counts the time a client younger than a second has been sending, not a whole second', () => {
    const governor = adaptive();
    sendEvery(governor, 0, 200, 10); // 20 got through in 200 ms
    governor.reserve(200);
    expect(governor.throttled(200, 210).requestsPerSecond).toBe(100);
  });

  it('counts requests sent at once over their round trip, and their answers as they come in', () => {
    const governor = adaptive();
    sendAtOnce(governor, 0, 10);
    governor.admitted(0);
    // One of ten got through in the 50 ms round trip so far.
    expect(governor.throttled(0, 50).requestsPerSecond).toBe(20);
    // The other eight answers come in right after the 429: nine in 50 ms.
    for (let i = 0; i < 8; i++) governor.admitted(0);
    expect(governor.rate(50)).toBe(180);
  });

  it('paces at the rate it was sending when the 429 is the first answer, not at a guess below it', () => {
    const governor = adaptive();
    sendAtOnce(governor, 0, 10);
    // Ten sent at once, the 429 back after 50 ms: nothing answered yet, nothing to learn.
    expect(governor.throttled(0, 50)).toEqual({ cut: true, requestsPerSecond: 200 });
    // The retry goes at once: its slot, one interval after the ten, has passed.
    expect(governor.reserve(50)).toBe(0);
  });

  it('doubles that pace every round trip once a request sent after the 429 gets through', () => {
    const governor = adaptive();
    governor.reserve(0);
    expect(governor.throttled(0, 100).requestsPerSecond).toBe(10);
    // Nothing got through since: the pace holds.
    expect(governor.rate(1000)).toBe(10);
    governor.reserve(100);
    governor.admitted(100);
    expect(governor.rate(300)).toBe(10 * 2 ** 2);
  });

  it('halves the pace on each 429 while nothing gets through, down to one request a second', () => {
    const governor = adaptive();
    governor.reserve(0);
    const paces = [governor.throttled(0, 100).requestsPerSecond];
    let now = 100;
    for (let i = 0; i < 6; i++) {
      now += governor.reserve(now);
      paces.push(governor.throttled(now, now + 100).requestsPerSecond);
      now += 100;
    }
    // Halved each time (a little more than half once it grows again between 429s), then held.
    expect(paces.slice(0, 2)).toEqual([10, 5]);
    for (const i of [2, 3]) {
      expect(paces[i]! / paces[i - 1]!).toBeGreaterThan(0.5);
      expect(paces[i]! / paces[i - 1]!).toBeLessThan(0.55);
    }
    expect(paces.slice(4)).toEqual([MIN_HALVED_RATE, MIN_HALVED_RATE, MIN_HALVED_RATE]);
  });

  it('paces on after the requests sent since the bucket ran out, not from the 429 itself', () => {
    const governor = adaptive();
    sendEvery(governor, 0, 1400, 100);
    for (let at = 1400; at < 1800; at += 100) governor.reserve(at);
    // 400 to 1300 got through: 10 in the second before 1400; 1400 is throttled; 1500 to 1700
    // were in flight.
    expect(governor.throttled(1400, 1750).requestsPerSecond).toBe(10);
    // 1500, 1600 and 1700 took the first three slots of 100 ms after 1400.
    expect(governor.reserve(1750)).toBe(1400 + 4 * 100 - 1750);
  });

  it('paces the next request one interval after the throttled one was sent', () => {
    const governor = adaptive();
    sendEvery(governor, 0, 1800, 100);
    governor.reserve(1800);
    governor.throttled(1800, 1850);
    // 10 a second (800 to 1700 got through): 100 ms after 1800.
    expect(governor.reserve(1850)).toBe(50);
    // The one after, a little sooner than 100 ms later: the rate is already growing back.
    expect(governor.reserve(1850)).toBeCloseTo(50 + 1000 / (10 * 2 ** (50 / FAST_DOUBLING_MS)), 10);
  });

  it('cuts once per episode: a 429 of a request sent before the cut only counts as not through', () => {
    const governor = adaptive();
    sendEvery(governor, 0, 1800, 100);
    governor.reserve(1800);
    governor.reserve(1850);
    expect(governor.throttled(1800, 1900).requestsPerSecond).toBe(10);
    // The request sent at 1850 was in flight: its 429 is no new cut, and the guess now spans
    // 800 to 1850, with the same 10 through.
    const outcome = governor.throttled(1850, 1950);
    expect(outcome.cut).toBe(false);
    expect(outcome.requestsPerSecond).toBeCloseTo(
      ((10 * 1000) / 1050) * 2 ** (50 / FAST_DOUBLING_MS),
      10,
    );
  });

  it('never speeds up on a 429: a guess stays at or below the pace in force', () => {
    const governor = adaptive();
    sendEvery(governor, 0, 1000, 10); // 100 got through in the second before
    const first = governor.throttled(1000, 1000).requestsPerSecond!;
    expect(first).toBe(100);
    // 600 ms later, at a pace of about 110, another 429: 119 got through since the bucket was
    // empty at 1000 (about 200 a second), more than the pace in force: the pace stays.
    sendEvery(governor, 1005, 1600, 5);
    const second = governor.throttled(1600, 1600).requestsPerSecond!;
    expect(second).toBeCloseTo(first * 2 ** (600 / FAST_DOUBLING_MS), 10);
  });

  it('measures the server rate between two 429s at least a second apart, and keeps just under it', () => {
    const governor = adaptive();
    admitEvery(governor, 0, 500, 50);
    governor.throttled(500, 600);
    // The server let 10 a second through after the bucket was empty at 500.
    admitEvery(governor, 600, 2500, 100);
    const outcome = governor.throttled(2500, 2600);
    expect(outcome.cut).toBe(true);
    expect(outcome.requestsPerSecond).toBeCloseTo((19 / 2) * MEASURED_SHARE, 10);
  });

  it('probes upward slowly after a measured cut, fast after a guessed one', () => {
    const guessed = adaptive();
    sendEvery(guessed, 0, 2000, 100); // 10 in the second before
    guessed.throttled(2000, 2000);
    expect(guessed.rate(2000 + FAST_DOUBLING_MS)).toBeCloseTo(2 * 10, 10);

    const measured = adaptive();
    sendEvery(measured, 0, 1000, 100);
    measured.throttled(1000, 1000);
    sendEvery(measured, 1100, 3000, 100);
    // The first measurement spans the guess: a floor, probed from at a middle pace.
    const first = measured.throttled(3000, 3000).requestsPerSecond!;
    expect(measured.rate(3000 + MEDIUM_DOUBLING_MS)).toBeCloseTo(2 * first, 10);
    admitEvery(measured, 3100, 5000, 100);
    const cut = measured.throttled(5000, 5000).requestsPerSecond!;
    expect(measured.rate(5000 + SLOW_DOUBLING_MS)).toBeCloseTo(2 * cut, 10);
    expect(measured.rate(5000 + 1000)! / cut).toBeLessThan(1.02);
  });

  it('takes what got through as the server rate again while it keeps to a measured one', () => {
    const governor = adaptive();
    sendEvery(governor, 0, 1000, 100);
    governor.throttled(1000, 1000);
    sendEvery(governor, 1100, 3000, 100);
    governor.throttled(3000, 3000); // measured
    // 20 s later the empty moments are forgotten: no measurement, 10 got through in the
    // second before; the pace is 95% of it, probed up slowly.
    sendEvery(governor, 3100, 23_000, 100);
    const pace = governor.throttled(23_000, 23_000).requestsPerSecond!;
    expect(pace).toBeCloseTo(10 * MEASURED_SHARE, 10);
    expect(governor.rate(23_000 + SLOW_DOUBLING_MS)).toBeCloseTo(2 * pace, 10);
  });

  it('takes a measurement far below its own pace as a floor and probes fast from it', () => {
    const governor = adaptive();
    admitEvery(governor, 0, 1000, 25); // 40 got through: cut to 40
    governor.throttled(1000, 1000);
    // Then nearly idle: 4 requests in 5 s, and a 429.
    for (const at of [2000, 3000, 4000, 5000]) governor.admitted(at);
    const cut = governor.throttled(6000, 6000).requestsPerSecond!;
    expect(cut).toBeCloseTo((4 / 5) * MEASURED_SHARE, 10);
    expect(governor.rate(6000 + FAST_DOUBLING_MS)).toBeCloseTo(2 * cut, 10);
  });

  it('holds the next slot until a Retry-After has passed', () => {
    const governor = adaptive();
    governor.holdUntil(5000);
    expect(governor.reserve(1000)).toBe(4000);
    // Not paced: the request after it goes at once.
    expect(governor.reserve(5000)).toBe(0);
  });

  it('keeps a fixed cap that met a 429 to what got through, and never grows above it', () => {
    const governor = createGovernor({ maxRequestsPerSecond: 5, adaptive: true });
    sendEvery(governor, 0, 1000, 200);
    governor.reserve(1000);
    expect(governor.throttled(1000, 1000).requestsPerSecond).toBe(5);
    expect(governor.rate(1000 + 10 * FAST_DOUBLING_MS)).toBe(5);

    const slower = createGovernor({ maxRequestsPerSecond: 5, adaptive: true });
    sendEvery(slower, 0, 2000, 500); // 2 a second got through
    expect(slower.throttled(2000, 2000).requestsPerSecond).toBe(2);
  });

  it('never adapts when adaptive is off', () => {
    const governor = createGovernor({ maxRequestsPerSecond: 5, adaptive: false });
    admitEvery(governor, 0, 1000, 500);
    expect(governor.throttled(1000, 1000)).toEqual({ cut: false, requestsPerSecond: 5 });
    expect(governor.rate(1000)).toBe(5);
  });

  it('forgets what happened more than ten seconds ago', () => {
    const governor = adaptive();
    sendEvery(governor, 0, 1000, 100);
    governor.throttled(1000, 1000);
    // The first empty moment is out of the window: no measurement, a guess from the last second.
    sendEvery(governor, 20_000 - GUESS_SPAN_MS, 21_000, 200); // 5 in the second before
    expect(governor.throttled(21_000, 21_000).requestsPerSecond).toBe(5);
  });
});
