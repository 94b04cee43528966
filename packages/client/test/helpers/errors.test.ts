import { describe, expect, it } from 'vitest';
import {
  KantataApiError,
  KantataError,
  KantataNetworkError,
  KantataTimeoutError,
  type RetryEvent,
} from '../../src/index.js';
import {
  apiErrors,
  clientFor,
  envelope,
  fakeApi,
  json,
  networkFailure,
  om,
  rejection,
  text,
} from './fake-api.js';

const OM = 'organization_memberships';
const NEW_OM = { geography_id: 1, department_id: 2, member_id: 3, member_type: 'User' } as const;
const ok = () => json(envelope(OM, [om(1)]));

describe('HTTP errors through the helpers', () => {
  it('gives a KantataApiError with the API errors, field, request id and attempts for a 422', async () => {
    const api = fakeApi(() =>
      apiErrors(422, [{ type: 'validation', message: 'must exist', field: 'department_id' }], {
        'x-request-id': 'req-42',
      }),
    );
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.create(NEW_OM));
    expect(error).toBeInstanceOf(KantataApiError);
    expect(error).toBeInstanceOf(KantataError);
    expect(error).toMatchObject({
      status: 422,
      errors: [{ type: 'validation', message: 'must exist', field: 'department_id' }],
      requestId: 'req-42',
      attempts: 1,
      method: 'POST',
      path: '/organization_memberships',
    });
    expect((error as Error).message).toMatch(/must exist \(validation, field department_id\)/);
  });

  it.each([
    [400, 'system'],
    [401, 'oauth'],
    [403, 'system'],
    [404, 'system'],
    [422, 'validation'],
  ])('never retries a %i', async (status, type) => {
    const api = fakeApi(() => apiErrors(status, [{ type, message: 'no' }]));
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toMatchObject({ status, attempts: 1, errors: [{ type, message: 'no' }] });
    expect(api.calls).toHaveLength(1);
  });
});

describe('retries through the helpers', () => {
  it('retries a 503 on list, then returns the page', async () => {
    const events: RetryEvent[] = [];
    const api = fakeApi((_request, call) =>
      call === 1 ? apiErrors(503, [{ type: 'system', message: 'busy' }]) : ok(),
    );
    const { client } = clientFor(api, { onRetry: (event) => events.push(event) });
    const page = await client.organizationMemberships.list();
    expect(page.items).toHaveLength(1);
    expect(api.calls).toHaveLength(2);
    expect(events).toMatchObject([{ attempt: 1, status: 503, reason: 'server-error' }]);
  });

  it('reports the attempts made when every retry fails', async () => {
    const api = fakeApi(() => apiErrors(503, [{ type: 'system', message: 'busy' }]));
    const { client } = clientFor(api, { retry: { maxRetries: 2 } });
    const error = await rejection(client.organizationMemberships.get(1));
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    expect(api.calls).toHaveLength(3);
  });

  it.each([
    ['update', 502],
    ['delete', 504],
  ] as const)('retries %s after a %i', async (action, status) => {
    const api = fakeApi((_request, call) =>
      call === 1
        ? text('<h1>bad gateway</h1>', status)
        : action === 'delete'
          ? new Response(null, { status: 204 })
          : ok(),
    );
    const { client } = clientFor(api);
    if (action === 'update') await client.organizationMemberships.update(1, { primary: true });
    else await client.organizationMemberships.delete(1);
    expect(api.calls).toHaveLength(2);
  });

  it('does not retry a 503 on create', async () => {
    const api = fakeApi((_request, call) =>
      call === 1 ? apiErrors(503, [{ type: 'system', message: 'busy' }]) : ok(),
    );
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.create(NEW_OM));
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(api.calls).toHaveLength(1);
  });

  it('retries a 429 on create after Retry-After seconds', async () => {
    const api = fakeApi((_request, call) =>
      call === 1 ? json({ errors: [] }, 429, { 'retry-after': '3' }) : ok(),
    );
    const { client, clock } = clientFor(api);
    const created = await client.organizationMemberships.create(NEW_OM);
    expect(created.id).toBe('1');
    expect(api.calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([3000]);
    expect(api.calls[1]?.body).toEqual(api.calls[0]?.body);
  });

  it('retries a 429 after a Retry-After HTTP-date', async () => {
    const api = fakeApi((_request, call) =>
      call === 1
        ? json({ errors: [] }, 429, { 'retry-after': 'Wed, 21 Oct 2026 07:28:05 GMT' })
        : ok(),
    );
    const { client, clock } = clientFor(api);
    await client.userGroupMemberships.list();
    // The fake clock's now is 07:28:00 on that day.
    expect(clock.sleeps).toEqual([5000]);
  });

  it('gives up on a 429 asking for more than maxRetryAfterMs', async () => {
    const api = fakeApi(() => json({ errors: [] }, 429, { 'retry-after': '120' }));
    const { client } = clientFor(api, { retry: { maxRetryAfterMs: 60_000 } });
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toMatchObject({ status: 429, attempts: 1 });
  });

  it('retries a network error on list', async () => {
    const api = fakeApi((_request, call) => (call === 1 ? networkFailure('ECONNRESET') : ok()));
    const { client } = clientFor(api);
    await client.organizationMemberships.list();
    expect(api.calls).toHaveLength(2);
  });

  it('does not retry a reset connection on create', async () => {
    const api = fakeApi(() => networkFailure('ECONNRESET'));
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.create(NEW_OM));
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect(error).toMatchObject({ code: 'ECONNRESET', attempts: 1 });
  });

  it('retries a refused connection on create', async () => {
    const api = fakeApi((_request, call) => (call === 1 ? networkFailure('ECONNREFUSED') : ok()));
    const { client } = clientFor(api);
    await client.organizationMemberships.create(NEW_OM);
    expect(api.calls).toHaveLength(2);
  });

  it('times out each attempt and retries a list', async () => {
    const api = fakeApi(
      (request) =>
        new Promise<Response>((_resolve, reject) => {
          request.signal.addEventListener('abort', () => reject(request.signal.reason));
        }),
    );
    const { client } = clientFor(api, { timeoutMs: 50, retry: { maxRetries: 1 } });
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataTimeoutError);
    expect(error).toMatchObject({ attempts: 2, timeoutMs: 50 });
  });

  it('never retries a call the caller aborted', async () => {
    const controller = new AbortController();
    const api = fakeApi(() => {
      controller.abort();
      return apiErrors(503, [{ type: 'system', message: 'busy' }]);
    });
    const { client } = clientFor(api);
    const error = await rejection(
      client.organizationMemberships.list({}, { signal: controller.signal }),
    );
    expect((error as Error).name).toBe('AbortError');
    expect(api.calls).toHaveLength(1);
  });
});

describe('unusable bodies', () => {
  const cases: [string, () => Response, RegExp][] = [
    [
      'malformed JSON',
      () => text('{"count": 1, "results": [', 200, 'application/json'),
      /not valid JSON/,
    ],
    [
      'an HTML page with 200',
      () => text('<html><body>Maintenance</body></html>'),
      /expected a JSON body but got text\/html/,
    ],
    [
      'an empty 200',
      () => new Response('', { status: 200, headers: { 'content-type': 'application/json' } }),
      /body was empty/,
    ],
    [
      'an empty 200 with Content-Length 0',
      () => new Response(null, { status: 200, headers: { 'content-length': '0' } }),
      /body was empty/,
    ],
    ['a 200 without results', () => json({ count: 0, meta: {} }), /no `results` array/],
    ['a JSON array', () => json([]), /expected a JSON object but got an array/],
    ['a JSON null', () => json(null), /expected a JSON object but got null/],
    [
      'results pointing at a missing id',
      () => json({ ...envelope(OM, [om(1)]), results: [{ key: OM, id: '2' }] }),
      /results\[0\] points at organization_memberships\/2, which is missing/,
    ],
    [
      'a result that is not a reference',
      () => json({ ...envelope(OM, [om(1)]), results: ['1'] }),
      /results\[0\] is not a \{ key, id \} reference/,
    ],
  ];

  it.each(cases)('says what was wrong with %s', async (_label, respond, problem) => {
    const api = fakeApi(respond);
    const { client } = clientFor(api);
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataApiError);
    expect((error as KantataApiError).status).toBe(200);
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).toMatch(/^GET \/organization_memberships failed with 200: /);
  });

  it('says an HTML 502 page was not JSON once retries are spent', async () => {
    const api = fakeApi(() => text('<html><h1>502 Bad Gateway</h1></html>', 502));
    const { client } = clientFor(api, { retry: false });
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataApiError);
    expect(error).toMatchObject({ status: 502, errors: [] });
    expect((error as Error).message).toMatch(/expected a JSON body but got text\/html/);
  });

  it('accepts a JSON body sent without a content type', async () => {
    const body = JSON.stringify(envelope(OM, [om(1)]));
    const api = fakeApi(() => new Response(new TextEncoder().encode(body), { status: 200 }));
    const { client } = clientFor(api);
    const page = await client.organizationMemberships.list();
    expect(page.items[0]?.id).toBe('1');
  });

  it('computes meta from count when the API left it out', async () => {
    const { meta: _meta, ...body } = envelope(OM, [om(1), om(2)], { count: 5 });
    const api = fakeApi(() => json(body));
    const { client } = clientFor(api);
    const page = await client.organizationMemberships.list();
    expect(page.meta).toEqual({ count: 5, page_count: 3, page_number: 1, page_size: 2 });
  });
});
