/**
 * The token never appears in any error or `onRetry` event (message, stack, String, JSON,
 * util.inspect, the cause chain, every own property), whoever echoes it: the server in a
 * body, a header or a redirect, a fetch that throws it, or the caller's own bad input; nor
 * in the error `client.toApiError` builds from an answer of `raw`, told nothing about it.
 */

import { buildEnvelope } from '@kantata-ox/fixtures';
import { describe, expect, it } from 'vitest';
import { createKantataClient } from '../../src/client.js';
import {
  KantataApiError,
  KantataNetworkError,
  KantataResponseError,
} from '../../src/errors/classes.js';
import { toApiError } from '../../src/errors/factory.js';
import { REDACTED } from '../../src/errors/redact.js';
import { apiErrors, json, membership, OM, text } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { echoesOf } from '../doubles/encodings.js';
import { expectNoSecret, renderings } from '../doubles/leaks.js';
import { API, createObservedClient, TOKEN } from '../doubles/observed.js';

const FIELDS = { member_id: 1, member_type: 'User', department_id: 2, geography_id: 3 } as const;

/** The headers a server that echoes the token would send. */
const echoedHeaders = {
  'x-request-id': `req-${TOKEN}`,
  'www-authenticate': `Bearer realm="api", error="invalid_token", token="${TOKEN}"`,
  'retry-after': TOKEN,
};

describe('the leak detector', () => {
  it('finds a token hidden deep in a cause chain', () => {
    const hidden = new Error('outer', {
      cause: Object.defineProperty(new Error('inner'), 'secret', { value: { deep: TOKEN } }),
    });
    expect(() => expectNoSecret(hidden)).toThrow();
  });
});

describe('the token never appears in an error of an answer', () => {
  it('a KantataApiError from a 401 whose body, field, request id and headers echo it', async () => {
    const { client } = createObservedClient(() =>
      apiErrors(
        401,
        [{ type: 'oauth', message: `token ${TOKEN} is revoked`, field: TOKEN }],
        echoedHeaders,
      ),
    );
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataApiError);
    expect((error as KantataApiError).body).toContain(REDACTED);
    expectNoSecret(error);
  });

  it('a KantataApiError from toApiError, given the token as a secret, in body, request id and path', async () => {
    const response = json(
      { errors: [{ type: 'auth', message: `token ${TOKEN} is revoked` }] },
      401,
      {
        'x-request-id': TOKEN,
      },
    );
    const error = await toApiError(response, {
      method: 'GET',
      path: `${API}/users/${TOKEN}.json?t=${TOKEN}`,
      secrets: [TOKEN],
    });
    expect(error.body).toContain(REDACTED);
    expect(error.path).toBe(`/api/v1/users/${REDACTED}.json`);
    expectNoSecret(error);
  });

  it('a KantataResponseError from a 200 HTML page that echoes it', async () => {
    const { client } = createObservedClient(() => text(`<p>Signed in with ${TOKEN}</p>`));
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataResponseError);
    expect((error as KantataResponseError).body).toBe(`<p>Signed in with ${REDACTED}</p>`);
    expectNoSecret(error);
  });

  it('a KantataResponseError from malformed JSON that starts with it', async () => {
    const { client } = createObservedClient(() =>
      text(`${TOKEN} {"count":`, 200, 'application/json'),
    );
    const error = await rejection(client.organizationMemberships.list());
    expect((error as Error).message).toMatch(/not valid JSON/);
    expectNoSecret(error);
  });

  it('a KantataResponseError from an envelope whose result key and id are the token', async () => {
    const { client } = createObservedClient(() =>
      json({ count: 1, results: [{ key: TOKEN, id: TOKEN }] }, 200, echoedHeaders),
    );
    const error = await rejection(client.organizationMemberships.list());
    expect((error as Error).message).toMatch(/which is missing/);
    expectNoSecret(error);
  });

  it('a long token echoed many times in a long body, masked whole and never cut', async () => {
    const token = `long_${'x'.repeat(30)}_${'y'.repeat(60)}`;
    const { client } = createObservedClient(
      () => json({ ...buildEnvelope(OM, []), results: [{ key: OM, id: token.repeat(20) }] }),
      { token },
    );
    const error = await rejection(client.organizationMemberships.list());
    expect((error as Error).message).toMatch(/\[REDACTED\]/);
    for (const rendering of renderings(error)) expect(rendering).not.toContain(token.slice(0, 30));
  });

  it('a long token cut in two where a long body is cut before masking', async () => {
    // 40 tokens and 192 characters of a 41st fill the first 8 kB that are masked; masking
    // shortens them to 400 characters, so the cut start of the 41st would fall in what is kept.
    const token = `tok_${'x'.repeat(196)}`;
    const { client } = createObservedClient(() => text(`<p>${token.repeat(45)}</p>`), { token });
    const error = await rejection(client.organizationMemberships.list());
    const { body } = error as KantataResponseError;
    expect(body.startsWith('<p>[REDACTED][REDACTED]')).toBe(true);
    expect(body.endsWith('…')).toBe(true);
    for (const rendering of renderings(error)) expect(rendering).not.toContain('x'.repeat(20));
  });

  it('a KantataApiError for a token that came from a token function, echoed by a 403', async () => {
    const token = 'fn_token_0a1b2c3d';
    const { client } = createObservedClient(
      () => apiErrors(403, [{ type: 'system', message: `no access for ${token}` }]),
      { token: async () => token },
    );
    const error = await rejection(client.userGroupMemberships.list());
    expect(error).toMatchObject({ status: 403 });
    expectNoSecret(error, token);
  });

  it('a KantataApiError after retries of a 503 echoing it, and every onRetry event', async () => {
    const { client, events } = createObservedClient(
      () => apiErrors(503, [{ type: 'system', message: TOKEN }], echoedHeaders),
      { retry: { maxRetries: 2 } },
    );
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataApiError);
    expect(events).toHaveLength(2);
    expectNoSecret(error);
    expectNoSecret(events);
  });

  it('the failures of createMany', async () => {
    const { client } = createObservedClient(() =>
      apiErrors(422, [{ type: 'validation', message: `bad ${TOKEN}` }]),
    );
    const result = await client.organizationMemberships.createMany([FIELDS, FIELDS]);
    expect(result.failed).toHaveLength(2);
    expectNoSecret(result);
  });
});

describe("client.toApiError masks the client's token without being told", () => {
  const token = 'tok/9aZ+Q3x=Yw/Lm8+Rt2v==';
  const echoes = Object.values(echoesOf(token));

  it('with default options, in every form a server echoes it in the body, request id and path', async () => {
    const kantata = createKantataClient({ token });
    for (const echoed of echoes) {
      const response = apiErrors(401, [{ type: 'oauth', message: `token ${echoed} is revoked` }], {
        'x-request-id': echoed,
      });
      const error = await kantata.toApiError(response, {
        method: 'GET',
        path: `/users/${encodeURIComponent(token)}`,
      });
      expect(error).toBeInstanceOf(KantataApiError);
      expect(error.message).toContain(`token ${REDACTED} is revoked`);
      expect(error).toMatchObject({ status: 401, requestId: REDACTED, path: `/users/${REDACTED}` });
      for (const form of echoes) expectNoSecret(error, form);
    }
  });

  it('for an answer of raw, as the README shows, with a token from a token function', async () => {
    const { client } = createObservedClient(
      () => apiErrors(422, [{ type: 'validation', message: `${token} may not move` }]),
      { token: async () => token },
    );
    const moved = await client.raw.PUT('/organization_memberships/{id}', {
      params: { path: { id: 901 } },
      body: { organization_membership: { department_id: 457 } },
    });
    const error = await client.toApiError(moved.response, {
      method: 'PUT',
      path: '/organization_memberships/901',
      body: JSON.stringify(moved.error),
    });
    expect(error.message).toBe(
      `PUT /organization_memberships/901 failed with 422: ${REDACTED} may not move (validation)`,
    );
    expectNoSecret(error, token);
  });

  it('and the secrets it is given besides', async () => {
    const kantata = createKantataClient({ token });
    const response = apiErrors(500, [
      { type: 'system', message: `${token} and pw_0123456789abcdef` },
    ]);
    const error = await kantata.toApiError(response, {
      method: 'GET',
      path: '/x',
      secrets: ['pw_0123456789abcdef'],
    });
    expect(error.errors[0]?.message).toBe(`${REDACTED} and ${REDACTED}`);
  });

  it('and not the token of another client', async () => {
    const other = createKantataClient({ token: 'other_0123456789abcdef' });
    const response = apiErrors(401, [{ type: 'oauth', message: `${token} is revoked` }]);
    const error = await other.toApiError(response, { method: 'GET', path: '/x' });
    expect(error.message).toContain(token);
  });
});

describe('one list of secrets for every error of a client', () => {
  // A token function that hands out a new token for each request: the server echoes the
  // previous one in its answer to the next.
  const rotating = () => {
    let n = 0;
    return async () => `rotated_${++n}_0123456789abcdef`;
  };

  it('a KantataNetworkError masks a token sent before this request', async () => {
    const { client } = createObservedClient(
      (_request, call) => {
        if (call === 1) return json(buildEnvelope(OM, [membership(1)]));
        throw new TypeError('fetch failed: session rotated_1_0123456789abcdef expired');
      },
      { token: rotating(), retry: { maxRetries: 0 } },
    );
    await client.organizationMemberships.list();
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataNetworkError);
    expectNoSecret(error, 'rotated_1_0123456789abcdef');
  });

  it('a KantataApiError of a helper and of client.toApiError mask it too', async () => {
    const echo = () =>
      apiErrors(401, [{ type: 'oauth', message: 'rotated_1_0123456789abcdef was revoked' }]);
    const { client } = createObservedClient(
      (_request, call) => (call === 1 ? json(buildEnvelope(OM, [])) : echo()),
      { token: rotating(), retry: { maxRetries: 0 } },
    );
    await client.organizationMemberships.list();
    const error = await rejection(client.organizationMemberships.list());
    expectNoSecret(error, 'rotated_1_0123456789abcdef');
    const raw = await client.raw.GET('/organization_memberships');
    const bound = await client.toApiError(raw.response, { method: 'GET', path: '/x' });
    expectNoSecret(bound, 'rotated_1_0123456789abcdef');
  });
});
