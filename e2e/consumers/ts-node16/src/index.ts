// A downstream TypeScript project (module and moduleResolution node16): the published packages,
// typed real calls against the fake Kantata API served over HTTP (`typed-calls.ts`, shared with
// the other TypeScript consumers and copied here at install). `tsc` checks it strictly; the
// emitted JS runs on Node and exits non-zero on any failure.
import { runTypedCallsOverHttp } from './typed-calls.js';

await runTypedCallsOverHttp();
console.log('ts-node16 consumer (ESM): every call answered as expected');
