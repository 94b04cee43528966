/**
 * The per-attempt timeout of the transport (`timeoutMs`). It runs on the platform's timers,
 * not on the injected clock (which paces backoff only): these tests drive it with vitest's
 * fake timers, and a test clock whose sleeps end at once never makes a call time out.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KantataInputError, KantataTimeoutError } from '../../src/errors/classes.js';
import { createTransport } from '../../src/transport/transport.js';
import { envelopeOf, hang, hangForever, OM, reply } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { API, createObservedClient, createObservedTransport, TOKEN } from '../doubles/observed.js';

const get = () => new Request(`${API}/users.json`);
const post = () => new Request(`${API}/posts.json`, { method: 'POST', body: '{"a":1}' });

describe('per-attempt timeout', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Settles `promise` while the fake timers run everything they hold. */
  async function runTimers<T>(promise: Promise<T>): Promise<T> {
    await vi.runAllTimersAsync();
    return promise;
  }

  it('throws KantataTimeoutError after retrying a GET that times out on every attempt', async () => {
    const { transport, fetch, clock } = createObservedTransport([hang], { timeoutMs: 5000 });
    const error = await runTimers(rejection(transport(get())));
    expect(error).toBeInstanceOf(KantataTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 5000, attempts: 4, method: 'GET' });
    expect(fetch.calls).toHaveLength(4);
    // The waits between the attempts went to the clock; the timeouts did not.
    expect(clock.sleeps).toEqual([125, 250, 500]);
  });

  it('fires after timeoutMs and not before', async () => {
    const { transport } = createObservedTransport([hang], { timeoutMs: 5000, retry: false });
    const error = rejection(transport(get()));
    await vi.advanceTimersByTimeAsync(4999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await error).toBeInstanceOf(KantataTimeoutError);
  });

  it('does not retry a POST that timed out', async () => {
    const { transport, fetch } = createObservedTransport([hang], { timeoutMs: 5000 });
    const error = await runTimers(rejection(transport(post())));
    expect(error).toBeInstanceOf(KantataTimeoutError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(fetch.calls).toHaveLength(1);
  });

  it('times out even when fetch ignores the abort signal', async () => {
    const { transport } = createObservedTransport([hangForever], {
      timeoutMs: 5000,
      retry: false,
    });
    expect(await runTimers(rejection(transport(get())))).toBeInstanceOf(KantataTimeoutError);
  });

  it('retries after a timeout and returns the next response', async () => {
    const { transport, fetch } = createObservedTransport([hang, reply(200)], { timeoutMs: 5000 });
    expect((await runTimers(transport(get()))).status).toBe(200);
    expect(fetch.calls).toHaveLength(2);
  });

  it('stops the timer of an attempt once its body has been read', async () => {
    const { transport } = createObservedTransport([reply(200)], { timeoutMs: 5000 });
    const response = await transport(get());
    // The timer covers the body too: it runs until the body has arrived.
    expect(vi.getTimerCount()).toBe(1);
    await response.text();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops the timer of an answer without a body at once', async () => {
    const { transport } = createObservedTransport([() => new Response(null, { status: 204 })], {
      timeoutMs: 5000,
    });
    await transport(get());
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([0, Number.POSITIVE_INFINITY])('starts no timer when timeoutMs is %s', async (ms) => {
    const { transport, fetch } = createObservedTransport([hang], { timeoutMs: ms });
    void transport(get());
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('timeouts and the injected clock', () => {
  it('are not driven by a clock whose sleeps end at once', async () => {
    // The default timeout with a test clock: before the two were separate, every attempt's
    // timer was a clock sleep that ended at once, and every call failed as timed out.
    const slow = () =>
      new Promise<Response>((resolve) => setTimeout(() => resolve(envelopeOf(OM, [])), 20));
    const { client, clock } = createObservedClient(slow, { timeoutMs: 30_000 });
    await expect(client.organizationMemberships.list()).resolves.toMatchObject({ count: 0 });
    expect(clock.sleeps).toEqual([]);
  });
});

describe('timeoutMs', () => {
  it.each([-1, Number.NaN, 2 ** 31])('refuses %s', (timeoutMs) => {
    expect(() => createTransport({ token: TOKEN, timeoutMs }).fetch).toThrow(KantataInputError);
  });
});
