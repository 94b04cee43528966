/**
 * The transport as openapi-fetch's `fetch`: the `{ data, error }` contract holds, attempts
 * travel on the response, and the JSON body openapi-fetch serialised is sent again as is.
 */
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { attemptsOf } from '../../src/transport/attempts.js';
import { reply } from '../doubles/answers.js';
import { type Answer, API, createObservedTransport, TOKEN } from '../doubles/observed.js';

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

function clientOver(answers: Answer[]) {
  const { transport, fetch } = createObservedTransport(answers);
  const client = createClient<Paths>({
    baseUrl: API,
    fetch: transport,
  });
  // A POST by method and path, as the helpers send them (the test paths have no POST).
  const post = client.request as unknown as (
    method: string,
    path: string,
    init: object,
  ) => Promise<{ response: Response }>;
  return { client, post, fetch };
}

describe('with openapi-fetch', () => {
  it('keeps the { data, error } contract and exposes attempts on the response', async () => {
    const { client, fetch } = clientOver([reply(503), () => Response.json({ id: '5' })]);
    const result = await client.GET('/users/{id}.json', { params: { path: { id: '5' } } });
    expect(result.data).toEqual({ id: '5' });
    expect(attemptsOf(result.response)).toBe(2);
    expect(fetch.calls[1]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('returns an HTTP error as error, not as a throw', async () => {
    const body = { errors: [{ type: 'validation', message: 'bad' }] };
    const { client } = clientOver([() => Response.json(body, { status: 422 })]);
    const result = await client.GET('/users/{id}.json', { params: { path: { id: '5' } } });
    expect(result.error).toEqual(body);
    expect(result.response.status).toBe(422);
  });

  it('sends the same JSON on every attempt of a retried POST', async () => {
    const { post, fetch } = clientOver([reply(429), reply(201)]);
    const { response } = await post('post', '/posts.json', { body: { name: 'ü', n: 1 } });
    expect(response.status).toBe(201);
    expect(fetch.calls.map((c) => c.text)).toEqual(['{"name":"ü","n":1}', '{"name":"ü","n":1}']);
    expect(fetch.calls.map((c) => c.headers.get('content-type'))).toEqual([
      'application/json',
      'application/json',
    ]);
  });

  it('sends the body of a request a middleware replaced, not the remembered one', async () => {
    const { client, post, fetch } = clientOver([reply(201)]);
    client.use({
      onRequest: ({ request }) => new Request(request, { body: '{"replaced":true}' }),
    });
    await post('post', '/posts.json', { body: { original: true } });
    expect(fetch.calls.map((c) => c.text)).toEqual(['{"replaced":true}']);
  });
});
