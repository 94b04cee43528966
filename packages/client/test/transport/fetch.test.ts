/**
 * What exactly reaches fetch: the platform's fetch gets a URL and an init (no Request to
 * copy), an injected fetch gets a Request; either way with the caller's attributes kept and
 * the extension members of the init (an undici `dispatcher`) passed on.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KantataInputError } from '../../src/errors/classes.js';
import { extensionInit } from '../../src/transport/extension-init.js';
import type { FetchLike } from '../../src/transport/redirects.js';
import { createTransport } from '../../src/transport/transport.js';
import { reply } from '../doubles/answers.js';
import { API, createObservedTransport, TOKEN } from '../doubles/observed.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Stubs the global fetch; records its arguments and answers each call with `status`. */
function stubPlatformFetch(...statuses: number[]) {
  const calls: { input: unknown; init: RequestInit | undefined }[] = [];
  vi.stubGlobal('fetch', async (input: unknown, init?: RequestInit) => {
    calls.push({ input, init });
    const status = statuses[calls.length - 1] ?? statuses.at(-1) ?? 200;
    const redirect = status >= 300 && status < 400;
    const location = redirect ? { location: `${API}/moved` } : undefined;
    return new Response(redirect || status === 204 ? null : '{}', { status, headers: location });
  });
  return calls;
}

describe("the platform's fetch", () => {
  it('gets the URL as a string and an init carrying method, headers, body and signal', async () => {
    const calls = stubPlatformFetch(201);
    const transport = createTransport({ token: TOKEN }).fetch;
    await transport(`${API}/posts.json`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(calls).toHaveLength(1);
    const { input, init } = calls[0]!;
    expect(input).toBe(`${API}/posts.json`);
    expect(init?.method).toBe('POST');
    expect(init?.redirect).toBe('manual');
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
    expect(new TextDecoder().decode(init?.body as ArrayBuffer)).toBe('{"a":1}');
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('gets extension members (an undici dispatcher) merged into the init', async () => {
    const calls = stubPlatformFetch(200);
    const transport = createTransport({ token: TOKEN }).fetch;
    const dispatcher = { name: 'agent' };
    await transport(new Request(`${API}/x`), { dispatcher } as RequestInit);
    expect(calls[0]?.init).toMatchObject({ dispatcher, method: 'GET' });
  });

  it('is looked up at call time, so a fetch installed after creation is used', async () => {
    const transport = createTransport({ token: TOKEN }).fetch;
    const calls = stubPlatformFetch(204);
    expect((await transport(`${API}/x`)).status).toBe(204);
    expect(calls).toHaveLength(1);
  });

  it('is used when the fetch option is null', async () => {
    const calls = stubPlatformFetch(204);
    const transport = createTransport({ token: TOKEN, fetch: null as unknown as FetchLike }).fetch;
    expect((await transport(`${API}/x`)).status).toBe(204);
    expect(calls).toHaveLength(1);
  });

  it('gets the same bytes again for each hop of a 307', async () => {
    const calls = stubPlatformFetch(307, 201);
    const transport = createTransport({ token: TOKEN, timeoutMs: 0 }).fetch;
    await transport(`${API}/posts.json`, { method: 'POST', body: 'payload ✓' });
    expect(calls.map((c) => c.input)).toEqual([`${API}/posts.json`, `${API}/moved`]);
    expect(calls.map((c) => new TextDecoder().decode(c.init?.body as ArrayBuffer))).toEqual([
      'payload ✓',
      'payload ✓',
    ]);
  });

  it('refuses to run without any fetch, naming the fetch option', async () => {
    vi.stubGlobal('fetch', undefined);
    const transport = createTransport({ token: TOKEN }).fetch;
    await expect(transport(`${API}/x`)).rejects.toThrow(KantataInputError);
    await expect(transport(`${API}/x`)).rejects.toMatchObject({
      field: 'fetch',
      message: 'Invalid fetch: no fetch implementation is available',
    });
  });
});

describe('an injected fetch', () => {
  it("gets a Request keeping the caller's credentials, cache, keepalive and referrer policy", async () => {
    const { transport, fetch } = createObservedTransport([reply(200)]);
    await transport(
      new Request(`${API}/x`, {
        credentials: 'include',
        cache: 'no-store',
        keepalive: true,
        referrerPolicy: 'no-referrer',
        integrity: 'sha256-abc',
      }),
    );
    const sent = fetch.calls[0]!.request;
    expect(sent).toBeInstanceOf(Request);
    expect(sent.credentials).toBe('include');
    expect(sent.cache).toBe('no-store');
    expect(sent.keepalive).toBe(true);
    expect(sent.referrerPolicy).toBe('no-referrer');
    expect(sent.integrity).toBe('sha256-abc');
    expect(sent.redirect).toBe('manual');
  });

  it('keeps a custom method name as the caller spelled it', async () => {
    const { transport, fetch } = createObservedTransport([reply(200)]);
    await transport(new Request(`${API}/x`, { method: 'PATCH', body: 'p' }));
    expect(fetch.calls[0]?.method).toBe('PATCH');
    expect(fetch.calls[0]?.text).toBe('p');
  });

  it('gets a request a script may build from a navigation request (mode same-origin)', async () => {
    // Navigation requests exist only in browsers; their mode cannot be set by script.
    class NavigationRequest extends Request {
      override get mode(): RequestMode {
        return 'navigate';
      }
    }
    const { transport, fetch } = createObservedTransport([reply(200)]);
    await transport(new NavigationRequest(`${API}/x`));
    expect(fetch.calls[0]?.request.mode).toBe('same-origin');
  });

  it('gets the non-standard init members (such as a dispatcher) as its second argument', async () => {
    const { transport, fetch } = createObservedTransport([reply(200)]);
    const dispatcher = { name: 'agent' };
    await transport(new Request(`${API}/x`), {
      dispatcher,
      headers: { 'x-ignored': '1' },
    } as RequestInit);
    expect(fetch.calls[0]?.init).toEqual({ dispatcher });
  });

  it.each([
    ['a string', 'https://example.test'],
    ['an object', {}],
  ])('is refused when it is %s, when the transport is created', (_label, fetch) => {
    expect(
      () => createTransport({ token: TOKEN, fetch: fetch as unknown as FetchLike }).fetch,
    ).toThrow(
      expect.objectContaining({ field: 'fetch', message: 'Invalid fetch: must be a function' }),
    );
  });
});

describe('extensionInit', () => {
  it('keeps only the members a Request does not carry, or nothing', () => {
    const signal = new AbortController().signal;
    expect(
      extensionInit({ method: 'GET', headers: {}, signal, redirect: 'follow' }),
    ).toBeUndefined();
    expect(extensionInit(undefined)).toBeUndefined();
    expect(
      extensionInit({ priority: 'high', duplex: 'half', dispatcher: 1 } as RequestInit),
    ).toEqual({
      dispatcher: 1,
    });
  });

  it('knows every standard member of a RequestInit, and null as no init', () => {
    const standard = {
      body: 'x',
      cache: 'no-store',
      credentials: 'omit',
      duplex: 'half',
      headers: {},
      integrity: '',
      keepalive: false,
      method: 'POST',
      mode: 'cors',
      priority: 'low',
      redirect: 'manual',
      referrer: '',
      referrerPolicy: 'no-referrer',
      signal: null,
      window: null,
    } as RequestInit;
    expect(extensionInit(standard)).toBeUndefined();
    for (const [key, value] of Object.entries(standard)) {
      expect(extensionInit({ [key]: value, agent: 1 } as RequestInit)).toEqual({ agent: 1 });
    }
    expect(extensionInit(null as unknown as RequestInit)).toBeUndefined();
  });
});
