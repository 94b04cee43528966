/**
 * A chaos proxy on 127.0.0.1 in front of the mock server. It adds the one fault the fake
 * cannot: a POST that the server fully processed whose answer is then lost (the client's
 * socket is destroyed instead of sending the response). That is the dangerous case for
 * `createMany`: the objects (all of them, or in the partial bulk mode the valid ones of a
 * 422) exist, the client saw a network error, and must not send them again.
 * Upstream drops are passed on as drops; everything else is relayed unchanged.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createRandom } from '@kantata-ox/fixtures';
import { startLoopbackServer } from '@kantata-ox/testkit/loopback';

export interface ChaosProxyOptions {
  /** Origin of the upstream server, e.g. `http://127.0.0.1:4010`. */
  upstream: string;
  /** Probability that a POST's answer (2xx or 422) is dropped after the upstream processed it. */
  dropProcessedPostRate: number;
  /** PRNG seed. */
  seed: number;
}

export interface ChaosProxy {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  readonly stats: { requests: number; droppedAfterProcessing: number };
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) are not relayed; bodies are relayed whole.
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length'];

function relayable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete out[name];
  return out;
}

/**
 * Starts the proxy.
 *
 * @example
 * const proxy = await startChaosProxy({ upstream: mock.origin, dropProcessedPostRate: 0.1, seed: 3 });
 * createKantataClient({ baseUrl: `${proxy.origin}/api/v1`, token });
 */
export async function startChaosProxy(options: ChaosProxyOptions): Promise<ChaosProxy> {
  const upstream = new URL(options.upstream);
  const random = createRandom(options.seed);
  const stats = { requests: 0, droppedAfterProcessing: 0 };

  const server = await startLoopbackServer((req, res) => {
    stats.requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...relayable(req.headers), 'content-length': String(body.length) },
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('error', () => req.socket.destroy());
          answer.on('end', () => {
            const status = answer.statusCode ?? 502;
            // Processed: created everything (2xx), or refused some items (422) — in the fake's
            // partial bulk mode a 422 still created the valid ones.
            const processed =
              req.method === 'POST' && ((status >= 200 && status < 300) || status === 422);
            if (processed && random.next() < options.dropProcessedPostRate) {
              stats.droppedAfterProcessing += 1;
              req.socket.destroy();
              return;
            }
            const payload = Buffer.concat(parts);
            res.writeHead(status, {
              ...relayable(answer.headers),
              'content-length': String(payload.length),
            });
            res.end(payload);
          });
        },
      );
      // The upstream dropped the connection (a fault of the fake): drop ours too.
      forward.on('error', () => req.socket.destroy());
      forward.end(body);
    });
  });
  return { origin: server.origin, stats, close: server.close };
}
