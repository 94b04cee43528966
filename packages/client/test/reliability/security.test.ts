/**
 * Security: the token never shows in any error (message, stack, String, JSON, util.inspect,
 * the cause chain, every own property) or in `onRetry` events, even when the server echoes
 * it; redirects to another origin (real servers on two loopback ports) lose `Authorization`;
 * plain-http base URLs other than loopback are refused unless explicitly allowed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKantataClient,
  KantataApiError,
  type KantataClientOptions,
  type KantataError,
  KantataInputError,
  KantataNetworkError,
  KantataTimeoutError,
  type RetryEvent,
} from '../../src/index.js';
import {
  instantClock,
  type LoopbackServer,
  om,
  omEnvelope,
  recordingFetch,
  startServer,
} from './support.js';

const TOKEN = 'tok_SECURITY_c0ffee_91ab';
const FIELDS = { member_id: 1, member_type: 'User', department_id: 2, geography_id: 3 } as const;

/** Every text a logger or error tracker could render from `value`, following causes and properties. */
function renderings(value: unknown, seen = new Set<unknown>(), depth = 0): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object' && typeof value !== 'function') return [String(value)];
  if (seen.has(value) || depth > 6) return [];
  seen.add(value);
  const out: string[] = [
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
  ];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular structures cannot be serialised; inspect above already rendered them.
  }
  if (value instanceof Error) out.push(String(value), value.message, value.stack ?? '');
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor && 'value' in descriptor)
      out.push(...renderings(descriptor.value, seen, depth + 1));
  }
  if (value instanceof Error && 'cause' in value)
    out.push(...renderings(value.cause, seen, depth + 1));
  return out;
}

function expectNoToken(value: unknown): void {
  for (const text of renderings(value)) expect(text).not.toContain(TOKEN);
}

async function errorOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

/** A server that echoes the Authorization header (so the token) wherever it can. */
let echo: LoopbackServer;
let mode: (req: IncomingMessage, res: ServerResponse) => void;

beforeAll(async () => {
  echo = await startServer((req, res) => mode(req, res));
});
afterAll(() => echo.close());

function echoing(status: number, contentType: string, body: (auth: string) => string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const auth = req.headers.authorization ?? '';
    const token = auth.replace(/^Bearer /, '');
    res.writeHead(status, {
      'content-type': contentType,
      'x-request-id': `req-${token}`,
      'x-echo-token': token,
      'retry-after': token,
      'www-authenticate': `Bearer realm="api", error="invalid_token", token="${token}"`,
    });
    res.end(body(token));
  };
}

function echoClient(options: Partial<KantataClientOptions> = {}) {
  const events: RetryEvent[] = [];
  const client = createKantataClient({
    token: TOKEN,
    baseUrl: `${echo.origin}/api/v1`,
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
    timeoutMs: 1_000,
    onRetry: (event) => events.push(event),
    ...options,
  });
  return { client, events };
}

describe('the token never appears in an error, even when the server echoes it', () => {
  it('(the leak detector itself finds a token hidden deep in a cause chain)', () => {
    const hidden = new Error('outer', {
      cause: Object.defineProperty(new Error('inner'), 'secret', { value: { deep: TOKEN } }),
    });
    expect(() => expectNoToken(hidden)).toThrow();
  });

  it('KantataApiError from a 401 whose body, request id and headers echo the token', async () => {
    mode = echoing(401, 'application/json', (t) =>
      JSON.stringify({ errors: [{ type: 'oauth', message: `token ${t} is invalid`, field: t }] }),
    );
    const error = await errorOf(echoClient().client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataApiError);
    expect((error as KantataApiError).body).toContain('[REDACTED]');
    expectNoToken(error);
  });

  it('KantataApiError from a 200 HTML page that echoes the token', async () => {
    mode = echoing(200, 'text/html', (t) => `<html>your token is ${t}</html>`);
    const error = await errorOf(echoClient().client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataApiError);
    expectNoToken(error);
  });

  it('KantataApiError from malformed JSON that starts with the token', async () => {
    mode = echoing(200, 'application/json', (t) => `${t}{"count":`);
    const error = await errorOf(echoClient().client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataApiError);
    expectNoToken(error);
  });

  it('KantataApiError from an envelope whose result key is the token', async () => {
    mode = echoing(200, 'application/json', (t) =>
      JSON.stringify({ count: 1, results: [{ key: t, id: t }] }),
    );
    const error = await errorOf(echoClient().client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataApiError);
    expectNoToken(error);
  });

  it('KantataApiError after retries of a 503 echoing the token, and in every onRetry event', async () => {
    mode = echoing(503, 'application/json', (t) =>
      JSON.stringify({ errors: [{ type: 'system', message: t }] }),
    );
    const { client, events } = echoClient();
    const error = await errorOf(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataApiError);
    expect(events).toHaveLength(2);
    expectNoToken(error);
    expectNoToken(events);
  });

  it('KantataApiError from a token function, echoed by a 403', async () => {
    mode = echoing(403, 'application/json', (t) =>
      JSON.stringify({ errors: [{ type: 'system', message: `forbidden for ${t}` }] }),
    );
    const error = await errorOf(
      echoClient({ token: async () => TOKEN }).client.organizationMemberships.get(5),
    );
    expect(error).toBeInstanceOf(KantataApiError);
    expectNoToken(error);
  });

  it('KantataNetworkError from a real dropped connection, and its retry events', async () => {
    mode = (req) => req.socket.destroy();
    const { client, events } = echoClient();
    const error = await errorOf(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataNetworkError);
    expectNoToken(error);
    expectNoToken(events);
  });

  it('KantataNetworkError when fetch throws an error holding the token, the request and headers', async () => {
    const fetch = recordingFetch((request) => {
      const inner = Object.assign(
        new Error(`connect failed for ${request.headers.get('authorization')}`),
        {
          code: 'ECONNRESET',
          request,
          headers: request.headers,
          config: { headers: { authorization: `Bearer ${TOKEN}` } },
        },
      );
      throw Object.assign(new TypeError(`fetch failed: ${TOKEN}`, { cause: inner }), { request });
    });
    const client = createKantataClient({
      token: TOKEN,
      fetch,
      clock: instantClock(),
      timeoutMs: 0,
      retry: { maxRetries: 1 },
    });
    const error = await errorOf(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect((error as KantataNetworkError).code).toBe('ECONNRESET');
    expectNoToken(error);
  });

  it('KantataNetworkError when the body is cut short after the server echoed the token', async () => {
    mode = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '9999' });
      res.write(`{"echo":"${req.headers.authorization}"`);
      setTimeout(() => res.socket?.destroy(), 10);
    };
    const error = await errorOf(echoClient().client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataNetworkError);
    expectNoToken(error);
  });

  it('KantataTimeoutError from a server that never answers', async () => {
    mode = () => {};
    const error = await errorOf(
      echoClient({ timeoutMs: 100, retry: false }).client.organizationMemberships.list(),
    );
    expect(error).toBeInstanceOf(KantataTimeoutError);
    expectNoToken(error);
  });

  it('KantataNetworkError for too many redirects whose Location carries the token', async () => {
    mode = (req, res) => {
      res.writeHead(302, {
        location: `/api/v1/organization_memberships?token=${TOKEN}&n=${Math.random()}`,
      });
      res.end(req.headers.authorization);
    };
    const error = await errorOf(echoClient().client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect((error as Error).message).toMatch(/too many redirects/);
    expectNoToken(error);
  });

  it('createMany failures echoing the token carry no token', async () => {
    mode = echoing(422, 'application/json', (t) =>
      JSON.stringify({ errors: [{ type: 'validation', message: `bad ${t}` }] }),
    );
    const result = await echoClient().client.organizationMemberships.createMany([FIELDS, FIELDS]);
    expect(result.failed).toHaveLength(2);
    expectNoToken(result);
  });

  it('KantataInputError for a token with a line break never quotes it', () => {
    const bad = `${TOKEN}\r\nX-Evil: 1`;
    let error: unknown;
    try {
      createKantataClient({ token: bad });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KantataInputError);
    expectNoToken(error);
  });

  it('KantataInputError for a bad id or query never carries the token', async () => {
    const { client } = echoClient();
    for (const work of [
      client.organizationMemberships.get('../1'),
      client.organizationMemberships.list({ per_page: 999 }),
      client.organizationMemberships.update(1, {}),
    ]) {
      const error = await errorOf(work);
      expect(error).toBeInstanceOf(KantataInputError);
      expectNoToken(error);
    }
  });

  it('every error class serialises to safe fields only', () => {
    const errors: KantataError[] = [
      new KantataApiError({
        status: 500,
        errors: [],
        method: 'GET',
        path: '/x',
        attempts: 1,
        body: '',
      }),
      new KantataNetworkError({ method: 'GET', path: '/x', attempts: 1, cause: new Error('boom') }),
      new KantataTimeoutError({ method: 'GET', path: '/x', attempts: 1, timeoutMs: 5 }),
      new KantataInputError('id', 'bad'),
    ];
    for (const error of errors) {
      const keys = Object.keys(JSON.parse(JSON.stringify(error)) as object);
      expect(keys).not.toContain('cause');
      expect(keys).not.toContain('stack');
      expect(keys).not.toContain('body');
    }
  });

  it('the client object itself does not expose the token', () => {
    const { client } = echoClient();
    expectNoToken(client);
  });
});

// ---------------------------------------------------------------------------------------------
// Redirects between two real origins

describe('redirects between origins (two loopback servers)', () => {
  let home: LoopbackServer;
  let other: LoopbackServer;
  let homeMode: (req: IncomingMessage, res: ServerResponse) => void;

  beforeAll(async () => {
    other = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(omEnvelope([om('9')])));
    });
    home = await startServer((req, res) => homeMode(req, res));
  });
  afterAll(async () => {
    await home.close();
    await other.close();
  });

  function homeClient() {
    return createKantataClient({ token: TOKEN, baseUrl: `${home.origin}/api/v1`, retry: false });
  }

  it('a redirect to another port does not carry Authorization, and the result is read', async () => {
    homeMode = (_req, res) => {
      res.writeHead(302, { location: `${other.origin}/api/v1/organization_memberships` });
      res.end();
    };
    const before = other.requests.length;
    const { items } = await homeClient().organizationMemberships.list();
    expect(items.map((i) => i.id)).toEqual(['9']);
    const seen = other.requests.slice(before);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(seen[0]?.headers)).not.toContain(TOKEN);
  });

  it('a redirect to the same port under another host name (localhost) is another origin', async () => {
    const port = new URL(home.origin).port;
    let hop = 0;
    homeMode = (req, res) => {
      hop++;
      if (hop === 1) {
        res.writeHead(307, {
          location: `http://localhost:${port}/api/v1/organization_memberships`,
        });
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-saw-auth': String(req.headers.authorization !== undefined),
      });
      res.end(JSON.stringify(omEnvelope([om('3')])));
    };
    const before = home.requests.length;
    await homeClient().organizationMemberships.list();
    const seen = home.requests.slice(before);
    expect(seen.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, undefined]);
  });

  it('a same-origin redirect keeps Authorization', async () => {
    let hop = 0;
    homeMode = (_req, res) => {
      hop++;
      if (hop === 1) {
        res.writeHead(301, { location: '/api/v1/moved/organization_memberships' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(omEnvelope([om('4')])));
    };
    const before = home.requests.length;
    const { items } = await homeClient().organizationMemberships.list();
    expect(items.map((i) => i.id)).toEqual(['4']);
    const seen = home.requests.slice(before);
    expect(seen.map((r) => r.url)).toEqual([
      '/api/v1/organization_memberships',
      '/api/v1/moved/organization_memberships',
    ]);
    expect(seen.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
  });

  it('once a chain has left the origin, coming back does not restore Authorization', async () => {
    const port = new URL(home.origin).port;
    let hop = 0;
    homeMode = (_req, res) => {
      hop++;
      const next =
        hop === 1
          ? `http://localhost:${port}/api/v1/a`
          : hop === 2
            ? `${home.origin}/api/v1/b`
            : undefined;
      if (next) {
        res.writeHead(302, { location: next });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(omEnvelope([om('5')])));
    };
    const before = home.requests.length;
    await homeClient().organizationMemberships.list();
    const auth = home.requests.slice(before).map((r) => r.headers.authorization);
    expect(auth).toEqual([`Bearer ${TOKEN}`, undefined, undefined]);
  });

  it('a 307 POST to another origin resends the body without Authorization', async () => {
    const bodies: string[] = [];
    const sink = await startServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString();
      });
      req.on('end', () => {
        bodies.push(text);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(omEnvelope([om('6')])));
      });
    });
    try {
      homeMode = (_req, res) => {
        res.writeHead(307, { location: `${sink.origin}/api/v1/organization_memberships` });
        res.end();
      };
      const created = await homeClient().organizationMemberships.create(FIELDS);
      expect(created.id).toBe('6');
      expect(sink.requests[0]?.method).toBe('POST');
      expect(sink.requests[0]?.headers.authorization).toBeUndefined();
      expect(JSON.parse(bodies[0] ?? '{}')).toEqual({ organization_membership: FIELDS });
    } finally {
      await sink.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Base URL

describe('a plain-http base URL', () => {
  const refused = [
    'http://api.mavenlink.com/api/v1',
    'http://example.com',
    'http://10.0.0.1:4010',
    'http://192.168.1.1',
    'http://0.0.0.0:4010',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io',
    'http://[::ffff:127.0.0.1]',
    'http://[fe80::1]',
  ];

  it.each(refused)('%s is refused', (baseUrl) => {
    expect(() => createKantataClient({ token: TOKEN, baseUrl })).toThrow(KantataInputError);
  });

  it.each(refused)('%s is accepted with allowInsecureBaseUrl: true', (baseUrl) => {
    expect(() =>
      createKantataClient({ token: TOKEN, baseUrl, allowInsecureBaseUrl: true }),
    ).not.toThrow();
  });

  it.each([
    'http://localhost:4010/api/v1',
    'http://127.0.0.1:4010',
    'http://127.1.2.3',
    'http://[::1]:4010',
    'http://127.1',
    'http://2130706433',
  ])('loopback %s is accepted without the flag', (baseUrl) => {
    expect(() => createKantataClient({ token: TOKEN, baseUrl })).not.toThrow();
  });

  it('any non-loopback http host is refused, and no request is made', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.domain(),
        fc.option(fc.integer({ min: 1, max: 65535 })),
        async (host, port) => {
          fc.pre(!/^localhost$/i.test(host));
          const fetch = recordingFetch(() => new Response('{}'));
          const baseUrl = `http://${host}${port === null ? '' : `:${port}`}/api/v1`;
          expect(() => createKantataClient({ token: TOKEN, baseUrl, fetch })).toThrow(
            /http is only allowed for loopback hosts/,
          );
          expect(fetch.requests).toHaveLength(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refusal messages never echo credentials embedded in the URL', () => {
    let error: unknown;
    try {
      createKantataClient({ token: TOKEN, baseUrl: `http://user:${TOKEN}@example.com` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KantataInputError);
    expectNoToken(error);
  });
});
