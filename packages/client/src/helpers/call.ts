/**
 * The one request path of the helpers: an operation of the resource table goes through the
 * typed openapi-fetch client (so auth, timeouts, retries and the user's middleware apply to
 * helpers exactly as they do to `client.raw`), and its answer comes back as a normalised
 * page, one object, or nothing. HTTP errors and unusable bodies become typed errors that name
 * the request.
 */
import type { OperationFacts, ResourceFacts } from '@kantata-ox/types/resources';
import { KantataError, KantataNetworkError } from '../errors/classes.js';
import { toApiError, toNotFoundError, toResponseError } from '../errors/factory.js';
import { attemptsOf } from '../transport/attempts.js';
import type { Clock } from '../transport/clock.js';
import type { ServerTime } from '../transport/server-time.js';
import type { Transport } from '../transport/transport.js';
import { type NormalizedPage, normalizeEnvelope } from './envelope.js';
import { parseJsonBody } from './json.js';

/**
 * openapi-fetch's `request` as the helpers call it. openapi-fetch checks a call against a
 * literal path of `paths`; the helpers call the operations the table names, whose paths are
 * plain strings, so they see the same function with the path and method as strings.
 */
export type OperationRequest = (
  method: OperationFacts['method'],
  path: string,
  init: {
    params: { path?: { id: string }; query?: Record<string, unknown> };
    body?: unknown;
    signal?: AbortSignal;
    parseAs: 'text';
    fetch: Transport;
  },
) => Promise<{ data?: string; error?: unknown; response: Response }>;

/** What a helper needs from the client it belongs to. */
export interface HelperContext {
  request: OperationRequest;
  /** The transport: what openapi-fetch calls as its `fetch`. */
  fetch: Transport;
  /** Tokens seen so far, masked in any error text. */
  secrets: () => readonly string[];
  /** The client's clock (the `clock` option): createMany's read-back times and waits. */
  clock: Clock;
  /** The server's time, from the `Date` of its answers: what bounds a read-back. */
  serverTime: ServerTime;
}

/** One call of an operation. */
export interface SendInput {
  /** The `{id}` of the path, already checked (`assertId`). */
  id?: string | undefined;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/**
 * What the helper takes from the answer: the whole page, its first object (get, create,
 * update), the object whose `results` entry has an id (a get through `only`), or nothing
 * (delete: any 2xx counts, whatever its body).
 */
export type Want = 'page' | 'first' | { id: string } | 'nothing';

type Item = Record<string, unknown>;

/** The name of the operation's parameter with this `x-kantata-role`, if it has one. */
export function parameterWithRole(operation: OperationFacts, role: string): string | undefined {
  for (const name in operation.parameters) {
    if (operation.parameters[name]?.role === role) return name;
  }
  return undefined;
}

/**
 * Sends one operation and returns what `want` asks for.
 *
 * @example
 * const page = await send(ctx, resource, resource.operations.list, { query: { page: 2 } }, 'page');
 */
export async function send(
  ctx: HelperContext,
  resource: ResourceFacts,
  operation: OperationFacts,
  input: SendInput,
  want: 'page',
): Promise<NormalizedPage>;
export async function send(
  ctx: HelperContext,
  resource: ResourceFacts,
  operation: OperationFacts,
  input: SendInput,
  want: 'first' | { id: string },
): Promise<Item>;
export async function send(
  ctx: HelperContext,
  resource: ResourceFacts,
  operation: OperationFacts,
  input: SendInput,
  want: 'nothing',
): Promise<undefined>;
export async function send(
  ctx: HelperContext,
  resource: ResourceFacts,
  operation: OperationFacts,
  input: SendInput,
  want: Want,
): Promise<NormalizedPage | Item | undefined> {
  const { id, query, signal } = input;
  const where = {
    method: operation.method,
    // Relative to the base URL, without the query: what every request error's `path` holds.
    path: operation.path.replace('{id}', id ?? ''),
    secrets: ctx.secrets(),
  };
  // The answer as the transport gave it: a body that then fails to arrive still has its attempts.
  let answer: Response | undefined;
  const { data, error, response } = await ctx
    .request(operation.method, operation.path, {
      params: {
        ...(id === undefined ? {} : { path: { id } }),
        ...(query === undefined ? {} : { query }),
      },
      // openapi-fetch sends no body (and no Content-Type) for an undefined one.
      body: input.body,
      ...(signal ? { signal } : {}),
      parseAs: 'text',
      fetch: async (request, init) => {
        answer = await ctx.fetch(request, init);
        return answer;
      },
    })
    .catch((cause: unknown) => {
      throw bodyReadFailure(cause, signal, { ...where, attempts: answer && attemptsOf(answer) });
    });
  if (!response.ok) {
    const body =
      typeof error === 'string' ? error : error === undefined ? '' : JSON.stringify(error);
    throw await toApiError(response, { ...where, body });
  }
  if (want === 'nothing') return undefined;

  // openapi-fetch gives `undefined` for a 204 or a Content-Length of 0: an empty body.
  const text = data ?? '';
  const unusable = (problem: string) => toResponseError(response, { ...where, text, problem });
  const parsed = parseJsonBody(response, text);
  if ('problem' in parsed) throw unusable(parsed.problem);
  const include = parameterWithRole(operation, 'include');
  const requested = include === undefined ? undefined : query?.[include];
  const page = normalizeEnvelope(
    parsed.value,
    resource.objectsKey,
    resource.includes,
    requested as readonly string[] | undefined,
  );
  if (typeof page === 'string') throw unusable(page);
  if (want === 'page') return page;

  if (want === 'first') {
    const [first] = page.items;
    if (first === undefined) throw unusable('the response holds no object');
    return first;
  }
  // The id of the `results` entry, not a field of the object: an object may lack `id`.
  const found = page.items[page.ids.indexOf(want.id)];
  if (found === undefined) {
    throw toNotFoundError(response, {
      ...where,
      what: `${resource.objectsKey} with id ${want.id}`,
    });
  }
  return found;
}

/**
 * The transport throws only typed errors or the caller's abort reason; a bare TypeError
 * after it returned comes from reading the body (a socket closed mid-body, a corrupt
 * gzip stream...). Name it as a network failure instead of letting it escape untyped.
 */
function bodyReadFailure(
  cause: unknown,
  signal: AbortSignal | undefined,
  where: { method: string; path: string; secrets: readonly string[]; attempts: number | undefined },
): unknown {
  if (cause instanceof KantataError || !(cause instanceof TypeError)) return cause;
  if (signal?.aborted && cause === signal.reason) return cause;
  return new KantataNetworkError(
    {
      ...where,
      attempts: where.attempts ?? 1,
      cause,
      detail: 'the response body could not be read',
    },
    where.secrets,
  );
}
