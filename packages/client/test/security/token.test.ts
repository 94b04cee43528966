/**
 * The token never appears in any error or `onRetry` event (message, stack, String, JSON,
 * util.inspect, the cause chain, every own property), whoever echoes it: the server in a
 * body, a header or a redirect, a fetch that throws it, or the caller's own bad input.
 */

import { buildEnvelope } from '@kantata-ox/fixtures';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../src/core/api-error.js';
import { KantataApiError, KantataResponseError } from '../../src/core/errors.js';
import { REDACTED } from '../../src/core/redact.js';
import { apiErrors, json, OM, text } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
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
