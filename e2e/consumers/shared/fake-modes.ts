/**
 * The three ways a downstream team's tests reach the fake Kantata API of
 * `@kantata-ox/fixtures`: its `fetch` function, MSW handlers (msw@^2) intercepting the
 * platform's fetch, and kantata-mock's HTTP server. Copied into the ts-testing consumer's
 * `src/` at install, like `typed-calls.ts`.
 */
import { createKantataClient } from '@kantata-ox/client';
import type { FakeKantata } from '@kantata-ox/fixtures';
import { createKantataHandlers } from '@kantata-ox/fixtures/msw';
import { setupServer } from 'msw/node';
import { type FakeConnection, overHttp } from './typed-calls.js';

/** One way to reach a fake. */
export interface FakeMode {
  name: string;
  connect(fake: FakeKantata): Promise<FakeConnection>;
}

export const FAKE_MODES: readonly FakeMode[] = [
  {
    name: 'createFakeKantata().fetch',
    async connect(fake) {
      // The base URL as a team reads it from its environment: unset here, so the spec's server,
      // which the fake's fetch answers for. It compiles under exactOptionalPropertyTypes.
      const baseUrl: string | undefined = process.env.KANTATA_CONSUMER_BASE_URL;
      const kantata = createKantataClient({ token: fake.token, fetch: fake.fetch, baseUrl });
      return { kantata, close: async () => {} };
    },
  },
  {
    name: 'MSW handlers (msw/node)',
    async connect(fake) {
      const server = setupServer(...createKantataHandlers(fake));
      server.listen({ onUnhandledRequest: 'error' });
      // No fetch option: the platform's fetch, which MSW intercepts.
      const kantata = createKantataClient({ token: fake.token });
      return { kantata, close: async () => server.close() };
    },
  },
  { name: 'kantata-mock (startMockServer)', connect: overHttp },
];
