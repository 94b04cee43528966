/**
 * What the helpers throw when the API's answer is not a result: a `KantataApiError` for an
 * HTTP error status, a `KantataResponseError` for a success whose body cannot be used, each
 * saying what was wrong and keeping a short, masked copy of what was sent.
 */
import { buildEnvelope } from '@kantata-ox/fixtures';
import { describe, expect, it } from 'vitest';
import {
  KantataApiError,
  KantataError,
  KantataNetworkError,
  KantataNotFoundError,
  KantataResponseError,
} from '../../src/errors/classes.js';
import { apiErrors, brokenBody, json, membership, OM, text, UGM } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { createObservedClient, TOKEN } from '../doubles/observed.js';

const NEW_OM = { geography_id: 1, department_id: 2, member_id: 3, member_type: 'User' } as const;

async function apiError(promise: Promise<unknown>): Promise<KantataApiError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(KantataApiError);
  return error as KantataApiError;
}

async function responseError(promise: Promise<unknown>): Promise<KantataResponseError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(KantataResponseError);
  return error as KantataResponseError;
}

describe('an HTTP error status', () => {
  it('gives a KantataApiError with the API errors, field, request id and attempts', async () => {
    const { client } = createObservedClient(() =>
      apiErrors(422, [{ type: 'validation', message: 'must exist', field: 'department_id' }], {
        'x-request-id': 'req-42',
      }),
    );
    const error = await apiError(client.organizationMemberships.create(NEW_OM));
    expect(error).toBeInstanceOf(KantataError);
    expect(error).not.toBeInstanceOf(KantataResponseError);
    expect(error).toMatchObject({
      status: 422,
      errors: [{ type: 'validation', message: 'must exist', field: 'department_id' }],
      requestId: 'req-42',
      attempts: 1,
      method: 'POST',
      path: '/organization_memberships',
    });
    expect(error.message).toMatch(/must exist \(validation, field department_id\)/);
  });

  it('says an HTML 502 page was not JSON once retries are spent', async () => {
    const { client } = createObservedClient(
      () => text('<html><h1>502 Bad Gateway</h1></html>', 502),
      { retry: false },
    );
    const error = await apiError(client.organizationMemberships.list());
    expect(error).toMatchObject({ status: 502, errors: [] });
    expect(error.message).toMatch(/expected a JSON body but got text\/html/);
  });

  it('keeps a plain-text error body as sent, not re-encoded as JSON', async () => {
    const { client } = createObservedClient(() => text('Not Found', 404, 'text/plain'));
    const error = await apiError(client.organizationMemberships.get('5'));
    expect(error.body).toBe('Not Found');
  });

  it('says an error response was empty and keeps an empty body', async () => {
    const { client } = createObservedClient(
      () => new Response(null, { status: 404, headers: { 'content-length': '0' } }),
    );
    const error = await apiError(client.organizationMemberships.get('5'));
    expect(error.body).toBe('');
    expect(error.message).toBe(
      'GET /organization_memberships/5 failed with 404: empty response body',
    );
  });

  it("names the object's path, not the path template", async () => {
    const { client } = createObservedClient(() => text('Not Found', 404, 'text/plain'));
    const error = await apiError(client.organizationMemberships.get('5'));
    expect(error.path).toBe('/organization_memberships/5');
  });
});

describe('a success whose body cannot be used', () => {
  const page = buildEnvelope(OM, [membership(1)]);
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
    [
      'results pointing at a missing id',
      () => json({ ...page, results: [{ key: OM, id: '2' }] }),
      /results\[0\] points at organization_memberships\/2, which is missing/,
    ],
    [
      'a result that is not a reference',
      () => json({ ...page, results: ['1'] }),
      /results\[0\] is not a \{ key, id \} reference/,
    ],
  ];

  it.each(cases)('says what was wrong with %s', async (_label, respond, problem) => {
    const { client } = createObservedClient(respond);
    const error = await responseError(client.organizationMemberships.list());
    expect(error.status).toBe(200);
    expect(error.errors).toEqual([]);
    expect(error.message).toMatch(problem);
    expect(error.message).toMatch(/^GET \/organization_memberships failed with 200: /);
  });

  it('says a 204 to a list had an empty body', async () => {
    const { client } = createObservedClient(() => new Response(null, { status: 204 }));
    const error = await responseError(client.organizationMemberships.list());
    expect(error.message).toBe(
      'GET /organization_memberships failed with 204: expected a JSON body but the body was empty',
    );
  });

  it("gives the parser's reason when it quotes nothing of the body", async () => {
    const { client } = createObservedClient(() =>
      text('{"count": 1, "results": [', 200, 'application/json'),
    );
    const error = await responseError(client.organizationMemberships.list());
    expect(error.message).toMatch(/: the body is not valid JSON \([^"]+\)$/);
  });

  it("leaves out the parser's reason when it quotes part of the body", async () => {
    // A fragment of the token is not masked: the quoted slice must not reach the message.
    const { client } = createObservedClient(() =>
      text(`{"id": ${TOKEN.slice(0, 12)}}`, 200, 'application/json'),
    );
    const error = await responseError(client.organizationMemberships.list());
    expect(error.message).toBe(
      'GET /organization_memberships failed with 200: the body is not valid JSON',
    );
  });

  it('keeps the text of a body that is not valid JSON', async () => {
    const { client } = createObservedClient(() => text('{"count": 1,', 200, 'application/json'));
    const error = await responseError(client.organizationMemberships.list());
    expect(error.body).toBe('{"count": 1,');
  });

  it('keeps the text of a JSON body whose envelope is unusable', async () => {
    const { client } = createObservedClient(() => json({ count: 0 }));
    const error = await responseError(client.organizationMemberships.list());
    expect(error.message).toMatch(/no `results` array$/);
    expect(error.body).toBe('{"count":0}');
  });

  it('cuts a kept body longer than 2048 characters and marks the cut', async () => {
    const html = `<p>${'x'.repeat(3000)}</p>`;
    const { client } = createObservedClient(() => text(html));
    const error = await responseError(client.organizationMemberships.list());
    expect(error.body).toBe(`${html.slice(0, 2048)}…`);
  });

  it('keeps a body of exactly 2048 characters whole', async () => {
    const html = 'x'.repeat(2048);
    const { client } = createObservedClient(() => text(html));
    const error = await responseError(client.organizationMemberships.list());
    expect(error.body).toBe(html);
  });

  it('cuts a problem longer than 300 characters and marks the cut', async () => {
    const id = '9'.repeat(400);
    const { client } = createObservedClient(() => json({ ...page, results: [{ key: OM, id }] }));
    const error = await responseError(client.organizationMemberships.list());
    const problem = error.message.slice(error.message.indexOf(': ') + 2);
    expect(problem).toMatch(/^results\[0\] points at organization_memberships\/9+…$/);
    expect(problem).toHaveLength(301);
  });

  it('keeps at most 200 characters of the request id', async () => {
    const requestId = 'r'.repeat(300);
    const { client } = createObservedClient(() =>
      json({ count: 0 }, 200, { 'x-request-id': requestId }),
    );
    const error = await responseError(client.organizationMemberships.list());
    expect(error.requestId).toBe('r'.repeat(200));
  });

  it('counts the attempts that led to the unusable body', async () => {
    const { client } = createObservedClient((_request, n) =>
      n === 1 ? text('busy', 503, 'text/plain') : text('<p>maintenance</p>'),
    );
    const error = await responseError(client.organizationMemberships.list());
    expect(error.attempts).toBe(2);
  });

  it('gives the status and the attempts of an answer that holds no object', async () => {
    const { client } = createObservedClient((_request, n) =>
      n === 1 ? text('busy', 503, 'text/plain') : json(buildEnvelope(OM, []), 203),
    );
    const error = await responseError(client.organizationMemberships.get(5));
    expect(error).toMatchObject({ status: 203, attempts: 2 });
    expect(error.message).toBe(
      'GET /organization_memberships/5 failed with 203: the response holds no object',
    );
  });
});

describe('a body that fails to arrive', () => {
  it('gives a KantataNetworkError with the attempts of the answer it belonged to', async () => {
    const { client } = createObservedClient((_request, n) =>
      n === 1 ? text('busy', 503, 'text/plain') : brokenBody(),
    );
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect(error).toMatchObject({ attempts: 2, path: '/organization_memberships' });
    expect((error as Error).message).toMatch(/the response body could not be read/);
  });
});

describe('a list through only without the object asked for', () => {
  it('gives a KantataNotFoundError with the attempts and request id of the answer', async () => {
    const { client } = createObservedClient((_request, n) =>
      n === 1
        ? text('busy', 503, 'text/plain')
        : json(buildEnvelope(UGM, []), 200, { 'x-request-id': 'req-7' }),
    );
    const error = await rejection(client.userGroupMemberships.get(77));
    expect(error).toBeInstanceOf(KantataNotFoundError);
    expect(error).toMatchObject({ status: 404, attempts: 2, requestId: 'req-7', body: '' });
  });
});
