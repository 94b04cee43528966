// A downstream project on Node CommonJS: the published packages loaded with `require`, real
// calls against the fake Kantata API served over HTTP by @kantata-ox/fixtures/server (the calls
// are shared with the esm consumer: src/calls.cjs, copied in at install). Exits non-zero on any
// failure.
const runCalls = require('./src/calls.cjs');

runCalls({
  client: require('@kantata-ox/client'),
  fixtures: require('@kantata-ox/fixtures'),
  server: require('@kantata-ox/fixtures/server'),
  spec: require('@kantata-ox/types/openapi.json'),
})
  .then(() => console.log('cjs consumer: every call answered as expected'))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
