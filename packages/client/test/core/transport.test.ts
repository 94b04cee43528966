import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { attemptsOf } from '../../src/core/attempts.js';
import {
  KantataInputError,
  KantataNetworkError,
  KantataTimeoutError,
} from '../../src/core/errors.js';
import { createTransport } from '../../src/core/transport.js';
import type { RetryEvent, TransportOptions } from '../../src/core/transport-options.js';
import {
  failWith,
  fakeClock,
  hang,
  hangForever,
  reply,
  type Step,
  scriptedFetch,
  TOKEN,
} from './helpers.js';

const API = 'https://api.example.com/api/v1';

/** A transport with timeouts off (so the instant fake clock cannot race them) and fixed jitter. */
function setup(steps: Step[], options: Partial<TransportOptions> = {}) {
  const fetch = scriptedFetch(...steps);
  const clock = fakeClock();
  const events: RetryEvent[] = [];
  const transport = createTransport({
    token: TOKEN,
    fetch,
    clock,
    timeoutMs: 0,
    random: () => 0.5,
    onRetry: (event) => events.push(event),
    ...options,
  });
  return { transport, fetch, clock, events };
}

function req(method: string, path = '/users.json', init: RequestInit = {}): Request {
  return new Request(`${API}${path}`, { method, ...init });
}

function jsonPost(body: unknown, init: RequestInit = {}): Request {
  return req('POST', '/posts.json', {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    ...init,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('retry rules', () => {
  it('retries a 429 on POST and returns the later success', async () => {
    const { transport, fetch } = setup([reply(429), reply(201)]);
    const response = await transport(jsonPost({ a: 1 }));
    expect(response.status).toBe(201);
    expect(fetch.requests).toHaveLength(2);
  });

  it('does not retry a 503 on POST', async () => {
    const { transport, fetch } = setup([reply(503), reply(201)]);
    const response = await transport(jsonPost({ a: 1 }));
    expect(response.status).toBe(503);
    expect(fetch.requests).toHaveLength(1);
  });

  it.each(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'])('retries a 503 on %s', async (method) => {
    const { transport, fetch } = setup([reply(503), reply(200)]);
    const response = await transport(req(method));
    expect(response.status).toBe(200);
    expect(fetch.requests).toHaveLength(2);
  });

  it.each([502, 504])('retries a %i on GET', async (status) => {
    const { transport, fetch } = setup([reply(status), reply(200)]);
    expect((await transport(req('GET'))).status).toBe(200);
    expect(fetch.requests).toHaveLength(2);
  });

  it('retries a refused connection on POST', async () => {
    const { transport, fetch } = setup([failWith('ECONNREFUSED'), reply(201)]);
    expect((await transport(jsonPost({ a: 1 }))).status).toBe(201);
    expect(fetch.requests).toHaveLength(2);
  });

  it('does not retry a reset connection on POST and throws KantataNetworkError', async () => {
    const { transport, fetch } = setup([failWith('ECONNRESET'), reply(201)]);
    const error = await rejection(transport(jsonPost({ a: 1 })));
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect(error).toMatchObject({
      code: 'ECONNRESET',
      attempts: 1,
      method: 'POST',
      path: '/api/v1/posts.json',
    });
    expect(fetch.requests).toHaveLength(1);
  });

  it('retries a reset connection on GET', async () => {
    const { transport, fetch } = setup([failWith('ECONNRESET'), reply(200)]);
    expect((await transport(req('GET'))).status).toBe(200);
    expect(fetch.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 500])('never retries a %i', async (status) => {
    for (const method of ['GET', 'PUT', 'DELETE', 'POST']) {
      const { transport, fetch } = setup([reply(status), reply(200)]);
      expect((await transport(req(method))).status).toBe(status);
      expect(fetch.requests).toHaveLength(1);
    }
  });

  it('waits the Retry-After seconds before retrying', async () => {
    const { transport, clock } = setup([reply(429, { 'retry-after': '3' }), reply(200)]);
    await transport(req('GET'));
    expect(clock.sleeps).toEqual([3000]);
  });

  it('waits until a Retry-After HTTP-date before retrying', async () => {
    const { transport, clock } = setup([
      reply(429, { 'retry-after': 'Wed, 21 Oct 2026 07:28:04 GMT' }),
      reply(200),
    ]);
    await transport(req('GET'));
    expect(clock.sleeps).toEqual([4000]);
  });

  it('gives up with the 429 response when Retry-After exceeds maxRetryAfterMs', async () => {
    const { transport, fetch, clock } = setup([reply(429, { 'retry-after': '120' }), reply(200)], {
      retry: { maxRetryAfterMs: 60_000 },
    });
    const response = await transport(req('GET'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(fetch.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('backs off exponentially with jitter when there is no Retry-After', async () => {
    const { transport, clock } = setup([reply(503)], {
      retry: { baseDelayMs: 100, maxDelayMs: 1000 },
    });
    await transport(req('GET'));
    expect(clock.sleeps).toEqual([50, 100, 200]);
  });

  it('returns the last response once retries are exhausted, with its attempts', async () => {
    const { transport, fetch } = setup([reply(503, {}, 'one'), reply(503, {}, 'last')]);
    const response = await transport(req('GET'));
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('last');
    expect(fetch.requests).toHaveLength(4);
    expect(attemptsOf(response)).toBe(4);
  });

  it('throws KantataNetworkError with attempts once network retries are exhausted', async () => {
    const { transport, fetch } = setup([failWith('ECONNRESET')], { retry: { maxRetries: 2 } });
    const error = await rejection(transport(req('GET')));
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect(error).toMatchObject({ attempts: 3, code: 'ECONNRESET' });
    expect(fetch.requests).toHaveLength(3);
  });

  it('makes a single attempt when retry is false', async () => {
    const { transport, fetch } = setup([reply(503), reply(200)], { retry: false });
    expect((await transport(req('GET'))).status).toBe(503);
    expect(fetch.requests).toHaveLength(1);
  });

  it('records one attempt for a first-try success', async () => {
    const { transport } = setup([reply(200)]);
    expect(attemptsOf(await transport(req('GET')))).toBe(1);
  });

  it('tells onRetry the attempt, delay, reason and status of each retry', async () => {
    const { transport, events } = setup([
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
        attempt: 2,
        delayMs: 250,
        reason: 'connection-refused',
        method: 'POST',
        path: '/api/v1/posts.json',
      },
    ]);
  });

  it('keeps going when the onRetry hook throws', async () => {
    const { transport } = setup([reply(503), reply(200)], {
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
    const { transport } = setup([() => new Response(body, { status: 503 }), reply(200)]);
    await transport(req('GET'));
    expect(cancelled).toBe(true);
  });
});

describe('per-attempt timeout', () => {
  it('throws KantataTimeoutError after retrying a GET that times out on every attempt', async () => {
    const { transport, fetch, clock } = setup([hang], { timeoutMs: 5000 });
    const error = await rejection(transport(req('GET')));
    expect(error).toBeInstanceOf(KantataTimeoutError);
    expect(error).toMatchObject({
      timeoutMs: 5000,
      attempts: 4,
      method: 'GET',
      path: '/api/v1/users.json',
    });
    expect(fetch.requests).toHaveLength(4);
    expect(clock.sleeps.filter((ms) => ms === 5000)).toHaveLength(4);
  });

  it('does not retry a POST that timed out', async () => {
    const { transport, fetch } = setup([hang], { timeoutMs: 5000 });
    const error = await rejection(transport(jsonPost({ a: 1 })));
    expect(error).toBeInstanceOf(KantataTimeoutError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(fetch.requests).toHaveLength(1);
  });

  it('times out even when fetch ignores the abort signal', async () => {
    const { transport } = setup([hangForever], { timeoutMs: 5000, retry: false });
    expect(await rejection(transport(req('GET')))).toBeInstanceOf(KantataTimeoutError);
  });

  it('retries after a timeout and returns the next response', async () => {
    // The first timer fires at once; later ones never do, so the second attempt answers.
    const clock = fakeClock({ hold: (ms, call) => ms === 5000 && call > 1 });
    const { transport, fetch } = setup([hang, reply(200)], { timeoutMs: 5000, clock });
    expect((await transport(req('GET'))).status).toBe(200);
    expect(fetch.requests).toHaveLength(2);
  });

  it('stops the timer of an attempt that answered in time', async () => {
    const fetch = scriptedFetch(reply(200));
    const clock = fakeClock({ hold: [5000] });
    const transport = createTransport({ token: TOKEN, fetch, clock, timeoutMs: 5000 });
    await transport(req('GET'));
    expect(clock.sleeps).toEqual([5000]);
    expect(clock.signals[0]?.aborted).toBe(true);
  });

  it('starts no timer when timeoutMs is 0', async () => {
    const { transport, clock } = setup([reply(200)], { timeoutMs: 0 });
    await transport(req('GET'));
    expect(clock.sleeps).toEqual([]);
  });

  it.each([-1, Number.NaN, 2 ** 31])('rejects timeoutMs %s', (timeoutMs) => {
    expect(() => createTransport({ token: TOKEN, timeoutMs })).toThrow(KantataInputError);
  });
});

describe("caller's abort", () => {
  it('rejects with the reason without calling fetch when already aborted', async () => {
    const { transport, fetch } = setup([reply(200)]);
    const controller = new AbortController();
    const reason = new Error('user left');
    controller.abort(reason);
    await expect(transport(req('GET', '/x', { signal: controller.signal }))).rejects.toBe(reason);
    expect(fetch.requests).toHaveLength(0);
  });

  it('rejects with the reason during a request and makes no further attempt', async () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    const { transport, fetch } = setup([
      (request) => {
        queueMicrotask(() => controller.abort(reason));
        return hang(request);
      },
    ]);
    await expect(transport(req('GET', '/x', { signal: controller.signal }))).rejects.toBe(reason);
    expect(fetch.requests).toHaveLength(1);
  });

  it('rejects at once even when fetch ignores the signal', async () => {
    const controller = new AbortController();
    const { transport } = setup([
      (request) => {
        queueMicrotask(() => controller.abort());
        return hangForever(request);
      },
    ]);
    const error = await rejection(transport(req('GET', '/x', { signal: controller.signal })));
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('is not retried even for an idempotent method with a timeout set', async () => {
    const controller = new AbortController();
    const { transport, fetch } = setup(
      [
        (request) => {
          queueMicrotask(() => controller.abort());
          return hang(request);
        },
      ],
      { timeoutMs: 5000, clock: fakeClock({ hold: [5000] }) },
    );
    await expect(transport(req('PUT', '/x', { signal: controller.signal }))).rejects.toThrow();
    expect(fetch.requests).toHaveLength(1);
  });

  it('rejects with the reason during a backoff sleep and makes no further attempt', async () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    const fetch = scriptedFetch(reply(503), reply(200));
    const transport = createTransport({
      token: TOKEN,
      fetch,
      timeoutMs: 0,
      clock: {
        now: () => 0,
        // Never settles and ignores the signal: the transport must not wait for it.
        sleep: () => {
          queueMicrotask(() => controller.abort(reason));
          return new Promise<void>(() => {});
        },
      },
    });
    await expect(transport(req('GET', '/x', { signal: controller.signal }))).rejects.toBe(reason);
    expect(fetch.requests).toHaveLength(1);
  });

  it('rejects with the reason while the token is being resolved', async () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    const fetch = scriptedFetch(reply(200));
    const transport = createTransport({
      fetch,
      timeoutMs: 0,
      token: () => {
        queueMicrotask(() => controller.abort(reason));
        return new Promise<string>(() => {});
      },
    });
    await expect(transport(req('GET', '/x', { signal: controller.signal }))).rejects.toBe(reason);
    expect(fetch.requests).toHaveLength(0);
  });

  it('still reaches the returned response so its body read can be aborted', async () => {
    const controller = new AbortController();
    const { transport, fetch } = setup([reply(200)]);
    await transport(req('GET', '/x', { signal: controller.signal }));
    controller.abort();
    expect(fetch.requests[0]?.signal.aborted).toBe(true);
  });

  it('no longer reaches the attempts it discarded', async () => {
    const controller = new AbortController();
    const { transport, fetch } = setup([reply(503), reply(200)]);
    await transport(req('GET', '/x', { signal: controller.signal }));
    controller.abort();
    expect(fetch.requests[0]?.signal.aborted).toBe(false);
  });
});

describe('token', () => {
  it('sends a string token as a bearer token', async () => {
    const { transport, fetch } = setup([reply(200)]);
    await transport(req('GET'));
    expect(fetch.requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('calls a sync token function', async () => {
    const { transport, fetch } = setup([reply(200)], { token: () => 'sync-token' });
    await transport(req('GET'));
    expect(fetch.requests[0]?.headers.get('authorization')).toBe('Bearer sync-token');
  });

  it('awaits an async token function once per request', async () => {
    let calls = 0;
    const { transport, fetch } = setup([reply(503), reply(200)], {
      token: async () => `async-${++calls}`,
    });
    await transport(req('GET'));
    await transport(req('GET'));
    expect(calls).toBe(2);
    expect(fetch.requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer async-1',
      'Bearer async-1',
      'Bearer async-2',
    ]);
  });

  it('rejects with the error of a rejecting token function and sends nothing', async () => {
    const failure = new Error('token store offline');
    const { transport, fetch } = setup([reply(200)], { token: () => Promise.reject(failure) });
    await expect(transport(req('GET'))).rejects.toBe(failure);
    expect(fetch.requests).toHaveLength(0);
  });

  it('refuses an empty token when created', () => {
    expect(() => createTransport({ token: '' })).toThrow(KantataInputError);
  });

  it('refuses a missing token when created', () => {
    expect(() => createTransport({} as TransportOptions)).toThrow(KantataInputError);
  });

  it('refuses an empty token from a function before any request', async () => {
    const { transport, fetch } = setup([reply(200)], { token: () => '' });
    await expect(transport(req('GET'))).rejects.toBeInstanceOf(KantataInputError);
    expect(fetch.requests).toHaveLength(0);
  });

  it('refuses a token with a line break without quoting it', () => {
    const error = (() => {
      try {
        createTransport({ token: 'abc\r\nX-Evil: 1' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(KantataInputError);
    expect(error?.message).not.toContain('abc');
  });
});

describe('headers and body', () => {
  it('asks for JSON and keeps the caller headers', async () => {
    const { transport, fetch } = setup([reply(200)]);
    await transport(req('GET', '/x', { headers: { 'x-custom': 'yes' } }));
    const headers = fetch.requests[0]?.headers;
    expect(headers?.get('accept')).toBe('application/json');
    expect(headers?.get('x-custom')).toBe('yes');
  });

  it("keeps the caller's own Accept header", async () => {
    const { transport, fetch } = setup([reply(200)]);
    await transport(req('GET', '/x', { headers: { accept: 'text/csv' } }));
    expect(fetch.requests[0]?.headers.get('accept')).toBe('text/csv');
  });

  it('sends the User-Agent when given', async () => {
    const { transport, fetch } = setup([reply(200)], {
      userAgent: 'my-app/1.2 (+ops@example.com)',
    });
    await transport(req('GET'));
    expect(fetch.requests[0]?.headers.get('user-agent')).toBe('my-app/1.2 (+ops@example.com)');
  });

  it('refuses a User-Agent with a line break', () => {
    expect(() => createTransport({ token: TOKEN, userAgent: 'a\nb' })).toThrow(KantataInputError);
  });

  it('sets the Authorization header on every attempt', async () => {
    const { transport, fetch } = setup([reply(503), reply(503), reply(200)]);
    await transport(req('GET'));
    expect(fetch.requests.map((r) => r.headers.get('authorization'))).toEqual(
      Array(3).fill(`Bearer ${TOKEN}`),
    );
  });

  it('resends a POST body intact on a retry', async () => {
    const payload = { post: { message: 'héllo ✓', workspace_id: 7 } };
    const { transport, fetch } = setup([reply(429), failWith('ECONNREFUSED'), reply(201)]);
    await transport(jsonPost(payload));
    expect(fetch.bodies).toEqual(Array(3).fill(JSON.stringify(payload)));
    expect(fetch.requests.map((r) => r.headers.get('content-type'))).toEqual(
      Array(3).fill('application/json'),
    );
  });

  it('accepts a URL string and init like fetch does', async () => {
    const { transport, fetch } = setup([reply(200)]);
    await transport(`${API}/x`, { method: 'PUT', body: 'payload' });
    expect(fetch.requests[0]?.method).toBe('PUT');
    expect(fetch.bodies[0]).toBe('payload');
    expect(fetch.inits[0]).toBeUndefined();
  });

  it('forwards non-standard init members (such as a dispatcher) to fetch', async () => {
    const { transport, fetch } = setup([reply(200)]);
    const dispatcher = { name: 'agent' };
    await transport(req('GET'), { dispatcher, headers: { 'x-ignored': '1' } } as RequestInit);
    expect(fetch.inits[0]).toEqual({ dispatcher });
  });

  it('does not consume the caller request', async () => {
    const { transport } = setup([reply(201)]);
    const request = jsonPost({ a: 1 });
    await transport(request);
    expect(await request.text()).toBe('{"a":1}');
  });
});

describe('redirects', () => {
  const to = (location: string, status = 302): Step => reply(status, { location }, '');

  it('follows a same-origin redirect keeping Authorization', async () => {
    const { transport, fetch } = setup([to('/api/v1/users/2.json'), reply(200)]);
    const response = await transport(req('GET'));
    expect(response.status).toBe(200);
    expect(fetch.requests[1]?.url).toBe(`${API}/users/2.json`);
    expect(fetch.requests[1]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('drops Authorization on a cross-origin redirect', async () => {
    const { transport, fetch } = setup([to('https://files.example.net/a.pdf'), reply(200)]);
    await transport(req('GET'));
    expect(fetch.requests[1]?.url).toBe('https://files.example.net/a.pdf');
    expect(fetch.requests[1]?.headers.has('authorization')).toBe(false);
    expect(fetch.requests[1]?.headers.get('accept')).toBe('application/json');
  });

  it('treats a switch from https to http on the same host as cross-origin', async () => {
    const { transport, fetch } = setup([to('http://api.example.com/api/v1/x'), reply(200)]);
    await transport(req('GET'));
    expect(fetch.requests[1]?.headers.has('authorization')).toBe(false);
  });

  it('does not restore Authorization when the chain comes back to the origin', async () => {
    const { transport, fetch } = setup([
      to('https://elsewhere.example.net/hop'),
      to(`${API}/back`),
      reply(200),
    ]);
    await transport(req('GET'));
    expect(fetch.requests[2]?.headers.has('authorization')).toBe(false);
  });

  it('turns a POST into a bodiless GET on 303', async () => {
    const { transport, fetch } = setup([to('/api/v1/posts/9.json', 303), reply(200)]);
    await transport(jsonPost({ a: 1 }));
    expect(fetch.requests[1]?.method).toBe('GET');
    expect(fetch.bodies[1]).toBe('');
    expect(fetch.requests[1]?.headers.has('content-type')).toBe(false);
  });

  it('turns a PUT into a GET on 303', async () => {
    const { transport, fetch } = setup([to('/api/v1/x', 303), reply(200)]);
    await transport(req('PUT', '/x', { body: 'a' }));
    expect(fetch.requests[1]?.method).toBe('GET');
  });

  it('turns a POST into a GET on 301', async () => {
    const { transport, fetch } = setup([to('/api/v1/moved', 301), reply(200)]);
    await transport(jsonPost({ a: 1 }));
    expect(fetch.requests[1]?.method).toBe('GET');
  });

  it('resends method and body on 307', async () => {
    const { transport, fetch } = setup([to('/api/v1/posts2.json', 307), reply(201)]);
    await transport(jsonPost({ a: 1 }));
    expect(fetch.requests[1]?.method).toBe('POST');
    expect(fetch.bodies[1]).toBe('{"a":1}');
    expect(fetch.requests[1]?.headers.get('content-type')).toBe('application/json');
  });

  it('sends every hop with redirect: manual', async () => {
    const { transport, fetch } = setup([to('/api/v1/x'), reply(200)]);
    await transport(req('GET'));
    expect(fetch.requests.map((r) => r.redirect)).toEqual(['manual', 'manual']);
  });

  it('fails after more than 5 redirects', async () => {
    const { transport, fetch } = setup([to('/api/v1/loop')]);
    const error = await rejection(transport(req('GET')));
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect(error).toMatchObject({ code: 'ERR_TOO_MANY_REDIRECTS' });
    expect(fetch.requests).toHaveLength(6);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const { transport } = setup([to('javascript:alert(1)')]);
    expect(await rejection(transport(req('GET')))).toMatchObject({ code: 'ERR_INVALID_REDIRECT' });
  });

  it('returns a 3xx without Location as is', async () => {
    const { transport } = setup([reply(304)]);
    expect((await transport(req('GET'))).status).toBe(304);
  });

  describe('browser opaque redirects', () => {
    const opaque: Step = () => {
      const response = new Response(null, { status: 200 });
      Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
      return response;
    };

    it('lets the platform follow an idempotent request, then keeps doing so', async () => {
      const { transport, fetch } = setup([opaque, reply(200)]);
      expect((await transport(req('GET'))).status).toBe(200);
      await transport(req('GET'));
      expect(fetch.requests.map((r) => r.redirect)).toEqual(['manual', 'follow', 'follow']);
    });

    it('does not re-send a POST after an opaque redirect', async () => {
      const { transport, fetch } = setup([opaque, reply(201)]);
      const error = await rejection(transport(jsonPost({ a: 1 })));
      expect(error).toMatchObject({ code: 'ERR_OPAQUE_REDIRECT' });
      expect(fetch.requests).toHaveLength(1);
    });
  });
});

describe('with openapi-fetch', () => {
  interface Paths {
    '/users/{id}.json': {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      get: {
        parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
        requestBody?: never;
        responses: {
          200: {
            headers: Record<string, unknown>;
            content: { 'application/json': { id: string } };
          };
          422: {
            headers: Record<string, unknown>;
            content: { 'application/json': { errors: { type: string; message: string }[] } };
          };
        };
      };
    };
  }

  it('keeps the { data, error } contract and exposes attempts on the response', async () => {
    const fetch = scriptedFetch(reply(503), () => Response.json({ id: '5' }));
    const transport = createTransport({ token: TOKEN, fetch, timeoutMs: 0, clock: fakeClock() });
    const client = createClient<Paths>({ baseUrl: API, fetch: transport });
    const result = await client.GET('/users/{id}.json', { params: { path: { id: '5' } } });
    expect(result.data).toEqual({ id: '5' });
    expect(attemptsOf(result.response)).toBe(2);
    expect(fetch.requests[1]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('returns an HTTP error as error, not as a throw', async () => {
    const body = { errors: [{ type: 'validation', message: 'bad' }] };
    const fetch = scriptedFetch(() => Response.json(body, { status: 422 }));
    const transport = createTransport({ token: TOKEN, fetch, timeoutMs: 0, clock: fakeClock() });
    const client = createClient<Paths>({ baseUrl: API, fetch: transport });
    const result = await client.GET('/users/{id}.json', { params: { path: { id: '5' } } });
    expect(result.error).toEqual(body);
    expect(result.response.status).toBe(422);
  });
});
