import createClient from 'openapi-fetch';
import { describe, expect, it, vi } from 'vitest';
import { RequestWithKnownBody, reusableBody } from '../../src/core/body.js';
import { createTransport } from '../../src/core/transport.js';
import { fakeClock, reply, scriptedFetch, TOKEN } from './helpers.js';

const URL_ = 'https://api.example.com/api/v1/posts.json';

describe('reusableBody', () => {
  it('returns the string a RequestWithKnownBody was built with, without reading the stream', () => {
    const request = new RequestWithKnownBody(URL_, { method: 'POST', body: '{"a":"é"}' });
    const clone = vi.spyOn(request, 'clone');
    expect(reusableBody(request)).toBe('{"a":"é"}');
    expect(clone).not.toHaveBeenCalled();
    expect(request.bodyUsed).toBe(false);
  });

  it('reads any other body from a clone, leaving the request unread', async () => {
    const request = new Request(URL_, { method: 'POST', body: 'plain ✓' });
    const body = reusableBody(request);
    expect(body).toBeInstanceOf(Promise);
    expect(new TextDecoder().decode((await body) as ArrayBuffer)).toBe('plain ✓');
    expect(await request.text()).toBe('plain ✓');
  });

  it('reads a non-string body given to RequestWithKnownBody from a clone', async () => {
    const bytes = new Uint8Array([0, 255, 7]);
    const request = new RequestWithKnownBody(URL_, { method: 'PUT', body: bytes });
    expect(new Uint8Array(await (reusableBody(request) as Promise<ArrayBuffer>))).toEqual(bytes);
  });

  it('reads the body of a RequestWithKnownBody built from another request', async () => {
    const source = new Request(URL_, { method: 'POST', body: 'from the source' });
    const request = new RequestWithKnownBody(source);
    const body = await (reusableBody(request) as Promise<ArrayBuffer>);
    expect(new TextDecoder().decode(body)).toBe('from the source');
  });

  it('is null for a request without a body', () => {
    expect(reusableBody(new RequestWithKnownBody(URL_))).toBeNull();
    expect(reusableBody(new Request(URL_, { method: 'DELETE' }))).toBeNull();
  });

  it('refuses a body someone already read, as fetch would', async () => {
    const request = new RequestWithKnownBody(URL_, { method: 'POST', body: 'once' });
    await request.text();
    expect(() => reusableBody(request)).toThrow(TypeError);
  });
});

describe('the client sends remembered bodies', () => {
  const paths = '/posts.json' as const;

  function clientWith(steps: ReturnType<typeof reply>[]) {
    const fetch = scriptedFetch(...steps);
    const transport = createTransport({
      token: TOKEN,
      fetch,
      clock: fakeClock(),
      timeoutMs: 0,
      random: () => 0.5,
    });
    const client = createClient<Record<string, never>>({
      baseUrl: 'https://api.example.com/api/v1',
      fetch: transport,
      Request: RequestWithKnownBody,
    });
    return { client, fetch };
  }

  it('sends the same JSON on every attempt of a retried POST', async () => {
    const { client, fetch } = clientWith([reply(429), reply(201)]);
    const post = client.request as unknown as (
      m: string,
      p: string,
      i: object,
    ) => Promise<{ response: Response }>;
    const { response } = await post('post', paths, { body: { name: 'ü', n: 1 } });
    expect(response.status).toBe(201);
    expect(fetch.bodies).toEqual(['{"name":"ü","n":1}', '{"name":"ü","n":1}']);
    expect(fetch.requests.map((r) => r.headers.get('content-type'))).toEqual([
      'application/json',
      'application/json',
    ]);
  });

  it('sends the body of a request a middleware replaced, not the remembered one', async () => {
    const { client, fetch } = clientWith([reply(201)]);
    client.use({
      onRequest: ({ request }) => new Request(request, { body: '{"replaced":true}' }),
    });
    const post = client.request as unknown as (m: string, p: string, i: object) => Promise<unknown>;
    await post('post', paths, { body: { original: true } });
    expect(fetch.bodies).toEqual(['{"replaced":true}']);
  });
});
