/** Any plain-http host that is not loopback is refused as a base URL, before any request. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKantataClient } from '../../src/client.js';
import { json } from '../doubles/answers.js';
import { observedFetch, TOKEN } from '../doubles/observed.js';
import { runs } from './runs.js';

describe('a plain-http base URL', () => {
  it('is refused for any host but loopback, and no request is made', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.domain(),
        fc.option(fc.integer({ min: 1, max: 65535 })),
        async (host, port) => {
          fc.pre(!/^localhost$/i.test(host));
          const fetch = observedFetch(() => json({}));
          const baseUrl = `http://${host}${port === null ? '' : `:${port}`}/api/v1`;
          expect(() => createKantataClient({ token: TOKEN, baseUrl, fetch })).toThrow(
            /http is only allowed for loopback hosts/,
          );
          expect(fetch.calls).toHaveLength(0);
        },
      ),
      runs(200),
    );
  });
});
