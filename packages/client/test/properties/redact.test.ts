/**
 * Any token in any text: masked wherever it stands as a token, so none is ever left to read,
 * and text where a short one runs on inside longer words is left as it was.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { REDACTED, redact } from '../../src/core/redact.js';
import { runs } from './runs.js';

const RUNS = runs(500);
// OAuth 2 bearer tokens (RFC 6750 b64token) and the other visible ASCII the client accepts.
const tokenChars = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=!#$%&*?@^|'.split(''),
);
const token = fc
  .string({ unit: tokenChars, minLength: 1, maxLength: 40 })
  // The mask itself holds letters: a token inside it would be "found" again.
  .filter((t) => !REDACTED.includes(t));
// What a server or a message puts around a token.
const boundary = fc.constantFrom(
  ...[' ', '"', "'", '/', '=', '&', '?', ',', ';', ':', '(', ')', '[', ']', '{', '}', '<', '>'],
  ...['\n', '\t', '%20', '%3D', '\\n', '\\u0020', '', '.', '-', '_'],
);
const PUNCTUATION = ' "\'/=&?,;:()[]{}<>\n\t.-_';

/** Whether `secret` occurs with a punctuation mark (or the start or end) on both sides. */
function standsBetweenPunctuation(text: string, secret: string): boolean {
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
    const left = text[at - 1] ?? ' ';
    const right = text[at + secret.length] ?? ' ';
    if (PUNCTUATION.includes(left) && PUNCTUATION.includes(right)) return true;
  }
  return false;
}

const words = fc.string({ unit: fc.constantFrom(...'abcXYZ019 '.split('')), maxLength: 12 });

describe('redact, for any token', () => {
  it('leaves no occurrence of it between two punctuation marks', () => {
    fc.assert(
      fc.property(token, fc.array(fc.tuple(words, boundary, boundary)), (secret, parts) => {
        const text = parts.map(([w, left, right]) => `${w}${left}${secret}${right}`).join('');
        // The mask is no text of the message: a neighbour of it is no punctuation mark.
        const masked = redact(text, [secret]).split(REDACTED).join('\0');
        return !standsBetweenPunctuation(masked, secret);
      }),
      RUNS,
    );
  });

  it('masks it wherever non-word characters surround it', () => {
    const punctuation = fc.constantFrom(' ', '"', '/', '=', '&', ',', '\n', '%20', '\\n');
    const parts = fc.array(fc.tuple(words, punctuation, punctuation), { minLength: 1 });
    fc.assert(
      fc.property(token, parts, (secret, planted) => {
        const text = planted.map(([w, left, right]) => `${w}${left}${secret}${right}`).join('');
        // Only the planted occurrences: none inside a word or across two parts.
        fc.pre(text.split(secret).length - 1 === planted.length);
        // The mask itself could spell the token with its neighbours: count it as no text.
        return !redact(text, [secret]).split(REDACTED).join('\0').includes(secret);
      }),
      RUNS,
    );
  });

  it('changes nothing where a short one only runs on inside longer words', () => {
    const letter = fc.constantFrom(...'abcxyz09'.split(''));
    const alnum = fc.string({
      unit: fc.constantFrom(...'abcdefghij0123456789'.split('')),
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(alnum, letter, letter, (secret, left, right) => {
        const text = `GET /${left}${secret}${right} and x${secret}y`;
        return redact(text, [secret]) === text;
      }),
      RUNS,
    );
  });
});
