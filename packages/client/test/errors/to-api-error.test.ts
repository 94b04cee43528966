/**
 * `toApiError` (src/errors/factory.ts): how an HTTP error response becomes a
 * `KantataApiError`: its message, the API's `errors` list, and how the body is read, bounded
 * and kept.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ERROR_BODY_CHARS, toApiError } from '../../src/errors/factory.js';
import { json } from '../doubles/answers.js';

const ctx = { method: 'PUT', path: '/organization_memberships/5', attempts: 1 };

function respond(body: BodyInit | null, contentType?: string, status = 500): Response {
  return new Response(body, {
    status,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  });
}

/** A body stream that hands out its chunks one read at a time, then fails if `failWith` is given. */
function streamOf(chunks: Uint8Array[], failWith?: Error): ReadableStream<Uint8Array> {
  const queue = [...chunks];
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = queue.shift();
        if (chunk) controller.enqueue(chunk);
        else if (failWith) controller.error(failWith);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('the message and fields', () => {
  it('builds the message from a validation error with its field', async () => {
    const error = await toApiError(
      json(
        {
          errors: [{ type: 'validation', message: 'member_type is invalid', field: 'member_type' }],
        },
        422,
      ),
      ctx,
    );
    expect(error.message).toBe(
      'PUT /organization_memberships/5 failed with 422: member_type is invalid (validation, field member_type)',
    );
  });

  it('keeps the parsed errors, status, method, path and attempts as fields', async () => {
    const error = await toApiError(
      json({ errors: [{ type: 'not_found', message: 'not found' }] }, 404),
      {
        method: 'get',
        path: '/users/9',
        attempts: 3,
      },
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
      json(
        {
          errors: [
            { type: 'validation', message: 'a is bad', field: 'a' },
            { type: 'system', message: 'b failed' },
          ],
        },
        422,
      ),
      ctx,
    );
    expect(error.message).toMatch(/: a is bad \(validation, field a\); b failed \(system\)$/);
  });

  it('reads requestId from the x-request-id header, keeping at most 200 characters', async () => {
    const error = await toApiError(json({ errors: [] }, 500, { 'x-request-id': 'req-123' }), ctx);
    expect(error.requestId).toBe('req-123');
    const long = await toApiError(
      json({ errors: [] }, 500, { 'x-request-id': 'r'.repeat(100_000) }),
      ctx,
    );
    expect(long.requestId).toBe('r'.repeat(200));
  });

  it('leaves requestId undefined without the header', async () => {
    const error = await toApiError(json({ errors: [] }, 500), ctx);
    expect(error.requestId).toBeUndefined();
  });

  it('keeps only the pathname when given a full URL with credentials and a query', async () => {
    const error = await toApiError(json({ errors: [] }, 404), {
      method: 'GET',
      path: 'https://user:pw@api.example.com/api/v1/users.json?page=2',
      attempts: 1,
    });
    expect(error.path).toBe('/api/v1/users.json');
    expect(error.message).not.toContain('pw');
    expect(error.message).not.toContain('page=2');
    expect(error.message).not.toContain('api.example.com');
  });

  it('defaults attempts to 1 for a response that did not come from a transport', async () => {
    const error = await toApiError(json({ errors: [] }, 400), { method: 'GET', path: '/x' });
    expect(error.attempts).toBe(1);
  });
});

describe('the errors list', () => {
  it('skips malformed entries of the errors list', async () => {
    const error = await toApiError(
      json({ errors: [null, 3, 'x', { type: 5 }, { type: 'ok', message: 'kept', field: 7 }] }, 422),
      ctx,
    );
    expect(error.errors).toEqual([{ type: 'ok', message: 'kept' }]);
  });

  it('does not pollute Object.prototype through __proto__ keys', async () => {
    const body =
      '{"__proto__":{"polluted":"yes"},"errors":[{"__proto__":{"polluted":"yes"},"type":"t","message":"m","constructor":{"prototype":{"polluted":"yes"}}}]}';
    const error = await toApiError(respond(body, 'application/json', 422), ctx);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(error.errors).toEqual([{ type: 't', message: 'm' }]);
    expect(Object.getPrototypeOf(error.errors[0])).toBe(Object.prototype);
    expect((error.errors[0] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says a JSON null body has no errors list', async () => {
    const error = await toApiError(respond('null', 'application/json'), ctx);
    expect(error.message).toBe(
      'PUT /organization_memberships/5 failed with 500: response body has no "errors" list',
    );
  });

  it('says when a JSON body has no errors list', async () => {
    const error = await toApiError(json({ message: 'boom' }, 500), ctx);
    expect(error.message).toMatch(/failed with 500: response body has no "errors" list$/);
  });

  it('says an errors list without usable entries has no error details', async () => {
    const error = await toApiError(
      respond('{"errors":[{},{"field":"x"}]}', 'application/json'),
      ctx,
    );
    expect(error.errors).toEqual([]);
    expect(error.message).toBe(
      'PUT /organization_memberships/5 failed with 500: response body has no error details',
    );
  });

  it('names the type "unknown" for an entry with only a message', async () => {
    const error = await toApiError(
      respond('{"errors":[{"message":"boom"}]}', 'application/json'),
      ctx,
    );
    expect(error.errors).toEqual([{ type: 'unknown', message: 'boom' }]);
    expect(error.message).toBe('PUT /organization_memberships/5 failed with 500: boom (unknown)');
  });

  it('describes an entry with only a type by its type', async () => {
    const error = await toApiError(
      respond('{"errors":[{"type":"forbidden"}]}', 'application/json', 403),
      ctx,
    );
    expect(error.errors).toEqual([{ type: 'forbidden', message: '' }]);
    expect(error.message).toBe(
      'PUT /organization_memberships/5 failed with 403: forbidden (forbidden)',
    );
  });

  it('cuts each error detail to 500 characters', async () => {
    const long = 'm'.repeat(600);
    const error = await toApiError(
      respond(
        JSON.stringify({ errors: [{ type: 'validation', message: long }] }),
        'application/json',
      ),
      ctx,
    );
    expect(error.errors[0]?.message).toBe(long.slice(0, 500));
  });

  it('says truncated JSON is not valid JSON', async () => {
    const error = await toApiError(respond('{"errors":[{"type":"valid', 'application/json'), ctx);
    expect(error.message).toMatch(/failed with 500: response body is not valid JSON/);
    expect(error.errors).toEqual([]);
  });
});

describe('reading the body', () => {
  it('says an HTML error page was not JSON, and keeps the page as body', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const error = await toApiError(respond(html, 'text/html; charset=utf-8', 502), {
      method: 'GET',
      path: '/users',
      attempts: 4,
    });
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

  it('treats a body of only whitespace as empty', async () => {
    const error = await toApiError(respond(' \n\t ', 'application/json'), ctx);
    expect(error.message).toBe(
      'PUT /organization_memberships/5 failed with 500: empty response body',
    );
  });

  it('keeps a body of exactly the maximum length whole', async () => {
    const page = 'x'.repeat(MAX_ERROR_BODY_CHARS);
    const error = await toApiError(respond(page, 'text/plain'), ctx);
    expect(error.body).toBe(page);
  });

  it('truncates a longer body to about 2 kB, marking the cut', async () => {
    const page = `<html>${'x'.repeat(10_000)}</html>`;
    const error = await toApiError(respond(page, 'text/html', 502), ctx);
    expect(error.body).toHaveLength(MAX_ERROR_BODY_CHARS + 1);
    expect(error.body.endsWith('…')).toBe(true);
  });

  it('reads no more than 64 KiB of a body that never ends', async () => {
    let delivered = 0;
    const endless = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          delivered += 1024;
          controller.enqueue(new Uint8Array(1024).fill(0x78));
        },
      },
      { highWaterMark: 0 },
    );
    const error = await toApiError(respond(endless, 'application/json'), ctx);
    expect(error.message).toBe(
      'PUT /organization_memberships/5 failed with 500: response body too large to be a JSON error',
    );
    expect(delivered).toBeLessThanOrEqual(64 * 1024);
  });

  it('decodes a character split across two chunks of the body', async () => {
    const full = bytes('{"errors":[{"type":"t","message":"café"}]}');
    const cut = full.indexOf(0xc3) + 1; // between the two bytes of "é"
    const error = await toApiError(
      respond(streamOf([full.slice(0, cut), full.slice(cut)]), 'application/json'),
      ctx,
    );
    expect(error.errors).toEqual([{ type: 't', message: 'café' }]);
  });

  it('leaves the body stream unlocked once read', async () => {
    const response = respond('{"errors":[]}', 'application/json');
    await toApiError(response, ctx);
    expect(response.body?.locked).toBe(false);
  });

  it('says the body could not be read when its stream fails, keeping what arrived', async () => {
    const body = streamOf([bytes('<html>partial')], new Error('socket hang up'));
    const error = await toApiError(respond(body, 'text/html', 502), ctx);
    expect(error.message).toBe(
      'PUT /organization_memberships/5 failed with 502: the body could not be read',
    );
    expect(error.body).toBe('<html>partial');
  });

  it('says so, and keeps no body text, when the body was already read', async () => {
    const response = json({ errors: [] }, 422);
    await response.text();
    const error = await toApiError(response, ctx);
    expect(error.message).toMatch(/the body was already read/);
    expect(error.body).toBe('');
  });

  it('uses an already-read body passed as text', async () => {
    const response = json({ errors: [{ type: 'validation', message: 'no' }] }, 422);
    const text = await response.text();
    const error = await toApiError(response, { ...ctx, body: text });
    expect(error.errors).toEqual([{ type: 'validation', message: 'no' }]);
  });
});
