/**
 * Masking of secrets in text that may end up in errors or logs.
 *
 * Why: error messages, stacks and causes travel far (loggers, error trackers). The bearer
 * token must never ride along, even when a custom fetch or a server echoes it back.
 */

/** What a masked secret is replaced with. */
export const REDACTED = '[REDACTED]';

// Catches "Bearer <anything>" even when the secret itself is not known to us.
const BEARER_RE = /\b(Bearer)\s+[^\s"',;]+/gi;

/**
 * Replaces each secret, and any `Bearer <value>` pair, with `[REDACTED]`.
 *
 * A secret of 16 characters or more (any real credential) is masked wherever it appears: it
 * cannot turn up inside other words by chance, and a copy glued to other text (repeated, or
 * cut where a long body was cut) must not escape. A shorter one (a test token such as `t`) is
 * masked where it stands as a token, i.e. unless a letter or digit runs on where it starts or
 * ends with one: `t` is left alone in `organization`, masked in `/t/`, `"t"`, `t.` or `x=t`. A
 * percent-encoding (`%3Dt`) or a JSON escape (`\nt`, `\u0020t`) just before it counts as a
 * boundary, since its last letter or digit belongs to the escape.
 *
 * A secret is also masked as a server may echo it encoded: each character other than a letter
 * or digit (`/`, `+`, `=`...) may stand percent-encoded (`%2F`, `%2f`), as an HTML character
 * reference (`&#47;`, `&#x2F;`, `&#X2f;`, `&sol;`; `&plus;`, `&equals;`, `&amp;`), or
 * JSON-escaped (`\/`, `\u002F`), in any mix.
 *
 * @example
 * redact('auth failed for Bearer abc123', ['abc123']); // 'auth failed for Bearer [REDACTED]'
 * redact('GET /organization_memberships', ['t']); // unchanged
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.replace(secretPattern(secret), REDACTED);
  }
  return out.replace(BEARER_RE, `$1 ${REDACTED}`);
}

const ALWAYS_MASKED_LENGTH = 16;
const WORD = /[A-Za-z0-9]/;
// The HTML names of the characters a token most often holds besides letters and digits.
const NAMED: Record<string, string> = { '/': 'sol', '+': 'plus', '=': 'equals', '&': 'amp' };
// The longest way a character other than a letter or digit is matched (`&#x00002F;`).
const LONGEST_FORM = 10;

/**
 * How long `secret` can be as it is matched, encoded: what may be left of it where a text was
 * cut. (Tokens are visible ASCII: each character encodes in a bounded number of characters.)
 */
export function maskedLength(secret: string): number {
  let length = 0;
  for (const char of secret) length += WORD.test(char) ? 1 : LONGEST_FORM;
  return length;
}

function secretPattern(secret: string): RegExp {
  const short = secret.length < ALWAYS_MASKED_LENGTH;
  const before =
    short && WORD.test(secret.charAt(0))
      ? '(?<=^|[^A-Za-z0-9]|%[0-9A-Fa-f]{2}|\\\\[bfnrt]|\\\\u[0-9A-Fa-f]{4})'
      : '';
  const after = short && WORD.test(secret.charAt(secret.length - 1)) ? '(?![A-Za-z0-9])' : '';
  return new RegExp(before + [...secret].map(charPattern).join('') + after, 'g');
}

/** One character of a secret: itself, or (not a letter or digit) any of its encodings. */
function charPattern(char: string): string {
  const escaped = char.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  if (WORD.test(char)) return escaped;
  // Two hex digits: a token is visible ASCII.
  const code = char.charCodeAt(0);
  const hex = code.toString(16);
  const named = NAMED[char];
  const encoded = `%${hex}|\\\\u00${hex}|&#(?:0{0,4}${code}|x0{0,4}${hex});${named ? `|&${named};` : ''}`;
  // The character itself last: `&amp;` is `&amp;`, not `&` and then other text.
  return `(?:${anyCase(encoded)}|\\\\?${escaped})`;
}

/** A pattern for `text` in upper or lower case (`x2f` → `[xX]2[fF]`). */
function anyCase(text: string): string {
  return text.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

/**
 * Builds a safe copy of an error (or any thrown value) for use as an error `cause`: name,
 * message, stack and `code` are kept (masked); every other property is dropped, so an
 * attached Request, headers or config object cannot leak through `util.inspect`.
 * Nested causes are copied the same way, up to a small depth.
 *
 * @example
 * const safe = redactError(new TypeError('fetch failed', { cause: err }), [token]);
 */
export function redactError(value: unknown, secrets?: readonly string[], depth = 0): unknown {
  if (!(value instanceof Error)) {
    if (typeof value === 'string') return redact(value, secrets);
    if (value === null || typeof value !== 'object') return value;
    // A plain object could be anything (a config with headers...): keep only a safe `code`.
    const code = codeOf(value);
    return code === undefined ? {} : { code };
  }
  const cause =
    depth < 5 && 'cause' in value ? redactError(value.cause, secrets, depth + 1) : undefined;
  const copy = new Error(redact(value.message, secrets), cause === undefined ? {} : { cause });
  // Own property so the original class name (TypeError, AggregateError...) stays visible.
  Object.defineProperty(copy, 'name', {
    value: value.name,
    configurable: true,
    writable: true,
    enumerable: false,
  });
  Object.defineProperty(copy, 'stack', {
    value: typeof value.stack === 'string' ? redact(value.stack, secrets) : undefined,
    configurable: true,
    writable: true,
    enumerable: false,
  });
  const code = codeOf(value);
  if (code !== undefined) Object.assign(copy, { code });
  if (depth < 5 && value instanceof AggregateError && Array.isArray(value.errors)) {
    Object.assign(copy, {
      errors: value.errors.slice(0, 10).map((e: unknown) => redactError(e, secrets, depth + 1)),
    });
  }
  return copy;
}

function codeOf(value: object): string | undefined {
  const code: unknown = (value as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/i.test(code) ? code : undefined;
}
