/**
 * Shared doubles of the reliability suites: a recording fetch, an instant clock, envelope
 * builders, and real node:http servers on 127.0.0.1 (so sockets, truncation, huge headers
 * and redirects between origins are real, not simulated).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from '../../src/core/clock.js';
import { createKantataClient, type KantataClientOptions } from '../../src/index.js';

export const TOKEN = 'tok_RELIABILITY_7d3e1b9a';
export const BASE = 'https://api.example.test/api/v1';

/** A fetch that records every request it gets and answers with `answer`. */
export interface RecordingFetch {
  (request: Request, init?: RequestInit): Promise<Response>;
  requests: Request[];
}

export function recordingFetch(answer: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request);
    return answer(request);
  };
  return Object.assign(fetch, { requests }) as RecordingFetch;
}

/** A clock that never waits; every requested sleep is recorded. */
export interface InstantClock extends Clock {
  sleeps: number[];
}

export function instantClock(now = Date.UTC(2026, 0, 1)): InstantClock {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    },
  };
}

/** A client over an injected fetch with an instant clock and no per-attempt timer. */
export function clientOver(fetch: RecordingFetch, options: Partial<KantataClientOptions> = {}) {
  const clock = instantClock();
  const client = createKantataClient({
    token: TOKEN,
    baseUrl: BASE,
    fetch,
    clock,
    random: () => 0.5,
    timeoutMs: 0,
    ...options,
  });
  return { client, clock };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** An organization membership as the API sends it. */
export function om(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    member_id: '111',
    member_type: 'User',
    department_id: '7',
    geography_id: '8',
    primary: false,
    created_at: '2013-04-15T16:48:48-07:00',
    updated_at: '2013-04-15T16:48:48-07:00',
    ...fields,
  };
}

/** A one-page envelope of organization memberships. */
export function omEnvelope(objects: Record<string, unknown>[]): Record<string, unknown> {
  return {
    count: objects.length,
    meta: { count: objects.length, page_count: 1, page_number: 1, page_size: objects.length || 1 },
    results: objects.map((o) => ({ key: 'organization_memberships', id: o.id })),
    organization_memberships: Object.fromEntries(objects.map((o) => [o.id, o])),
  };
}

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  server: Server;
  /** Requests seen, in order. */
  requests: IncomingMessage[];
  close(): Promise<void>;
}

/** Starts a node:http server on 127.0.0.1 and a free port. */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: { maxHeaderSize?: number } = {},
): Promise<LoopbackServer> {
  const requests: IncomingMessage[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(
    options.maxHeaderSize ? { maxHeaderSize: options.maxHeaderSize } : {},
    (req, res) => {
      requests.push(req);
      handler(req, res);
    },
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
