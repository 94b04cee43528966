/** What the transport retries, how long it waits, and what it reports (src/transport/transport.ts). */
import { describe, expect, it } from 'vitest';
import { KantataNetworkError } from '../../src/errors/classes.js';
import { attemptsOf } from '../../src/transport/attempts.js';
import { failWith, reply } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { API, createObservedTransport } from '../doubles/observed.js';

function req(method: string, path = '/users.json'): Request {
  return new Request(`${API}${path}`, { method });
}

function jsonPost(body: unknown): Request {
  return new Request(`${API}/posts.json`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

describe('which attempts are retried', () => {
  it('retries a 429 on POST and returns the later success', async () => {
    const { transport, fetch } = createObservedTransport([reply(429), reply(201)]);
    const response = await transport(jsonPost({ a: 1 }));
    expect(response.status).toBe(201);
    expect(fetch.calls).toHaveLength(2);
  });

  it('does not retry a 503 on POST', async () => {
    const { transport, fetch } = createObservedTransport([reply(503), reply(201)]);
    const response = await transport(jsonPost({ a: 1 }));
    expect(response.status).toBe(503);
    expect(fetch.calls).toHaveLength(1);
  });

  it.each(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'])('retries a 503 on %s', async (method) => {
    const { transport, fetch } = createObservedTransport([reply(503), reply(200)]);
    const response = await transport(req(method));
    expect(response.status).toBe(200);
    expect(fetch.calls).toHaveLength(2);
  });

  it.each([502, 504])('retries a %i on GET', async (status) => {
    const { transport, fetch } = createObservedTransport([reply(status), reply(200)]);
    expect((await transport(req('GET'))).status).toBe(200);
    expect(fetch.calls).toHaveLength(2);
  });

  it('retries a refused connection on POST', async () => {
    const { transport, fetch } = createObservedTransport([failWith('ECONNREFUSED'), reply(201)]);
    expect((await transport(jsonPost({ a: 1 }))).status).toBe(201);
    expect(fetch.calls).toHaveLength(2);
  });

  it('does not retry a reset connection on POST and throws KantataNetworkError', async () => {
    const { transport, fetch } = createObservedTransport([failWith('ECONNRESET'), reply(201)]);
    const error = await rejection(transport(jsonPost({ a: 1 })));
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect(error).toMatchObject({
      code: 'ECONNRESET',
      attempts: 1,
      method: 'POST',
      path: '/api/v1/posts.json',
    });
    expect(fetch.calls).toHaveLength(1);
  });

  it('retries a reset connection on GET', async () => {
    const { transport, fetch } = createObservedTransport([failWith('ECONNRESET'), reply(200)]);
    expect((await transport(req('GET'))).status).toBe(200);
    expect(fetch.calls).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 500])('never retries a %i', async (status) => {
    for (const method of ['GET', 'PUT', 'DELETE', 'POST']) {
      const { transport, fetch } = createObservedTransport([reply(status), reply(200)]);
      expect((await transport(req(method))).status).toBe(status);
      expect(fetch.calls).toHaveLength(1);
    }
  });

  it('makes a single attempt when retry is false', async () => {
    const { transport, fetch } = createObservedTransport([reply(503), reply(200)], {
      retry: false,
    });
    expect((await transport(req('GET'))).status).toBe(503);
    expect(fetch.calls).toHaveLength(1);
  });
});

describe('how long it waits', () => {
  it('waits the Retry-After seconds before retrying', async () => {
    const { transport, clock } = createObservedTransport([
      reply(429, { 'retry-after': '3' }),
      reply(200),
    ]);
    await transport(req('GET'));
    expect(clock.sleeps).toEqual([3000]);
  });

  it('waits until a Retry-After HTTP-date before retrying', async () => {
    const { transport, clock } = createObservedTransport([
      reply(429, { 'retry-after': 'Wed, 21 Oct 2026 07:28:04 GMT' }),
      reply(200),
    ]);
    await transport(req('GET'));
    expect(clock.sleeps).toEqual([4000]);
  });

  it('gives up with the 429 response when Retry-After exceeds maxRetryAfterMs', async () => {
    const { transport, fetch, clock } = createObservedTransport(
      [reply(429, { 'retry-after': '120' }), reply(200)],
      { retry: { maxRetryAfterMs: 60_000 } },
    );
    const response = await transport(req('GET'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(fetch.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('backs off exponentially with jitter when there is no Retry-After', async () => {
    const { transport, clock } = createObservedTransport([reply(503)], {
      retry: { baseDelayMs: 100, maxDelayMs: 1000 },
    });
    await transport(req('GET'));
    expect(clock.sleeps).toEqual([50, 100, 200]);
  });
});

describe('what it reports', () => {
  it('returns the last response once retries are exhausted, with its attempts', async () => {
    const { transport, fetch } = createObservedTransport([
      reply(503, {}, 'one'),
      reply(503, {}, 'last'),
    ]);
    const response = await transport(req('GET'));
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('last');
    expect(fetch.calls).toHaveLength(4);
    expect(attemptsOf(response)).toBe(4);
  });

  it('throws KantataNetworkError with attempts once network retries are exhausted', async () => {
    const { transport, fetch } = createObservedTransport([failWith('ECONNRESET')], {
      retry: { maxRetries: 2 },
    });
    const error = await rejection(transport(req('GET')));
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect(error).toMatchObject({ attempts: 3, code: 'ECONNRESET' });
    expect(fetch.calls).toHaveLength(3);
  });

  it('records one attempt for a first-try success', async () => {
    const { transport } = createObservedTransport([reply(200)]);
    expect(attemptsOf(await transport(req('GET')))).toBe(1);
  });

  it('tells onRetry the attempt, delay, reason and status of each retry', async () => {
    const { transport, events } = createObservedTransport([
      reply(429, { 'retry-after': '2' }),
      failWith('ECONNREFUSED'),
      reply(201),
    ]);
    await transport(jsonPost({ a: 1 }));
    expect(events).toEqual([
      {
        attempt: 1,
        delayMs: 2000,
        reason: 'rate-limited',
        status: 429,
        method: 'POST',
        path: '/api/v1/posts.json',
      },
      {
        // The first fault's backoff: the governed 429 before it spent its own budget.
        attempt: 2,
        delayMs: 125,
        reason: 'connection-refused',
        method: 'POST',
        path: '/api/v1/posts.json',
      },
    ]);
  });

  it('keeps going when the onRetry hook throws', async () => {
    const { transport } = createObservedTransport([reply(503), reply(200)], {
      onRetry: () => {
        throw new Error('logger down');
      },
    });
    expect((await transport(req('GET'))).status).toBe(200);
  });

  it('cancels the body of a response it retries', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const { transport } = createObservedTransport([
      () => new Response(body, { status: 503 }),
      reply(200),
    ]);
    await transport(req('GET'));
    expect(cancelled).toBe(true);
  });
});
