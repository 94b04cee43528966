/**
 * The ways a server may echo a token: percent-encoded (either case of hex) or as HTML character
 * references (decimal, hex in either case, named), each applied to every character that is
 * not a letter or digit. Written out by hand (not from src/errors/redact.ts), so that the tests
 * check the masking against an independent statement of the encodings.
 */

/** How one character other than a letter or digit may be written. */
export type CharForm =
  | 'raw'
  | 'percent'
  | 'percent-lower'
  | 'decimal'
  | 'decimal-padded'
  | 'hex'
  | 'hex-lower'
  | 'hex-upper-x'
  | 'named'
  | 'named-upper'
  | 'json';

export const CHAR_FORMS: readonly CharForm[] = [
  'raw',
  'percent',
  'percent-lower',
  'decimal',
  'decimal-padded',
  'hex',
  'hex-lower',
  'hex-upper-x',
  'named',
  'named-upper',
  'json',
];

// The HTML5 names of the characters that have one among those a token holds.
const NAMES: Record<string, string> = {
  '/': 'sol',
  '+': 'plus',
  '=': 'equals',
  '&': 'amp',
};

/** `char` written in `form` (a letter or digit, or a form `char` has none of, stays as it is). */
export function encodeChar(char: string, form: CharForm): string {
  if (/[A-Za-z0-9]/.test(char)) return char;
  const code = char.charCodeAt(0);
  const hex = code.toString(16).toUpperCase().padStart(2, '0');
  const name = NAMES[char];
  switch (form) {
    case 'raw':
      return char;
    case 'percent':
      return `%${hex}`;
    case 'percent-lower':
      return `%${hex.toLowerCase()}`;
    case 'decimal':
      return `&#${code};`;
    case 'decimal-padded':
      return `&#00${code};`;
    case 'hex':
      return `&#x${hex};`;
    case 'hex-lower':
      return `&#x${hex.toLowerCase()};`;
    case 'hex-upper-x':
      return `&#X00${hex};`;
    case 'named':
      return name === undefined ? `&#${code};` : `&${name};`;
    case 'named-upper':
      return name === undefined ? `&#X${hex};` : `&${name.toUpperCase()};`;
    case 'json':
      return char === '/' ? '\\/' : `\\u00${hex}`;
  }
}

/** `token` with every character other than a letter or digit written in `form`. */
export function encodeToken(token: string, form: CharForm): string {
  return [...token].map((char) => encodeChar(char, form)).join('');
}

/**
 * The forms of `token` a server may echo: each form applied to every character, plus
 * `encodeURIComponent`'s own output and one mix of forms.
 */
export function echoesOf(token: string): Record<CharForm | 'encodeURIComponent' | 'mixed', string> {
  const forms = Object.fromEntries(CHAR_FORMS.map((form) => [form, encodeToken(token, form)]));
  return {
    ...(forms as Record<CharForm, string>),
    encodeURIComponent: encodeURIComponent(token),
    mixed: [...token]
      .map((char, i) => encodeChar(char, CHAR_FORMS[i % CHAR_FORMS.length] ?? 'raw'))
      .join(''),
  };
}
