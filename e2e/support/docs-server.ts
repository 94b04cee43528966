/**
 * A tiny static file server (node:http) for the built `docs/` folder, on 127.0.0.1 and a
 * free port, so that the browser loads the pages the way a reader's browser would.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { startLoopbackServer } from '@kantata-ox/testkit/loopback';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves a folder read-only; `/dir/` answers `/dir/index.html`, anything outside the folder 404.
 *
 * @example
 * const server = await serveStatic('docs');
 * await fetch(`${server.origin}/spec/index.html`);
 * await server.close();
 */
export async function serveStatic(folder: string): Promise<StaticServer> {
  const rootDir = resolve(folder);
  const server = await startLoopbackServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(rootDir, pathname));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      await stat(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    });
    createReadStream(file).pipe(res);
  });
  return { origin: server.origin, close: server.close };
}
