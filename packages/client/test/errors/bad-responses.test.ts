/**
 * Bad answers that only real sockets produce, each served by a node:http server on 127.0.0.1
 * and read by the platform's fetch: bodies cut short, dropped connections, gzip, stalls,
 * huge headers and 10 MB bodies. Each must end in a typed error that says what was wrong, or
 * in a correct result: never an untyped crash, never a hang (every call runs under a guard).
 *
 * Real time, bounded so that a machine ten times slower still passes: the clients keep the
 * default `timeoutMs` (30 s, which covers the body too), so how fast this machine reads an
 * answer never decides an outcome; only the case about the timeout sets a short one, against
 * a server that never answers (the outcome is the same however slow the machine is).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { buildEnvelope } from '@kantata-ox/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKantataClient, type KantataClient } from '../../src/client.js';
import {
  KantataApiError,
  KantataError,
  KantataNetworkError,
  KantataTimeoutError,
} from '../../src/errors/classes.js';
import { membership, OM } from '../doubles/answers.js';
import { type RecordingServer, startRecordingServer } from '../doubles/loopback.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type ErrorClass = typeof KantataApiError | typeof KantataNetworkError | typeof KantataTimeoutError;

/** A call still pending after this long hangs: below the test timeout (vitest.config.ts). */
const GUARD_MS = 20_000;
// Real-time and 10 MB cases are left out of mutation runs (see stryker.config.vitest.ts).
const itSlow = it.skipIf(process.env.KANTATA_MUTATION !== undefined);
/** The short timeout of the one case about timeouts (a server that never answers). */
const TIMEOUT_MS = 1_000;

let server: RecordingServer;
let handler: Handler = (_req, res) => res.end();

beforeAll(async () => {
  server = await startRecordingServer((req, res) => handler(req, res));
});
afterAll(() => server.close());

/** A client of the server with quick retries and the default timeout (unless `timeoutMs`). */
function client(options: { timeoutMs?: number } = {}): KantataClient {
  return createKantataClient({
    token: 'tok_bad_responses_1',
    baseUrl: `${server.origin}/api/v1`,
    retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/** Runs `work`; a call still pending after GUARD_MS is a hang and fails the test. */
async function guarded<T>(work: Promise<T>): Promise<{ value: T } | { error: unknown }> {
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
  const outcome = await guarded(work);
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
const twoMemberships = () => JSON.stringify(buildEnvelope(OM, [membership(1), membership(2)]));

describe('the connection misbehaving', () => {
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

  it('a corrupt gzip body gives KantataNetworkError, not a raw TypeError', async () => {
    handler = send(200, { ...JSON_TYPE, 'content-encoding': 'gzip' }, 'this is not gzip');
    await expectTypedError(
      client().organizationMemberships.list(),
      KantataNetworkError,
      /response body could not be read/,
    );
  });

  it('a valid gzip body is read correctly', async () => {
    handler = send(200, { ...JSON_TYPE, 'content-encoding': 'gzip' }, gzipSync(twoMemberships()));
    const outcome = await guarded(client().organizationMemberships.list());
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
    expect(error.attempts).toBe(2);
    expect(server.requests.length - before).toBe(2);
  });

  itSlow(
    'a server that never answers gives KantataTimeoutError after each attempt times out',
    async () => {
      handler = () => {};
      const error = await expectTypedError(
        client({ timeoutMs: TIMEOUT_MS }).organizationMemberships.list(),
        KantataTimeoutError,
        /timed out after 1000 ms \(2 attempts\)/,
      );
      expect(error.attempts).toBe(2);
    },
  );

  it('a body that stalls after the headers is ended by the caller’s signal, long before timeoutMs', async () => {
    // timeoutMs (30 s by default) covers the body too (test/transport/body-timeout.test.ts);
    // the caller's AbortSignal must end a stalled body as soon as it fires.
    handler = (_req, res) => {
      res.writeHead(200, JSON_TYPE);
      res.write('{"count":');
    };
    const reason = new Error('caller gave up');
    const outcome = await guarded(
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
      JSON.stringify(buildEnvelope(OM, [])),
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
});

describe('large bodies', () => {
  itSlow('a 10 MB success body is read correctly', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const page = buildEnvelope(OM, [membership(1), membership(2)]);
    const withNote = { ...page, [OM]: { ...page[OM], 1: { ...membership(1), note: big } } };
    handler = send(200, JSON_TYPE, JSON.stringify(withNote));
    const outcome = await guarded(client().organizationMemberships.list());
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
      expect(error.body.length).toBeLessThanOrEqual(2049);
    },
  );
});
