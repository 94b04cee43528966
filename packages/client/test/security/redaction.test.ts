/**
 * Masking of secrets in text that may end up in errors or logs (src/errors/redact.ts), and the
 * one part of a URL errors show (src/errors/safe-path.ts); a token holding `/`, `+` or `=`,
 * echoed percent-encoded or as HTML character references, by a server answering 401, 422 or
 * 500 in its body or a header, or by a failing fetch, is masked in every error of the client.
 */
import { describe, expect, it } from 'vitest';
import { createKantataClient } from '../../src/client.js';
import { KantataApiError, KantataNetworkError } from '../../src/errors/classes.js';
import { toApiError } from '../../src/errors/factory.js';
import { REDACTED, redact, redactError } from '../../src/errors/redact.js';
import { safePath } from '../../src/errors/safe-path.js';
import { createSecrets } from '../../src/errors/secrets.js';
import { apiErrors, text } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { echoesOf } from '../doubles/encodings.js';
import { expectNoSecret } from '../doubles/leaks.js';
import { API, createObservedClient } from '../doubles/observed.js';

const SECRET = 'tok_EDGE_42';

describe('redact', () => {
  it('masks every occurrence of each secret', () => {
    expect(redact('a s3cret b s3cret', ['s3cret'])).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it('masks any Bearer value, even an unknown one', () => {
    expect(redact('Authorization: Bearer abc.def-ghi')).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it('leaves text without secrets unchanged', () => {
    expect(redact('GET /users failed', ['s3cret'])).toBe('GET /users failed');
  });

  it('ignores an empty secret instead of masking between every character', () => {
    expect(redact('ab', [''])).toBe('ab');
  });

  it('masks a Bearer value after several spaces', () => {
    expect(redact('Authorization: Bearer    abc.def')).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it('leaves a short secret alone inside words', () => {
    const text =
      'GET /organization_memberships failed with 200: expected an object but got a string';
    expect(redact(text, ['t'])).toBe(text);
  });

  it('masks a short secret where it stands as a token', () => {
    expect(redact('token t, "t", /t/, t. and x=t&y', ['t'])).toBe(
      `token ${REDACTED}, "${REDACTED}", /${REDACTED}/, ${REDACTED}. and x=${REDACTED}&y`,
    );
  });

  it('masks a secret after a percent-encoding or a JSON escape', () => {
    expect(redact('q=%3Dabc1&r=\\nabc1 \\u0020abc1', ['abc1'])).toBe(
      `q=%3D${REDACTED}&r=\\n${REDACTED} \\u0020${REDACTED}`,
    );
  });

  it('masks a secret of 16 characters or more wherever it is, glued to words too', () => {
    const long = 'a1b2c3d4e5f6g7h8';
    expect(redact(`x${long}${long}y`, [long])).toBe(`x${REDACTED}${REDACTED}y`);
    expect(redact(`x${long.slice(1)}y`, [long.slice(1)])).toBe(`x${long.slice(1)}y`);
  });

  it('masks a secret whose edges are not letters or digits wherever it is', () => {
    expect(redact('x(a+b)*y', ['(a+b)*'])).toBe(`x${REDACTED}y`);
    expect(redact('ab-c1-d', ['-c1-'])).toBe(`ab${REDACTED}d`);
  });
});

describe('redactError', () => {
  it('keeps name, masked message and code, and drops every other property', () => {
    const original = Object.assign(new TypeError('bad s3cret'), {
      code: 'ECONNRESET',
      request: { headers: { authorization: 's3cret' } },
    });
    const copy = redactError(original, ['s3cret']) as Error & Record<string, unknown>;
    expect(copy.name).toBe('TypeError');
    expect(copy.message).toBe(`bad ${REDACTED}`);
    expect(copy.code).toBe('ECONNRESET');
    expect(copy.request).toBeUndefined();
  });

  it('copies nested causes the same way', () => {
    const original = new Error('outer', { cause: new Error('inner s3cret') });
    const copy = redactError(original, ['s3cret']) as Error;
    expect((copy.cause as Error).message).toBe(`inner ${REDACTED}`);
  });

  it('copies nested AggregateErrors only a few levels deep', () => {
    let original: Error = new Error('innermost');
    for (let i = 0; i < 8; i++) original = new AggregateError([original], `level ${i}`);
    let levels = 0;
    let copy: unknown = redactError(original);
    while (copy instanceof Error) {
      levels++;
      copy = (copy as Error & { errors?: unknown[] }).errors?.[0];
    }
    expect(levels).toBe(6);
  });

  it('masks a thrown string, and passes other primitives through', () => {
    expect(redactError(`failed for ${SECRET}`, [SECRET])).toBe(`failed for ${REDACTED}`);
    expect(redactError(5)).toBe(5);
    expect(redactError(null)).toBeNull();
    expect(redactError(undefined)).toBeUndefined();
  });

  it('keeps only a well-formed code from a plain object', () => {
    expect(redactError({ code: 'ECONNRESET', headers: { authorization: SECRET } })).toEqual({
      code: 'ECONNRESET',
    });
    expect(redactError({ headers: {} })).toEqual({});
    for (const code of ['!ECONN', 'ECONN!', 'E'.repeat(65), 'with space', 7]) {
      expect(redactError({ code })).toEqual({});
    }
  });

  it('copies name, message and stack masked, as non-enumerable writable properties', () => {
    const original = new TypeError(`bad ${SECRET}`);
    const copy = redactError(original, [SECRET]) as Error;
    expect(copy).not.toBe(original);
    expect(copy.name).toBe('TypeError');
    expect(copy.message).toBe(`bad ${REDACTED}`);
    expect(copy.stack).toContain(REDACTED);
    expect(copy.stack).not.toContain(SECRET);
    for (const key of ['name', 'stack']) {
      expect(Object.getOwnPropertyDescriptor(copy, key)).toMatchObject({
        configurable: true,
        writable: true,
        enumerable: false,
      });
    }
    expect(Object.keys(copy)).toEqual([]);
  });

  it('leaves stack undefined when the original had none', () => {
    const original = new Error('x');
    Object.defineProperty(original, 'stack', { value: 42 });
    expect((redactError(original) as Error).stack).toBeUndefined();
  });

  it('has no cause when the original had none', () => {
    expect('cause' in (redactError(new Error('x')) as Error)).toBe(false);
  });

  it('keeps a valid code on the copy, and drops an invalid one', () => {
    const coded = Object.assign(new Error('x'), { code: 'ECONNREFUSED' });
    expect((redactError(coded) as { code?: string }).code).toBe('ECONNREFUSED');
    const odd = Object.assign(new Error('x'), { code: 'not a code' });
    expect('code' in (redactError(odd) as object)).toBe(false);
  });

  it('copies a cause chain down to depth 5 only', () => {
    let error: unknown = new Error('level 8');
    for (let level = 7; level >= 0; level--) error = new Error(`level ${level}`, { cause: error });
    let copy = redactError(error) as Error | undefined;
    const messages: string[] = [];
    while (copy) {
      messages.push(copy.message);
      copy = copy.cause as Error | undefined;
    }
    expect(messages).toEqual(['level 0', 'level 1', 'level 2', 'level 3', 'level 4', 'level 5']);
  });

  it('copies at most 10 errors of an AggregateError, masked', () => {
    const inner = Array.from({ length: 12 }, (_, i) => new Error(`e${i} ${SECRET}`));
    const copy = redactError(new AggregateError(inner, 'all failed'), [SECRET]) as Error & {
      errors: Error[];
    };
    expect(copy.errors).toHaveLength(10);
    expect(copy.errors.map((e) => e.message)).toEqual(
      Array.from({ length: 10 }, (_, i) => `e${i} ${REDACTED}`),
    );
  });

  it('does not copy the errors of an AggregateError found deeper than depth 4', () => {
    let error: unknown = new AggregateError([new Error('deep')]);
    for (let level = 0; level < 5; level++) error = new Error(`level ${level}`, { cause: error });
    let copy = redactError(error) as Error & { errors?: unknown };
    for (let level = 0; level < 5; level++) copy = copy.cause as Error & { errors?: unknown };
    expect(copy).toBeInstanceOf(Error);
    expect(copy.errors).toBeUndefined();
  });
});

describe('safePath', () => {
  it('drops origin, credentials, query and fragment from a full URL', () => {
    expect(safePath('https://u:p@h.example/a/b?c=1#frag')).toBe('/a/b');
  });

  it('gives the path under the base path', () => {
    expect(safePath('https://h.example/api/v1/users/5?page=2', [], '/api/v1')).toBe('/users/5');
  });

  it('keeps a path outside the base path whole', () => {
    expect(safePath('https://h.example/api/v10/users', [], '/api/v1')).toBe('/api/v10/users');
    expect(safePath('https://h.example/other', [], '/api/v1')).toBe('/other');
  });

  it('masks secrets in the path', () => {
    expect(safePath('https://h.example/a/abc123/b', ['abc123'])).toBe('/a/[REDACTED]/b');
  });
});

// A short token (masked where it stands as a token) and a long one (masked wherever it is),
// each with every character a base64 token holds besides letters and digits.
const ENCODED_TOKENS = { short: 'a/b+c=', long: 'tok/9aZ+Q3x=Yw/Lm8+Rt2v==' };

describe.each(Object.entries(ENCODED_TOKENS))('a %s token holding / + and =', (_, token) => {
  const echoes = Object.entries(echoesOf(token));

  it.each(echoes)('is masked as a server echoes it: %s', (_form, echoed) => {
    expect(redact(`token ${echoed} is revoked`, [token])).toBe(`token ${REDACTED} is revoked`);
    expect(redact(`<a href="/x?t=${echoed}">`, [token])).toBe(`<a href="/x?t=${REDACTED}">`);
  });

  it.each(echoes)('is masked in the copy of a failed fetch: %s', (_form, echoed) => {
    const copy = redactError(new TypeError(`refused ${echoed}`), [token]) as Error;
    expect(copy.message).toBe(`refused ${REDACTED}`);
    expect(copy.stack).not.toContain(echoed);
  });

  // The forms a URL's path can hold (a `#` would start the fragment).
  const inPaths = ['raw', 'percent', 'percent-lower', 'encodeURIComponent'] as const;
  it.each(inPaths)('is masked in the path of a URL: %s', (form) => {
    const echoed = echoesOf(token)[form];
    expect(safePath(`https://h.example/a/${echoed}/b?c=1`, [token])).toBe(`/a/${REDACTED}/b`);
  });

  it.each([401, 422, 500])(
    'never shows in the error of a %i that echoes it in every form',
    async (status) => {
      const { client } = createObservedClient(
        () =>
          apiErrors(
            status,
            echoes.map(([form, echoed]) => ({
              type: form,
              message: `bad ${echoed}`,
              field: echoed,
            })),
            // The one header an error keeps; a mix of the forms.
            { 'x-request-id': `req-${echoesOf(token).mixed}` },
          ),
        { token, retry: { maxRetries: 0 } },
      );
      const error = await rejection(client.organizationMemberships.list());
      expect(error).toBeInstanceOf(KantataApiError);
      expect((error as KantataApiError).requestId).toBe(`req-${REDACTED}`);
      for (const [, echoed] of echoes) expectNoSecret(error, echoed);
    },
  );

  it.each(echoes)('never shows in a failed fetch that echoes it: %s', async (_form, echoed) => {
    const { client } = createObservedClient(
      () => {
        throw new TypeError(`fetch failed for ${echoed}`);
      },
      { token, retry: { maxRetries: 0 } },
    );
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataNetworkError);
    expectNoSecret(error, echoed);
  });

  it('never shows in what is kept of a long HTML page that echoes it encoded, cut anywhere', async () => {
    const echoed = echoesOf(token).hex;
    for (let pad = 0; pad < echoed.length; pad++) {
      const page = `<p>${'.'.repeat(pad)}${`${echoed} `.repeat(400)}</p>`;
      const error = await toApiError(text(page, 502), {
        method: 'GET',
        path: '/x',
        secrets: [token],
      });
      expect(error.body.endsWith('…')).toBe(true);
      // Nothing of the token is left, not even the start of one cut where the page was (the
      // kept text may end inside a mask).
      expect(error.body.replaceAll(REDACTED, '')).toMatch(/^<p>[. ]*(\[[A-Z]*)?…$/);
    }
  });
});

describe('encoded forms of other characters', () => {
  it('are left alone', () => {
    const text = 'a%2Bb a&#43;b a&sol;c &amp; a&#x2F;bb &#47; a%2F';
    expect(redact(text, ['a/b'])).toBe(text);
  });

  it('do not run on into what follows an encoded ampersand', () => {
    expect(redact('x&amp;x&amp;y', ['x&'])).toBe(`${REDACTED}${REDACTED}y`);
  });
});

describe('the standalone toApiError', () => {
  const echoed = { errors: [{ type: 'oauth', message: `token ${ENCODED_TOKENS.long} revoked` }] };

  it('masks only the secrets it is given', async () => {
    const told = await toApiError(apiErrors(401, echoed.errors), {
      method: 'GET',
      path: `${API}/users`,
      secrets: [ENCODED_TOKENS.long],
    });
    expect(told.message).toContain(`token ${REDACTED} revoked`);
    // Not told, it cannot know the token: what `client.toApiError` is for.
    const untold = await toApiError(apiErrors(401, echoed.errors), { method: 'GET', path: '/x' });
    expect(untold.message).toContain(ENCODED_TOKENS.long);
  });
});

describe("client.toApiError before the client's first request", () => {
  it("masks a string token already; a token function's, only once it was sent", async () => {
    const echoedBody = () =>
      apiErrors(401, [{ type: 'oauth', message: `token ${ENCODED_TOKENS.long} revoked` }]);
    const context = { method: 'GET', path: '/users' };
    const withString = createKantataClient({ token: ENCODED_TOKENS.long });
    expect((await withString.toApiError(echoedBody(), context)).message).toContain(
      `token ${REDACTED} revoked`,
    );
    const withFunction = createKantataClient({ token: () => ENCODED_TOKENS.long });
    const error = await withFunction.toApiError(echoedBody(), context);
    // Nothing was sent yet: the client does not know the token to mask.
    expect(error.message).toContain(ENCODED_TOKENS.long);
    expect(error.message).not.toContain(REDACTED);
  });
});

describe('the list of secrets of a client', () => {
  it('remembers each token once, the last four, and gives each request what it held then', () => {
    const secrets = createSecrets();
    const first = secrets.add('t1');
    expect(secrets.add('t1')).toEqual(['t1']);
    for (const token of ['t2', 't3', 't4', 't5']) secrets.add(token);
    expect(secrets.list).toEqual(['t2', 't3', 't4', 't5']);
    // The errors of the request that sent t1 still mask it.
    expect(first).toEqual(['t1']);
  });
});
