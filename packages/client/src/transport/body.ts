/**
 * Request bodies the transport can re-send without reading them back.
 *
 * A retry or a 307/308 redirect must send the same body again, but a Request body is a
 * one-shot stream: reading it back means `clone()` (a stream tee) and `arrayBuffer()`,
 * the costliest steps of a small POST. A `RequestWithKnownBody` remembers a string body
 * given to its constructor (openapi-fetch serialises JSON to a string), so the transport
 * sends that string again instead. Any other Request, e.g. one a middleware built, is
 * read back as before.
 */

const knownBodies = new WeakMap<Request, string>();

/** A Request that remembers a string `init.body`; pass it as openapi-fetch's `Request`. */
export class RequestWithKnownBody extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    if (typeof init?.body === 'string') knownBodies.set(this, init.body);
  }

  // openapi-fetch checks what a middleware's onRequest returns with `instanceof` the class
  // it was given: keep accepting any Request there, as with the platform's own class.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }
}

/**
 * The body of `request` as something that can be sent any number of times: the string a
 * `RequestWithKnownBody` was built with, else the bytes read from a clone (the request
 * itself is never consumed), or null when there is no body.
 */
export function reusableBody(request: Request): string | Promise<ArrayBuffer> | null {
  if (request.body === null) return null;
  const known = knownBodies.get(request);
  // The stream is untouched only if nobody read it: a used body means someone else
  // consumed this request, and the transport then fails as fetch itself would.
  if (known !== undefined && !request.bodyUsed) return known;
  return request.clone().arrayBuffer();
}
