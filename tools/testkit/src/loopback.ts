/**
 * HTTP servers on 127.0.0.1 and a free port, for tests, e2e checks and benchmarks: the one
 * place that knows how to start one, find its origin, and close it without waiting for
 * keep-alive connections to time out.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  readonly server: Server;
  /** Destroys every open connection, then stops listening. Safe to call twice. */
  close(): Promise<void>;
}

/** What a loopback server answers with. */
export type LoopbackHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Starts a node:http server on 127.0.0.1 and a port the OS picks (so parallel runs never
 * collide), or on `port` when a person must be told one (e.g. `pnpm run docs:preview`).
 *
 * @example
 * const api = await startLoopbackServer((req, res) => res.end('{}'));
 * await fetch(`${api.origin}/x`);
 * await api.close();
 */
export async function startLoopbackServer(
  handler: LoopbackHandler,
  options: Pick<ServerOptions, 'maxHeaderSize'> & { port?: number } = {},
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = createServer({ maxHeaderSize: options.maxHeaderSize }, handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = portOf(server);
  let closed: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}

/**
 * A port that was free a moment ago on 127.0.0.1 (bind port 0, read it, release it), for a
 * program that must be told its port. Someone else may take it before that program binds
 * it: be ready to try again (see `startProcess`'s callers).
 *
 * @example
 * const port = await freePort(); // e.g. 41873
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = portOf(server);
      server.close(() => resolve(port));
    });
  });
}

function portOf(server: { address(): ReturnType<Server['address']> }): number {
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error(`not listening on a TCP port: ${String(address)}`);
  }
  return address.port;
}
