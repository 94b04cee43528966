/**
 * The harness's one HTTP server on 127.0.0.1, which every runtime reaches:
 *
 * - `/stall/body/…` answers headers and the start of a JSON body, then nothing, until the
 *   client goes away; `/stall/headers/…` never answers at all;
 * - `POST /fakes?route=direct|proxy|cors` starts a `kantata-mock` process (the real CLI, on a
 *   fresh port) loaded with the posted `FakeSetup` and answers `{ id, baseUrl, token }`;
 *   `DELETE /fakes/<id>` stops it;
 * - `/fake/<id>/…` proxies to that mock, so a page on this origin calls it without CORS;
 * - any other GET serves a file of `pageDir` (the Chromium page, its bundle, MSW's worker).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { text } from 'node:stream/consumers';
import { startLoopbackServer } from '@kantata-ox/testkit/loopback';
import { type StartedProcess, startProcess } from '@kantata-ox/testkit/process';
import type { FakeSetup } from '../src/world.js';

/** The running harness. */
export interface Harness {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Stops every mock still running, then the server. */
  close(): Promise<void>;
}

/** The `kantata-mock` command of the fixtures package, as installed. */
const kantataMock = join(
  dirname(createRequire(import.meta.url).resolve('@kantata-ox/fixtures/package.json')),
  'bin/kantata-mock.js',
);

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/**
 * Starts the harness; `pageDir` holds the files a page loads.
 *
 * @example
 * const harness = await startHarness({ pageDir: built.pageDir });
 * await harness.close();
 */
export async function startHarness(options: { pageDir: string }): Promise<Harness> {
  const mocks = new Map<string, StartedProcess & { origin: string }>();
  const dataDir = mkdtempSync(join(tmpdir(), 'kantata-runtimes-'));
  const stalled = new Set<ServerResponse>();
  let origin = '';

  const startMock = async (setup: FakeSetup, route: string) => {
    const id = randomUUID();
    const data = join(dataDir, `${id}.json`);
    writeFileSync(data, JSON.stringify(setup.data));
    const args = [kantataMock, '--port', '0', '--data', data, '--strict', '--quiet'];
    if (setup.fault503) args.push('--fault-nth', setup.fault503.join(','), '--faults', '503');
    if (route === 'cors') args.push('--cors');
    const mock = await startProcess(process.execPath, args, {
      name: 'kantata-mock',
      ready: /listening on (http:\/\/[^/\s]+)(\S*)\s+token: (\S+)\n/,
    });
    const [, mockOrigin = '', basePath = '', token = ''] = mock.ready;
    mocks.set(id, { ...mock, origin: mockOrigin });
    const baseUrl =
      route === 'proxy' ? `${origin}/fake/${id}${basePath}` : `${mockOrigin}${basePath}`;
    return { id, baseUrl, token };
  };

  const stopMock = async (id: string) => {
    const mock = mocks.get(id);
    mocks.delete(id);
    await mock?.stop();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    const [, first, second] = url.pathname.split('/');
    if (first === 'stall') {
      stalled.add(response);
      response.on('close', () => stalled.delete(response));
      if (second === 'body') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"count": 1, "results": [');
      }
      return;
    }
    if (first === 'fakes' && request.method === 'POST') {
      try {
        const setup = JSON.parse(await text(request)) as FakeSetup;
        json(response, 200, await startMock(setup, url.searchParams.get('route') ?? 'direct'));
      } catch (error) {
        // The reason, without the usage text a refused flag prints after it.
        const message = error instanceof Error ? error.message : String(error);
        json(response, 500, { error: message.split('\n').slice(0, 2).join(': ') });
      }
      return;
    }
    if (first === 'fakes' && request.method === 'DELETE' && second) {
      await stopMock(second);
      json(response, 200, {});
      return;
    }
    if (first === 'fake' && second) {
      const mock = mocks.get(second);
      if (!mock) return json(response, 404, { error: `no mock ${second}` });
      const rest = url.pathname.slice(`/fake/${second}`.length) + url.search;
      return proxy(request, response, `${mock.origin}${rest}`);
    }
    if (request.method === 'GET') return serveFile(response, options.pageDir, url.pathname);
    json(response, 404, { error: `nothing at ${request.method} ${url.pathname}` });
  };

  const server = await startLoopbackServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) json(response, 500, { error: String(error) });
      else response.destroy();
    });
  });
  origin = server.origin;
  return {
    origin,
    async close() {
      await Promise.all([...mocks.keys()].map(stopMock));
      for (const response of stalled) response.destroy();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Forwards the request as it came and the answer as it comes, status, headers and body. */
function proxy(request: IncomingMessage, response: ServerResponse, target: string): void {
  const upstream = httpRequest(
    target,
    { method: request.method, headers: { ...request.headers, host: new URL(target).host } },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  // A dropped connection upstream is dropped here too.
  upstream.on('error', () => response.destroy());
  request.pipe(upstream);
}

function serveFile(response: ServerResponse, root: string, pathname: string): void {
  const path = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  let body: Buffer | undefined;
  try {
    // Only files of the page folder, nothing above it.
    if (path.startsWith(`${root}/`)) body = readFileSync(path);
  } catch {
    body = undefined;
  }
  if (body === undefined) {
    json(response, 404, { error: `no file ${pathname}` });
    return;
  }
  response.writeHead(200, {
    'content-type': types[extname(path)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  response.end(body);
}
