import { describe, expect, it } from 'vitest';
import { stubFetch } from '../src/stub-fetch.js';

describe('stubFetch', () => {
  it('answers every call with a new 200 JSON response holding the text', async () => {
    const fetch = stubFetch('{"a":1}');
    const [first, second] = await Promise.all([fetch('https://x.test/a'), fetch('/b')]);
    expect(first).not.toBe(second);
    for (const response of [first, second]) {
      expect(response?.status).toBe(200);
      expect(response?.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response?.json()).toEqual({ a: 1 });
    }
  });

  it('answers by URL, whatever form the request takes', async () => {
    const fetch = stubFetch((url) => JSON.stringify({ page: url.searchParams.get('page') }));
    const href = 'https://x.test/list?page=3';
    for (const input of [href, new URL(href), new Request(href)]) {
      expect(await (await fetch(input)).json()).toEqual({ page: '3' });
    }
  });
});
