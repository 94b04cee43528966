#!/usr/bin/env node
/**
 * Runs Verdaccio (a dependency of this package) with a given config file on 127.0.0.1 and an
 * OS-chosen port, then prints one line `VERDACCIO_READY {"port":1234}` on stdout.
 * Stops on SIGTERM/SIGINT. Started by registry.ts; not meant for hand use.
 *
 *   node tools/testkit/src/verdaccio-serve.mjs /tmp/kantata-verdaccio-x/config.yaml
 */
import { runServer } from 'verdaccio';

const configPath = process.argv[2];
if (!configPath) {
  console.error('usage: node verdaccio-serve.mjs <config.yaml>');
  process.exit(2);
}

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
