/**
 * The one rule for "is this body JSON", used for success and error responses alike.
 *
 * A JSON media type is the WHATWG MIME Sniffing standard's "JSON MIME type", which is also
 * what browsers go by: the essence `application/json` (RFC 8259) or `text/json` (unregistered,
 * still sent by older servers), or any subtype ending in `+json` (RFC 6839's structured
 * syntax suffix, e.g. `application/problem+json`). Look-alikes such as `application/jsonp`,
 * `application/json-seq` or `x-application/json` are not JSON. A body without a content type
 * is tried as JSON: a proxy that drops the header should not turn a good answer into an error.
 */

const JSON_MEDIA_TYPE = /^(?:(?:application|text)\/json|[^\s/;]+\/[^\s/;]*\+json)$/;

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The media type's essence (`type/subtype`, lowercased, without parameters); `''` without one.
 *
 * @example
 * mediaTypeOf(new Response('', { headers: { 'content-type': 'Application/JSON; charset=utf-8' } })); // 'application/json'
 */
export function mediaTypeOf(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Why a body of this media type is not read as JSON, or `undefined` when it is (see above).
 *
 * @example
 * notJson('application/problem+json'); // undefined
 * notJson('text/html'); // 'expected a JSON body but got text/html'
 */
export function notJson(mediaType: string): string | undefined {
  if (mediaType === '' || JSON_MEDIA_TYPE.test(mediaType)) return undefined;
  // Server-sent text in a message: short, and nothing that could pass for markup or quotes.
  return `expected a JSON body but got ${mediaType.slice(0, 100).replace(/[^\w.+/-]/g, '?')}`;
}

/**
 * The parsed body of a success, or why it cannot be used as JSON.
 *
 * @example
 * parseJsonBody(response, await response.text()); // { value: { count: 1, ... } }
 */
export function parseJsonBody(
  response: Response,
  text: string,
): { value: unknown } | { problem: string } {
  const problem = notJson(mediaTypeOf(response));
  if (problem !== undefined) return { problem };
  // A regex, not trim(): trim copies the whole body just to test it.
  if (/^\s*$/.test(text)) return { problem: 'expected a JSON body but the body was empty' };
  try {
    return { value: JSON.parse(text) };
  } catch (cause) {
    // V8 quotes a slice of the body in its message; a slice could hold part of a secret.
    const reason = (cause as Error).message;
    return { problem: `the body is not valid JSON${reason.includes('"') ? '' : ` (${reason})`}` };
  }
}
