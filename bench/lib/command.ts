/** Runs a command and reports its wall time and output (for the build and tool sections). */
import { type RunResult, runOk } from '@kantata-ox/testkit/process';

/**
 * Runs `command args…` in `cwd`, collecting output; rejects when it exits non-zero. Turbo's
 * telemetry is off; a build may take long, so the command is only killed after 30 minutes.
 *
 * @example
 * const { ms } = await timeCommand('pnpm', ['generate'], '/work/main');
 */
export function timeCommand(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  return runOk(command, args, {
    cwd,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', ...env },
    timeoutMs: 30 * 60_000,
  });
}
