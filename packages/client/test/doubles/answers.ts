/**
 * What the observed fetch answers with: responses, failures like Node's fetch throws them,
 * and the API's own answers built with `@kantata-ox/fixtures` (envelopes, objects, pages).
 */
import {
  buildEnvelope,
  buildOrganizationMembership,
  buildUserGroupMembership,
  connectionReset,
  type ObjectOf,
  type ObjectsKey,
} from '@kantata-ox/fixtures';
import type { OrganizationMembership, UserGroupMembership } from '@kantata-ox/types';
import type { Answer, Observed } from './observed.js';

export const OM = 'organization_memberships';
export const UGM = 'user_group_memberships';

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

/** The API's error body. */
export function apiErrors(
  status: number,
  errors: { type: string; message: string; field?: string }[],
  headers: Record<string, string> = {},
): Response {
  return json({ errors }, status, headers);
}

/** An answer with `status` (and optional headers and body; a null-body status gets none). */
export function reply(status: number, headers: Record<string, string> = {}, body?: string): Answer {
  const nullBody = [204, 205, 304].includes(status);
  return () =>
    new Response(nullBody ? null : (body ?? `{"status":${status}}`), { status, headers });
}

/** An answer redirecting to `location`. */
export function redirectTo(location: string, status = 302): Answer {
  return reply(status, { location }, '');
}

/**
 * Throws like Node's fetch on a failed connection: a reset (`ECONNRESET`) is the fixtures'
 * `connectionReset()`; another code (`ECONNREFUSED`, …) a TypeError('fetch failed') with that
 * coded cause.
 */
export function networkFailure(code: string): never {
  if (code === 'ECONNRESET') throw connectionReset();
  throw new TypeError('fetch failed', {
    cause: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }),
  });
}

/** An answer failing like Node's fetch (see {@link networkFailure}). */
export function failWith(code: string): Answer {
  return () => networkFailure(code);
}

/** A JSON response whose body fails while it is read, as a socket closed mid-body does. */
export function brokenBody(): Response {
  const body = new ReadableStream({
    pull(controller) {
      controller.error(new TypeError('terminated'));
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json' } });
}

/** An answer that never comes, and rejects with the signal's reason when it aborts. */
export const hang: Answer = (request) =>
  new Promise<Response>((_resolve, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });

/** An answer that never settles and ignores its signal (a badly behaved fetch). */
export const hangForever: Answer = () => new Promise<Response>(() => {});

/** An organization membership as the API returns it, with a fixed id. */
export function membership(
  id: number | string,
  fields: Partial<OrganizationMembership> = {},
): OrganizationMembership {
  return buildOrganizationMembership({ id: String(id), ...fields });
}

/** A user group membership as the API returns it, with a fixed id. */
export function groupMembership(
  id: number | string,
  fields: Partial<UserGroupMembership> = {},
): UserGroupMembership {
  return buildUserGroupMembership({ id: String(id), ...fields });
}

/** A JSON answer of the envelope around `objects` (see `buildEnvelope`). */
export function envelopeOf<K extends ObjectsKey>(
  key: K,
  objects: readonly ObjectOf<K>[],
  options?: Parameters<typeof buildEnvelope<K>>[2],
): Response {
  return json(buildEnvelope(key, objects, options));
}

/**
 * An answer listing `total` objects built by `make`, page by page as the API does, honouring
 * `page` and `per_page`.
 *
 * @example
 * createObservedClient(pagedList(OM, 450, (id) => membership(id)));
 */
export function pagedList<K extends ObjectsKey>(
  key: K,
  total: number,
  make: (id: number) => ObjectOf<K>,
): (request: Observed) => Response {
  return (request) => {
    const page = Number(request.query.get('page') ?? 1);
    const perPage = Number(request.query.get('per_page') ?? 20);
    const first = (page - 1) * perPage;
    const ids = Array.from(
      { length: Math.max(0, Math.min(perPage, total - first)) },
      (_, i) => first + i + 1,
    );
    return envelopeOf(key, ids.map(make), { count: total, page, perPage });
  };
}

/**
 * An answer to bulk and single creates: the created objects (ids from 1000 on), made by
 * `make` from the fields each was sent with.
 *
 * @example
 * const createMemberships = bulkCreate(OM, 'organization_membership', (id, f) => membership(id, f));
 */
export function bulkCreate<K extends ObjectsKey>(
  key: K,
  singleKey: string,
  make: (id: number, fields: Record<string, unknown>) => ObjectOf<K>,
): (request: Observed) => Response {
  let nextId = 1000;
  return (request) => {
    const body = request.body as Record<string, unknown>;
    const list = (Array.isArray(body[key]) ? body[key] : [body[singleKey]]) as Record<
      string,
      unknown
    >[];
    return envelopeOf(
      key,
      list.map((fields) => make(nextId++, fields)),
    );
  };
}
