// A downstream TypeScript project (moduleResolution bundler): the published packages, typed real
// calls against the fake Kantata API served over HTTP (`typed-calls.ts`, shared with ts-node16
// and copied here at install). `tsc` checks it strictly; the emitted JS runs on Node and exits
// non-zero on any failure.
import { runTypedCalls } from './typed-calls.js';

await runTypedCalls();
console.log('ts-bundler consumer: every call answered as expected');
