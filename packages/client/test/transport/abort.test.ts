/**
 * The caller's AbortSignal: it ends a call at once, at any stage, with the caller's own
 * reason, and is never retried. Also the abort helpers on their own (src/transport/abort.ts).
 */
import { describe, expect, it } from 'vitest';
import { discardBody, raceAbort, throwIfAborted } from '../../src/transport/abort.js';
import { createTransport } from '../../src/transport/transport.js';
import { hang, hangForever, reply } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { API, createObservedTransport, observedFetch, TOKEN } from '../doubles/observed.js';

const get = (signal: AbortSignal, method = 'GET') => new Request(`${API}/x`, { method, signal });

describe("the caller's abort", () => {
  it('rejects with the reason without calling fetch when already aborted', async () => {
    const { transport, fetch } = createObservedTransport([reply(200)]);
    const reason = new Error('user left');
    await expect(transport(get(AbortSignal.abort(reason)))).rejects.toBe(reason);
    expect(fetch.calls).toHaveLength(0);
  });

  it('rejects with the reason during a request and makes no further attempt', async () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    const { transport, fetch } = createObservedTransport([
      (request, call) => {
        queueMicrotask(() => controller.abort(reason));
        return hang(request, call);
      },
    ]);
    await expect(transport(get(controller.signal))).rejects.toBe(reason);
    expect(fetch.calls).toHaveLength(1);
  });

  it('rejects at once even when fetch ignores the signal', async () => {
    const controller = new AbortController();
    const { transport } = createObservedTransport([
      (request, call) => {
        queueMicrotask(() => controller.abort());
        return hangForever(request, call);
      },
    ]);
    const error = await rejection(transport(get(controller.signal)));
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('is not retried even for an idempotent method with a timeout set', async () => {
    const controller = new AbortController();
    const { transport, fetch } = createObservedTransport(
      [
        (request, call) => {
          queueMicrotask(() => controller.abort());
          return hang(request, call);
        },
      ],
      { timeoutMs: 5000 },
    );
    await expect(transport(get(controller.signal, 'PUT'))).rejects.toThrow();
    expect(fetch.calls).toHaveLength(1);
  });

  it('rejects with the reason during a backoff sleep and makes no further attempt', async () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    const fetch = observedFetch([reply(503), reply(200)]);
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
    }).fetch;
    await expect(transport(get(controller.signal))).rejects.toBe(reason);
    expect(fetch.calls).toHaveLength(1);
  });

  it('rejects with the reason while the token is being resolved', async () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    const { transport, fetch } = createObservedTransport([reply(200)], {
      token: () => {
        queueMicrotask(() => controller.abort(reason));
        return new Promise<string>(() => {});
      },
    });
    await expect(transport(get(controller.signal))).rejects.toBe(reason);
    expect(fetch.calls).toHaveLength(0);
  });

  it('still reaches the returned response so its body read can be aborted', async () => {
    const controller = new AbortController();
    const { transport, fetch } = createObservedTransport([reply(200)]);
    await transport(get(controller.signal));
    controller.abort();
    expect(fetch.calls[0]?.signal.aborted).toBe(true);
  });

  it('no longer reaches the attempts it discarded', async () => {
    const controller = new AbortController();
    const { transport, fetch } = createObservedTransport([reply(503), reply(200)]);
    await transport(get(controller.signal));
    controller.abort();
    expect(fetch.calls[0]?.signal.aborted).toBe(false);
  });
});

/** A Response whose body records whether it was cancelled. */
function trackedResponse(): { response: Response; cancelled: () => boolean } {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull: () => new Promise(() => {}),
    cancel: () => {
      cancelled = true;
    },
  });
  return { response: new Response(body), cancelled: () => cancelled };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('abort helpers', () => {
  it('throwIfAborted throws the signal’s reason, and nothing when not aborted', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    const reason = new Error('stop');
    controller.abort(reason);
    expect(() => throwIfAborted(controller.signal)).toThrow(reason);
  });

  it('raceAbort on an aborted signal rejects at once and cancels a Response that arrives later', async () => {
    const reason = new Error('stop');
    const { response, cancelled } = trackedResponse();
    let resolve: (r: Response) => void = () => {};
    const late = new Promise<Response>((r) => {
      resolve = r;
    });
    await expect(raceAbort(late, AbortSignal.abort(reason))).rejects.toBe(reason);
    resolve(response);
    await tick();
    expect(cancelled()).toBe(true);
  });

  it('raceAbort cancels a Response that arrives after an abort during the race', async () => {
    const controller = new AbortController();
    const { response, cancelled } = trackedResponse();
    let resolve: (r: Response) => void = () => {};
    const late = new Promise<Response>((r) => {
      resolve = r;
    });
    const raced = raceAbort(late, controller.signal);
    controller.abort(new Error('stop'));
    await expect(raced).rejects.toThrow('stop');
    resolve(response);
    await tick();
    expect(cancelled()).toBe(true);
  });

  it('raceAbort resolves with the value, and does not cancel it, when nothing aborts', async () => {
    const { response, cancelled } = trackedResponse();
    await expect(raceAbort(Promise.resolve(response), new AbortController().signal)).resolves.toBe(
      response,
    );
    await tick();
    expect(cancelled()).toBe(false);
  });

  it('raceAbort passes a rejection through, and swallows one that comes after the abort', async () => {
    const failure = new Error('fetch failed');
    await expect(raceAbort(Promise.reject(failure), new AbortController().signal)).rejects.toBe(
      failure,
    );
    const controller = new AbortController();
    let reject: (e: unknown) => void = () => {};
    const late = new Promise<never>((_r, j) => {
      reject = j;
    });
    const raced = raceAbort(late, controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    reject(failure);
    await expect(raced).rejects.toBe(reason);
  });

  it('discardBody cancels an unread body, and leaves a null or used body alone', async () => {
    const { response, cancelled } = trackedResponse();
    discardBody(response);
    await tick();
    expect(cancelled()).toBe(true);
    expect(() => discardBody(new Response(null))).not.toThrow();
    const used = new Response('x');
    await used.text();
    expect(() => discardBody(used)).not.toThrow();
  });
});
