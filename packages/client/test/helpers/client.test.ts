import type { Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { createKantataClient, resources, specVersion } from '../../src/index.js';
import { apiErrors, clientFor, envelope, fakeApi, json, om, TOKEN } from './fake-api.js';

const OM = 'organization_memberships';

describe('raw', () => {
  it('keeps openapi-fetch data on success, with auth applied', async () => {
    const body = envelope(OM, [om(1)]);
    const api = fakeApi(() => json(body));
    const { client } = clientFor(api);
    const { data, error, response } = await client.raw.GET('/organization_memberships', {
      params: { query: { per_page: 5 } },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual(body);
    expect(response.status).toBe(200);
    expect(api.calls[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(api.calls[0]?.rawQuery).toBe('per_page=5');
  });

  it('returns an HTTP error as error instead of throwing', async () => {
    const api = fakeApi(() => apiErrors(404, [{ type: 'system', message: 'not found' }]));
    const { client } = clientFor(api);
    const { data, error, response } = await client.raw.GET('/organization_memberships/{id}', {
      params: { path: { id: 5 } },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ errors: [{ type: 'system', message: 'not found' }] });
    expect(response.status).toBe(404);
  });

  it('retries through the same transport as the helpers', async () => {
    const api = fakeApi((_request, call) =>
      call === 1 ? apiErrors(503, [{ type: 'system', message: 'busy' }]) : json(envelope(OM, [])),
    );
    const { client } = clientFor(api);
    const { response } = await client.raw.GET('/organization_memberships');
    expect(response.status).toBe(200);
    expect(api.calls).toHaveLength(2);
  });

  it('serialises list parameters comma-joined', async () => {
    const api = fakeApi(() => json(envelope('user_group_memberships', [])));
    const { client } = clientFor(api);
    await client.raw.GET('/user_group_memberships', {
      params: { query: { user_ids: [1, 2], include: ['user'] } },
    });
    expect(api.calls[0]?.rawQuery).toBe('user_ids=1,2&include=user');
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
    const api = fakeApi(() => json(envelope(OM, [om(1)])));
    const { client } = clientFor(api);
    client.use(tagging);
    await client.organizationMemberships.get(1);
    await client.userGroupMemberships.list();
    expect(api.calls.map((c) => c.headers.get('x-tag'))).toEqual([
      'from-middleware',
      'from-middleware',
    ]);
  });

  it('can rewrite a response a helper then normalises', async () => {
    const api = fakeApi(() => json(envelope(OM, [om(1)])));
    const { client } = clientFor(api);
    client.use({
      onResponse: () => json(envelope(OM, [om(2), om(3)])),
    });
    const page = await client.organizationMemberships.list();
    expect(page.items.map((item) => item.id)).toEqual(['2', '3']);
  });

  it('removed with eject no longer applies', async () => {
    const api = fakeApi(() => json(envelope(OM, [om(1)])));
    const { client } = clientFor(api);
    client.use(tagging);
    client.eject(tagging);
    await client.organizationMemberships.list();
    expect(api.calls[0]?.headers.get('x-tag')).toBeNull();
  });
});

describe('createKantataClient', () => {
  it('talks to the spec server by default', async () => {
    const urls: string[] = [];
    const client = createKantataClient({
      token: TOKEN,
      fetch: async (request) => {
        urls.push(request.url);
        return json(envelope(OM, []));
      },
    });
    await client.organizationMemberships.list();
    expect(urls).toEqual(['https://api.mavenlink.com/api/v1/organization_memberships']);
  });

  it('sends a user agent naming the spec version, or the one given', async () => {
    const api = fakeApi(() => json(envelope(OM, [])));
    await clientFor(api).client.organizationMemberships.list();
    await clientFor(api, { userAgent: 'my-app/1.0' }).client.organizationMemberships.list();
    expect(api.calls.map((c) => c.headers.get('user-agent'))).toEqual([
      `kantata-ox-client (spec ${specVersion})`,
      'my-app/1.0',
    ]);
  });

  it('exposes the spec version and one helper object per resource of the table', () => {
    const { client } = clientFor(fakeApi(() => json({})));
    expect(client.specVersion).toBe(specVersion);
    for (const name of Object.keys(resources)) expect(client).toHaveProperty(name);
  });
});
