/**
 * A tiny static file server (node:http) for the built `docs/` folder, on 127.0.0.1, so that a
 * browser loads the pages the way a reader's browser would. `pnpm run docs:preview` and the
 * docs e2e test both serve the site with it.
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
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves a folder read-only on 127.0.0.1 (`port` 0, the default, picks a free one); `/dir/`
 * answers `/dir/index.html`, `/dir` redirects to `/dir/`, and a path that is not there, or
 * outside the folder, answers 404 (with the folder's `404.html` when it has one).
 *
 * @example
 * const server = await serveStatic('docs');
 * await fetch(`${server.origin}/spec/index.html`);
 * await server.close();
 */
export async function serveStatic(folder: string, port = 0): Promise<StaticServer> {
  const rootDir = resolve(folder);
  const server = await startLoopbackServer(
    async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const file = normalize(join(rootDir, decodeURIComponent(url.pathname)));
      const inside = file === rootDir || file.startsWith(rootDir + sep);
      const found = inside ? await stat(file).catch(() => undefined) : undefined;
      if (found?.isDirectory() && !url.pathname.endsWith('/')) {
        // `/spec` must become `/spec/`, or the page's relative links would miss the folder.
        res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      const served = found?.isDirectory() ? join(file, 'index.html') : file;
      if (!found || !(await stat(served).catch(() => undefined))?.isFile()) {
        const notFound = join(rootDir, '404.html');
        const page = await stat(notFound).catch(() => undefined);
        res.writeHead(404, { 'content-type': contentTypes[page ? '.html' : '.txt'] });
        if (page) createReadStream(notFound).pipe(res);
        else res.end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': contentTypes[extname(served)] ?? 'application/octet-stream',
      });
      createReadStream(served).pipe(res);
    },
    { port },
  );
  return { origin: server.origin, close: server.close };
}
