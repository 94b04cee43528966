/** The per-attempt timeout of the transport (`timeoutMs`), with the test clock. */
import { describe, expect, it } from 'vitest';
import { KantataInputError, KantataTimeoutError } from '../../src/core/errors.js';
import { createTransport } from '../../src/core/transport.js';
import { hang, hangForever, reply } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { testClock } from '../doubles/clock.js';
import { API, createObservedTransport, TOKEN } from '../doubles/observed.js';

const get = () => new Request(`${API}/users.json`);
const post = () => new Request(`${API}/posts.json`, { method: 'POST', body: '{"a":1}' });

describe('per-attempt timeout', () => {
  it('throws KantataTimeoutError after retrying a GET that times out on every attempt', async () => {
    const { transport, fetch, clock } = createObservedTransport([hang], { timeoutMs: 5000 });
    const error = await rejection(transport(get()));
    expect(error).toBeInstanceOf(KantataTimeoutError);
    expect(error).toMatchObject({
      timeoutMs: 5000,
      attempts: 4,
      method: 'GET',
      path: '/api/v1/users.json',
    });
    expect(fetch.calls).toHaveLength(4);
    expect(clock.sleeps.filter((ms) => ms === 5000)).toHaveLength(4);
  });

  it('does not retry a POST that timed out', async () => {
    const { transport, fetch } = createObservedTransport([hang], { timeoutMs: 5000 });
    const error = await rejection(transport(post()));
    expect(error).toBeInstanceOf(KantataTimeoutError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(fetch.calls).toHaveLength(1);
  });

  it('times out even when fetch ignores the abort signal', async () => {
    const { transport } = createObservedTransport([hangForever], {
      timeoutMs: 5000,
      retry: false,
    });
    expect(await rejection(transport(get()))).toBeInstanceOf(KantataTimeoutError);
  });

  it('retries after a timeout and returns the next response', async () => {
    // The first timer fires at once; later ones never do, so the second attempt answers.
    const clock = testClock({ hold: (ms, call) => ms === 5000 && call > 1 });
    const { transport, fetch } = createObservedTransport([hang, reply(200)], {
      timeoutMs: 5000,
      clock,
    });
    expect((await transport(get())).status).toBe(200);
    expect(fetch.calls).toHaveLength(2);
  });

  it('stops the timer of an attempt that answered in time', async () => {
    const clock = testClock({ hold: [5000] });
    const { transport } = createObservedTransport([reply(200)], { timeoutMs: 5000, clock });
    await transport(get());
    expect(clock.sleeps).toEqual([5000]);
    expect(clock.signals[0]?.aborted).toBe(true);
  });

  it('starts no timer when timeoutMs is 0', async () => {
    const { transport, clock } = createObservedTransport([reply(200)], { timeoutMs: 0 });
    await transport(get());
    expect(clock.sleeps).toEqual([]);
  });

  it('starts no timer when timeoutMs is Infinity', async () => {
    const { transport, clock } = createObservedTransport([reply(200)], {
      timeoutMs: Number.POSITIVE_INFINITY,
    });
    await transport(get());
    expect(clock.sleeps).toEqual([]);
  });

  it.each([-1, Number.NaN, 2 ** 31])('refuses timeoutMs %s', (timeoutMs) => {
    expect(() => createTransport({ token: TOKEN, timeoutMs })).toThrow(KantataInputError);
  });
});
