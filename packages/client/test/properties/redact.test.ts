/**
 * Any token in any text: masked wherever it stands as a token, so none is ever left to read,
 * and text where a short one runs on inside longer words is left as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
const words = fc.string({ unit: fc.constantFrom(...'abcXYZ019 '.split('')), maxLength: 12 });

describe('redact, for any token', () => {
  it('leaves no occurrence of it that stands as a token', () => {
    fc.assert(
      fc.property(token, fc.array(fc.tuple(words, boundary, boundary)), (secret, parts) => {
        const text = parts.map(([w, left, right]) => `${w}${left}${secret}${right}`).join('');
        const masked = redact(text, [secret]);
        // Masking again changes nothing: no standing occurrence was left behind.
        expect(redact(masked, [secret])).toBe(masked);
        return true;
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
