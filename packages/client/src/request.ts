/**
 * One helper call through the typed openapi-fetch client: so auth, timeouts, retries and
 * the user's middleware apply to helpers exactly as they do to `client.raw`. Turns HTTP
 * errors and unusable bodies into `KantataApiError`s that say what was wrong.
 */
import type { paths } from '@kantata-ox/types';
import type { Client } from 'openapi-fetch';
import { attemptsOf, KantataApiError, safePath, toApiError } from './core/index.js';
import { type NormalizedPage, normalizeEnvelope } from './normalize.js';
import type { ResourceEntry } from './table.js';

/** What a helper needs from the client it belongs to. */
export interface HelperContext {
  raw: Client<paths>;
  /** Tokens seen so far, masked in any error text. */
  secrets: () => readonly string[];
}

export interface CallInit {
  method: string;
  /** Path template from the operation table, e.g. `/organization_memberships/{id}`. */
  path: string;
  id?: string;
  query?: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

// The helpers call operations by method and path taken from the generated table, so they
// use openapi-fetch's untyped `request` signature; the public helper types stay exact.
type LooseRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Sends a request and returns the parsed JSON body (`undefined` for an empty success such
 * as 204). Throws `KantataApiError` for an HTTP error or a body that is not usable JSON.
 */
export async function call(
  ctx: HelperContext,
  init: CallInit,
): Promise<{ body: unknown; response: Response }> {
  const request = ctx.raw.request as unknown as LooseRequest;
  const { data, error, response } = await request(init.method, init.path, {
    params: {
      ...(init.id === undefined ? {} : { path: { id: init.id } }),
      ...(init.query === undefined ? {} : { query: init.query }),
    },
    ...(init.body === undefined ? {} : { body: init.body }),
    ...(init.signal ? { signal: init.signal } : {}),
    parseAs: 'text',
  });
  const path = init.id === undefined ? init.path : init.path.replace('{id}', init.id);
  if (!response.ok) {
    const text =
      typeof error === 'string' ? error : error === undefined ? '' : JSON.stringify(error);
    throw await toApiError(response, {
      method: init.method,
      path,
      body: text,
      secrets: ctx.secrets(),
    });
  }
  if (response.status === 204) return { body: undefined, response };
  const text = typeof data === 'string' ? data : '';
  return { body: parseJsonBody(response, text, init.method, path), response };
}

function parseJsonBody(response: Response, text: string, method: string, path: string): unknown {
  const contentType = response.headers.get('content-type') ?? '';
  const fail = (problem: string) =>
    new KantataApiError({
      status: response.status,
      errors: [],
      requestId: response.headers.get('x-request-id') ?? undefined,
      method,
      path: safePath(path),
      attempts: attemptsOf(response) ?? 1,
      body: text.slice(0, 2048),
      problem,
    });
  if (contentType && !/[/+]json\b/i.test(contentType)) {
    throw fail(`expected a JSON body but got ${contentType.split(';')[0]}`);
  }
  if (text.trim() === '') throw fail('expected a JSON body but the body was empty');
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw fail(`the body is not valid JSON (${(cause as Error).message})`);
  }
}

/** Raises the problem found by `normalizeEnvelope` as an error naming the request. */
export function envelopeError(
  problem: string,
  init: CallInit,
  response: Response,
): KantataApiError {
  const path = init.id === undefined ? init.path : init.path.replace('{id}', init.id);
  return new KantataApiError({
    status: response.status,
    errors: [],
    requestId: response.headers.get('x-request-id') ?? undefined,
    method: init.method,
    path: safePath(path),
    attempts: attemptsOf(response) ?? 1,
    body: '',
    problem,
  });
}

/** Sends one call and normalises its envelope into a page. */
export async function fetchPage(
  ctx: HelperContext,
  resource: ResourceEntry,
  init: CallInit,
): Promise<NormalizedPage> {
  const { body, response } = await call(ctx, init);
  const include = init.query?.include as readonly string[] | undefined;
  const page = normalizeEnvelope(body, resource.objectsKey, resource.includes, include);
  if (typeof page === 'string') throw envelopeError(page, init, response);
  return page;
}
