/**
 * The fake Kantata API of `@kantata-ox/fixtures` behind the observed fetch, for the bulk
 * tests: creates and lists really happen, and a test chooses which POSTs lose their answer
 * after the fake processed them (the objects exist, the client sees a connection reset) or
 * get another answer instead of reaching the fake.
 */
import { type BulkMode, createFakeKantata, type FakeData } from '@kantata-ox/fixtures';
import { networkFailure } from './answers.js';
import type { Answer, Observed } from './observed.js';
import { TOKEN } from './observed.js';

/** What happens to the POST numbered `n` (from 1): the fake answers unless told otherwise. */
export type PostFate = 'answer' | 'lose' | ((request: Observed) => Response | Promise<Response>);

/**
 * A fake API in `bulkMode` holding `data`, with the fake's own clock (2024 unless
 * `clockStart` says otherwise: never the client's, which reads 2026), and an answer for
 * `createObservedClient` that sends every request to it.
 *
 * @example
 * const api = fakeApi({ data, fates: { 1: 'lose' } });
 * const { client } = createObservedClient(api.answer);
 */
export function fakeApi(
  options: {
    data?: FakeData;
    bulkMode?: BulkMode;
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
    const fate = options.fates?.[posts] ?? 'answer';
    if (typeof fate === 'function') return fate(request);
    const response = await forward(request);
    if (fate === 'lose') {
      await response.arrayBuffer();
      networkFailure('ECONNRESET');
    }
    return response;
  };
  return { fake, answer, posts: () => posts };
}

/** Users 1–9, departments 10–11, geography 20: what organization memberships point at. */
export const PEOPLE: FakeData = {
  users: Array.from({ length: 9 }, (_, i) => ({ id: String(i + 1), full_name: `User ${i + 1}` })),
  organizations: [
    { id: '10', name: 'Sales', type: 'Department' },
    { id: '11', name: 'Research', type: 'Department' },
    { id: '20', name: 'Europe', type: 'Geography' },
  ],
  workspaceGroups: [{ id: '30', name: 'Reviewers' }],
};
