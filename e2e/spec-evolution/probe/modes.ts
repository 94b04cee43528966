/**
 * The three ways a downstream team runs the fake, each with a client on it: `fake.fetch`
 * injected, MSW handlers (msw 2) in front of the global fetch, and the HTTP server. Each mode
 * records what the client sent and offers raw requests through the same transport.
 */
import { createKantataClient, type KantataClient } from '@kantata-ox/client';
import { createFakeKantata, type FakeKantata } from '@kantata-ox/fixtures';
import { createKantataHandlers } from '@kantata-ox/fixtures/msw';
import { startMockServer } from '@kantata-ox/fixtures/server';
import { setupServer } from 'msw/node';
import { addFreshObjects } from '../../support/fake-world.js';

export const MODES = ['fetch', 'msw', 'http'] as const;
export type ModeName = (typeof MODES)[number];

/** A raw answer. */
export interface RawAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are inspected freely
  json: any;
}

/** One mode, ready for a check. */
export interface ModeEnv {
  readonly mode: ModeName;
  readonly fake: FakeKantata;
  /** The client on this mode's transport, unless `createKantataClient` threw (`clientError`). */
  readonly client: KantataClient | undefined;
  readonly clientError: unknown;
  /** Every request the client sent. */
  readonly sent: { method: string; url: string }[];
  /** A request through the same transport, with the fake's token; `path` below the base URL. */
  raw(method: string, path: string, body?: unknown): Promise<RawAnswer>;
  close(): Promise<void>;
}

const MSW_BASE = 'https://kantata.test/api/v1';

/** Opens a mode on a fresh, strict, seeded fake (3 records of every resource, fresh targets). */
export async function openMode(mode: ModeName): Promise<ModeEnv> {
  const fake = createFakeKantata({ seed: 11, records: 3, strict: true });
  addFreshObjects(fake);
  let baseUrl = 'https://api.mavenlink.com/api/v1';
  let transport: typeof fetch = fake.fetch;
  let close = async () => {};
  if (mode === 'msw') {
    const server = setupServer(...createKantataHandlers(fake, { baseUrl: MSW_BASE }));
    server.listen({ onUnhandledRequest: 'error' });
    baseUrl = MSW_BASE;
    transport = (input, init) => globalThis.fetch(input, init);
    close = async () => server.close();
  } else if (mode === 'http') {
    const mock = await startMockServer({ fake });
    baseUrl = mock.url;
    transport = (input, init) => globalThis.fetch(input, init);
    close = () => mock.close();
  }
  const sent: { method: string; url: string }[] = [];
  const recording: typeof fetch = (input, init) => {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    sent.push({
      method: method.toUpperCase(),
      url: String(input instanceof Request ? input.url : input),
    });
    return transport(input, init);
  };
  let client: KantataClient | undefined;
  let clientError: unknown;
  try {
    client = createKantataClient({ token: fake.token, baseUrl, fetch: recording, retry: false });
  } catch (error) {
    clientError = error;
  }
  return {
    mode,
    fake,
    client,
    clientError,
    sent,
    async raw(method, path, body) {
      const res = await transport(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    },
    close,
  };
}
