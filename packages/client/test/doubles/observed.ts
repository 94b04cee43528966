/**
 * The one API double of the client's tests: an observed `fetch` that records every request
 * as it was sent and answers through the test's own function, and the client or transport
 * built over it with the test clock.
 */
import type { ResourceTable } from '@kantata-ox/types/resources';
import {
  createClientOver,
  createKantataClient,
  type KantataClientOptions,
} from '../../src/client.js';
import type { RetryEvent, TransportOptions } from '../../src/transport/options.js';
import { createTransport } from '../../src/transport/transport.js';
import { type TestClock, testClock } from './clock.js';

/** The token every double is created with; the security tests look for it everywhere. */
export const TOKEN = 'tok_SECRET_5f1c9a';
/** The base URL of the observed client. */
export const API = 'https://api.example.test/api/v1';
const ROOT = new URL(API).pathname;

/** One request as the double received it. */
export interface Observed {
  /** The Request itself (its body already read into `text`). */
  request: Request;
  /** The second argument fetch was called with (the extension init, if any). */
  init: RequestInit | undefined;
  method: string;
  url: string;
  /** Pathname under the API root, e.g. `/organization_memberships/5`. */
  path: string;
  /** The query string exactly as sent (not decoded), e.g. `include=department,geography`. */
  rawQuery: string;
  query: URLSearchParams;
  headers: Headers;
  /** The body text ('' when none). */
  text: string;
  /** The body parsed as JSON; undefined when there was none or it is not JSON. */
  body: unknown;
  signal: AbortSignal;
}

/** How the double answers: a response, or a throw (a network failure). */
export type Answer = (request: Observed, call: number) => Response | Promise<Response>;

export interface ObservedFetch {
  (request: Request, init?: RequestInit): Promise<Response>;
  /** Every request received, in order. */
  calls: Observed[];
  /** Requests whose answer has not settled yet. */
  inFlight: number;
  /** The most requests that were in flight at once. */
  maxInFlight: number;
}

/**
 * A fetch that records each request and answers it with `answer` (given the 1-based call
 * number), or with the answers of a list in turn, the last one repeating.
 *
 * @example
 * const fetch = observedFetch([reply(503), reply(200)]);
 */
export function observedFetch(answer: Answer | readonly Answer[]): ObservedFetch {
  const calls: Observed[] = [];
  const answerOf = (call: number): Answer => {
    if (typeof answer === 'function') return answer;
    const found = answer[call - 1] ?? answer.at(-1);
    if (found === undefined) throw new Error('observedFetch: no answers');
    return found;
  };
  const fetch = Object.assign(
    async (request: Request, init?: RequestInit): Promise<Response> => {
      const url = new URL(request.url);
      // Recorded before the body is read: an attempt that times out meanwhile still counts.
      const observed: Observed = {
        request,
        init,
        method: request.method,
        url: request.url,
        path: url.pathname.startsWith(ROOT) ? url.pathname.slice(ROOT.length) : url.pathname,
        rawQuery: url.search.slice(1),
        query: url.searchParams,
        headers: request.headers,
        text: '',
        body: undefined,
        signal: request.signal,
      };
      calls.push(observed);
      const call = calls.length;
      if (request.body !== null) {
        observed.text = await request.text();
        observed.body = parseOrUndefined(observed.text);
      }
      fetch.inFlight++;
      fetch.maxInFlight = Math.max(fetch.maxInFlight, fetch.inFlight);
      try {
        return await answerOf(call)(observed, call);
      } finally {
        fetch.inFlight--;
      }
    },
    { calls, inFlight: 0, maxInFlight: 0 },
  );
  return fetch;
}

function parseOrUndefined(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What a test gets with an observed client or transport. */
interface Observation {
  fetch: ObservedFetch;
  clock: TestClock;
  /** Every `onRetry` event (unless the test passed its own `onRetry`). */
  events: RetryEvent[];
}

/**
 * A client over an observed fetch, with the test clock (backoff waits end at once) and fixed
 * jitter; timeouts are the real default (30 s, on real timers).
 *
 * @example
 * const { client, fetch } = createObservedClient(() => json(buildEnvelope(OM, [])));
 * await client.organizationMemberships.list();
 * fetch.calls[0]?.rawQuery; // ''
 */
export function createObservedClient(
  answer: Answer | readonly Answer[],
  options: Partial<KantataClientOptions> = {},
) {
  const { fetch, clock, events, defaults } = observation(answer, options);
  const client = createKantataClient({ baseUrl: API, ...defaults, ...options });
  return { client, fetch, clock, events };
}

/**
 * An observed client whose helpers come from another resource table (resources of other
 * shapes); its helpers are untyped.
 *
 * @example
 * const { client } = createObservedClientOver({ readOnly: shapeOf(entry, ['list']) }, answer);
 */
export function createObservedClientOver(
  table: ResourceTable,
  answer: Answer | readonly Answer[],
  options: Partial<KantataClientOptions> = {},
) {
  const { fetch, clock, events, defaults } = observation(answer, options);
  const client = createClientOver(table, { baseUrl: API, ...defaults, ...options });
  return { client, fetch, clock, events };
}

/**
 * The transport alone over an observed fetch, with the same defaults as the client.
 *
 * @example
 * const { transport, fetch } = createObservedTransport([reply(429), reply(201)]);
 */
export function createObservedTransport(
  answer: Answer | readonly Answer[],
  options: Partial<TransportOptions> = {},
) {
  const { fetch, clock, events, defaults } = observation(answer, options);
  const transport = createTransport({ ...defaults, ...options }).fetch;
  return { transport, fetch, clock, events };
}

function observation(answer: Answer | readonly Answer[], options: Partial<TransportOptions>) {
  const fetch = observedFetch(answer);
  const clock = options.clock === undefined ? testClock() : (options.clock as TestClock);
  const events: RetryEvent[] = [];
  const defaults = {
    token: TOKEN,
    fetch,
    clock,
    random: () => 0.5,
    onRetry: (event: RetryEvent) => events.push(event),
  } satisfies TransportOptions;
  return { fetch, clock, events, defaults } satisfies Observation & { defaults: TransportOptions };
}
