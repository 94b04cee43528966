/**
 * Real node:http servers on 127.0.0.1 (from the testkit), for the few behaviours that only
 * real sockets show: truncated bodies, dropped connections, gzip, huge headers, redirects
 * between two origins. Each server records the requests it got.
 */
import type { IncomingMessage } from 'node:http';
import {
  type LoopbackHandler,
  type LoopbackServer,
  startLoopbackServer,
} from '@kantata-ox/testkit/loopback';

export interface RecordingServer extends LoopbackServer {
  /** Requests seen, in order. */
  readonly requests: IncomingMessage[];
}

/**
 * Starts a loopback server that records every request before handling it.
 *
 * @example
 * const api = await startRecordingServer((req, res) => res.end('{}'));
 * api.requests.length; // 0
 */
export async function startRecordingServer(
  handler: LoopbackHandler,
  options: { maxHeaderSize?: number } = {},
): Promise<RecordingServer> {
  const requests: IncomingMessage[] = [];
  const server = await startLoopbackServer((req, res) => {
    requests.push(req);
    handler(req, res);
  }, options);
  return { ...server, requests };
}
