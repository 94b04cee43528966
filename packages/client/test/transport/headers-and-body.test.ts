/**
 * What each attempt carries: the caller's headers plus Authorization, Accept and User-Agent,
 * and a body that can be sent again without consuming the caller's request (src/transport/transport.ts).
 */
import { describe, expect, it } from 'vitest';
import { KantataInputError } from '../../src/errors/classes.js';
import { createTransport } from '../../src/transport/transport.js';
import { failWith, reply } from '../doubles/answers.js';
import { API, createObservedTransport, TOKEN } from '../doubles/observed.js';

const URL_ = `${API}/posts.json`;

function jsonPost(body: unknown): Request {
  return new Request(URL_, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

describe('headers', () => {
  it('asks for JSON and keeps the caller headers', async () => {
    const { transport, fetch } = createObservedTransport([reply(200)]);
    await transport(new Request(`${API}/x`, { headers: { 'x-custom': 'yes' } }));
    const headers = fetch.calls[0]?.headers;
    expect(headers?.get('accept')).toBe('application/json');
    expect(headers?.get('x-custom')).toBe('yes');
  });

  it("keeps the caller's own Accept header", async () => {
    const { transport, fetch } = createObservedTransport([reply(200)]);
    await transport(new Request(`${API}/x`, { headers: { accept: 'text/csv' } }));
    expect(fetch.calls[0]?.headers.get('accept')).toBe('text/csv');
  });

  it('sends the User-Agent when given', async () => {
    const { transport, fetch } = createObservedTransport([reply(200)], {
      userAgent: 'my-app/1.2 (+ops@example.com)',
    });
    await transport(new Request(`${API}/x`));
    expect(fetch.calls[0]?.headers.get('user-agent')).toBe('my-app/1.2 (+ops@example.com)');
  });

  it("leaves the caller's User-Agent, or none, when not given one", async () => {
    const { transport, fetch } = createObservedTransport([reply(200)]);
    await transport(new Request(`${API}/x`));
    await transport(new Request(`${API}/x`, { headers: { 'user-agent': 'theirs/1' } }));
    expect(fetch.calls.map((call) => call.headers.get('user-agent'))).toEqual([null, 'theirs/1']);
  });

  it('refuses a User-Agent with a line break', () => {
    expect(() => createTransport({ token: TOKEN, userAgent: 'a\nb' }).fetch).toThrow(
      KantataInputError,
    );
  });

  it('sets the Authorization header on every attempt', async () => {
    const { transport, fetch } = createObservedTransport([reply(503), reply(503), reply(200)]);
    await transport(new Request(`${API}/x`));
    expect(fetch.calls.map((c) => c.headers.get('authorization'))).toEqual(
      Array(3).fill(`Bearer ${TOKEN}`),
    );
  });
});

describe('the body', () => {
  it('is resent intact on a retry', async () => {
    const payload = { post: { message: 'héllo ✓', workspace_id: 7 } };
    const { transport, fetch } = createObservedTransport([
      reply(429),
      failWith('ECONNREFUSED'),
      reply(201),
    ]);
    await transport(jsonPost(payload));
    expect(fetch.calls.map((c) => c.text)).toEqual(Array(3).fill(JSON.stringify(payload)));
    expect(fetch.calls.map((c) => c.headers.get('content-type'))).toEqual(
      Array(3).fill('application/json'),
    );
  });

  it('is read from a URL string and init, like fetch does', async () => {
    const { transport, fetch } = createObservedTransport([reply(200)]);
    await transport(`${API}/x`, { method: 'PUT', body: 'payload' });
    expect(fetch.calls[0]?.method).toBe('PUT');
    expect(fetch.calls[0]?.text).toBe('payload');
    expect(fetch.calls[0]?.init).toBeUndefined();
  });

  it("is never read from the caller's request itself", async () => {
    const { transport } = createObservedTransport([reply(201)]);
    const request = jsonPost({ a: 1 });
    await transport(request);
    expect(await request.text()).toBe('{"a":1}');
  });
});
