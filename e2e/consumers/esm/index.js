// A downstream project on Node ESM: the published packages loaded with `import`, real calls
// against the fake Kantata API served over HTTP by @kantata-ox/fixtures/server (the calls are
// shared with the cjs consumer: src/calls.cjs, copied in at install). Exits non-zero on any
// failure.
import * as client from '@kantata-ox/client';
import * as fixtures from '@kantata-ox/fixtures';
import * as server from '@kantata-ox/fixtures/server';
import spec from '@kantata-ox/types/openapi.json' with { type: 'json' };
import runCalls from './src/calls.cjs';

await runCalls({ client, fixtures, server, spec });
console.log('esm consumer: every call answered as expected');
