// A downstream TypeScript project (module and moduleResolution node16): the published packages,
// typed real calls against the fake Kantata API served over HTTP (`typed-calls.ts`, shared with
// ts-bundler and copied here at install). `tsc` checks it strictly; the emitted JS runs on Node
// and exits non-zero on any failure.
import { runTypedCalls } from './typed-calls.js';

await runTypedCalls();
console.log('ts-node16 consumer (ESM): every call answered as expected');
