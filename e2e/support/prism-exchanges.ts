/**
 * A `fetch` that records each HTTP exchange with Prism and the spec violations Prism reported.
 * Injected into the client, so every request its helpers send is seen exactly as sent.
 */

/** One violation, as Prism lists it in `sl-violations` or in a problem+json body. */
export interface Violation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

/** One request and Prism's verdict on it. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  violations: Violation[];
}

/** The recorder: the fetch to inject and what it has seen. */
export interface ExchangeRecorder {
  readonly fetch: typeof globalThis.fetch;
  readonly exchanges: Exchange[];
}

/** Violations Prism reported on a response: the `sl-violations` header, else a problem body. */
export async function violationsOf(response: Response): Promise<Violation[]> {
  const header = response.headers.get('sl-violations');
  if (header) return JSON.parse(header) as Violation[];
  if (response.headers.get('content-type')?.includes('application/problem+json')) {
    const problem = (await response.clone().json()) as { validation?: Violation[]; title?: string };
    return (
      problem.validation ?? [{ location: [], severity: 'Error', message: String(problem.title) }]
    );
  }
  return [];
}

/**
 * Wraps a fetch so that every exchange is recorded.
 *
 * @example
 * const recorder = recordExchanges();
 * const client = createKantataClient({ token: 'x', baseUrl: prism.url, fetch: recorder.fetch });
 * await client.organizationMemberships.list();
 * recorder.exchanges[0]?.violations; // []
 */
export function recordExchanges(inner: typeof globalThis.fetch = fetch): ExchangeRecorder {
  const exchanges: Exchange[] = [];
  const recording: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await inner(request);
    exchanges.push({
      method: request.method,
      url: request.url,
      status: response.status,
      violations: await violationsOf(response),
    });
    return response;
  };
  return { fetch: recording, exchanges };
}
