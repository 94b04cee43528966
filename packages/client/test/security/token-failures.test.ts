/**
 * The token never appears in an error of a request that failed below HTTP, of a real socket,
 * or of bad input, nor in the client object, and it is sent in the Authorization header only;
 * a short token is masked where it stands as a token and nowhere else (see
 * `token.test.ts` for the answers that echo it).
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildEnvelope } from '@kantata-ox/fixtures';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKantataClient } from '../../src/client.js';
import {
  KantataInputError,
  KantataNetworkError,
  KantataTimeoutError,
} from '../../src/errors/classes.js';
import { REDACTED } from '../../src/errors/redact.js';
import type { RetryEvent } from '../../src/transport/options.js';
import { createTransport } from '../../src/transport/transport.js';
import { apiErrors, hang, json, membership, OM, redirectTo } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { expectNoSecret } from '../doubles/leaks.js';
import { type RecordingServer, startRecordingServer } from '../doubles/loopback.js';
import {
  API,
  createObservedClient,
  createObservedTransport,
  type Observed,
  observedFetch,
  TOKEN,
} from '../doubles/observed.js';

/** A fetch failure that carries the token every way a careless wrapper could. */
function leakyFailure(request: Observed): never {
  const cause = Object.assign(new Error(`socket closed while sending Bearer ${TOKEN}`), {
    code: 'ECONNRESET',
    request: request.request,
    headers: request.headers,
    config: { headers: { authorization: `Bearer ${TOKEN}` } },
  });
  throw Object.assign(new TypeError(`fetch failed (authorization: ${TOKEN})`, { cause }), {
    request: request.request,
  });
}

describe('the token never appears in an error of a failed request', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a KantataNetworkError, when fetch threw an error holding the token, the request and headers', async () => {
    const { client } = createObservedClient(leakyFailure, { retry: { maxRetries: 1 } });
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect((error as KantataNetworkError).code).toBe('ECONNRESET');
    expectNoSecret(error);
  });

  it('a KantataTimeoutError, with the token in the query string', async () => {
    vi.useFakeTimers();
    const { transport } = createObservedTransport([hang], { timeoutMs: 1000, retry: false });
    const pending = rejection(transport(new Request(`${API}/users.json?t=${TOKEN}`)));
    await vi.runAllTimersAsync();
    const error = await pending;
    expect(error).toBeInstanceOf(KantataTimeoutError);
    expectNoSecret(error);
  });

  it('a KantataNetworkError for too many redirects, with the token in a Location', async () => {
    const { transport } = createObservedTransport([redirectTo(`/loop?t=${TOKEN}`)]);
    const error = await rejection(transport(new Request(`${API}/x?t=${TOKEN}`)));
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect((error as Error).message).toMatch(/too many redirects/);
    expectNoSecret(error);
  });
});

describe('the token never appears in an error of a real socket', () => {
  let server: RecordingServer;
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();

  beforeAll(async () => {
    server = await startRecordingServer((req, res) => handle(req, res));
  });
  afterAll(() => server.close());

  const events: RetryEvent[] = [];
  // The default timeoutMs (30 s, body included): how fast this machine reads an answer must
  // not turn a network error into a timeout.
  function realClient() {
    return createKantataClient({
      token: TOKEN,
      baseUrl: `${server.origin}/api/v1`,
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
      onRetry: (event) => events.push(event),
    });
  }

  it('a KantataNetworkError from a dropped connection, and its retry events', async () => {
    handle = (req) => req.socket.destroy();
    events.length = 0;
    const error = await rejection(realClient().organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect(events).toHaveLength(2);
    expectNoSecret(error);
    expectNoSecret(events);
  });

  it('a KantataNetworkError when the body is cut short after the server echoed it', async () => {
    handle = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '9999' });
      res.write(`{"echo":"${req.headers.authorization}"`);
      setTimeout(() => res.socket?.destroy(), 10);
    };
    const error = await rejection(realClient().organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataNetworkError);
    expectNoSecret(error);
  });
});

describe('the token never appears in an error about input', () => {
  it('a KantataInputError for a token with a line break, at creation', () => {
    const error = (() => {
      try {
        createKantataClient({ token: `${TOKEN}\r\nX-Evil: 1` });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(KantataInputError);
    expectNoSecret(error);
  });

  it('a KantataInputError for a malformed token from a token function', async () => {
    const transport = createTransport({
      token: () => `${TOKEN}\n`,
      fetch: observedFetch([hang]),
    }).fetch;
    const error = await rejection(transport(new Request(`${API}/users.json`)));
    expect(error).toBeInstanceOf(KantataInputError);
    expectNoSecret(error);
  });

  it('a KantataInputError for a bad id, query or update', async () => {
    const { client } = createObservedClient(() => json({}));
    for (const work of [
      client.organizationMemberships.get('../1'),
      client.organizationMemberships.list({ per_page: 999 }),
      client.organizationMemberships.update(1, {}),
    ]) {
      const error = await rejection(work);
      expect(error).toBeInstanceOf(KantataInputError);
      expectNoSecret(error);
    }
  });
});

describe('the token is not in the client object', () => {
  it('whatever inspects it', () => {
    const { client } = createObservedClient(() => json({}));
    expectNoSecret(client);
    expect(JSON.stringify(client)).not.toContain(TOKEN);
  });
});

describe('the token is sent', () => {
  it('in the Authorization header only', async () => {
    const { client, fetch } = createObservedClient(() => json(buildEnvelope(OM, [membership(1)])));
    await client.organizationMemberships.update(1, { primary: true });
    const [call] = fetch.calls;
    expect(call?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    const otherHeaders = [...(call?.headers ?? [])].filter(([name]) => name !== 'authorization');
    for (const sent of [call?.url, call?.text, JSON.stringify(otherHeaders)]) {
      expect(sent).not.toContain(TOKEN);
    }
  });
});

describe('a short token', () => {
  it('leaves the words of a message whole, and is masked where a server echoes it', async () => {
    const { client } = createObservedClient(
      () => apiErrors(401, [{ type: 'oauth', message: 'token t is revoked' }]),
      { token: 't' },
    );
    const error = await rejection(client.organizationMemberships.get(5));
    expect((error as Error).message).toBe(
      `GET /organization_memberships/5 failed with 401: token ${REDACTED} is revoked (oauth)`,
    );
  });

  it('leaves a message about an unusable body as written', async () => {
    const { client } = createObservedClient(() => json('a string'), { token: 't' });
    const error = await rejection(client.organizationMemberships.list());
    expect((error as Error).message).toBe(
      'GET /organization_memberships failed with 200: expected a JSON object but got a string',
    );
  });
});
