import type { Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { KantataApiError } from '../../src/index.js';
import { clientFor, envelope, fakeApi, json, om, rejection, TOKEN, text } from './fake-api.js';

const OM = 'organization_memberships';

async function apiError(promise: Promise<unknown>): Promise<KantataApiError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(KantataApiError);
  return error as KantataApiError;
}

describe('HTTP errors of helper calls', () => {
  it('keeps a plain-text error body as sent, not re-encoded as JSON', async () => {
    const api = fakeApi(() => text('Not Found', 404, 'text/plain'));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.get('5'));
    expect(error.body).toBe('Not Found');
  });

  it('says an error response was empty and keeps an empty body', async () => {
    const api = fakeApi(
      () => new Response(null, { status: 404, headers: { 'content-length': '0' } }),
    );
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.get('5'));
    expect(error.body).toBe('');
    expect(error.message).toBe(
      'GET /organization_memberships/5 failed with 404: empty response body',
    );
  });

  it("names the object's path, not the path template", async () => {
    const api = fakeApi(() => text('Not Found', 404, 'text/plain'));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.get('5'));
    expect(error.path).toBe('/organization_memberships/5');
  });
});

describe('errors that are not HTTP errors', () => {
  it('lets an error thrown by user middleware reach the caller unchanged', async () => {
    const thrown = new Error('vault is locked');
    const api = fakeApi(() => json(envelope(OM, [om(1)])));
    const { client } = clientFor(api);
    client.use({
      onRequest() {
        throw thrown;
      },
    });
    await expect(client.organizationMemberships.list()).rejects.toBe(thrown);
  });

  it("rejects with the caller's abort reason even when it is a TypeError", async () => {
    const reason = new TypeError('navigation cancelled');
    const controller = new AbortController();
    controller.abort(reason);
    const api = fakeApi(() => json(envelope(OM, [om(1)])));
    const { client } = clientFor(api);
    await expect(
      client.organizationMemberships.list({}, { signal: controller.signal }),
    ).rejects.toBe(reason);
  });
});

describe('params seen by middleware', () => {
  function recordParams() {
    const seen: Record<string, unknown>[] = [];
    const middleware: Middleware = {
      onRequest({ params }) {
        seen.push(params as Record<string, unknown>);
      },
    };
    return { seen, middleware };
  }

  it('holds neither a path nor a query for a list without a query', async () => {
    const api = fakeApi(() => json(envelope(OM, [om(1)])));
    const { client } = clientFor(api);
    const { seen, middleware } = recordParams();
    client.use(middleware);
    await client.organizationMemberships.list();
    expect(Object.keys(seen[0] ?? { missing: true })).toEqual([]);
  });

  it('holds just the id as path parameter for a get', async () => {
    const api = fakeApi(() => json(envelope(OM, [om(5)])));
    const { client } = clientFor(api);
    const { seen, middleware } = recordParams();
    client.use(middleware);
    await client.organizationMemberships.get('5');
    expect(seen[0]).toStrictEqual({ path: { id: '5' } });
  });
});

describe('content types of a success', () => {
  it('accepts a JSON content type with a space before its parameters', async () => {
    const body = JSON.stringify(envelope(OM, [om(1)]));
    const api = fakeApi(() => text(body, 200, 'application/json ; charset=utf-8'));
    const { client } = clientFor(api);
    const page = await client.organizationMemberships.list();
    expect(page.items.map((item) => item.id)).toEqual(['1']);
  });

  it('refuses a type that only starts like JSON (application/json-seq)', async () => {
    const body = JSON.stringify(envelope(OM, [om(1)]));
    const api = fakeApi(() => text(body, 200, 'application/json-seq'));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.message).toBe(
      'GET /organization_memberships failed with 200: expected a JSON body but got application/json-seq',
    );
  });

  it('shows only the first 100 characters of an unexpected content type', async () => {
    const type = `text/${'x'.repeat(200)}`;
    const api = fakeApi(() => text('<p>hi</p>', 200, type));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.message).toMatch(
      new RegExp(`expected a JSON body but got ${type.slice(0, 100)}$`),
    );
  });

  it('shows unusual characters of an unexpected content type as "?"', async () => {
    const api = fakeApi(() => text('<p>hi</p>', 200, 'text/"x"<b>'));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.message).toMatch(/expected a JSON body but got text\/\?x\?\?b\?$/);
  });
});

describe('success bodies that cannot be used', () => {
  it("gives the parser's reason when it quotes nothing of the body", async () => {
    const api = fakeApi(() => text('{"count": 1, "results": [', 200, 'application/json'));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.message).toMatch(/: the body is not valid JSON \([^"]+\)$/);
  });

  it("leaves out the parser's reason when it quotes part of the body", async () => {
    // A fragment of the token is not masked: the quoted slice must not reach the message.
    const api = fakeApi(() => text(`{"id": ${TOKEN.slice(0, 12)}}`, 200, 'application/json'));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.message).toBe(
      'GET /organization_memberships failed with 200: the body is not valid JSON',
    );
  });

  it('keeps the text of a body that is not valid JSON', async () => {
    const api = fakeApi(() => text('{"count": 1,', 200, 'application/json'));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.body).toBe('{"count": 1,');
  });

  it('keeps the text of a JSON body whose envelope is unusable', async () => {
    const api = fakeApi(() => json({ count: 0 }));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.message).toMatch(/no `results` array$/);
    expect(error.body).toBe('{"count":0}');
  });

  it('masks the token in the kept body', async () => {
    const api = fakeApi(() => json({ count: 0, echo: `Bearer ${TOKEN}` }));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.body).not.toContain(TOKEN);
  });

  it('says a 204 to a list had an empty body', async () => {
    const api = fakeApi(() => new Response(null, { status: 204 }));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.message).toBe(
      'GET /organization_memberships failed with 204: expected a JSON body but the body was empty',
    );
  });

  it('cuts a kept body longer than 2048 characters and marks the cut', async () => {
    const page = `<p>${'x'.repeat(3000)}</p>`;
    const api = fakeApi(() => text(page));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.body).toBe(`${page.slice(0, 2048)}…`);
  });

  it('keeps a body of exactly 2048 characters whole', async () => {
    const page = 'x'.repeat(2048);
    const api = fakeApi(() => text(page));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.body).toBe(page);
  });

  it('cuts a problem longer than 300 characters and marks the cut', async () => {
    const id = '9'.repeat(400);
    const api = fakeApi(() => json({ ...envelope(OM, [om(1)]), results: [{ key: OM, id }] }));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    const problem = error.message.slice(error.message.indexOf(': ') + 2);
    expect(problem).toMatch(/^results\[0\] points at organization_memberships\/9+…$/);
    expect(problem).toHaveLength(301);
  });

  it('keeps at most 200 characters of the request id', async () => {
    const requestId = 'r'.repeat(300);
    const api = fakeApi(() => json({ count: 0 }, 200, { 'x-request-id': requestId }));
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.requestId).toBe('r'.repeat(200));
  });

  it('counts the attempts that led to the unusable body', async () => {
    const api = fakeApi((_request, n) =>
      n === 1 ? text('busy', 503, 'text/plain') : text('<p>maintenance</p>'),
    );
    const { client } = clientFor(api);
    const error = await apiError(client.organizationMemberships.list());
    expect(error.attempts).toBe(2);
  });
});
