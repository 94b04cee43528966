/**
 * The auth step: the token of a call (a string checked once when the client is made, or a
 * token function called once per call), remembered among the client's secrets, and the
 * headers every attempt carries: `Authorization`, `Accept` and `User-Agent`.
 */
import { KantataInputError } from '../errors/classes.js';
import type { Secrets } from '../errors/secrets.js';
import { raceAbort } from './abort.js';
import type { TokenSource } from './options.js';

/** What a call is sent with: its headers, and the secrets its errors mask. */
export interface Authorized {
  headers: Headers;
  secrets: readonly string[];
}

/**
 * The token of one call: a string token as it is (checked when the client was made), else
 * what the token function returns, checked. Rejects with the caller's reason on abort.
 *
 * @example
 * const token = await tokenOf(() => session.token, signal);
 */
export function tokenOf(
  source: TokenSource,
  signal: AbortSignal | undefined,
): string | Promise<string> {
  return typeof source === 'string' ? source : raceAbort(resolveToken(source), signal);
}

/**
 * `headersInit` with the auth headers set (a new Headers: the caller's are never changed),
 * and `token` remembered among the client's `secrets`.
 *
 * @example
 * const { headers, secrets } = authorize(token, clientSecrets, userAgent, { 'content-type': json });
 */
export function authorize(
  token: string,
  secrets: Secrets,
  userAgent: string | undefined,
  headersInit: HeadersInit | undefined,
): Authorized {
  const headers = new Headers(headersInit);
  headers.set('authorization', `Bearer ${token}`);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if (userAgent !== undefined) headers.set('user-agent', userAgent);
  return { headers, secrets: secrets.add(token) };
}

/**
 * Calls a token function and checks what it returned.
 *
 * @example
 * const token = await resolveToken(() => session.token);
 */
export async function resolveToken(source: () => string | Promise<string>): Promise<string> {
  const token = await source();
  assertToken(token);
  return token;
}

// Visible ASCII only: a header value with CR/LF or spaces would be refused by Headers with
// a TypeError that quotes the value, i.e. the token. Never echo the token in our message.
export function assertToken(token: unknown): asserts token is string {
  if (typeof token !== 'string' || token === '') {
    throw new KantataInputError('token', 'must be a non-empty string');
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new KantataInputError('token', 'must contain only visible ASCII characters');
  }
}
