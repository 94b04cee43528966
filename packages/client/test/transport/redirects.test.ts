/**
 * Following redirects by hand (src/transport/redirects.ts), through the transport that uses it:
 * which answers count as redirects, what each status does to the method and body, where the
 * token goes, what is refused, and how browsers' opaque redirects are handled.
 */
import { describe, expect, it } from 'vitest';
import { KantataNetworkError } from '../../src/errors/classes.js';
import { redirectTo, reply } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { type Answer, API, createObservedTransport, TOKEN } from '../doubles/observed.js';

function req(method: string, path = '/users.json', init: RequestInit = {}): Request {
  return new Request(`${API}${path}`, { method, ...init });
}

function jsonPost(body: unknown): Request {
  return req('POST', '/posts.json', {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

describe('what counts as a redirect', () => {
  it('follows a same-origin redirect keeping Authorization', async () => {
    const { transport, fetch } = createObservedTransport([
      redirectTo('/api/v1/users/2.json'),
      reply(200),
    ]);
    const response = await transport(req('GET'));
    expect(response.status).toBe(200);
    expect(fetch.calls[1]?.url).toBe(`${API}/users/2.json`);
    expect(fetch.calls[1]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('sends every hop with redirect: manual', async () => {
    const { transport, fetch } = createObservedTransport([redirectTo('/api/v1/x'), reply(200)]);
    await transport(req('GET'));
    expect(fetch.calls.map((c) => c.request.redirect)).toEqual(['manual', 'manual']);
  });

  it('returns a 201 with a Location header as is', async () => {
    const { transport, fetch } = createObservedTransport([
      reply(201, { location: '/api/v1/posts/9.json' }),
    ]);
    const response = await transport(jsonPost({ a: 1 }));
    expect(response.status).toBe(201);
    expect(fetch.calls).toHaveLength(1);
  });

  it.each([302, 304])('returns a %i without Location as is', async (status) => {
    const { transport, fetch } = createObservedTransport([reply(status), reply(200)]);
    const response = await transport(req('GET'));
    expect(response.status).toBe(status);
    expect(fetch.calls).toHaveLength(1);
  });
});

describe('where the token goes', () => {
  it('drops Authorization on a cross-origin redirect, keeping the other headers', async () => {
    const { transport, fetch } = createObservedTransport([
      redirectTo('https://files.example.net/a.pdf'),
      reply(200),
    ]);
    await transport(req('GET'));
    expect(fetch.calls[1]?.url).toBe('https://files.example.net/a.pdf');
    expect(fetch.calls[1]?.headers.has('authorization')).toBe(false);
    expect(fetch.calls[1]?.headers.get('accept')).toBe('application/json');
  });

  it('treats a switch from https to http on the same host as cross-origin', async () => {
    const { transport, fetch } = createObservedTransport([
      redirectTo('http://api.example.test/api/v1/x'),
      reply(200),
    ]);
    await transport(req('GET'));
    expect(fetch.calls[1]?.headers.has('authorization')).toBe(false);
  });

  it('does not restore Authorization when the chain comes back to the origin', async () => {
    const { transport, fetch } = createObservedTransport([
      redirectTo('https://elsewhere.example.net/hop'),
      redirectTo(`${API}/back`),
      reply(200),
    ]);
    await transport(req('GET'));
    expect(fetch.calls[2]?.headers.has('authorization')).toBe(false);
  });
});

describe('method and body on each redirect status', () => {
  it.each([301, 302, 303])('turns a POST into a bodiless GET on %i', async (status) => {
    const { transport, fetch } = createObservedTransport([
      redirectTo('/api/v1/posts/9.json', status),
      reply(200),
    ]);
    await transport(jsonPost({ a: 1 }));
    expect(fetch.calls[1]?.method).toBe('GET');
    expect(fetch.calls[1]?.text).toBe('');
    expect(fetch.calls[1]?.headers.has('content-type')).toBe(false);
  });

  it('turns a PUT into a GET on 303', async () => {
    const { transport, fetch } = createObservedTransport([
      redirectTo('/api/v1/x', 303),
      reply(200),
    ]);
    await transport(req('PUT', '/x', { body: 'a' }));
    expect(fetch.calls[1]?.method).toBe('GET');
  });

  it.each([301, 302])('resends a PUT with its body and headers on %i', async (status) => {
    const { transport, fetch } = createObservedTransport([
      redirectTo('/api/v1/users/2.json', status),
      reply(200),
    ]);
    await transport(
      req('PUT', '/users/1.json', { body: 'a', headers: { 'content-type': 'text/plain' } }),
    );
    expect(fetch.calls[1]?.method).toBe('PUT');
    expect(fetch.calls[1]?.text).toBe('a');
    expect(fetch.calls[1]?.headers.get('content-type')).toBe('text/plain');
  });

  it('keeps a HEAD a HEAD on 303', async () => {
    const { transport, fetch } = createObservedTransport([
      redirectTo('/api/v1/users/2.json', 303),
      reply(200),
    ]);
    await transport(req('HEAD'));
    expect(fetch.calls[1]?.method).toBe('HEAD');
  });

  it('keeps every header of a GET on 303, as fetch does', async () => {
    const { transport, fetch } = createObservedTransport([
      redirectTo('/api/v1/users/2.json', 303),
      reply(200),
    ]);
    await transport(req('GET', '/users.json', { headers: { 'content-language': 'en' } }));
    expect(fetch.calls[1]?.headers.get('content-language')).toBe('en');
  });

  it('resends method and body on 307', async () => {
    const { transport, fetch } = createObservedTransport([
      redirectTo('/api/v1/posts2.json', 307),
      reply(201),
    ]);
    await transport(jsonPost({ a: 1 }));
    expect(fetch.calls[1]?.method).toBe('POST');
    expect(fetch.calls[1]?.text).toBe('{"a":1}');
    expect(fetch.calls[1]?.headers.get('content-type')).toBe('application/json');
  });

  it('resends the body again on every 307 and 308 of a chain', async () => {
    const { transport, fetch } = createObservedTransport([
      redirectTo('/api/v1/a.json', 307),
      redirectTo('/api/v1/b.json', 308),
      reply(201),
    ]);
    await transport(jsonPost({ a: 1 }));
    expect(fetch.calls.map((c) => c.text)).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
  });
});

describe('refused redirects', () => {
  it('fails after more than 5 redirects', async () => {
    const { transport, fetch } = createObservedTransport([redirectTo('/api/v1/loop')]);
    const error = await rejection(transport(req('GET')));
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect(error).toMatchObject({ code: 'ERR_TOO_MANY_REDIRECTS' });
    expect(fetch.calls).toHaveLength(6);
  });

  it('fails with ERR_INVALID_REDIRECT on a Location that is not a URL', async () => {
    const { transport, fetch } = createObservedTransport([redirectTo('http://'), reply(200)]);
    const error = await rejection(transport(req('GET')));
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect(error).toMatchObject({
      code: 'ERR_INVALID_REDIRECT',
      message:
        'GET /api/v1/users.json failed after 1 attempt: redirected to an invalid location (ERR_INVALID_REDIRECT)',
    });
    expect(fetch.calls).toHaveLength(1);
  });

  it.each(['ftp://files.example.com/a.pdf', 'javascript:alert(1)'])(
    'says a non-http(s) Location (%s) was refused',
    async (location) => {
      const { transport, fetch } = createObservedTransport([redirectTo(location)]);
      const error = await rejection(transport(req('GET')));
      expect(error).toMatchObject({
        code: 'ERR_INVALID_REDIRECT',
        message:
          'GET /api/v1/users.json failed after 1 attempt: redirected to a non-http(s) location (ERR_INVALID_REDIRECT)',
      });
      expect(fetch.calls).toHaveLength(1);
    },
  );
});

describe('browser opaque redirects', () => {
  const opaque: Answer = () => {
    const response = new Response(null, { status: 200 });
    Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
    return response;
  };

  it('re-sends an idempotent request at once, within the same attempt', async () => {
    const { transport, fetch, events } = createObservedTransport([opaque, reply(200)]);
    const response = await transport(req('GET'));
    expect(response.status).toBe(200);
    expect(events).toEqual([]);
    expect(fetch.calls[1]?.request.redirect).toBe('follow');
  });

  it('lets the platform follow from then on, keeping the token', async () => {
    const { transport, fetch } = createObservedTransport([opaque, reply(200)]);
    await transport(req('GET'));
    await transport(req('GET', '/users/2.json'));
    expect(fetch.calls.map((c) => c.request.redirect)).toEqual(['manual', 'follow', 'follow']);
    expect(fetch.calls.map((c) => c.headers.get('authorization'))).toEqual(
      Array(3).fill(`Bearer ${TOKEN}`),
    );
  });

  it('still sends the body of a retried PUT once the platform follows', async () => {
    const { transport, fetch } = createObservedTransport([opaque, reply(503), reply(200)]);
    const response = await transport(req('PUT', '/users/1.json', { body: 'a' }));
    expect(response.status).toBe(200);
    expect(fetch.calls.map((c) => c.text)).toEqual(['a', 'a', 'a']);
  });

  it('does not re-send a POST, and says why', async () => {
    const { transport, fetch } = createObservedTransport([opaque, reply(201)]);
    const error = await rejection(transport(jsonPost({ a: 1 })));
    expect(error).toMatchObject({
      code: 'ERR_OPAQUE_REDIRECT',
      message:
        'POST /api/v1/posts.json failed after 1 attempt: redirected, and this platform hides redirect targets; not re-sending a non-idempotent request (ERR_OPAQUE_REDIRECT)',
    });
    expect(fetch.calls).toHaveLength(1);
  });
});
