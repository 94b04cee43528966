/**
 * The rate governor's decisions, driven with plain times in ms (it takes `now` from its
 * caller): when it paces, what rate it learns from 429s, how it speeds up again.
 */
import { describe, expect, it } from 'vitest';
import {
  createGovernor,
  FAST_DOUBLING_MS,
  MEASURED_SHARE,
  MEDIUM_DOUBLING_MS,
  MIN_RATE,
  SLOW_DOUBLING_MS,
} from '../../src/core/governor.js';

const adaptive = () => createGovernor({ maxRequestsPerSecond: undefined, adaptive: true });

/** Requests sent every `everyMs` from `from` to `to` (exclusive), all admitted. */
function admitEvery(
  governor: ReturnType<typeof adaptive>,
  from: number,
  to: number,
  everyMs: number,
) {
  for (let at = from; at < to; at += everyMs) governor.admitted(at);
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
    admitEvery(governor, 0, 800, 100); // 8 admitted
    const outcome = governor.throttled(800, 900);
    expect(outcome).toEqual({ cut: true, requestsPerSecond: 8 });
  });

  it('paces the next request one interval after the throttled one was sent', () => {
    const governor = adaptive();
    admitEvery(governor, 0, 800, 100);
    governor.throttled(800, 900);
    // 8 a second: 125 ms after 800.
    expect(governor.reserve(900)).toBe(25);
    // The one after, a little sooner than 125 ms later: the rate is already growing back.
    expect(governor.reserve(900)).toBeCloseTo(25 + 1000 / (8 * 2 ** (25 / FAST_DOUBLING_MS)), 10);
  });

  it('paces on after the requests sent since the bucket ran out, not from the 429 itself', () => {
    const governor = adaptive();
    for (let at = 0; at < 800; at += 100) governor.reserve(at);
    admitEvery(governor, 0, 400, 100); // 4 admitted; 400 is throttled; 500..700 in flight
    expect(governor.throttled(400, 750).requestsPerSecond).toBe(4);
    // 500, 600 and 700 took the first three slots of 250 ms after 400.
    expect(governor.reserve(750)).toBe(400 + 4 * 250 - 750);
  });

  it('falls back to its slowest pace after a 429 that nothing got through before', () => {
    const governor = adaptive();
    expect(governor.throttled(0, 100).requestsPerSecond).toBe(MIN_RATE);
  });

  it('cuts once per episode: 429s of requests sent before the cut change nothing', () => {
    const governor = adaptive();
    admitEvery(governor, 0, 800, 100);
    governor.throttled(800, 900);
    expect(governor.throttled(850, 900)).toEqual({ cut: false, requestsPerSecond: 8 });
    expect(governor.rate(900)).toBe(8);
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
    admitEvery(guessed, 50, 1000, 100); // 10 in the second before
    guessed.throttled(1000, 1000);
    expect(guessed.rate(1000 + FAST_DOUBLING_MS)).toBeCloseTo(2 * 10, 10);

    const measured = adaptive();
    measured.throttled(0, 0);
    admitEvery(measured, 100, 2000, 100);
    // The first measurement spans the guess: a floor, probed from at a middle pace.
    const first = measured.throttled(2000, 2000).requestsPerSecond!;
    expect(measured.rate(2000 + MEDIUM_DOUBLING_MS)).toBeCloseTo(2 * first, 10);
    admitEvery(measured, 2100, 4000, 100);
    const cut = measured.throttled(4000, 4000).requestsPerSecond!;
    expect(measured.rate(4000 + SLOW_DOUBLING_MS)).toBeCloseTo(2 * cut, 10);
    expect(measured.rate(4000 + 1000)! / cut).toBeLessThan(1.02);
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

  it('halves a fixed cap that met a 429, and never grows back above it', () => {
    const governor = createGovernor({ maxRequestsPerSecond: 5, adaptive: true });
    admitEvery(governor, 0, 1000, 200);
    expect(governor.throttled(1000, 1000).requestsPerSecond).toBe(2.5);
    expect(governor.rate(1000 + 10 * FAST_DOUBLING_MS)).toBe(5);
  });

  it('never adapts when adaptive is off', () => {
    const governor = createGovernor({ maxRequestsPerSecond: 5, adaptive: false });
    admitEvery(governor, 0, 1000, 500);
    expect(governor.throttled(1000, 1000)).toEqual({ cut: false, requestsPerSecond: 5 });
    expect(governor.rate(1000)).toBe(5);
  });

  it('forgets what happened more than ten seconds ago', () => {
    const governor = adaptive();
    admitEvery(governor, 0, 1000, 100);
    governor.throttled(1000, 1000);
    // The first empty moment is out of the window: no measurement, a guess from the last second.
    admitEvery(governor, 20_100, 21_000, 200); // 5 in the second before
    expect(governor.throttled(21_000, 21_000).requestsPerSecond).toBe(5);
  });
});
