/** Finding a system error code (e.g. `ECONNRESET`) in what fetch threw. */

/**
 * The first system error `code` (e.g. `ECONNREFUSED`) found on an error or its `cause` chain,
 * else the first other code in capitals (undici's `UND_ERR_HEADERS_OVERFLOW`, TLS's
 * `CERT_HAS_EXPIRED`): when both are present the system code says more about the connection.
 * Node's fetch throws `TypeError('fetch failed')` with the system error as `cause`.
 *
 * @example
 * findErrorCode(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })); // 'ECONNRESET'
 */
export function findErrorCode(error: unknown): string | undefined {
  let otherCode: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== null && typeof current === 'object'; depth++) {
    const code: unknown = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (/^E[A-Z0-9_]+$/.test(code)) return code;
      if (/^[A-Z][A-Z0-9_]+$/.test(code)) otherCode ??= code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return otherCode;
}
