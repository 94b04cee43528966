/** How `toApiError` reads, bounds and interprets an error response's body. */
import { describe, expect, it } from 'vitest';
import { MAX_ERROR_BODY_CHARS, toApiError } from '../../src/core/api-error.js';

const ctx = { method: 'GET', path: '/users', attempts: 1 };

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

describe('toApiError body limits', () => {
  it('keeps a body of exactly the maximum length whole', async () => {
    const page = 'x'.repeat(MAX_ERROR_BODY_CHARS);
    const error = await toApiError(respond(page, 'text/plain'), ctx);
    expect(error.body).toBe(page);
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
      'GET /users failed with 500: response body too large to be a JSON error',
    );
    expect(delivered).toBeLessThanOrEqual(64 * 1024);
  });

  it('decodes a character split across two chunks of the body', async () => {
    const full = bytes('{"errors":[{"type":"t","message":"café"}]}');
    const cut = full.indexOf(0xc3) + 1; // between the two bytes of "é"
    const body = streamOf([full.slice(0, cut), full.slice(cut)]);
    const error = await toApiError(respond(body, 'application/json'), ctx);
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
    expect(error.message).toBe('GET /users failed with 502: the body could not be read');
    expect(error.body).toBe('<html>partial');
  });

  it('keeps no body text when the body was already read', async () => {
    const response = respond('{"errors":[]}', 'application/json');
    await response.text();
    const error = await toApiError(response, ctx);
    expect(error.body).toBe('');
  });
});

describe('toApiError content types', () => {
  it('reads a JSON type written with a space before its parameters', async () => {
    const error = await toApiError(
      respond(
        '{"errors":[{"type":"system","message":"down"}]}',
        'application/json ; charset=utf-8',
      ),
      ctx,
    );
    expect(error.errors).toEqual([{ type: 'system', message: 'down' }]);
  });

  it.each(['application/jsonp', 'x-application/json', 'application/json-seq'])(
    'does not take %s for JSON',
    async (type) => {
      const error = await toApiError(respond('{"errors":[]}', type), ctx);
      expect(error.message).toBe(
        `GET /users failed with 500: expected a JSON body but got ${type}`,
      );
    },
  );

  it('names at most 100 characters of an unexpected content type', async () => {
    const type = `text/${'x'.repeat(200)}`;
    const error = await toApiError(respond('oops', type), ctx);
    expect(error.message).toBe(
      `GET /users failed with 500: expected a JSON body but got ${type.slice(0, 100)}`,
    );
  });

  it('replaces unusual characters of an unexpected content type with ?', async () => {
    const error = await toApiError(respond('oops', 'text/x"a b<c>'), ctx);
    expect(error.message).toBe(
      'GET /users failed with 500: expected a JSON body but got text/x?a?b?c?',
    );
  });
});

describe('toApiError JSON bodies', () => {
  it('treats a body of only whitespace as empty', async () => {
    const error = await toApiError(respond(' \n\t ', 'application/json'), ctx);
    expect(error.message).toBe('GET /users failed with 500: empty response body');
  });

  it('says a JSON null body has no errors list', async () => {
    const error = await toApiError(respond('null', 'application/json'), ctx);
    expect(error.message).toBe('GET /users failed with 500: response body has no "errors" list');
  });

  it('says an errors list without usable entries has no error details', async () => {
    const error = await toApiError(
      respond('{"errors":[{},{"field":"x"}]}', 'application/json'),
      ctx,
    );
    expect(error.errors).toEqual([]);
    expect(error.message).toBe('GET /users failed with 500: response body has no error details');
  });

  it('names the type "unknown" for an entry with only a message', async () => {
    const error = await toApiError(
      respond('{"errors":[{"message":"boom"}]}', 'application/json'),
      ctx,
    );
    expect(error.errors).toEqual([{ type: 'unknown', message: 'boom' }]);
    expect(error.message).toBe('GET /users failed with 500: boom (unknown)');
  });

  it('describes an entry with only a type by its type', async () => {
    const error = await toApiError(
      respond('{"errors":[{"type":"forbidden"}]}', 'application/json', 403),
      ctx,
    );
    expect(error.errors).toEqual([{ type: 'forbidden', message: '' }]);
    expect(error.message).toBe('GET /users failed with 403: forbidden (forbidden)');
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
});
