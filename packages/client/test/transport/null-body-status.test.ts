/**
 * A status that forbids a body (204, 205, 304) comes back as it came. Browsers hand such a
 * response an empty but non-null `body` (Node's fetch gives `null`); wrapping that body for
 * the timeout meant `new Response(stream, { status: 204 })`, which throws, so every delete
 * failed in a browser as a network error, was retried, and ended on the retry's 404.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createObservedClient, createObservedTransport } from '../doubles/observed.js';

/** A response as a browser presents a null-body status: `body` is an empty, open stream. */
function browserResponse(status: number): Response {
  const response = new Response(null, { status, headers: { 'x-request-id': 'req-1' } });
  const empty = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.close();
    },
  });
  Object.defineProperty(response, 'body', { value: empty });
  return response;
}

describe('the double', () => {
  it('is what broke: a 204 whose body is an empty stream cannot be rebuilt', () => {
    const response = browserResponse(204);
    expect(response.body).not.toBeNull();
    expect(() => new Response(response.body, { status: 204 })).toThrow(TypeError);
  });
});

describe('a 204 with an empty, non-null body (as browsers give it)', () => {
  it('ends delete() after one attempt, with default options', async () => {
    const { client, fetch, events } = createObservedClient(() => browserResponse(204));
    await expect(client.organizationMemberships.delete(901)).resolves.toBeUndefined();
    expect(fetch.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'DELETE /organization_memberships/901',
    ]);
    expect(events).toEqual([]);
  });

  it('ends a raw DELETE after one attempt, answered with the response as it came', async () => {
    let answered: Response | undefined;
    const { client, fetch, events } = createObservedClient(() => {
      answered = browserResponse(204);
      return answered;
    });
    const { data, error, response } = await client.raw.DELETE('/organization_memberships/{id}', {
      params: { path: { id: 901 } },
    });
    expect({ data, error, status: response.status }).toEqual({
      data: undefined,
      error: undefined,
      status: 204,
    });
    expect(response).toBe(answered);
    expect(fetch.calls).toHaveLength(1);
    expect(events).toEqual([]);
  });
});

describe.each([204, 205, 304])('the transport, for a %i with an empty body stream', (status) => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes the response on unwrapped, after one attempt, and stops its timer', async () => {
    let answered: Response | undefined;
    const { transport, fetch } = createObservedTransport(
      () => {
        answered = browserResponse(status);
        return answered;
      },
      { timeoutMs: 5000 },
    );
    const response = await transport('https://api.example.test/api/v1/organization_memberships');
    expect(response).toBe(answered);
    expect(response.status).toBe(status);
    expect(fetch.calls).toHaveLength(1);
    // Nothing to time: the attempt's timer is gone as soon as the answer is.
    expect(vi.getTimerCount()).toBe(0);
  });
});
