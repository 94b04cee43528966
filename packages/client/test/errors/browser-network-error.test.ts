/**
 * In a browser, fetch rejects with a bare TypeError whatever went wrong below HTTP, and a
 * CORS refusal looks exactly like a dead network. The KantataNetworkError says so.
 */
import { describe, expect, it } from 'vitest';
import { KantataNetworkError } from '../../src/errors/classes.js';
import { networkFailure } from '../doubles/answers.js';
import { createObservedClient } from '../doubles/observed.js';

const HINT = '(likely CORS or the network; the browser gives no reason)';

/** How each engine's fetch fails: Chromium, Firefox, Safari. */
const BROWSER_FAILURES = [
  'Failed to fetch',
  'NetworkError when attempting to fetch resource.',
  'Load failed',
];

async function failureOf(thrown: () => never): Promise<KantataNetworkError> {
  const { client } = createObservedClient(thrown, { retry: { maxRetries: 0 } });
  const error = await client.organizationMemberships.list().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KantataNetworkError);
  return error as KantataNetworkError;
}

describe('a browser fetch failure', () => {
  it.each(BROWSER_FAILURES)('"%s" names CORS or the network as the likely cause', async (text) => {
    const error = await failureOf(() => {
      throw new TypeError(text);
    });
    expect(error.message).toBe(
      `GET /organization_memberships failed after 1 attempt: ${text} ${HINT}`,
    );
    // The cause is a masked copy of what fetch threw (see redactError), as for any failure.
    expect(error.cause).toMatchObject({ name: 'TypeError', message: text });
    expect(error.code).toBeUndefined();
  });

  it('keeps the hint after retries, with default options', async () => {
    const { client, fetch } = createObservedClient(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await client.organizationMemberships.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KantataNetworkError);
    expect((error as Error).message).toContain(`Failed to fetch ${HINT}`);
    expect((error as KantataNetworkError).attempts).toBe(fetch.calls.length);
  });
});

describe('other failures', () => {
  it("leave Node's coded failure as it was", async () => {
    const error = await failureOf(() => networkFailure('ECONNREFUSED'));
    expect(error.message).toBe(
      'GET /organization_memberships failed after 1 attempt: fetch failed (ECONNREFUSED)',
    );
  });

  it.each([
    ['an Error that is not a TypeError', new Error('Failed to fetch')],
    ['a TypeError saying something else', new TypeError('Failed to parse URL')],
  ])('get no hint: %s', async (_label, thrown) => {
    const error = await failureOf(() => {
      throw thrown;
    });
    expect(error.message).not.toContain('CORS');
  });
});
