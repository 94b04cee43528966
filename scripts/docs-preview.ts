/**
 * `pnpm run docs:preview [port]`: serves the built `docs/` folder on 127.0.0.1 (port 4173 by
 * default) until interrupted. VitePress pages load their scripts from absolute paths, so the
 * site is read through a server, not from `file://`. Build it first with `pnpm run docs`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static-server.js';

const docs = fileURLToPath(new URL('../docs', import.meta.url));
const port = Number(process.argv[2] ?? 4173);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(
    `docs:preview: the port must be an integer from 0 to 65535, not ${process.argv[2]}`,
  );
  process.exit(2);
}
if (!existsSync(join(docs, 'index.html'))) {
  console.error('docs:preview: docs/ has not been built; run `pnpm run docs` first');
  process.exit(1);
}
const server = await serveStatic(docs, port);
console.log(`docs:preview: serving docs/ on ${server.origin}/ (Ctrl-C stops it)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
