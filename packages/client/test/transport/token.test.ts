/** How the transport gets the token and sends it (a string, or a sync or async function). */
import { describe, expect, it } from 'vitest';
import { KantataInputError } from '../../src/errors/classes.js';
import type { TransportOptions } from '../../src/transport/options.js';
import { createTransport } from '../../src/transport/transport.js';
import { reply } from '../doubles/answers.js';
import { API, createObservedTransport, TOKEN } from '../doubles/observed.js';

const get = () => new Request(`${API}/users.json`);

describe('token', () => {
  it('sends a string token as a bearer token', async () => {
    const { transport, fetch } = createObservedTransport([reply(200)]);
    await transport(get());
    expect(fetch.calls[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('calls a sync token function', async () => {
    const { transport, fetch } = createObservedTransport([reply(200)], {
      token: () => 'sync-token',
    });
    await transport(get());
    expect(fetch.calls[0]?.headers.get('authorization')).toBe('Bearer sync-token');
  });

  it('awaits an async token function once per request', async () => {
    let calls = 0;
    const { transport, fetch } = createObservedTransport([reply(503), reply(200)], {
      token: async () => `async-${++calls}`,
    });
    await transport(get());
    await transport(get());
    expect(calls).toBe(2);
    expect(fetch.calls.map((c) => c.headers.get('authorization'))).toEqual([
      'Bearer async-1',
      'Bearer async-1',
      'Bearer async-2',
    ]);
  });

  it('rejects with the error of a rejecting token function and sends nothing', async () => {
    const failure = new Error('token store offline');
    const { transport, fetch } = createObservedTransport([reply(200)], {
      token: () => Promise.reject(failure),
    });
    await expect(transport(get())).rejects.toBe(failure);
    expect(fetch.calls).toHaveLength(0);
  });

  const EMPTY = /^Invalid token: must be a non-empty string$/;
  const NOT_ASCII = /^Invalid token: must contain only visible ASCII characters$/;

  it.each([
    ['an empty token', '', EMPTY],
    ['a token with a space', 'abc def', NOT_ASCII],
    ['a token with a line break', 'abc\ndef', NOT_ASCII],
    [
      'a token that is not a string',
      42,
      /^Invalid token: is required \(a string or a function returning one\)$/,
    ],
  ])('refuses %s when created, naming the token', (_label, token, message) => {
    const refusal = (() => {
      try {
        createTransport({ token: token as string });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(KantataInputError);
    expect(refusal).toMatchObject({ field: 'token', message: expect.stringMatching(message) });
  });

  it.each([
    ['an empty string', '', EMPTY],
    ['a number', 42, EMPTY],
    ['a token with a tab', 'a\tb', NOT_ASCII],
  ])('refuses %s from a token function before any request', async (_label, token, message) => {
    const { transport, fetch } = createObservedTransport([reply(200)], {
      token: () => token as string,
    });
    const refusal = await transport(get()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(KantataInputError);
    expect(refusal).toMatchObject({ field: 'token', message: expect.stringMatching(message) });
    expect(fetch.calls).toHaveLength(0);
  });

  it('refuses a missing token when created', () => {
    expect(() => createTransport({} as TransportOptions).fetch).toThrow(KantataInputError);
  });

  it('refuses an empty token from a function before any request', async () => {
    const { transport, fetch } = createObservedTransport([reply(200)], { token: () => '' });
    await expect(transport(get())).rejects.toBeInstanceOf(KantataInputError);
    expect(fetch.calls).toHaveLength(0);
  });
});
