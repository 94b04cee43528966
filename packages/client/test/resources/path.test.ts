/**
 * How deep a helper call is: the JavaScript stack at the moment the platform's fetch is called,
 * with the client's defaults (a string token, no middleware), names the client's source files it
 * passed through. ARCHITECTURE.md draws the same path; this keeps it at four layers.
 */
import { layersOf } from '@kantata-ox/testkit/layers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKantataClient } from '../../src/client.js';
import { envelopeOf, membership, OM } from '../doubles/answers.js';

type Act = (client: ReturnType<typeof createKantataClient>) => Promise<unknown>;

/** The JavaScript stack where `act`'s first request calls the platform's fetch. */
async function stackAtFetch(act: Act): Promise<string> {
  let stack = '';
  vi.stubGlobal('fetch', async () => {
    stack ||= new Error('at fetch').stack ?? '';
    return envelopeOf(OM, [membership(1)]);
  });
  await act(createKantataClient({ token: 't' }));
  return stack;
}

/** The client's source files on that stack, innermost first. */
async function layersAtFetch(act: Act): Promise<string[]> {
  return layersOf(await stackAtFetch(act));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const PATH = [
  'transport/redirects.ts',
  'transport/transport.ts',
  'helpers/call.ts',
  'helpers/resource.ts',
];

describe('a helper call on the defaults', () => {
  it.each([
    [
      'list',
      (client: ReturnType<typeof createKantataClient>) => client.organizationMemberships.list(),
    ],
    [
      'get',
      (client: ReturnType<typeof createKantataClient>) => client.organizationMemberships.get(1),
    ],
    [
      'create',
      (client: ReturnType<typeof createKantataClient>) =>
        client.organizationMemberships.create({
          geography_id: 1,
          department_id: 2,
          member_id: 3,
          member_type: 'User',
        }),
    ],
  ])('%s reaches fetch through four layers', async (_, act) => {
    expect(await layersAtFetch(act)).toEqual(PATH);
  });
});

describe('a helper call with middleware', () => {
  const list = (client: ReturnType<typeof createKantataClient>) =>
    client.organizationMemberships.list();
  const nothing = { onRequest: () => undefined };

  it('goes through openapi-fetch while any is added, and straight again once ejected', async () => {
    const through = await stackAtFetch((client) => {
      client.use(nothing);
      return list(client);
    });
    // How much of an awaited path a stack keeps differs between runs; the function does not.
    expect(through).toContain('viaRaw');
    const after = await stackAtFetch((client) => {
      client.use(nothing);
      client.raw.eject(nothing);
      return list(client);
    });
    expect(after).not.toContain('viaRaw');
    expect(layersOf(after)).toEqual(PATH);
  });

  it('stays straight when nothing was added (use() with no middleware, or a hole)', async () => {
    const stack = await stackAtFetch((client) => {
      client.use();
      client.raw.use(undefined as never);
      return list(client);
    });
    expect(stack).not.toContain('viaRaw');
    expect(layersOf(stack)).toEqual(PATH);
  });
});

describe('calls without a signal', () => {
  it('link no listener to a shared signal: 30 at once raise no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    vi.stubGlobal('fetch', async () => {
      await answered;
      return envelopeOf(OM, [membership(1)]);
    });
    try {
      const client = createKantataClient({ token: 't' });
      const calls = Array.from({ length: 30 }, () => client.organizationMemberships.list());
      // Every call is waiting at fetch: each has linked whatever it links.
      await new Promise((resolve) => setTimeout(resolve, 0));
      answer();
      await Promise.all(calls);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
});
