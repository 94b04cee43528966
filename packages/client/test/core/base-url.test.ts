import { describe, expect, it } from 'vitest';
import { assertSafeBaseUrl } from '../../src/core/base-url.js';
import { KantataInputError } from '../../src/core/errors.js';

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
  ])('accepts %s as %s', (input, expected) => {
    expect(assertSafeBaseUrl(input)).toBe(expected);
  });

  it('accepts plain http for any host with allowInsecure', () => {
    expect(assertSafeBaseUrl('http://mock.internal/api/', { allowInsecure: true })).toBe(
      'http://mock.internal/api',
    );
  });

  it.each([
    ['http://api.mavenlink.com/api/v1', /loopback/],
    ['http://localhost.evil.com', /loopback/],
    ['http://128.0.0.1', /loopback/],
    ['http://[::2]', /loopback/],
    ['https://user:pass@api.mavenlink.com', /credentials/],
    ['https://user@api.mavenlink.com', /credentials/],
    ['https://:secret@api.mavenlink.com', /credentials/],
    ['https://api.mavenlink.com/api/v1?access_token=x', /query/],
    ['https://api.mavenlink.com/api/v1#frag', /query or fragment/],
    ['https://api.mavenlink.com/api/v1?', /query/],
    ['/api/v1', /absolute/],
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

  it('refuses credentials even with allowInsecure, without echoing them', () => {
    let caught: unknown;
    try {
      assertSafeBaseUrl('http://admin:hunter2@localhost', { allowInsecure: true });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KantataInputError);
    expect((caught as Error).message).not.toContain('hunter2');
  });

  it('refuses a non-string', () => {
    expect(() => assertSafeBaseUrl(42 as unknown as string)).toThrow(KantataInputError);
  });
});
