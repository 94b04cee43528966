/**
 * Child processes for tests, e2e checks, benchmarks and release scripts: run a command to
 * completion, or start a server process and wait until it says it is ready. Every started
 * process is stopped (SIGTERM, then SIGKILL) and goes down with the process that started it.
 */
import { type ChildProcess, spawn } from 'node:child_process';

/** What a finished command printed and how it ended. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time, in ms. */
  ms: number;
  /** Killed because it printed nothing for `idleTimeoutMs`. */
  stalled?: boolean;
}

/** Options of {@link run}. */
export interface RunOptions {
  cwd: string;
  /** The whole environment of the command (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Kill the command after this long (default 120 s). */
  timeoutMs?: number;
  /** Kill it, and report it `stalled`, when it prints nothing for this long (default: never). */
  idleTimeoutMs?: number;
}

/**
 * Runs a command to completion and returns its output; never throws for a non-zero exit.
 *
 * @example
 * const { code, stdout } = await run('npm', ['--version'], { cwd: process.cwd() });
 */
export function run(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let stalled = false;
    let idle: NodeJS.Timeout | undefined;
    const watchIdle = () => {
      if (options.idleTimeoutMs === undefined) return;
      clearTimeout(idle);
      idle = setTimeout(() => {
        stalled = true;
        stderr += `\n[killed: no output for ${options.idleTimeoutMs} ms]`;
        child.kill('SIGKILL');
      }, options.idleTimeoutMs);
    };
    watchIdle();
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      watchIdle();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      watchIdle();
    });
    const timeoutMs = options.timeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      clearTimeout(idle);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(idle);
      const ms = performance.now() - started;
      resolve({ code: code ?? 1, stdout, stderr, ms, ...(stalled ? { stalled } : {}) });
    });
  });
}

/**
 * Like {@link run}, but throws (with the command's output) unless it exits 0.
 *
 * @example
 * const { stdout } = await runOk('node', ['-p', '1 + 1'], { cwd: '.' }); // '2\n'
 */
export async function runOk(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` (in ${options.cwd}) exited ${result.code}\n--- stdout\n${result.stdout.slice(-4000)}\n--- stderr\n${result.stderr.slice(-4000)}`,
    );
  }
  return result;
}

/** A process started with {@link startProcess}. */
export interface StartedProcess {
  readonly child: ChildProcess;
  /** What `ready` matched in the output. */
  readonly ready: RegExpExecArray;
  /** Everything printed so far, stdout and stderr interleaved (the last 200,000 characters). */
  output(): string;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period); safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startProcess}. */
export interface StartProcessOptions {
  /** Named in errors, e.g. `kantata-mock`. */
  name: string;
  /** Matched against the output, stdout and stderr together, until it matches. */
  ready: RegExp;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Give up when `ready` has not matched after this long (default 30 s). */
  startTimeoutMs?: number;
  /** How long `stop` waits after SIGTERM before SIGKILL (default 3 s). */
  stopGraceMs?: number;
  /** Open an IPC channel too (a child can then notice that its parent is gone). */
  ipc?: boolean;
  /**
   * Start it in a process group of its own and signal the whole group: for a command that
   * runs others (`pnpm run x` → tsx → node), whose grandchildren would outlive a plain kill.
   */
  group?: boolean;
}

const MAX_OUTPUT = 200_000;

/**
 * Starts a long-running process and resolves once its output matches `ready`. Rejects, with
 * the output, if it exits first, fails to spawn or is not ready in time. The output keeps
 * being read afterwards (a full pipe would block the process), and if this process exits
 * without stopping it, it is killed too.
 *
 * @example
 * const mock = await startProcess(process.execPath, [cli, '--port', '0'], {
 *   name: 'kantata-mock',
 *   ready: /listening on (\S+)/,
 * });
 * const url = mock.ready[1];
 * await mock.stop();
 */
export function startProcess(
  command: string,
  args: readonly string[],
  options: StartProcessOptions,
): Promise<StartedProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    detached: options.group === true,
  });
  const signal = (name: NodeJS.Signals) => {
    if (options.group && child.pid !== undefined) {
      try {
        process.kill(-child.pid, name);
      } catch {
        // The group is already gone.
      }
    } else child.kill(name);
  };
  const killWithParent = () => signal('SIGKILL');
  process.once('exit', killWithParent);
  child.once('exit', () => process.off('exit', killWithParent));
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-MAX_OUTPUT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= stopChild(child, options.stopGraceMs ?? 3_000, signal);
    return stopped;
  };

  return new Promise<StartedProcess>((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    const fail = (why: string) => {
      settle();
      void stop();
      reject(new Error(`${options.name} did not start: ${why}\n${output.slice(-4000)}`));
    };
    const check = () => {
      const match = options.ready.exec(output);
      if (match === null) return;
      settle();
      resolve({ child, ready: match, output: () => output, stop });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited early (${signal ?? `exit ${code}`})`);
    const onError = (error: Error) => fail(error.message);
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/**
 * Stops a child process: SIGTERM, then SIGKILL if it is still running after `graceMs`.
 *
 * @example
 * await stopChild(child, 3_000);
 */
export function stopChild(
  child: ChildProcess,
  graceMs = 3_000,
  signal: (name: NodeJS.Signals) => void = (name) => child.kill(name),
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => signal('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    signal('SIGTERM');
  });
}
