/**
 * `createKantataClient`: the typed openapi-fetch client (`raw`) with auth, timeouts and
 * retries applied by the transport, plus one helper object per resource of the spec.
 */
import type { paths } from '@kantata-ox/types';
import {
  serverUrl as defaultBaseUrl,
  type ResourceTable,
  resources,
  specVersion,
} from '@kantata-ox/types/resources';
import createClient, {
  type Client,
  createQuerySerializer,
  type Middleware,
  removeTrailingSlash,
} from 'openapi-fetch';
import type { KantataApiError } from './errors/classes.js';
import { type ApiErrorContext, toApiError } from './errors/factory.js';
import { createSecrets } from './errors/secrets.js';
import type { HelperContext } from './helpers/call.js';
import { createResourceClient } from './helpers/resource.js';
import { assertSafeBaseUrl } from './transport/base-url.js';
import { systemClock } from './transport/clock.js';
import type { TransportOptions } from './transport/options.js';
import { createServerTime } from './transport/server-time.js';
import { createTransport } from './transport/transport.js';
import type { ResourceClient, ResourceName } from './types.js';

/**
 * The options of `createKantataClient`: the transport's options (`userAgent` defaulting to
 * `kantata-ox-client (spec <version>)`), plus where the API is.
 */
export interface KantataClientOptions extends TransportOptions {
  /**
   * Defaults to the spec's server, `https://api.mavenlink.com/api/v1` (also when `undefined`).
   * In a page, a relative URL (`'/api/v1'`, behind a dev server's proxy) is resolved against
   * the page's location; where there is no page it is refused.
   */
  baseUrl?: string | undefined;
  /**
   * Allow a plain-`http:` base URL that is not loopback, such as a development host on your
   * network (never needed against the real API; the token then travels unencrypted).
   */
  allowInsecureBaseUrl?: boolean | undefined;
}

/** The client: `raw` for full control, one helper object per resource. */
export type KantataClient = { [R in ResourceName]: ResourceClient<R> } & {
  /** The typed openapi-fetch client, with auth, timeouts and retries applied. */
  readonly raw: Client<paths>;
  /** Adds openapi-fetch middleware; it applies to `raw` and to every helper. */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
  /**
   * Reads an error response of `raw` once and builds the `KantataApiError` a helper would
   * throw, masking the client's token (and `context.secrets`) without being told.
   */
  toApiError(response: Response, context: ApiErrorContext): Promise<KantataApiError>;
  /** Version of the spec the client was generated from. */
  readonly specVersion: string;
};

const DEFAULT_USER_AGENT = `kantata-ox-client (spec ${specVersion})`;

/**
 * Creates a client.
 *
 * @example
 * const kantata = createKantataClient({ token: process.env.KANTATA_TOKEN! });
 * const { items } = await kantata.organizationMemberships.list({ include: ['department'] });
 * items[0]?.department?.name;
 */
export function createKantataClient(options: KantataClientOptions): KantataClient {
  // The helpers are built from the table at run time; their types from it at compile time.
  return createClientOver(resources, options) as KantataClient;
}

/**
 * A client whose helpers come from `table`: `createKantataClient` over the spec's table, and
 * the tests over tables of other shapes (a read-only resource, one without create...).
 *
 * @example
 * const client = createClientOver({ groups: readOnlyFacts }, { token: 't' });
 */
export function createClientOver(table: ResourceTable, options: KantataClientOptions) {
  const { baseUrl: base, allowInsecureBaseUrl, ...transportOptions } = options;
  const baseUrl = assertSafeBaseUrl(base ?? defaultBaseUrl, allowInsecureBaseUrl === true);
  // The tokens the transport sent, masked in every error even when a server echoes them.
  const secrets = createSecrets();
  const serverTime = createServerTime();
  const transport = createTransport(
    { ...transportOptions, userAgent: options.userAgent ?? DEFAULT_USER_AGENT },
    new URL(baseUrl).pathname.replace(/\/$/, ''),
    secrets,
    serverTime,
  );
  // The API takes lists comma-joined (`include=a,b`): OpenAPI `form` with `explode: false`.
  const query = createQuerySerializer({ array: { style: 'form', explode: false } });
  // The middleware `raw` has: while there is any, the helpers call through `raw` (call.ts),
  // and the transport reads a request's body from a clone, leaving it to the middleware.
  const middleware: Middleware[] = [];
  const raw = createClient<paths>({
    baseUrl,
    fetch: (request: Request, init?: RequestInit) =>
      transport.fetch(request, init, middleware.length === 0),
    querySerializer: query,
  });
  const { use, eject } = raw;
  raw.use = (...added) => {
    use(...added);
    for (const m of added) if (m) middleware.push(m);
  };
  raw.eject = (...removed) => {
    eject(...removed);
    for (const m of removed) {
      const i = middleware.indexOf(m);
      if (i !== -1) middleware.splice(i, 1);
    }
  };
  const ctx: HelperContext = {
    baseUrl: removeTrailingSlash(baseUrl),
    query,
    transport,
    throughMiddleware: () =>
      middleware.length === 0 ? undefined : (raw as unknown as Client<Record<string, never>>),
    secrets: () => secrets.list,
    clock: options.clock ?? systemClock,
    serverTime,
  };

  const helpers = Object.fromEntries(
    Object.entries(table).map(([name, facts]) => [name, createResourceClient(ctx, facts)]),
  );
  return {
    ...helpers,
    raw,
    use: (...middleware: Middleware[]) => raw.use(...middleware),
    eject: (...middleware: Middleware[]) => raw.eject(...middleware),
    toApiError: (response: Response, context: ApiErrorContext) =>
      toApiError(response, { ...context, secrets: [...secrets.list, ...(context.secrets ?? [])] }),
    specVersion,
  };
}
