/** Following redirects (src/core/redirects.ts), through the transport that uses it. */
import { describe, expect, it } from 'vitest';
import { KantataNetworkError } from '../../src/core/errors.js';
import { createTransport } from '../../src/core/transport.js';
import type { RetryEvent, TransportOptions } from '../../src/core/transport-options.js';
import { fakeClock, reply, type Step, scriptedFetch, TOKEN } from './helpers.js';

const API = 'https://api.example.com/api/v1';

/** A transport with timeouts off (so the instant fake clock cannot race them) and fixed jitter. */
function setup(steps: Step[], options: Partial<TransportOptions> = {}) {
  const fetch = scriptedFetch(...steps);
  const events: RetryEvent[] = [];
  const transport = createTransport({
    token: TOKEN,
    fetch,
    clock: fakeClock(),
    timeoutMs: 0,
    random: () => 0.5,
    onRetry: (event) => events.push(event),
    ...options,
  });
  return { transport, fetch, events };
}

function req(method: string, path = '/users.json', init: RequestInit = {}): Request {
  return new Request(`${API}${path}`, { method, ...init });
}

function jsonPost(body: unknown): Request {
  return req('POST', '/posts.json', {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
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

const to = (location: string, status = 302): Step => reply(status, { location }, '');

describe('what counts as a redirect', () => {
  it('returns a 201 with a Location header as is', async () => {
    const { transport, fetch } = setup([reply(201, { location: '/api/v1/posts/9.json' })]);
    const response = await transport(jsonPost({ a: 1 }));
    expect(response.status).toBe(201);
    expect(fetch.requests).toHaveLength(1);
  });

  it('returns a 302 without Location as is', async () => {
    const { transport, fetch } = setup([reply(302), reply(200)]);
    const response = await transport(req('GET'));
    expect(response.status).toBe(302);
    expect(fetch.requests).toHaveLength(1);
  });
});

describe('refused locations', () => {
  it('fails with ERR_INVALID_REDIRECT on a Location that is not a URL', async () => {
    const { transport, fetch } = setup([to('http://'), reply(200)]);
    const error = await rejection(transport(req('GET')));
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect(error).toMatchObject({
      code: 'ERR_INVALID_REDIRECT',
      message:
        'GET /api/v1/users.json failed after 1 attempt: redirected to an invalid location (ERR_INVALID_REDIRECT)',
    });
    expect(fetch.requests).toHaveLength(1);
  });

  it('says a non-http(s) Location was refused', async () => {
    const { transport } = setup([to('ftp://files.example.com/a.pdf')]);
    const error = await rejection(transport(req('GET')));
    expect(error).toMatchObject({
      code: 'ERR_INVALID_REDIRECT',
      message:
        'GET /api/v1/users.json failed after 1 attempt: redirected to a non-http(s) location (ERR_INVALID_REDIRECT)',
    });
  });
});

describe('method and body on each redirect status', () => {
  it('turns a POST into a bodiless GET on 302', async () => {
    const { transport, fetch } = setup([to('/api/v1/posts/9.json', 302), reply(200)]);
    await transport(jsonPost({ a: 1 }));
    expect(fetch.requests[1]?.method).toBe('GET');
    expect(fetch.bodies[1]).toBe('');
    expect(fetch.requests[1]?.headers.has('content-type')).toBe(false);
  });

  it.each([301, 302])('resends a PUT with its body and headers on %i', async (status) => {
    const { transport, fetch } = setup([to('/api/v1/users/2.json', status), reply(200)]);
    await transport(
      req('PUT', '/users/1.json', { body: 'a', headers: { 'content-type': 'text/plain' } }),
    );
    expect(fetch.requests[1]?.method).toBe('PUT');
    expect(fetch.bodies[1]).toBe('a');
    expect(fetch.requests[1]?.headers.get('content-type')).toBe('text/plain');
  });

  it('keeps a HEAD a HEAD on 303', async () => {
    const { transport, fetch } = setup([to('/api/v1/users/2.json', 303), reply(200)]);
    await transport(req('HEAD'));
    expect(fetch.requests[1]?.method).toBe('HEAD');
  });

  it('keeps every header of a GET on 303, as fetch does', async () => {
    const { transport, fetch } = setup([to('/api/v1/users/2.json', 303), reply(200)]);
    await transport(req('GET', '/users.json', { headers: { 'content-language': 'en' } }));
    expect(fetch.requests[1]?.headers.get('content-language')).toBe('en');
  });

  it('resends the body again on every 307 of a chain', async () => {
    const { transport, fetch } = setup([
      to('/api/v1/a.json', 307),
      to('/api/v1/b.json', 308),
      reply(201),
    ]);
    await transport(jsonPost({ a: 1 }));
    expect(fetch.bodies).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
  });
});

describe('browser opaque redirects', () => {
  const opaque: Step = () => {
    const response = new Response(null, { status: 200 });
    Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
    return response;
  };

  it('re-sends an idempotent request at once, within the same attempt', async () => {
    const { transport, fetch, events } = setup([opaque, reply(200)]);
    const response = await transport(req('GET'));
    expect(response.status).toBe(200);
    expect(events).toEqual([]);
    expect(fetch.requests[1]?.redirect).toBe('follow');
  });

  it('keeps the token on the re-sent request', async () => {
    const { transport, fetch } = setup([opaque, reply(200)]);
    await transport(req('GET'));
    expect(fetch.requests[1]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('keeps the token on later requests the platform follows', async () => {
    const { transport, fetch } = setup([opaque, reply(200)]);
    await transport(req('GET'));
    await transport(req('GET', '/users/2.json'));
    expect(fetch.requests[2]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(fetch.requests[2]?.redirect).toBe('follow');
  });

  it('still sends the body of a retried PUT once the platform follows', async () => {
    const { transport, fetch } = setup([opaque, reply(503), reply(200)]);
    const response = await transport(req('PUT', '/users/1.json', { body: 'a' }));
    expect(response.status).toBe(200);
    expect(fetch.bodies).toEqual(['a', 'a', 'a']);
  });

  it('says why a POST met by an opaque redirect is not re-sent', async () => {
    const { transport } = setup([opaque, reply(201)]);
    const error = await rejection(transport(jsonPost({ a: 1 })));
    expect(error).toMatchObject({
      message:
        'POST /api/v1/posts.json failed after 1 attempt: redirected, and this platform hides redirect targets; not re-sending a non-idempotent request (ERR_OPAQUE_REDIRECT)',
    });
  });
});
