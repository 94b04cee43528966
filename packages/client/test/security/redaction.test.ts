/**
 * Masking of secrets in text that may end up in errors or logs (src/core/redact.ts), and the
 * one part of a URL errors show (src/core/safe-path.ts).
 */
import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactError } from '../../src/core/redact.js';
import { safePath } from '../../src/core/safe-path.js';

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
