/**
 * Any token in any text: masked wherever it stands as a token, so none is ever left to read,
 * and text where a short one runs on inside longer words is left as it was. A token holding
 * `/`, `+` or `=` is masked too where a server echoes it percent-encoded or as HTML character
 * references, in any mix of forms.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { REDACTED, redact } from '../../src/errors/redact.js';
import { CHAR_FORMS, encodeChar, encodeToken } from '../doubles/encodings.js';
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

describe('redact, for any token holding / + or =, echoed encoded', () => {
  const special = fc.constantFrom('/', '+', '=');
  const unit = fc.oneof({ arbitrary: tokenChars, weight: 3 }, { arbitrary: special, weight: 1 });
  const withSpecial = (minLength: number, maxLength: number) =>
    fc
      .string({ unit, minLength, maxLength })
      .filter((t) => /[/+=]/.test(t) && !REDACTED.includes(t));
  // Short (masked where it stands as a token) and long (masked wherever it is).
  const anyToken = fc.oneof(withSpecial(1, 15), withSpecial(16, 80));
  const form = fc.constantFrom(...CHAR_FORMS);
  // A form for each character: percent-encoded, HTML references and raw, mixed in one echo.
  const mix = fc.array(form, { minLength: 80, maxLength: 80 });
  const punctuation = fc.constantFrom(' ', '"', '/', '=', '&', ',', '\n', '%20', '\\n', '>', '<');
  const encodeWith = (secret: string, forms: readonly string[]) =>
    [...secret]
      .map((char, i) => encodeChar(char, forms[i] as (typeof CHAR_FORMS)[number]))
      .join('');

  it('masks it in every form wherever non-word characters surround it', () => {
    const parts = fc.array(fc.tuple(words, punctuation, punctuation), { minLength: 1 });
    fc.assert(
      fc.property(anyToken, form, parts, (secret, chosen, planted) => {
        const echoed = encodeToken(secret, chosen);
        const text = planted.map(([w, left, right]) => `${w}${left}${echoed}${right}`).join('');
        fc.pre(text.split(echoed).length - 1 === planted.length);
        return !redact(text, [secret]).split(REDACTED).join('\0').includes(echoed);
      }),
      RUNS,
    );
  });

  it('masks it with its characters encoded in any mix of forms', () => {
    fc.assert(
      fc.property(anyToken, mix, words, punctuation, (secret, forms, w, edge) => {
        const echoed = encodeWith(secret, forms);
        const text = `${w}${edge}${echoed}${edge}${w}`;
        fc.pre(text.split(echoed).length === 2);
        return !redact(text, [secret]).split(REDACTED).join('\0').includes(echoed);
      }),
      RUNS,
    );
  });

  it('masks a long one in any form even glued to words, repeated', () => {
    const glue = fc.string({ unit: fc.constantFrom(...'abXY09'.split('')), maxLength: 4 });
    fc.assert(
      fc.property(withSpecial(16, 80), mix, glue, glue, (secret, forms, left, right) => {
        const echoed = encodeWith(secret, forms);
        const masked = redact(`${left}${echoed}${echoed}${right}`, [secret]);
        return masked === `${left}${REDACTED}${REDACTED}${right}`;
      }),
      RUNS,
    );
  });
});
