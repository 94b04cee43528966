#!/usr/bin/env node
/**
 * Runs Verdaccio (the e2e package's devDependency) with a given config file on 127.0.0.1 and an
 * OS-chosen port, then prints one line `VERDACCIO_READY {"port":1234}` on stdout.
 * Stops on SIGTERM/SIGINT. Started by e2e/support/registry-verdaccio.ts; not meant for hand use.
 *
 *   node scripts/verdaccio/serve.mjs /tmp/kantata-verdaccio-x/config.yaml
 */
import { createRequire } from 'node:module';

const configPath = process.argv[2];
if (!configPath) {
  console.error('usage: node scripts/verdaccio/serve.mjs <config.yaml>');
  process.exit(2);
}

// Verdaccio is installed in e2e only; resolve it from there (it is CommonJS).
const require = createRequire(new URL('../../e2e/package.json', import.meta.url));
const { runServer } = require('verdaccio');

const server = await runServer(configPath);
// Port 0: the OS picks a free port, so parallel runs never collide.
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`VERDACCIO_READY ${JSON.stringify({ port: address.port })}\n`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  // Never hang on a stuck socket.
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent went away (e.g. a killed test run): do not outlive it.
process.on('disconnect', stop);
