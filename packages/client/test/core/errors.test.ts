import { describe, expect, it } from 'vitest';
import { MAX_ERROR_BODY_CHARS, toApiError } from '../../src/core/api-error.js';
import { findErrorCode } from '../../src/core/error-code.js';
import {
  KantataApiError,
  KantataError,
  KantataInputError,
  KantataNetworkError,
  KantataTimeoutError,
} from '../../src/core/errors.js';
import { safePath } from '../../src/core/safe-path.js';

const ctx = { method: 'PUT', path: '/organization_memberships/5', attempts: 1 };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

describe('toApiError', () => {
  it('builds the message from a validation error with its field', async () => {
    const error = await toApiError(
      json(422, {
        errors: [{ type: 'validation', message: 'member_type is invalid', field: 'member_type' }],
      }),
      ctx,
    );
    expect(error.message).toBe(
      'PUT /organization_memberships/5 failed with 422: member_type is invalid (validation, field member_type)',
    );
  });

  it('keeps the parsed errors, status, method, path and attempts as fields', async () => {
    const error = await toApiError(
      json(404, { errors: [{ type: 'not_found', message: 'not found' }] }),
      { method: 'get', path: '/users/9', attempts: 3 },
    );
    expect(error).toMatchObject({
      status: 404,
      errors: [{ type: 'not_found', message: 'not found' }],
      method: 'GET',
      path: '/users/9',
      attempts: 3,
    });
  });

  it('joins several errors with semicolons', async () => {
    const error = await toApiError(
      json(422, {
        errors: [
          { type: 'validation', message: 'a is bad', field: 'a' },
          { type: 'system', message: 'b failed' },
        ],
      }),
      ctx,
    );
    expect(error.message).toMatch(/: a is bad \(validation, field a\); b failed \(system\)$/);
  });

  it('reads requestId from the x-request-id header', async () => {
    const error = await toApiError(json(500, { errors: [] }, { 'x-request-id': 'req-123' }), ctx);
    expect(error.requestId).toBe('req-123');
  });

  it('leaves requestId undefined without the header', async () => {
    const error = await toApiError(json(500, { errors: [] }), ctx);
    expect(error.requestId).toBeUndefined();
  });

  it('says an HTML error page was not JSON, and keeps the page as body', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const error = await toApiError(
      new Response(html, { status: 502, headers: { 'content-type': 'text/html; charset=utf-8' } }),
      { method: 'GET', path: '/users', attempts: 4 },
    );
    expect(error.message).toBe(
      'GET /users failed with 502: expected a JSON body but got text/html',
    );
    expect(error.errors).toEqual([]);
    expect(error.body).toBe(html);
  });

  it('says the body was empty', async () => {
    const error = await toApiError(new Response(null, { status: 503 }), ctx);
    expect(error.message).toBe(
      'PUT /organization_memberships/5 failed with 503: empty response body',
    );
    expect(error.body).toBe('');
  });

  it('says truncated JSON is not valid JSON', async () => {
    const error = await toApiError(
      new Response('{"errors":[{"type":"valid', {
        status: 500,
        headers: { 'content-type': 'application/json' },
      }),
      ctx,
    );
    expect(error.message).toMatch(/failed with 500: response body is not valid JSON/);
    expect(error.errors).toEqual([]);
  });

  it('says when a JSON body has no errors list', async () => {
    const error = await toApiError(json(500, { message: 'boom' }), ctx);
    expect(error.message).toMatch(/failed with 500: response body has no "errors" list$/);
  });

  it('parses JSON sent without a content-type', async () => {
    const error = await toApiError(
      // A byte body gets no automatic content-type (a string body would get text/plain).
      new Response(new TextEncoder().encode('{"errors":[{"type":"system","message":"down"}]}'), {
        status: 500,
      }),
      ctx,
    );
    expect(error.errors).toEqual([{ type: 'system', message: 'down' }]);
  });

  it('accepts a +json media type', async () => {
    const error = await toApiError(
      new Response('{"errors":[{"type":"t","message":"m"}]}', {
        status: 400,
        headers: { 'content-type': 'application/problem+json' },
      }),
      ctx,
    );
    expect(error.errors).toHaveLength(1);
  });

  it('skips malformed entries of the errors list', async () => {
    const error = await toApiError(
      json(422, { errors: [null, 3, 'x', { type: 5 }, { type: 'ok', message: 'kept', field: 7 }] }),
      ctx,
    );
    expect(error.errors).toEqual([{ type: 'ok', message: 'kept' }]);
  });

  it('does not pollute Object.prototype through __proto__ keys', async () => {
    const body =
      '{"__proto__":{"polluted":"yes"},"errors":[{"__proto__":{"polluted":"yes"},"type":"t","message":"m","constructor":{"prototype":{"polluted":"yes"}}}]}';
    const error = await toApiError(
      new Response(body, { status: 422, headers: { 'content-type': 'application/json' } }),
      ctx,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(error.errors).toEqual([{ type: 't', message: 'm' }]);
    expect(Object.getPrototypeOf(error.errors[0])).toBe(Object.prototype);
    expect((error.errors[0] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('truncates the body to about 2 kB', async () => {
    const page = `<html>${'x'.repeat(10_000)}</html>`;
    const error = await toApiError(
      new Response(page, { status: 502, headers: { 'content-type': 'text/html' } }),
      ctx,
    );
    expect(error.body).toHaveLength(MAX_ERROR_BODY_CHARS + 1);
    expect(error.body.endsWith('…')).toBe(true);
  });

  it('reads a huge body only partly', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode('x'.repeat(16_384)));
      },
    });
    const error = await toApiError(
      new Response(stream, { status: 500, headers: { 'content-type': 'application/json' } }),
      ctx,
    );
    expect(pulled).toBeLessThan(10);
    expect(error.message).toMatch(/too large/);
  });

  it('keeps only pathname and search when given a full URL with credentials', async () => {
    const error = await toApiError(json(404, { errors: [] }), {
      method: 'GET',
      path: 'https://user:pw@api.example.com/api/v1/users.json?page=2',
      attempts: 1,
    });
    expect(error.path).toBe('/api/v1/users.json?page=2');
    expect(error.message).not.toContain('pw');
    expect(error.message).not.toContain('api.example.com');
  });

  it('uses an already-read body passed as text', async () => {
    const response = json(422, { errors: [{ type: 'validation', message: 'no' }] });
    const text = await response.text();
    const error = await toApiError(response, { ...ctx, body: text });
    expect(error.errors).toEqual([{ type: 'validation', message: 'no' }]);
  });

  it('says so when the body was already consumed', async () => {
    const response = json(422, { errors: [] });
    await response.text();
    const error = await toApiError(response, ctx);
    expect(error.message).toMatch(/the body was already read/);
  });

  it('masks secrets echoed in the body', async () => {
    const error = await toApiError(
      json(401, { errors: [{ type: 'auth', message: 'bad token abc123' }] }),
      { ...ctx, secrets: ['abc123'] },
    );
    expect(error.message).not.toContain('abc123');
    expect(error.body).not.toContain('abc123');
  });

  it('defaults attempts to 1 for a response that did not come from a transport', async () => {
    const error = await toApiError(json(400, { errors: [] }), { method: 'GET', path: '/x' });
    expect(error.attempts).toBe(1);
  });
});

describe('error classes', () => {
  const api = new KantataApiError({
    status: 404,
    errors: [],
    method: 'GET',
    path: '/x',
    attempts: 1,
    body: 'secret body',
  });
  const timeout = new KantataTimeoutError({
    method: 'GET',
    path: '/x',
    attempts: 4,
    timeoutMs: 50,
  });
  const network = new KantataNetworkError({
    method: 'POST',
    path: '/x',
    attempts: 1,
    cause: new Error('boom'),
  });
  const input = new KantataInputError('id', 'must be a positive integer');

  it.each([
    ['KantataApiError', api, KantataApiError],
    ['KantataTimeoutError', timeout, KantataTimeoutError],
    ['KantataNetworkError', network, KantataNetworkError],
    ['KantataInputError', input, KantataInputError],
  ])('%s has its own name and is a KantataError and an Error', (name, error, cls) => {
    expect(error).toBeInstanceOf(cls);
    expect(error).toBeInstanceOf(KantataError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.stack?.startsWith(`${name}: `)).toBe(true);
  });

  it('describes a timeout with its duration and attempts', () => {
    expect(timeout.message).toBe('GET /x timed out after 50 ms (4 attempts)');
  });

  it('describes a network error with its cause and code', () => {
    const error = new KantataNetworkError({
      method: 'GET',
      path: '/x',
      attempts: 1,
      cause: new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }),
    });
    expect(error.message).toBe('GET /x failed after 1 attempt: fetch failed (ECONNRESET)');
    expect(error.code).toBe('ECONNRESET');
  });

  it('lists only safe fields in toJSON (no body)', () => {
    expect(JSON.parse(JSON.stringify(api))).toEqual({
      name: 'KantataApiError',
      message: 'GET /x failed with 404',
      status: 404,
      errors: [],
      method: 'GET',
      path: '/x',
      attempts: 1,
    });
  });

  it('gives field and reason on an input error', () => {
    expect(input).toMatchObject({ field: 'id', reason: 'must be a positive integer' });
    expect(input.message).toBe('Invalid id: must be a positive integer');
  });
});

describe('findErrorCode', () => {
  it('finds the first system code in a cause chain', () => {
    expect(
      findErrorCode(
        new TypeError('fetch failed', { cause: new Error('x', { cause: { code: 'ENOTFOUND' } }) }),
      ),
    ).toBe('ENOTFOUND');
  });

  it('prefers a system code anywhere in the chain over an undici code', () => {
    expect(findErrorCode({ code: 'UND_ERR_SOCKET', cause: { code: 'ECONNRESET' } })).toBe(
      'ECONNRESET',
    );
  });

  it('falls back to the first other code in capitals when there is no system code', () => {
    expect(findErrorCode({ cause: { code: 'CERT_HAS_EXPIRED' } })).toBe('CERT_HAS_EXPIRED');
    expect(
      findErrorCode(
        new TypeError('fetch failed', {
          cause: { code: 'UND_ERR_HEADERS_OVERFLOW', cause: { code: 'UND_ERR_SOCKET' } },
        }),
      ),
    ).toBe('UND_ERR_HEADERS_OVERFLOW');
  });

  it('ignores codes of other shapes and non-string codes', () => {
    expect(findErrorCode({ code: 'econnreset' })).toBeUndefined();
    expect(findErrorCode({ code: 'X' })).toBeUndefined();
    expect(findErrorCode({ code: '_UND_ERR' })).toBeUndefined();
    expect(findErrorCode({ code: 'UND_ERR_SOCKET ' })).toBeUndefined();
    expect(findErrorCode({ code: 'ECONN RESET', cause: { code: 'UND_ERR_X' } })).toBe('UND_ERR_X');
    expect(findErrorCode({ code: 42, cause: { code: 'EPIPE' } })).toBe('EPIPE');
    // Not even when the value prints like a code.
    expect(findErrorCode({ code: ['EPIPE'] })).toBeUndefined();
    expect(findErrorCode('ECONNRESET')).toBeUndefined();
    expect(findErrorCode(null)).toBeUndefined();
  });

  it('stops after ten links of a cause chain', () => {
    let chain: object = { code: 'EDEEP' };
    for (let i = 0; i < 9; i++) chain = { cause: chain };
    expect(findErrorCode(chain)).toBe('EDEEP');
    expect(findErrorCode({ cause: chain })).toBeUndefined();
  });
});

describe('safePath', () => {
  it('drops origin and credentials from a full URL', () => {
    expect(safePath('https://u:p@h.example/a/b?c=1#frag')).toBe('/a/b?c=1');
  });

  it('masks secrets in the query string', () => {
    expect(safePath('https://h.example/a?access_token=abc123', ['abc123'])).toBe(
      '/a?access_token=[REDACTED]',
    );
  });
});
