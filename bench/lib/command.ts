/** Runs a command and reports its wall time and output (for the build and tool sections). */
import { spawn } from 'node:child_process';

export interface CommandResult {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `command args…` in `cwd`, collecting output; rejects when it exits non-zero.
 *
 * @example
 * const { ms } = await timeCommand('pnpm', ['generate'], '/work/main');
 */
export function timeCommand(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { ms: performance.now() - started, code, stdout, stderr };
      if (code === 0) resolve(result);
      else {
        reject(
          new Error(
            `${command} ${args.join(' ')} exited ${code}\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`,
          ),
        );
      }
    });
  });
}
