/**
 * `createKantataClient`: `raw` is openapi-fetch over the transport, middleware added with
 * `use` applies to the helpers too, and every helper goes through that one transport.
 */
import { buildEnvelope } from '@kantata-ox/fixtures';
import { resources, specVersion } from '@kantata-ox/types/resources';
import { describe, expect, it } from 'vitest';
import { createKantataClient } from '../../src/client.js';
import { KantataApiError, KantataNetworkError } from '../../src/errors/classes.js';
import type { Middleware } from '../../src/index.js';
import {
  apiErrors,
  brokenBody,
  envelopeOf,
  json,
  membership,
  OM,
  reply,
  text,
  UGM,
} from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { createObservedClient, TOKEN } from '../doubles/observed.js';

const oneMembership = () => envelopeOf(OM, [membership(1)]);

describe('raw', () => {
  it('keeps openapi-fetch data on success, with auth applied', async () => {
    const body = buildEnvelope(OM, [membership(1)]);
    const { client, fetch } = createObservedClient(() => json(body));
    const { data, error, response } = await client.raw.GET('/organization_memberships', {
      params: { query: { per_page: 5 } },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual(body);
    expect(response.status).toBe(200);
    expect(fetch.calls[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(fetch.calls[0]?.rawQuery).toBe('per_page=5');
  });

  it('returns an HTTP error as error instead of throwing', async () => {
    const { client } = createObservedClient(() =>
      apiErrors(404, [{ type: 'system', message: 'not found' }]),
    );
    const { data, error, response } = await client.raw.GET('/organization_memberships/{id}', {
      params: { path: { id: 5 } },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ errors: [{ type: 'system', message: 'not found' }] });
    expect(response.status).toBe(404);
  });

  it('retries through the same transport as the helpers', async () => {
    const { client, fetch } = createObservedClient((_request, call) =>
      call === 1 ? apiErrors(503, [{ type: 'system', message: 'busy' }]) : envelopeOf(OM, []),
    );
    const { response } = await client.raw.GET('/organization_memberships');
    expect(response.status).toBe(200);
    expect(fetch.calls).toHaveLength(2);
  });

  it('serialises list parameters comma-joined', async () => {
    const { client, fetch } = createObservedClient(() => envelopeOf(UGM, []));
    await client.raw.GET('/user_group_memberships', {
      params: { query: { user_ids: [1, 2], include: ['user'] } },
    });
    expect(fetch.calls[0]?.rawQuery).toBe('user_ids=1,2&include=user');
  });
});

describe('the helpers go through the transport', () => {
  it('retries a 503 on list, then returns the page', async () => {
    const { client, fetch, events } = createObservedClient((_request, call) =>
      call === 1 ? apiErrors(503, [{ type: 'system', message: 'busy' }]) : oneMembership(),
    );
    const page = await client.organizationMemberships.list();
    expect(page.items).toHaveLength(1);
    expect(fetch.calls).toHaveLength(2);
    expect(events).toMatchObject([{ attempt: 1, status: 503, reason: 'server-error' }]);
  });

  it('reports the attempts made when every retry fails', async () => {
    const { client, fetch } = createObservedClient(
      () => apiErrors(503, [{ type: 'system', message: 'busy' }]),
      { retry: { maxRetries: 2 } },
    );
    const error = await rejection(client.organizationMemberships.get(1));
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    expect(fetch.calls).toHaveLength(3);
  });
});

describe('middleware', () => {
  const tagging: Middleware = {
    onRequest({ request }) {
      request.headers.set('x-tag', 'from-middleware');
      return request;
    },
  };

  it('added with use applies to the helpers', async () => {
    const { client, fetch } = createObservedClient(oneMembership);
    client.use(tagging);
    await client.organizationMemberships.get(1);
    await client.userGroupMemberships.list();
    expect(fetch.calls.map((c) => c.headers.get('x-tag'))).toEqual([
      'from-middleware',
      'from-middleware',
    ]);
  });

  it('can rewrite a response a helper then normalises', async () => {
    const { client } = createObservedClient(oneMembership);
    client.use({ onResponse: () => envelopeOf(OM, [membership(2), membership(3)]) });
    const page = await client.organizationMemberships.list();
    expect(page.items.map((item) => item.id)).toEqual(['2', '3']);
  });

  it('removed with eject no longer applies', async () => {
    const { client, fetch } = createObservedClient(oneMembership);
    client.use(tagging);
    client.eject(tagging);
    await client.organizationMemberships.list();
    expect(fetch.calls[0]?.headers.get('x-tag')).toBeNull();
  });

  it('that throws lets its error reach the caller unchanged', async () => {
    const thrown = new Error('vault is locked');
    const { client } = createObservedClient(oneMembership);
    client.use({
      onRequest() {
        throw thrown;
      },
    });
    await expect(client.organizationMemberships.list()).rejects.toBe(thrown);
  });

  it('added to raw applies to the helpers too, and ejected from raw no longer', async () => {
    const { client, fetch } = createObservedClient(oneMembership);
    client.raw.use(tagging);
    await client.organizationMemberships.list();
    client.raw.eject(tagging);
    await client.organizationMemberships.list();
    expect(fetch.calls.map((c) => c.headers.get('x-tag'))).toEqual(['from-middleware', null]);
  });

  // Without middleware a helper builds its request itself; with some, openapi-fetch builds it:
  // the wire must not tell them apart (URL and query encoding, headers, body).
  it('leaves the request on the wire the same as without it', async () => {
    const calls = async (client: ReturnType<typeof createObservedClient>['client']) => {
      const om = client.organizationMemberships;
      // A string with every character a query must encode, arrays comma-joined, a boolean.
      const when = '2026-01-02T03:04:05+01:00 &=/?#é';
      await om.list({
        include: ['department', 'geography'],
        per_page: 7,
        primary: true,
        created_after: when,
      });
      await om.get(5, { include: ['department'] });
      const fields = { geography_id: 1, department_id: 2, member_id: 3 };
      await om.create({ ...fields, member_type: 'User' }, { include: ['department'] });
      await om.update(5, { primary: true });
      await om.delete(5);
      // A get through the list's `only` (the answer lacks the id: only the wire matters).
      await client.userGroupMemberships.get(9, { include: ['user'] }).catch(() => undefined);
      await client.userGroupMemberships
        .list({ user_ids: [1, 2], order: 'created_at:asc' } as never)
        .catch(() => undefined);
    };
    const plain = createObservedClient(oneMembership);
    await calls(plain.client);
    const through = createObservedClient(oneMembership);
    through.client.use({ onRequest: () => undefined });
    await calls(through.client);
    const wire = (fetch: typeof plain.fetch) =>
      fetch.calls.map((c) => ({
        method: c.method,
        url: c.url,
        headers: [...c.headers.entries()],
        text: c.text,
      }));
    expect(wire(through.fetch)).toEqual(wire(plain.fetch));
    expect(plain.fetch.calls.map((c) => c.method)).toEqual([
      'GET',
      'GET',
      'POST',
      'PUT',
      'DELETE',
      'GET',
      'GET',
    ]);
  });

  it('still applies after ejecting one that was never added', async () => {
    const { client, fetch } = createObservedClient(oneMembership);
    client.use(tagging);
    client.eject({ onRequest: () => undefined });
    await client.organizationMemberships.list();
    expect(fetch.calls[0]?.headers.get('x-tag')).toBe('from-middleware');
  });

  it("leaves the request body readable to middleware after the call, helpers' and raw's", async () => {
    const bodies: string[] = [];
    const { client } = createObservedClient(oneMembership);
    client.use({
      async onResponse({ request }) {
        bodies.push(await request.text());
      },
    });
    const fields = {
      geography_id: 1,
      department_id: 2,
      member_id: 3,
      member_type: 'User',
    } as const;
    await client.organizationMemberships.create(fields);
    await client.raw.POST('/organization_memberships', {
      body: { organization_membership: fields },
    });
    expect(bodies.map((body) => JSON.parse(body))).toEqual([
      { organization_membership: fields },
      { organization_membership: fields },
    ]);
  });

  it.each([
    [
      'a JSON error body',
      () => apiErrors(422, [{ type: 'validation', message: 'no' }]),
      '{"errors":[{"type":"validation","message":"no"}]}',
    ],
    ['a text error body', () => text('Service down', 500, 'text/plain'), 'Service down'],
    ['an empty error body', () => new Response(null, { status: 404 }), ''],
  ])("builds the helpers' error from %s read by openapi-fetch", async (_label, answer, body) => {
    const { client } = createObservedClient(answer);
    client.use({ onRequest: () => undefined });
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataApiError);
    expect(error).toMatchObject({ body, attempts: 1 });
  });

  it('counts the attempts of an answer that came after a retry, error or broken body', async () => {
    const { client } = createObservedClient([
      reply(503),
      reply(404),
      reply(503),
      () => brokenBody(),
    ]);
    client.use({ onRequest: () => undefined });
    expect(await rejection(client.organizationMemberships.list())).toMatchObject({
      status: 404,
      attempts: 2,
    });
    const broken = await rejection(client.organizationMemberships.list());
    expect(broken).toBeInstanceOf(KantataNetworkError);
    expect(broken).toMatchObject({ attempts: 2 });
  });

  function recordParams() {
    const seen: Record<string, unknown>[] = [];
    const middleware: Middleware = {
      onRequest({ params }) {
        seen.push(params as Record<string, unknown>);
      },
    };
    return { seen, middleware };
  }

  it('sees neither a path nor a query for a list without a query', async () => {
    const { client } = createObservedClient(oneMembership);
    const { seen, middleware } = recordParams();
    client.use(middleware);
    await client.organizationMemberships.list();
    expect(Object.keys(seen[0] ?? { missing: true })).toEqual([]);
  });

  it('sees just the id as path parameter for a get', async () => {
    const { client } = createObservedClient(() => envelopeOf(OM, [membership(5)]));
    const { seen, middleware } = recordParams();
    client.use(middleware);
    await client.organizationMemberships.get('5');
    expect(seen[0]).toStrictEqual({ path: { id: '5' } });
  });
});

describe('createKantataClient', () => {
  it('talks to the spec server by default', async () => {
    const urls: string[] = [];
    const client = createKantataClient({
      token: TOKEN,
      fetch: async (request) => {
        urls.push(request.url);
        return envelopeOf(OM, []);
      },
    });
    await client.organizationMemberships.list();
    expect(urls).toEqual(['https://api.mavenlink.com/api/v1/organization_memberships']);
  });

  it('sends a user agent naming the spec version, or the one given', async () => {
    const plain = createObservedClient(() => envelopeOf(OM, []));
    const named = createObservedClient(() => envelopeOf(OM, []), { userAgent: 'my-app/1.0' });
    await plain.client.organizationMemberships.list();
    await named.client.organizationMemberships.list();
    expect(plain.fetch.calls[0]?.headers.get('user-agent')).toBe(
      `kantata-ox-client (spec ${specVersion})`,
    );
    expect(named.fetch.calls[0]?.headers.get('user-agent')).toBe('my-app/1.0');
  });

  it('exposes the spec version and one helper object per resource of the table', () => {
    const { client } = createObservedClient(() => json({}));
    expect(client.specVersion).toBe(specVersion);
    for (const name of Object.keys(resources)) expect(client).toHaveProperty(name);
  });
});
