/**
 * Test doubles for the resource helpers: a fake API `fetch` that records every request as
 * sent (method, path, raw query, headers, parsed body) and answers through a handler, plus
 * small builders of the API's envelope, objects and error bodies.
 */
import { createKantataClient, type KantataClientOptions } from '../../src/index.js';
import { type FakeClock, fakeClock, TOKEN } from '../core/helpers.js';

export { TOKEN };

/** One request as the fake API received it. */
export interface Recorded {
  method: string;
  /** Pathname under the API root, e.g. `/organization_memberships/5`. */
  path: string;
  /** The query string exactly as sent (not decoded), e.g. `include=department,geography`. */
  rawQuery: string;
  query: URLSearchParams;
  headers: Headers;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
  signal: AbortSignal;
}

export type Handler = (request: Recorded, call: number) => Response | Promise<Response>;

export interface FakeApi {
  (request: Request, init?: RequestInit): Promise<Response>;
  /** Every request received, in order. */
  calls: Recorded[];
  /** Requests whose handler has not settled yet. */
  inFlight: number;
  /** The most requests that were in flight at once. */
  maxInFlight: number;
}

const ROOT = '/api/v1';

/** A fetch that answers every request with `handler` (1-based call number) and records it. */
export function fakeApi(handler: Handler): FakeApi {
  const calls: Recorded[] = [];
  const api = Object.assign(
    async (request: Request): Promise<Response> => {
      const url = new URL(request.url);
      const text = request.body === null ? '' : await request.text();
      const recorded: Recorded = {
        method: request.method,
        path: url.pathname.startsWith(ROOT) ? url.pathname.slice(ROOT.length) : url.pathname,
        rawQuery: url.search.slice(1),
        query: url.searchParams,
        headers: request.headers,
        body: text === '' ? undefined : JSON.parse(text),
        signal: request.signal,
      };
      calls.push(recorded);
      api.inFlight++;
      api.maxInFlight = Math.max(api.maxInFlight, api.inFlight);
      try {
        return await handler(recorded, calls.length);
      } finally {
        api.inFlight--;
      }
    },
    { calls, inFlight: 0, maxInFlight: 0 },
  );
  return api;
}

/** A client over `fetch` with an instant clock, fixed jitter and timeouts off. */
export function clientFor(fetch: FakeApi, options: Partial<KantataClientOptions> = {}) {
  const clock: FakeClock = fakeClock();
  const client = createKantataClient({
    token: TOKEN,
    fetch,
    clock,
    random: () => 0.5,
    timeoutMs: 0,
    ...options,
  });
  return { client, clock };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** A response with a raw body and content type. */
export function text(body: string, status = 200, contentType = 'text/html'): Response {
  return new Response(body, { status, headers: { 'content-type': contentType } });
}

/** Throws like Node's fetch on a failed connection: TypeError('fetch failed') with a coded cause. */
export function networkFailure(code: string): never {
  throw new TypeError('fetch failed', {
    cause: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }),
  });
}

/** The API's error body. */
export function apiErrors(
  status: number,
  errors: { type: string; message: string; field?: string }[],
  headers: Record<string, string> = {},
): Response {
  return json({ errors }, status, headers);
}

type Obj = { id: string } & Record<string, unknown>;

/** An organization membership as the API returns it. */
export function om(id: number | string, fields: Record<string, unknown> = {}): Obj {
  return {
    id: String(id),
    member_id: '111',
    member_type: 'User',
    primary: false,
    created_at: '2013-04-15T16:48:48-07:00',
    updated_at: '2013-04-15T16:48:48-07:00',
    ...fields,
  };
}

/** A user group membership; the reference types its ids as integers. */
export function ugm(id: number | string, fields: Record<string, unknown> = {}): Obj {
  return {
    id: String(id),
    user_id: 10,
    workspace_group_id: 20,
    creator_id: 1,
    created_at: '2013-04-15T16:48:48-07:00',
    ...fields,
  };
}

/** A side-loaded organization (a department or a geography). */
export function organization(id: number | string, type: 'Department' | 'Geography'): Obj {
  return {
    id: String(id),
    name: `${type} ${id}`,
    type,
    parent_id: null,
    ancestor_ids: [],
    created_at: '2013-04-15T16:48:48-07:00',
    updated_at: '2013-04-15T16:48:48-07:00',
  };
}

export interface EnvelopeOptions {
  count?: number;
  /** Overrides of `meta` (defaults describe a single page holding `objects`). */
  meta?: Partial<{ count: number; page_count: number; page_number: number; page_size: number }>;
  /** Side-loaded maps, e.g. `{ organizations: [organization(1, 'Department')] }`. */
  included?: Record<string, Obj[]>;
}

/** The API's envelope around `objects` (stored under `key`, ordered by `results`). */
export function envelope(key: string, objects: Obj[], options: EnvelopeOptions = {}) {
  const count = options.count ?? objects.length;
  const body: Record<string, unknown> = {
    count,
    meta: {
      count,
      page_count: 1,
      page_number: 1,
      page_size: Math.max(objects.length, 1),
      ...options.meta,
    },
    results: objects.map((o) => ({ key, id: o.id })),
    [key]: byId(objects),
  };
  for (const [name, list] of Object.entries(options.included ?? {})) body[name] = byId(list);
  return body;
}

function byId(objects: Obj[]): Record<string, Obj> {
  return Object.fromEntries(objects.map((o) => [o.id, o]));
}

/** A handler answering a paginated list of `total` objects built by `make`, honouring page/per_page. */
export function pagedList(
  key: string,
  total: number,
  make: (id: number) => Obj,
): (request: Recorded) => Response {
  return (request) => {
    const page = Number(request.query.get('page') ?? 1);
    const perPage = Number(request.query.get('per_page') ?? 20);
    const first = (page - 1) * perPage;
    const ids = Array.from(
      { length: Math.max(0, Math.min(perPage, total - first)) },
      (_, i) => first + i + 1,
    );
    return json(
      envelope(key, ids.map(make), {
        count: total,
        meta: {
          page_count: Math.ceil(total / perPage),
          page_number: page,
          page_size: perPage,
        },
      }),
    );
  };
}

/**
 * A handler for bulk creates: answers each POST with the created objects (ids from 1000 on),
 * echoing the fields it was sent.
 */
export function bulkCreate(
  singleKey: string,
  bulkKey: string,
  make: (id: number, fields: Record<string, unknown>) => Obj,
): (request: Recorded) => Response {
  let nextId = 1000;
  return (request) => {
    const body = request.body as Record<string, unknown>;
    const list = (Array.isArray(body[bulkKey]) ? body[bulkKey] : [body[singleKey]]) as Record<
      string,
      unknown
    >[];
    return json(
      envelope(
        bulkKey,
        list.map((fields) => make(nextId++, fields)),
      ),
    );
  };
}

/** A promise with its resolve function exposed, to hold the fake API in the middle of a call. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Settles a promise expected to reject and returns the reason. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Lets every pending microtask and timer-free continuation run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
