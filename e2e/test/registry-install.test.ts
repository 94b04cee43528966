/**
 * The registry test's consumer installs: a stalled `npm install` is killed and run again once;
 * a failed one is reported as it is, never retried.
 */

import { type RunResult, run } from '@kantata-ox/testkit/process';
import { describe, expect, it, vi } from 'vitest';
import { retryOnceIfStalled } from '../support/registry-consumers.js';

const ok: RunResult = { code: 0, stdout: 'added 12 packages', stderr: '', ms: 1 };
const stalled: RunResult = {
  code: 1,
  stdout: '',
  stderr: 'npm http fetch GET',
  ms: 1,
  stalled: true,
};
const failed: RunResult = { code: 1, stdout: '', stderr: 'npm error code E404', ms: 1 };

function attempts(...results: RunResult[]) {
  const queue = [...results];
  return vi.fn(async () => queue.shift() ?? ok);
}

describe('retryOnceIfStalled', () => {
  it('runs a healthy install once', async () => {
    const attempt = attempts(ok);
    const beforeRetry = vi.fn();
    await expect(retryOnceIfStalled(attempt, { what: 'npm install', beforeRetry })).resolves.toBe(
      ok,
    );
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(beforeRetry).not.toHaveBeenCalled();
  });

  it('cleans up and runs a stalled install again', async () => {
    const attempt = attempts(stalled, ok);
    const beforeRetry = vi.fn();
    await expect(retryOnceIfStalled(attempt, { what: 'npm install', beforeRetry })).resolves.toBe(
      ok,
    );
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(beforeRetry).toHaveBeenCalledTimes(1);
  });

  it('does not hide a real failure: an install that failed is not retried', async () => {
    const attempt = attempts(failed, ok);
    await expect(
      retryOnceIfStalled(attempt, { what: 'npm install', beforeRetry: vi.fn() }),
    ).rejects.toThrow(/npm install exited 1[\s\S]*E404/);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('gives up after a second stall, with the output of both attempts', async () => {
    const attempt = attempts(stalled, { ...stalled, stderr: 'second try' });
    await expect(
      retryOnceIfStalled(attempt, { what: 'npm install', beforeRetry: vi.fn() }),
    ).rejects.toThrow(/stalled twice[\s\S]*npm http fetch GET[\s\S]*second try/);
    expect(attempt).toHaveBeenCalledTimes(2);
  });
});

describe('run with idleTimeoutMs', () => {
  it('kills a command that prints nothing for that long, and says it stalled', async () => {
    const result = await run(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)'], {
      cwd: process.cwd(),
      idleTimeoutMs: 300,
    });
    expect(result.stalled).toBe(true);
    expect(result.code).not.toBe(0);
  });

  it('lets a command run as long as it keeps printing', async () => {
    // The idle bound also covers Node's start-up before the first line: 2 s is many times what
    // that takes on a busy machine. The command prints every 250 ms for 3 s, longer than the
    // bound, so it passes only because each line restarts the bound.
    const script =
      'let n = 0; const t = setInterval(() => { console.log(n); if (++n === 12) clearInterval(t); }, 250);';
    const result = await run(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      idleTimeoutMs: 2_000,
    });
    expect(result).toMatchObject({ code: 0 });
    expect(result.stalled).toBeUndefined();
    expect(result.ms).toBeGreaterThan(2_000);
  });
});
