/**
 * The fake Kantata API of `@kantata-ox/fixtures` behind the observed fetch, for the bulk
 * tests: creates and lists really happen. The fake's own `lose` fault loses the answer of
 * chosen requests after it processed them (the objects exist, the client sees a connection
 * reset), and a test can give a POST another answer instead of letting it reach the fake.
 */
import { type BulkMode, createFakeKantata, type FakeData, teamData } from '@kantata-ox/fixtures';
import type { Answer, Observed } from './observed.js';
import { TOKEN } from './observed.js';

/** What the POST numbered `n` (from 1) gets instead of reaching the fake. */
export type PostFate = (request: Observed) => Response | Promise<Response>;

/**
 * A fake API in `bulkMode` holding `data`, with the fake's own clock (2024 unless
 * `clockStart` says otherwise: never the client's, which reads 2026), and an answer for
 * `createObservedClient` that sends every request to it. `lose` lists the requests, numbered
 * from 1 as the fake sees them, whose answer the fake loses after processing them.
 *
 * @example
 * const api = fakeApi({ data, lose: [1] });
 * const { client } = createObservedClient(api.answer);
 */
export function fakeApi(
  options: {
    data?: FakeData;
    bulkMode?: BulkMode;
    lose?: readonly number[];
    fates?: Readonly<Record<number, PostFate>>;
    clockStart?: string;
  } = {},
) {
  const fake = createFakeKantata({
    token: TOKEN,
    strict: true,
    bulkMode: options.bulkMode ?? 'atomic',
    ...(options.clockStart === undefined ? {} : { clockStart: options.clockStart }),
    ...(options.data ? { data: options.data } : {}),
    ...(options.lose ? { faults: { nth: options.lose, kinds: ['lose'] } } : {}),
  });
  let posts = 0;
  const forward = (request: Observed) =>
    fake.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.text === '' ? {} : { body: request.text }),
    });
  const answer: Answer = async (request) => {
    if (request.method !== 'POST') return forward(request);
    posts += 1;
    const fate = options.fates?.[posts];
    return fate ? fate(request) : forward(request);
  };
  return { fake, answer, posts: () => posts };
}

/**
 * The fixtures' team preset with one geography and one workspace group: users 1–9,
 * departments 10–11, geography 20, group 30 (what organization memberships point at).
 */
export const PEOPLE: FakeData = teamData({ geographies: 1, workspaceGroups: 1 });
