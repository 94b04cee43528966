/**
 * Child processes for the registry checks: run a command, capture its output, and give npm
 * an environment that reads only the config we hand it.
 */
import { spawn } from 'node:child_process';

/** What a finished command printed and how it ended. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Killed because it printed nothing for `idleTimeoutMs`. */
  stalled?: boolean;
}

/** Options of {@link run}. */
export interface RunOptions {
  cwd: string;
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
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs ?? 120_000} ms]`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      clearTimeout(idle);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(idle);
      resolve({ code: code ?? 1, stdout, stderr, ...(stalled ? { stalled } : {}) });
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
      `\`${command} ${args.join(' ')}\` (in ${options.cwd}) exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  return result;
}

/**
 * The current environment without any npm/pnpm configuration variables, plus a user-level
 * npmrc: npm then reads only that file (and the project's own .npmrc), so a registry or token
 * inherited from a `pnpm run` or the developer's shell can never redirect a publish.
 *
 * @example
 * const env = npmEnv('/tmp/x/.npmrc', { npm_config_cache: '/tmp/x/cache' });
 */
export function npmEnv(userconfig: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_config_/i.test(key) || /^npm_(package|lifecycle)_/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_userconfig: userconfig,
    // A global npmrc could name another registry too; point it at nothing.
    npm_config_globalconfig: `${userconfig}.global-unused`,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    ...extra,
  };
}
