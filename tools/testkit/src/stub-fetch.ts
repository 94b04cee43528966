/**
 * Stub fetches: a `fetch` that answers at once, with no socket and no server, so that what a
 * benchmark times is the caller's own work (parsing, checks, the client's transport).
 */

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** What a stub answers: one text for every request, or the text for the request's URL. */
export type StubAnswer = string | ((url: URL) => string);

/**
 * A fetch answering every call with a new 200 `application/json` Response holding `answer`
 * (or what `answer` gives for the request's URL; the URL is parsed only then).
 *
 * @example
 * const fetch = stubFetch('{"results":[]}');
 * const paged = stubFetch((url) => pages[Number(url.searchParams.get('page') ?? 1) - 1]!);
 */
export function stubFetch(answer: StubAnswer): typeof globalThis.fetch {
  const stub =
    typeof answer === 'string'
      ? (_input: Request | string | URL, _init?: RequestInit): Promise<Response> =>
          Promise.resolve(new Response(answer, { status: 200, headers: JSON_HEADERS }))
      : (input: Request | string | URL, _init?: RequestInit): Promise<Response> => {
          const href =
            typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
          const text = answer(new URL(href));
          return Promise.resolve(new Response(text, { status: 200, headers: JSON_HEADERS }));
        };
  return stub as typeof globalThis.fetch;
}
