/**
 * `timeoutMs` covers the whole response: a body that stalls after the headers ends with
 * `KantataTimeoutError` for the helpers and for `raw` alike. Driven with vitest's fake timers
 * (the timeout runs on the platform's timers, not on the injected clock).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KantataTimeoutError } from '../../src/errors/classes.js';
import { rejection } from '../doubles/async.js';
import { createObservedClient } from '../doubles/observed.js';

const encoder = new TextEncoder();

/** Headers at once, then `first` of the body, then nothing (the stream never closes). */
function stalledBody(first = '{"count": 1, "results": ['): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(first));
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json' } });
}

/** A body sent in `chunks`, one every `everyMs`, on the (fake) timers. */
function slowBody(chunks: readonly string[], everyMs: number): Response {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, everyMs));
      const chunk = chunks[sent++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json' } });
}

describe('a body that stalls after the headers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends a helper call with KantataTimeoutError after timeoutMs', async () => {
    const { client, fetch } = createObservedClient(() => stalledBody(), { timeoutMs: 5000 });
    const error = rejection(client.organizationMemberships.list());
    await vi.advanceTimersByTimeAsync(4999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await error).toBeInstanceOf(KantataTimeoutError);
    expect(await error).toMatchObject({ timeoutMs: 5000, attempts: 1, method: 'GET' });
    // Not retried: the response had been handed back when its body stalled.
    expect(fetch.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ends with KantataTimeoutError where the platform's text() hides the stream's error", async () => {
    // As Chromium does: any error of a stream the page built reads as TypeError('Failed to fetch').
    class BrowserLikeResponse extends Response {
      override text(): Promise<string> {
        return super.text().catch(() => {
          throw new TypeError('Failed to fetch');
        });
      }
    }
    vi.stubGlobal('Response', BrowserLikeResponse);
    try {
      const { client } = createObservedClient(() => stalledBody(), { timeoutMs: 5000 });
      const error = rejection(client.organizationMemberships.list());
      await vi.advanceTimersByTimeAsync(5000);
      expect(await error).toBeInstanceOf(KantataTimeoutError);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('ends a raw call with KantataTimeoutError', async () => {
    const { client } = createObservedClient(() => stalledBody(), { timeoutMs: 5000 });
    const error = rejection(client.raw.GET('/organization_memberships', {}));
    await vi.advanceTimersByTimeAsync(5000);
    expect(await error).toBeInstanceOf(KantataTimeoutError);
  });

  it("errors a raw parseAs: 'stream' body with KantataTimeoutError while it is read", async () => {
    const { client } = createObservedClient(() => stalledBody('{"co'), { timeoutMs: 5000 });
    const { data } = await client.raw.GET('/organization_memberships', { parseAs: 'stream' });
    const reader = (data as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"co');
    const read = rejection(reader.read());
    await vi.advanceTimersByTimeAsync(5000);
    expect(await read).toBeInstanceOf(KantataTimeoutError);
  });

  it('counts the time to the headers and the body together', async () => {
    const { client } = createObservedClient(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        return stalledBody();
      },
      { timeoutMs: 5000, retry: false },
    );
    const error = rejection(client.organizationMemberships.list());
    await vi.advanceTimersByTimeAsync(4999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await error).toBeInstanceOf(KantataTimeoutError);
  });

  it('lets a slow body through that ends within timeoutMs', async () => {
    const chunks = ['{"count": 0, "results": [],', ' "organization_memberships": {}}'];
    const { client } = createObservedClient(() => slowBody(chunks, 1000), { timeoutMs: 5000 });
    const page = client.organizationMemberships.list();
    await vi.advanceTimersByTimeAsync(3000);
    await expect(page).resolves.toMatchObject({ count: 0, items: [] });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps the url of the response it wraps', async () => {
    const { client } = createObservedClient(
      () => {
        const response = new Response('{}');
        Object.defineProperty(response, 'url', { value: 'https://api.example.test/x' });
        return response;
      },
      { timeoutMs: 5000 },
    );
    const { response } = await client.raw.GET('/organization_memberships', {});
    expect(response.url).toBe('https://api.example.test/x');
  });

  it("hands raw the fetch's own Response when timeoutMs is 0 (nothing to time)", async () => {
    const answered: Response[] = [];
    const { client } = createObservedClient(
      () => {
        const response = new Response('{}', { headers: { 'content-type': 'application/json' } });
        answered.push(response);
        return response;
      },
      { timeoutMs: 0 },
    );
    const { response } = await client.raw.GET('/organization_memberships', { parseAs: 'stream' });
    expect(response).toBe(answered[0]);
  });
});
