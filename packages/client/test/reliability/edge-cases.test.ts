/**
 * Edge cases found by mutation testing (Stryker survivors): what a refused id says about
 * itself, exactly how errors are masked and copied, and the abort helpers on their own.
 */
import { describe, expect, it } from 'vitest';
import { discardBody, raceAbort, throwIfAborted } from '../../src/core/abort.js';
import { KantataInputError } from '../../src/core/errors.js';
import { assertId } from '../../src/core/ids.js';
import { REDACTED, redact, redactError } from '../../src/core/redact.js';

const SECRET = 'tok_EDGE_42';

function reasonOf(value: unknown): string {
  try {
    assertId(value);
  } catch (error) {
    expect(error).toBeInstanceOf(KantataInputError);
    return (error as KantataInputError).reason;
  }
  throw new Error('expected a refusal');
}

describe('a refused id is described without echoing much of it', () => {
  it.each([
    [1.5, 'got 1.5'],
    [0, 'got 0'],
    [true, 'got true'],
    [5n, 'got 5n'],
    [null, 'got null'],
    [undefined, 'got undefined'],
    [[1], 'got an array'],
    [{ id: 1 }, 'got an object'],
    [Symbol('s'), 'got symbol'],
    [() => 1, 'got function'],
    ['../1', 'got "../1"'],
  ])('%s is described as "%s"', (value, expected) => {
    expect(reasonOf(value)).toMatch(
      new RegExp(`${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
  });

  it('a string of 40 characters is quoted whole, a longer one is cut at 40 with an ellipsis', () => {
    const forty = 'x'.repeat(40);
    expect(reasonOf(forty)).toMatch(new RegExp(`got "${forty}"$`));
    expect(reasonOf(`${forty}y`)).toMatch(new RegExp(`got "${forty}"…$`));
  });
});

describe('redact', () => {
  it('ignores an empty secret instead of masking between every character', () => {
    expect(redact('ab', [''])).toBe('ab');
  });

  it('masks a Bearer value after several spaces', () => {
    expect(redact('Authorization: Bearer    abc.def')).toBe(`Authorization: Bearer ${REDACTED}`);
  });
});

describe('redactError', () => {
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

/** A Response whose body records whether it was cancelled. */
function trackedResponse(): { response: Response; cancelled: () => boolean } {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull: () => new Promise(() => {}),
    cancel: () => {
      cancelled = true;
    },
  });
  return { response: new Response(body), cancelled: () => cancelled };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('abort helpers', () => {
  it('throwIfAborted throws the signal’s reason, and nothing when not aborted', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    const reason = new Error('stop');
    controller.abort(reason);
    expect(() => throwIfAborted(controller.signal)).toThrow(reason);
  });

  it('raceAbort on an aborted signal rejects at once and cancels a Response that arrives later', async () => {
    const reason = new Error('stop');
    const { response, cancelled } = trackedResponse();
    let resolve: (r: Response) => void = () => {};
    const late = new Promise<Response>((r) => {
      resolve = r;
    });
    await expect(raceAbort(late, AbortSignal.abort(reason))).rejects.toBe(reason);
    resolve(response);
    await tick();
    expect(cancelled()).toBe(true);
  });

  it('raceAbort cancels a Response that arrives after an abort during the race', async () => {
    const controller = new AbortController();
    const { response, cancelled } = trackedResponse();
    let resolve: (r: Response) => void = () => {};
    const late = new Promise<Response>((r) => {
      resolve = r;
    });
    const raced = raceAbort(late, controller.signal);
    controller.abort(new Error('stop'));
    await expect(raced).rejects.toThrow('stop');
    resolve(response);
    await tick();
    expect(cancelled()).toBe(true);
  });

  it('raceAbort resolves with the value, and does not cancel it, when nothing aborts', async () => {
    const { response, cancelled } = trackedResponse();
    await expect(raceAbort(Promise.resolve(response), new AbortController().signal)).resolves.toBe(
      response,
    );
    await tick();
    expect(cancelled()).toBe(false);
  });

  it('raceAbort passes a rejection through, and swallows one that comes after the abort', async () => {
    const failure = new Error('fetch failed');
    await expect(raceAbort(Promise.reject(failure), new AbortController().signal)).rejects.toBe(
      failure,
    );
    const controller = new AbortController();
    let reject: (e: unknown) => void = () => {};
    const late = new Promise<never>((_r, j) => {
      reject = j;
    });
    const raced = raceAbort(late, controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    reject(failure);
    await expect(raced).rejects.toBe(reason);
  });

  it('discardBody cancels an unread body, and leaves a null or used body alone', async () => {
    const { response, cancelled } = trackedResponse();
    discardBody(response);
    await tick();
    expect(cancelled()).toBe(true);
    expect(() => discardBody(new Response(null))).not.toThrow();
    const used = new Response('x');
    await used.text();
    expect(() => discardBody(used)).not.toThrow();
  });
});
