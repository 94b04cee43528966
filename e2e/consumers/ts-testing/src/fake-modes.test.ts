// A downstream team's tests (node:test) of code that uses the client, run through each mode of
// the fake Kantata API: the same typed calls (`typed-calls.ts`) through `createFakeKantata().fetch`,
// MSW handlers and kantata-mock's HTTP server (`fake-modes.ts`, both copied here at install).
// `tsc` checks them under moduleResolution node16 (tsconfig.json) and bundler
// (tsconfig.bundler.json); the JS emitted for node16 runs with `node --test`.
import { test } from 'node:test';
import { FAKE_MODES } from './fake-modes.js';
import { runTypedCalls, seededFake } from './typed-calls.js';

for (const mode of FAKE_MODES) {
  test(`every typed call answers as expected through ${mode.name}`, async () => {
    const fake = seededFake();
    const { kantata, close } = await mode.connect(fake);
    try {
      await runTypedCalls(kantata, fake);
    } finally {
      await close();
    }
  });
}
