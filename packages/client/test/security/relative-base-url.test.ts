/**
 * A relative base URL (`/api/v1`, behind a dev server's proxy) is resolved against the page's
 * location where there is one, and checked like any other once resolved; where there is no
 * page (Node, Bun, Deno without --location) it is refused, saying why.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKantataClient } from '../../src/client.js';
import { KantataApiError, KantataInputError } from '../../src/errors/classes.js';
import { assertSafeBaseUrl } from '../../src/transport/base-url.js';
import { apiErrors, json } from '../doubles/answers.js';
import { observedFetch, TOKEN } from '../doubles/observed.js';

/** Runs the test as if in a page at `href`. */
function onPage(href: string): void {
  vi.stubGlobal('location', { href });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('in a page', () => {
  it.each([
    ['https://app.example.com/', '/api/v1', 'https://app.example.com/api/v1'],
    ['https://app.example.com/a/b?q=1#top', '/api/v1/', 'https://app.example.com/api/v1'],
    ['https://app.example.com/a/b', 'api/v1', 'https://app.example.com/a/api/v1'],
    ['https://app.example.com/', '//api.example.com/v1', 'https://api.example.com/v1'],
    ['http://localhost:5173/', '/api/v1', 'http://localhost:5173/api/v1'],
    ['http://127.0.0.1:5173/settings', '/api/v1', 'http://127.0.0.1:5173/api/v1'],
    // An absolute URL is used as it is, page or not.
    [
      'http://localhost:5173/',
      'https://api.mavenlink.com/api/v1',
      'https://api.mavenlink.com/api/v1',
    ],
  ])('at %s resolves %j to %s', (page, baseUrl, expected) => {
    onPage(page);
    expect(assertSafeBaseUrl(baseUrl)).toBe(expected);
  });

  it('refuses an http page on the network unless allowed, naming the option', () => {
    onPage('http://192.168.1.20:5173/');
    expect(() => assertSafeBaseUrl('/api/v1')).toThrow(
      new KantataInputError(
        'baseUrl',
        'http is only allowed for loopback hosts (got 192.168.1.20:5173); use https, or allowInsecureBaseUrl: true for a dev host on your network',
      ),
    );
    expect(assertSafeBaseUrl('/api/v1', true)).toBe('http://192.168.1.20:5173/api/v1');
  });

  it.each([
    ['/api/v1?x=1', /query or fragment/],
    ['/api/v1#top', /query or fragment/],
  ])('still refuses %j', (baseUrl, message) => {
    onPage('https://app.example.com/');
    expect(() => assertSafeBaseUrl(baseUrl)).toThrow(message);
  });

  it('refuses credentials the page address holds, without echoing them', () => {
    onPage(`https://user:${TOKEN}@app.example.com/`);
    expect(() => assertSafeBaseUrl('/api/v1')).toThrow(
      'Invalid baseUrl: must not contain credentials',
    );
  });

  it('refuses what a page that cannot be a base leaves unresolvable', () => {
    onPage('about:blank');
    expect(() => assertSafeBaseUrl('/api/v1')).toThrow(
      'Invalid baseUrl: must be an absolute http(s) URL (relative only in a page)',
    );
  });

  it('sends a client created with /api/v1 to the page origin, with paths relative to it in errors', async () => {
    onPage('https://app.example.com/dashboard');
    const fetch = observedFetch([
      () => json({ count: 0, results: [], organization_memberships: {} }),
      () => apiErrors(404, [{ type: 'system', message: 'not found' }]),
    ]);
    const client = createKantataClient({ token: TOKEN, baseUrl: '/api/v1', fetch });
    await client.organizationMemberships.list();
    expect(fetch.calls[0]?.url).toBe('https://app.example.com/api/v1/organization_memberships');
    const error = await client.organizationMemberships.delete(5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KantataApiError);
    expect(error).toMatchObject({ path: '/organization_memberships/5', status: 404 });
  });
});

describe('without a page', () => {
  it('refuses a relative base URL, saying there is no page to resolve it against', () => {
    expect(globalThis.location).toBeUndefined();
    expect(() => createKantataClient({ token: TOKEN, baseUrl: '/api/v1' })).toThrow(
      'Invalid baseUrl: must be an absolute http(s) URL (relative only in a page)',
    );
  });

  it('refuses it where reading location throws (Deno without --location)', () => {
    Object.defineProperty(globalThis, 'location', {
      configurable: true,
      get() {
        throw new ReferenceError('Access to "location", run again with --location <href>.');
      },
    });
    try {
      expect(() => assertSafeBaseUrl('/api/v1')).toThrow(/relative only in a page/);
    } finally {
      Reflect.deleteProperty(globalThis, 'location');
    }
  });
});
