/**
 * The smallest test runner that runs the same in Node, Deno, Bun, workerd and a page: cases run
 * one after another, each with a fresh fake and a guard against a case that never settles, and
 * the run ends in one line (`deno 2.9.6: 21 passed, 0 failed`) and one JSON report for the
 * harness. No test framework, no Node built-ins.
 */
import type { FakeHandle, FakeSetup, World } from './world.js';
import { DATA } from './world.js';

/** What a case gets. */
export interface CaseContext {
  readonly world: World;
  /** A fresh fake (closed when the case ends); `DATA` unless the case says otherwise. */
  fake(setup?: Partial<FakeSetup>): Promise<FakeHandle>;
}

/** One case of the contract. */
export interface Case {
  readonly name: string;
  run(context: CaseContext): Promise<void>;
}

/** How one case ended. */
export interface CaseResult {
  readonly name: string;
  readonly passed: boolean;
  readonly ms: number;
  /** Why it failed: the error's class and message. */
  readonly error?: string;
}

/** What a runtime hands back to the harness. */
export interface RunReport {
  readonly runtime: string;
  readonly version: string;
  readonly fakeMode: string;
  readonly results: readonly CaseResult[];
  /** `<runtime> <version>: N passed, N failed` */
  readonly line: string;
}

/** Marks the output line that carries the JSON report, for the harness to find. */
export const REPORT_MARK = 'contract-report ';

/** A case that has not settled after this long fails (a machine ten times slower stays far below it). */
export const CASE_GUARD_MS = 60_000;

/**
 * Runs every case in `world`, one at a time.
 *
 * @example
 * const report = await runCases(world, cases);
 * console.log(report.line); // 'bun 1.4.5: 21 passed, 0 failed'
 */
export async function runCases(world: World, cases: readonly Case[]): Promise<RunReport> {
  const results: CaseResult[] = [];
  for (const one of cases) results.push(await runCase(world, one));
  const passed = results.filter((result) => result.passed).length;
  const failed = results.length - passed;
  return {
    runtime: world.runtime,
    version: world.version,
    fakeMode: world.fakeMode,
    results,
    line: `${world.runtime} ${world.version}: ${passed} passed, ${failed} failed`,
  };
}

async function runCase(world: World, one: Case): Promise<CaseResult> {
  const fakes: FakeHandle[] = [];
  const context: CaseContext = {
    world,
    async fake(setup = {}) {
      const handle = await world.startFake({ data: DATA, ...setup });
      fakes.push(handle);
      return handle;
    },
  };
  const started = Date.now();
  let guard: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      one.run(context),
      new Promise<never>((_, reject) => {
        guard = setTimeout(
          () => reject(new Error(`did not settle within ${CASE_GUARD_MS} ms`)),
          CASE_GUARD_MS,
        );
      }),
    ]);
    return { name: one.name, passed: true, ms: Date.now() - started };
  } catch (error) {
    return { name: one.name, passed: false, ms: Date.now() - started, error: describe(error) };
  } finally {
    clearTimeout(guard);
    await Promise.allSettled(fakes.map((fake) => fake.close()));
  }
}

/** `KantataApiError: GET /x failed with 404 …`, or the thrown value as text. */
export function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (cause: ${describe(error.cause)})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}

/** Throws `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Throws unless `actual` and `expected` are the same JSON. */
export function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${clip(e)}, got ${clip(a)}`);
}

const clip = (text = 'undefined') => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** The error `promise` rejects with; throws if it resolves. */
export async function rejection(promise: Promise<unknown>, what: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`${what} resolved; it should have rejected`);
}

/** Throws unless `error` is an instance of `type` (naming what it is instead). */
export function checkInstance<T>(
  error: unknown,
  type: abstract new (...args: never[]) => T,
  what: string,
): asserts error is T {
  if (!(error instanceof type))
    throw new Error(`${what}: expected a ${type.name}, got ${describe(error)}`);
}
