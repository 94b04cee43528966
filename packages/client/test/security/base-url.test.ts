/**
 * The base URL decides where the token goes (src/transport/base-url.ts): https only, plain http
 * only for loopback unless opted in, no credentials, no query or fragment.
 */
import { describe, expect, it } from 'vitest';
import { createKantataClient } from '../../src/client.js';
import { KantataInputError } from '../../src/errors/classes.js';
import { assertSafeBaseUrl } from '../../src/transport/base-url.js';
import { json } from '../doubles/answers.js';
import { expectNoSecret } from '../doubles/leaks.js';
import { observedFetch, TOKEN } from '../doubles/observed.js';

/** Plain-http hosts that are not loopback, whatever they look like. */
const INSECURE = [
  'http://api.mavenlink.com/api/v1',
  'http://example.com',
  'http://10.0.0.1:4010',
  'http://192.168.1.1',
  'http://0.0.0.0:4010',
  'http://128.0.0.1',
  'http://localhost.evil.com',
  'http://127.0.0.1.nip.io',
  'http://[::2]',
  'http://[::ffff:127.0.0.1]',
  'http://[fe80::1]',
];

describe('assertSafeBaseUrl', () => {
  it.each([
    ['https://api.mavenlink.com/api/v1', 'https://api.mavenlink.com/api/v1'],
    ['https://api.mavenlink.com/api/v1/', 'https://api.mavenlink.com/api/v1'],
    ['https://api.mavenlink.com/', 'https://api.mavenlink.com'],
    ['https://api.mavenlink.com', 'https://api.mavenlink.com'],
    ['HTTPS://API.Example.COM:8443/v1//', 'https://api.example.com:8443/v1'],
    ['http://localhost:4010', 'http://localhost:4010'],
    ['http://127.0.0.1:4010/api/v1/', 'http://127.0.0.1:4010/api/v1'],
    ['http://127.8.9.10', 'http://127.8.9.10'],
    ['http://[::1]:8080/', 'http://[::1]:8080'],
    // The URL parser normalises the short and decimal forms of an IPv4 loopback address.
    ['http://127.1', 'http://127.0.0.1'],
    ['http://2130706433', 'http://127.0.0.1'],
  ])('accepts %s as %s', (input, expected) => {
    expect(assertSafeBaseUrl(input)).toBe(expected);
  });

  it.each(INSECURE)('refuses %s, which is not loopback', (input) => {
    expect(() => assertSafeBaseUrl(input)).toThrow(KantataInputError);
    expect(() => assertSafeBaseUrl(input)).toThrow(/http is only allowed for loopback hosts/);
  });

  it.each(INSECURE)('accepts %s with allowInsecure', (input) => {
    expect(assertSafeBaseUrl(input, true)).toMatch(/^http:\/\//);
  });

  it.each([
    ['https://user:pass@api.mavenlink.com', /credentials/],
    ['https://user@api.mavenlink.com', /credentials/],
    ['https://:secret@api.mavenlink.com', /credentials/],
    ['https://api.mavenlink.com/api/v1?access_token=x', /query/],
    ['https://api.mavenlink.com/api/v1#frag', /query or fragment/],
    ['https://api.mavenlink.com/api/v1?', /query/],
    // No page here (Node): nothing to resolve a relative URL against.
    ['/api/v1', /absolute http\(s\) URL \(relative only in a page\)/],
    ['api.mavenlink.com', /absolute|https/],
    ['localhost:4010', /https/],
    ['ftp://api.mavenlink.com', /https/],
    ['file:///etc/passwd', /https/],
    ['javascript:alert(1)', /https/],
    ['', /non-empty/],
    ['   ', /non-empty/],
  ])('refuses %j', (input, message) => {
    expect(() => assertSafeBaseUrl(input)).toThrow(KantataInputError);
    expect(() => assertSafeBaseUrl(input)).toThrow(message);
  });

  it.each([
    '',
    '/api/v1',
    'ftp://api.mavenlink.com',
    'https://user:pass@api.mavenlink.com',
    'http://api.mavenlink.com',
    'https://api.mavenlink.com/api/v1?',
  ])('names baseUrl as the wrong field when refusing %j', (input) => {
    expect(() => assertSafeBaseUrl(input)).toThrow(
      expect.objectContaining({
        field: 'baseUrl',
        message: expect.stringMatching(/^Invalid baseUrl: /),
      }),
    );
  });

  it('refuses a non-string', () => {
    expect(() => assertSafeBaseUrl(42 as unknown as string)).toThrow(KantataInputError);
  });
});

describe('the client', () => {
  it('refuses an insecure base URL when created, before any request, unless allowed', () => {
    const fetch = observedFetch(() => json({}));
    expect(() =>
      createKantataClient({ token: TOKEN, baseUrl: 'http://example.com', fetch }),
    ).toThrow(KantataInputError);
    expect(() =>
      createKantataClient({
        token: TOKEN,
        baseUrl: 'http://example.com',
        allowInsecureBaseUrl: true,
      }),
    ).not.toThrow();
    expect(fetch.calls).toHaveLength(0);
  });

  it('names the option that allows an insecure base URL, as the client spells it', () => {
    expect(() => createKantataClient({ token: TOKEN, baseUrl: 'http://example.com' })).toThrow(
      'Invalid baseUrl: http is only allowed for loopback hosts (got example.com); use https, or allowInsecureBaseUrl: true for a dev host on your network',
    );
  });

  it.each([
    ['a host that is not loopback', `http://user:${TOKEN}@example.com`, false],
    ['a loopback host, with allowInsecureBaseUrl', `http://admin:${TOKEN}@localhost`, true],
  ])('never echoes credentials embedded in the URL of %s', (_label, baseUrl, allowInsecure) => {
    const error = (() => {
      try {
        createKantataClient({ token: 'other', baseUrl, allowInsecureBaseUrl: allowInsecure });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(KantataInputError);
    expect((error as Error).message).toBe('Invalid baseUrl: must not contain credentials');
    expectNoSecret(error);
  });
});
