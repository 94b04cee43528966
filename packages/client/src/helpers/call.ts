/**
 * The helpers' request path: an operation of the resource table becomes a URL, headers and a
 * JSON body, goes through the client's transport (the same one `client.raw` uses: auth,
 * timeouts, retries, the rate governor), and its answer comes back as a normalised page, one
 * object, or nothing. HTTP errors and unusable bodies become typed errors that name the
 * request.
 *
 * With middleware added (`client.use`), a helper call goes through openapi-fetch instead, so
 * that the middleware sees it exactly as it sees a call of `client.raw`.
 */
import type { OperationFacts, ResourceFacts } from '@kantata-ox/types/resources';
import type { Client } from 'openapi-fetch';
import {
  bodyReadError,
  type RequestWhere,
  toApiError,
  toNotFoundError,
  toResponseError,
} from '../errors/factory.js';
import { attemptsOf } from '../transport/attempts.js';
import type { Clock } from '../transport/clock.js';
import type { ServerTime } from '../transport/server-time.js';
import type { Exchange, Outgoing, Transport } from '../transport/transport.js';
import { type NormalizedPage, normalizeEnvelope } from './envelope.js';
import { parseJsonBody } from './json.js';

/** What a helper needs from the client it belongs to. */
export interface HelperContext {
  /** The base URL, without a trailing slash. */
  baseUrl: string;
  /** The query serializer `client.raw` uses too (lists comma-joined). */
  query: (query: Record<string, unknown>) => string;
  transport: Transport;
  /**
   * `client.raw`, while it has middleware (else undefined): the helpers then call through it.
   * openapi-fetch types `request` by the literal paths of `paths`; the helpers call it with the
   * table's paths, as strings.
   */
  throughMiddleware: () => Client<Record<string, never>> | undefined;
  /** Tokens seen so far, masked in any error text. */
  secrets: () => readonly string[];
  /** The client's clock (the `clock` option): createMany's read-back times and waits. */
  clock: Clock;
  /** The server's time, from the `Date` of its answers: what bounds a read-back. */
  serverTime: ServerTime;
}

/** One call of an operation. */
export interface CallInput {
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
  for (const [name, parameter] of Object.entries(operation.parameters)) {
    if (parameter.role === role) return name;
  }
  return undefined;
}

/**
 * Sends one operation and returns what `want` asks for.
 *
 * @example
 * const page = await call(ctx, resource, resource.operations.list, { query: { page: 2 } }, 'page');
 */
export async function call(
  ctx: HelperContext,
  resource: ResourceFacts,
  operation: OperationFacts,
  input: CallInput,
  want: 'page',
): Promise<NormalizedPage>;
export async function call(
  ctx: HelperContext,
  resource: ResourceFacts,
  operation: OperationFacts,
  input: CallInput,
  want: 'first' | { id: string },
): Promise<Item>;
export async function call(
  ctx: HelperContext,
  resource: ResourceFacts,
  operation: OperationFacts,
  input: CallInput,
  want: 'nothing',
): Promise<undefined>;
export async function call(
  ctx: HelperContext,
  resource: ResourceFacts,
  operation: OperationFacts,
  input: CallInput,
  want: Want,
): Promise<NormalizedPage | Item | undefined> {
  const where = {
    method: operation.method,
    // Relative to the base URL, without the query: what every request error's `path` holds.
    path: operation.path.replace('{id}', input.id ?? ''),
    secrets: ctx.secrets(),
  };
  const raw = ctx.throughMiddleware();
  const { response, text, attempts } =
    raw === undefined
      ? await ctx.transport.send(outgoing(ctx, operation, where.path, input))
      : await viaRaw(ctx, raw, operation, input, where);
  if (!response.ok) throw await toApiError(response, { ...where, attempts, body: text });
  if (want === 'nothing') return undefined;

  const unusable = (problem: string) =>
    toResponseError(response, { ...where, attempts, text, problem });
  const parsed = parseJsonBody(response, text);
  if ('problem' in parsed) throw unusable(parsed.problem);
  const include = parameterWithRole(operation, 'include');
  const requested = include === undefined ? undefined : input.query?.[include];
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
      attempts,
      what: `${resource.objectsKey} with id ${want.id}`,
    });
  }
  return found;
}

/**
 * The request of one call: `path` (the table's, with its id), the query serialised as
 * `client.raw` does, the body as JSON.
 */
function outgoing(
  ctx: HelperContext,
  operation: OperationFacts,
  path: string,
  input: CallInput,
): Outgoing {
  const { query, body, signal } = input;
  const search = ctx.query(query ?? {});
  const json = body === undefined ? null : JSON.stringify(body);
  return {
    method: operation.method,
    url: `${ctx.baseUrl}${path}${search === '' ? '' : `?${search}`}`,
    headers: json === null ? undefined : JSON_CONTENT,
    body: json,
    signal,
  };
}

const JSON_CONTENT = { 'content-type': 'application/json' };

/**
 * One call through `client.raw`, for its middleware: openapi-fetch builds the request and
 * reads the body (its parsing off: the helper parses); the transport recorded the attempts.
 */
async function viaRaw(
  ctx: HelperContext,
  raw: Client<Record<string, never>>,
  operation: OperationFacts,
  input: CallInput,
  where: RequestWhere,
): Promise<Exchange> {
  const { id, query, body, signal } = input;
  const request = raw.request as unknown as OperationRequest;
  // The Response the transport returned, for its attempts when the body then fails.
  let answer: Response | undefined;
  const { data, error, response } = await request(operation.method, operation.path, {
    params: {
      ...(id === undefined ? {} : { path: { id } }),
      ...(query === undefined ? {} : { query }),
    },
    // openapi-fetch sends no body (and no Content-Type) for an undefined one.
    body,
    ...(signal ? { signal } : {}),
    parseAs: 'text',
    fetch: async (req, init) => {
      answer = await ctx.transport.fetch(req, init);
      return answer;
    },
  }).catch((cause: unknown) => {
    throw bodyReadError(cause, signal, { ...where, attempts: (answer && attemptsOf(answer)) ?? 1 });
  });
  // The error body as openapi-fetch read it (JSON.parse'd when it parses).
  const failed =
    typeof error === 'string' ? error : error === undefined ? '' : JSON.stringify(error);
  return {
    response,
    text: response.ok ? (data ?? '') : failed,
    attempts: attemptsOf(response) ?? 1,
  };
}

/** openapi-fetch's `request` as `viaRaw` calls it: the table's path and method as strings. */
type OperationRequest = (
  method: string,
  path: string,
  init: {
    params: { path?: { id: string }; query?: Record<string, unknown> };
    body?: unknown;
    signal?: AbortSignal;
    parseAs: 'text';
    fetch: Transport['fetch'];
  },
) => Promise<{ data?: string; error?: unknown; response: Response }>;
