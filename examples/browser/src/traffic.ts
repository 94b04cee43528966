/**
 * The page's client, counting what it asks for so that the page can show it (an app would not
 * need to): calls by method through openapi-fetch middleware, and the client's retries.
 */
import { createKantataClient, type KantataClientOptions } from '@kantata-ox/client';

export interface Traffic {
  calls: Record<string, number>;
  retries: number;
}

/**
 * A client with every default but where requests go.
 *
 * @example
 * const { kantata, traffic } = connect({ baseUrl: '/api/v1', token: 'replaced-by-the-backend' });
 */
export function connect(settings: Pick<KantataClientOptions, 'baseUrl' | 'token'>) {
  const traffic: Traffic = { calls: {}, retries: 0 };
  const kantata = createKantataClient({
    ...settings,
    onRetry: () => {
      traffic.retries += 1;
    },
  });
  kantata.use({
    onRequest({ request }) {
      traffic.calls[request.method] = (traffic.calls[request.method] ?? 0) + 1;
    },
  });
  return { kantata, traffic };
}
