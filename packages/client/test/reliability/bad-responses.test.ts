/**
 * A catalogue of bad responses, each served by a real node:http server on 127.0.0.1 and read
 * by the platform's fetch (so truncation, dropped sockets, huge headers and 10 MB bodies are
 * real). Each must end in a typed error that says what was wrong, or in a correct result:
 * never an untyped crash, never a hang (every call runs under a guard that fails the test).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKantataClient,
  KantataApiError,
  type KantataClient,
  KantataError,
  KantataNetworkError,
  KantataTimeoutError,
} from '../../src/index.js';
import {
  json,
  type LoopbackServer,
  om,
  omEnvelope,
  recordingFetch,
  startServer,
} from './support.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type ErrorClass = typeof KantataApiError | typeof KantataNetworkError | typeof KantataTimeoutError;

const GUARD_MS = 8_000;
// Real-time and 10 MB cases are left out of mutation runs (see stryker.config.vitest.ts).
const itSlow = it.skipIf(process.env.KANTATA_MUTATION !== undefined);
const TIMEOUT_MS = 1_000;

let server: LoopbackServer;
let handler: Handler = (_req, res) => res.end();

beforeAll(async () => {
  server = await startServer((req, res) => handler(req, res));
});
afterAll(() => server.close());

function client(): KantataClient {
  return createKantataClient({
    token: 'tok_bad_responses_1',
    baseUrl: `${server.origin}/api/v1`,
    retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: TIMEOUT_MS,
  });
}

/** Runs `work`; a call still pending after GUARD_MS is a hang and fails the test. */
async function settle<T>(work: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`hung for more than ${GUARD_MS} ms`)), GUARD_MS);
  });
  try {
    return await Promise.race([work.then((value) => ({ value })), hang]);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('hung for')) throw error;
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

async function expectTypedError<T extends ErrorClass>(
  work: Promise<unknown>,
  type: T,
  message: RegExp,
): Promise<InstanceType<T>> {
  const outcome = await settle(work);
  expect('error' in outcome, 'expected an error, got a result').toBe(true);
  const error = 'error' in outcome ? outcome.error : undefined;
  expect(error).toBeInstanceOf(type);
  expect(error).toBeInstanceOf(KantataError);
  expect((error as Error).message).toMatch(message);
  return error as InstanceType<T>;
}

function send(status: number, headers: Record<string, string>, body: string | Buffer): Handler {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const HTML_502 =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';

describe('a success with an unusable body', () => {
  it('malformed JSON gives KantataApiError saying the body is not valid JSON', async () => {
    handler = send(200, JSON_TYPE, '{"count": 1, "results": [');
    const error = await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /not valid JSON/,
    );
    expect((error as KantataApiError).status).toBe(200);
  });

  it('an empty 200 gives KantataApiError saying the body was empty', async () => {
    handler = send(200, JSON_TYPE, '');
    await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /body was empty|expected a JSON object/,
    );
  });

  it('an empty 200 with no content type gives KantataApiError too', async () => {
    handler = send(200, {}, '');
    await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /empty|expected a JSON object/,
    );
  });

  it('a wrong content type gives KantataApiError naming it, even when the text is JSON', async () => {
    handler = send(200, { 'content-type': 'text/plain' }, JSON.stringify(omEnvelope([om('1')])));
    await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /expected a JSON body but got text\/plain/,
    );
  });

  it('a 200 without `results` gives KantataApiError saying so', async () => {
    handler = send(200, JSON_TYPE, JSON.stringify({ count: 1, organization_memberships: {} }));
    await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /no `results` array/,
    );
  });

  it('JSON that is not an object gives KantataApiError naming what it got', async () => {
    for (const body of ['null', '[]', '"text"', '42']) {
      handler = send(200, JSON_TYPE, body);
      await expectTypedError(
        client().organizationMemberships.list(),
        KantataApiError,
        /expected a JSON object/,
      );
    }
  });

  it('a result pointing at a missing object gives KantataApiError naming it', async () => {
    const envelope = omEnvelope([om('1')]);
    envelope.organization_memberships = {};
    handler = send(200, JSON_TYPE, JSON.stringify(envelope));
    await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /organization_memberships\/1, which is missing/,
    );
  });

  it('a 204 where a page was expected gives KantataApiError', async () => {
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /failed with 204/,
    );
  });

  it('a create answered with no object gives KantataApiError saying so', async () => {
    handler = send(200, JSON_TYPE, JSON.stringify(omEnvelope([])));
    const fields = {
      member_id: 1,
      member_type: 'User',
      department_id: 2,
      geography_id: 3,
    } as const;
    await expectTypedError(
      client().organizationMemberships.create(fields),
      KantataApiError,
      /holds no object/,
    );
  });
});

describe('an error status with an unusable body', () => {
  it('an HTML 502 page is retried, then gives KantataApiError 502 naming text/html', async () => {
    const before = server.requests.length;
    handler = send(502, { 'content-type': 'text/html' }, HTML_502);
    const error = await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /failed with 502: expected a JSON body but got text\/html/,
    );
    expect((error as KantataApiError).attempts).toBe(2);
    expect(server.requests.length - before).toBe(2);
  });

  it('an HTML 502 page after a POST is not retried', async () => {
    const before = server.requests.length;
    handler = send(502, { 'content-type': 'text/html' }, HTML_502);
    const fields = {
      member_id: 1,
      member_type: 'User',
      department_id: 2,
      geography_id: 3,
    } as const;
    await expectTypedError(
      client().organizationMemberships.create(fields),
      KantataApiError,
      /failed with 502/,
    );
    expect(server.requests.length - before).toBe(1);
  });

  it('an error body that is not JSON gives KantataApiError with the status', async () => {
    handler = send(422, JSON_TYPE, '{"errors": [');
    const error = await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /failed with 422/,
    );
    expect((error as KantataApiError).status).toBe(422);
  });

  it('an error list of the wrong shapes is read as far as it is usable', async () => {
    handler = send(
      422,
      JSON_TYPE,
      JSON.stringify({
        errors: [
          null,
          1,
          'x',
          { message: 5 },
          { type: 'validation', message: 'bad', field: 'member_id' },
        ],
      }),
    );
    const error = await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /bad \(validation, field member_id\)/,
    );
    expect((error as KantataApiError).errors).toEqual([
      { type: 'validation', message: 'bad', field: 'member_id' },
    ]);
  });
});

describe('the transport layer misbehaving', () => {
  it('a body cut short by a closed socket gives KantataNetworkError, not a raw TypeError', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { ...JSON_TYPE, 'content-length': '5000' });
      res.write('{"count":1,"results":[{"key":"organization_memberships","id":"1"');
      setTimeout(() => res.socket?.destroy(), 10);
    };
    await expectTypedError(
      client().organizationMemberships.list(),
      KantataNetworkError,
      /response body could not be read/,
    );
  });

  it('a body that is complete but cut mid-JSON gives KantataApiError (not valid JSON)', async () => {
    const text = JSON.stringify(omEnvelope([om('1'), om('2')]));
    handler = send(200, JSON_TYPE, text.slice(0, Math.floor(text.length / 2)));
    await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /not valid JSON/,
    );
  });

  it('a corrupt gzip body gives KantataNetworkError, not a raw TypeError', async () => {
    handler = send(200, { ...JSON_TYPE, 'content-encoding': 'gzip' }, 'this is not gzip');
    await expectTypedError(
      client().organizationMemberships.list(),
      KantataNetworkError,
      /response body could not be read/,
    );
  });

  it('a valid gzip body is read correctly', async () => {
    handler = send(
      200,
      { ...JSON_TYPE, 'content-encoding': 'gzip' },
      gzipSync(JSON.stringify(omEnvelope([om('1'), om('2')]))),
    );
    const outcome = await settle(client().organizationMemberships.list());
    expect('value' in outcome && outcome.value.items.map((i) => i.id)).toEqual(['1', '2']);
  });

  it('a connection dropped before any answer is retried, then gives KantataNetworkError', async () => {
    const before = server.requests.length;
    handler = (req) => req.socket.destroy();
    const error = await expectTypedError(
      client().organizationMemberships.list(),
      KantataNetworkError,
      /failed after 2 attempts/,
    );
    expect((error as KantataNetworkError).attempts).toBe(2);
    expect(server.requests.length - before).toBe(2);
  });

  itSlow(
    'a server that never answers gives KantataTimeoutError after each attempt times out',
    async () => {
      handler = () => {};
      const error = await expectTypedError(
        client().organizationMemberships.list(),
        KantataTimeoutError,
        /timed out after 1000 ms \(2 attempts\)/,
      );
      expect((error as KantataTimeoutError).attempts).toBe(2);
    },
  );

  it('a body that stalls after the headers is ended by the caller’s signal (reading is not timed)', async () => {
    // Documented behaviour: timeoutMs covers each attempt until the headers arrive; a stalled
    // body is bounded only by the caller's AbortSignal, which must end it promptly.
    handler = (_req, res) => {
      res.writeHead(200, JSON_TYPE);
      res.write('{"count":');
    };
    const reason = new Error('caller gave up');
    const outcome = await settle(
      client()
        .organizationMemberships.list({}, { signal: AbortSignal.timeout(300) })
        .catch((e: unknown) => {
          throw e instanceof DOMException && e.name === 'TimeoutError' ? reason : e;
        }),
    );
    expect('error' in outcome && outcome.error).toBe(reason);
  });

  it('a 100,000-character header is refused by the HTTP parser and gives KantataNetworkError', async () => {
    // Node's fetch (undici) caps response headers (about 16 KB by default) and fails the
    // request with UND_ERR_HEADERS_OVERFLOW; a GET is retried once, then we get a typed error.
    handler = send(
      200,
      { ...JSON_TYPE, 'x-huge': 'a'.repeat(100_000) },
      JSON.stringify(omEnvelope([])),
    );
    const error = await expectTypedError(
      client().organizationMemberships.list(),
      KantataNetworkError,
      /failed after 2 attempts/,
    );
    expect(error.code).toBe('UND_ERR_HEADERS_OVERFLOW');
    expect(JSON.stringify(error)).not.toContain('aaaaaaaaaa');
    expect(error.message.length).toBeLessThan(500);
  });

  it('a 100,000-character x-request-id on an error is clipped in KantataApiError (injected fetch)', async () => {
    const fetch = recordingFetch(() =>
      json({ errors: [{ type: 'system', message: 'boom' }] }, 500, {
        'x-request-id': 'r'.repeat(100_000),
      }),
    );
    const c = createKantataClient({
      token: 'tok_x',
      baseUrl: 'https://api.example.test/api/v1',
      fetch,
      retry: false,
    });
    const error = await expectTypedError(c.organizationMemberships.list(), KantataApiError, /boom/);
    expect((error as KantataApiError).requestId?.length).toBeLessThanOrEqual(200);
  });
});

describe('large and hostile bodies', () => {
  itSlow('a 10 MB success body is read correctly', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    handler = send(200, JSON_TYPE, JSON.stringify(omEnvelope([om('1', { note: big }), om('2')])));
    const outcome = await settle(client().organizationMemberships.list());
    expect('value' in outcome).toBe(true);
    const items = 'value' in outcome ? outcome.value.items : [];
    expect(items.map((i) => i.id)).toEqual(['1', '2']);
    expect((items[0] as Record<string, unknown>).note).toHaveLength(big.length);
  });

  itSlow(
    'a 10 MB HTML error page gives KantataApiError with a body clipped to about 2 kB',
    async () => {
      handler = send(
        500,
        { 'content-type': 'text/html' },
        `<html>${'y'.repeat(10 * 1024 * 1024)}</html>`,
      );
      const error = await expectTypedError(
        client().organizationMemberships.list(),
        KantataApiError,
        /failed with 500: expected a JSON body but got text\/html/,
      );
      expect((error as KantataApiError).body.length).toBeLessThanOrEqual(2049);
    },
  );

  it('`__proto__`, `constructor` and `prototype` keys stay plain data and pollute nothing', async () => {
    const body =
      '{"count":2,"results":[{"key":"organization_memberships","id":"__proto__"},{"key":"organization_memberships","id":"7"}],' +
      '"organization_memberships":{"__proto__":{"id":"__proto__","polluted":true,"department_id":"constructor"},' +
      '"7":{"id":"7","department_id":"__proto__","geography_id":"prototype","__proto__":{"polluted":true}}},' +
      '"organizations":{"__proto__":{"id":"__proto__","polluted":true},"constructor":{"id":"c"}},"__proto__":{"polluted":true}}';
    handler = send(200, JSON_TYPE, body);
    const outcome = await settle(
      client().organizationMemberships.list({ include: ['department', 'geography'] }),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    if ('error' in outcome) {
      expect(outcome.error).toBeInstanceOf(KantataApiError);
      return;
    }
    const [first, second] = outcome.value.items as Record<string, unknown>[];
    expect(first?.id).toBe('__proto__');
    expect(first?.department).toEqual({ id: 'c' });
    expect(second?.id).toBe('7');
    expect(second?.department).toEqual({ id: '__proto__', polluted: true });
    expect(second?.geography).toBeNull();
    expect(Object.getPrototypeOf(second)).toBe(Object.prototype);
  });

  it('an error body with `__proto__` keys pollutes nothing and still gives KantataApiError', async () => {
    handler = send(
      422,
      JSON_TYPE,
      '{"__proto__":{"polluted":true},"errors":[{"__proto__":{"polluted":true},"type":"validation","message":"bad"}]}',
    );
    await expectTypedError(
      client().organizationMemberships.list(),
      KantataApiError,
      /bad \(validation\)/,
    );
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
