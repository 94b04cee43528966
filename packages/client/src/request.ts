/**
 * One helper call through the typed openapi-fetch client: so auth, timeouts, retries and
 * the user's middleware apply to helpers exactly as they do to `client.raw`. Turns HTTP
 * errors and unusable bodies into `KantataApiError`s that say what was wrong.
 */
import type { paths } from '@kantata-ox/types';
import type { ResourceFacts } from '@kantata-ox/types/resources';
import type { Client } from 'openapi-fetch';
import { toApiError, toResponseError } from './core/api-error.js';
import { KantataError, KantataNetworkError, type KantataResponseError } from './core/errors.js';
import { parseJsonBody } from './core/json.js';
import { safePath } from './core/safe-path.js';
import { type NormalizedPage, normalizeEnvelope } from './normalize.js';

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
  /** The success body is not needed (delete): any 2xx counts, whatever its body. */
  ignoreBody?: boolean;
}

// The helpers call operations by method and path taken from the generated table, so they
// use openapi-fetch's untyped `request` signature; the public helper types stay exact.
type LooseRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Sends a request and returns the parsed JSON body with its text (`undefined` and `''` when
 * `ignoreBody`). Throws `KantataApiError` for an HTTP error or a body that is not usable
 * JSON, including an empty one: only a call that ignores the body accepts a 204.
 */
export async function call(
  ctx: HelperContext,
  init: CallInit,
): Promise<{ body: unknown; text: string; response: Response }> {
  const request = ctx.raw.request as unknown as LooseRequest;
  const path = pathOf(init);
  const { data, error, response } = await request(init.method, init.path, {
    params: {
      ...(init.id === undefined ? {} : { path: { id: init.id } }),
      ...(init.query === undefined ? {} : { query: init.query }),
    },
    // openapi-fetch sends no body (and no Content-Type) for an undefined one.
    body: init.body,
    ...(init.signal ? { signal: init.signal } : {}),
    parseAs: 'text',
  }).catch((cause: unknown) => {
    throw bodyReadFailure(ctx, init, path, cause);
  });
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
  if (init.ignoreBody) return { body: undefined, text: '', response };
  // openapi-fetch gives `undefined` for a 204 or a Content-Length of 0: an empty body.
  const text = typeof data === 'string' ? data : '';
  const parsed = parseJsonBody(response, text);
  if ('problem' in parsed) throw unusableBody(ctx, init, response, parsed.problem, text);
  return { body: parsed.value, text, response };
}

/**
 * The transport throws only typed errors or the caller's abort reason; a bare TypeError
 * after it returned comes from reading the body (a socket closed mid-body, a corrupt
 * gzip stream...). Name it as a network failure instead of letting it escape untyped.
 */
function bodyReadFailure(ctx: HelperContext, init: CallInit, path: string, cause: unknown) {
  if (cause instanceof KantataError || !(cause instanceof TypeError)) return cause;
  if (init.signal?.aborted && cause === init.signal.reason) return cause;
  return new KantataNetworkError(
    {
      method: init.method,
      path: safePath(path, ctx.secrets()),
      attempts: 1,
      cause,
      detail: 'the response body could not be read',
    },
    ctx.secrets(),
  );
}

function pathOf(init: CallInit): string {
  return init.id === undefined ? init.path : init.path.replace('{id}', init.id);
}

/** A `KantataResponseError` for a success whose body cannot be used (see `toResponseError`). */
function unusableBody(
  ctx: HelperContext,
  init: CallInit,
  response: Response,
  problem: string,
  text: string,
): KantataResponseError {
  const path = pathOf(init);
  return toResponseError(response, {
    method: init.method,
    path,
    text,
    problem,
    secrets: ctx.secrets(),
  });
}

/** Sends one call and normalises its envelope into a page. */
export async function fetchPage(
  ctx: HelperContext,
  resource: ResourceFacts,
  init: CallInit,
): Promise<NormalizedPage> {
  const { body, text, response } = await call(ctx, init);
  const include = init.query?.include as readonly string[] | undefined;
  const page = normalizeEnvelope(body, resource.objectsKey, resource.includes, include);
  if (typeof page === 'string') throw unusableBody(ctx, init, response, page, text);
  return page;
}
