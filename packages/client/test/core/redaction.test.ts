import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../src/core/api-error.js';
import {
  KantataApiError,
  KantataInputError,
  KantataNetworkError,
  KantataTimeoutError,
} from '../../src/core/errors.js';
import { REDACTED, redact, redactError } from '../../src/core/redact.js';
import { createTransport } from '../../src/core/transport.js';
import { fakeClock, hang, scriptedFetch, TOKEN } from './helpers.js';

const API = 'https://api.example.com/api/v1';

/** Every way an error is commonly turned into text. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [
    e.message,
    String(e.stack),
    JSON.stringify(e),
    inspect(e),
    inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** A fetch failure that carries the token every way a careless wrapper could. */
function leakyFailure(request: Request): never {
  const cause = Object.assign(new Error(`socket closed while sending Bearer ${TOKEN}`), {
    code: 'ECONNRESET',
    request,
    headers: Object.fromEntries(request.headers),
  });
  throw Object.assign(new TypeError(`fetch failed (authorization: ${TOKEN})`, { cause }), {
    request,
    config: { headers: { Authorization: `Bearer ${TOKEN}` } },
  });
}

describe('the token never appears in an error', () => {
  it('KantataNetworkError, even when fetch threw an error holding the request and token', async () => {
    const transport = createTransport({
      token: TOKEN,
      fetch: scriptedFetch(leakyFailure),
      timeoutMs: 0,
      clock: fakeClock(),
    });
    const error = await rejection(transport(new Request(`${API}/posts.json`, { method: 'POST' })));
    expect(error).toBeInstanceOf(KantataNetworkError);
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).toContain('ECONNRESET');
  });

  it('KantataTimeoutError, even with the token in the query string', async () => {
    const transport = createTransport({
      token: TOKEN,
      fetch: scriptedFetch(hang),
      timeoutMs: 1000,
      retry: false,
      clock: fakeClock(),
    });
    const error = await rejection(transport(new Request(`${API}/users.json?t=${TOKEN}`)));
    expect(error).toBeInstanceOf(KantataTimeoutError);
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });

  it('KantataApiError, even when the body echoes the token', async () => {
    const response = new Response(
      JSON.stringify({ errors: [{ type: 'auth', message: `token ${TOKEN} is revoked` }] }),
      { status: 401, headers: { 'content-type': 'application/json', 'x-request-id': TOKEN } },
    );
    const error = await toApiError(response, {
      method: 'GET',
      path: `${API}/users.json?t=${TOKEN}`,
      secrets: [TOKEN],
    });
    expect(error).toBeInstanceOf(KantataApiError);
    expect(error.body).toContain(REDACTED);
    for (const text of [...renderings(error), error.body]) expect(text).not.toContain(TOKEN);
  });

  it('KantataInputError for a malformed token', async () => {
    const transport = createTransport({
      token: () => `${TOKEN}\n`,
      fetch: scriptedFetch(hang),
      clock: fakeClock(),
    });
    const error = await rejection(transport(new Request(`${API}/users.json`)));
    expect(error).toBeInstanceOf(KantataInputError);
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });

  it('KantataNetworkError for too many redirects, with the token in a Location', async () => {
    const transport = createTransport({
      token: TOKEN,
      fetch: scriptedFetch(
        () => new Response(null, { status: 302, headers: { location: `/loop?t=${TOKEN}` } }),
      ),
      timeoutMs: 0,
      clock: fakeClock(),
    });
    const error = await rejection(transport(new Request(`${API}/x?t=${TOKEN}`)));
    expect(error).toBeInstanceOf(KantataNetworkError);
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
  });
});

describe('redact', () => {
  it('masks every occurrence of each secret', () => {
    expect(redact('a s3cret b s3cret', ['s3cret'])).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it('masks any Bearer value, even an unknown one', () => {
    expect(redact('Authorization: Bearer abc.def-ghi')).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it('leaves text without secrets unchanged', () => {
    expect(redact('GET /users failed', ['s3cret'])).toBe('GET /users failed');
  });
});

describe('redactError', () => {
  it('keeps name, masked message and code, and drops every other property', () => {
    const original = Object.assign(new TypeError('bad s3cret'), {
      code: 'ECONNRESET',
      request: { headers: { authorization: 's3cret' } },
    });
    const copy = redactError(original, ['s3cret']) as Error & Record<string, unknown>;
    expect(copy.name).toBe('TypeError');
    expect(copy.message).toBe(`bad ${REDACTED}`);
    expect(copy.code).toBe('ECONNRESET');
    expect(copy.request).toBeUndefined();
  });

  it('copies nested causes the same way', () => {
    const original = new Error('outer', { cause: new Error('inner s3cret') });
    const copy = redactError(original, ['s3cret']) as Error;
    expect((copy.cause as Error).message).toBe(`inner ${REDACTED}`);
  });

  it('keeps only a code from a plain-object cause', () => {
    expect(redactError({ code: 'EPIPE', token: 's3cret' })).toEqual({ code: 'EPIPE' });
  });

  it('turns a plain-object cause without a code into an empty object', () => {
    expect(Object.keys(redactError({ token: 's3cret' }) as object)).toEqual([]);
  });

  it('copies nested AggregateErrors only a few levels deep', () => {
    let original: Error = new Error('innermost');
    for (let i = 0; i < 8; i++) original = new AggregateError([original], `level ${i}`);
    let levels = 0;
    let copy: unknown = redactError(original);
    while (copy instanceof Error) {
      levels++;
      copy = (copy as Error & { errors?: unknown[] }).errors?.[0];
    }
    expect(levels).toBe(6);
  });
});
