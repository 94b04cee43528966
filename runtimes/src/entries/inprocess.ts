/**
 * The contract in Node, Deno or Bun, with the fake in-process (`createFakeKantata`, its
 * `fetch` given to the client). Both packages are imported from node_modules as an app would.
 * Argument: the harness's stall URL. Prints the result line, then the JSON report.
 */
import { createFakeKantata } from '@kantata-ox/fixtures';
import { cases } from '../contract.js';
import { REPORT_MARK, runCases } from '../runner.js';
import { fakeOptionsOf, type World } from '../world.js';

interface Runtimes {
  Deno?: { args: string[]; version: { deno: string }; exit(code: number): never };
  Bun?: { version: string };
  process?: { argv: string[]; versions: { node: string }; exit(code: number): never };
}
const { Deno, Bun, process } = globalThis as Runtimes;

const [runtime, version, args] = Deno
  ? ['deno', Deno.version.deno, Deno.args]
  : Bun && process
    ? ['bun', Bun.version, process.argv.slice(2)]
    : process
      ? ['node', process.versions.node, process.argv.slice(2)]
      : ['unknown', '?', []];
const stallUrl = args[0];
if (stallUrl === undefined) throw new Error('usage: inprocess.js <stall URL>');

const world: World = {
  runtime,
  version,
  fakeMode: 'the fake in-process (`createFakeKantata`)',
  stallUrl,
  async startFake(setup) {
    const fake = createFakeKantata(fakeOptionsOf(setup));
    return { baseUrl: undefined, token: fake.token, fetch: fake.fetch, close: async () => {} };
  },
};

const report = await runCases(world, cases);
console.log(report.line);
console.log(`${REPORT_MARK}${JSON.stringify(report)}`);
// Whatever a failed case left running (a timer, a socket) must not keep the runtime alive.
const code = report.results.every((result) => result.passed) ? 0 : 1;
(Deno ?? process)?.exit(code);
