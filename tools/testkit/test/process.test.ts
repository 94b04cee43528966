import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { run, runOk, startProcess, stopChild } from '../src/process.js';

const node = process.execPath;
const cwd = process.cwd();

describe('run', () => {
  it('returns the exit code and the output, and does not throw for a failure', async () => {
    const result = await run(
      node,
      ['-e', 'console.log("out"); console.error("err"); process.exit(3)'],
      {
        cwd,
      },
    );
    expect(result).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(result.ms).toBeGreaterThan(0);
  });

  it('kills a command that runs past its timeout and says so', async () => {
    const result = await run(node, ['-e', 'setInterval(() => {}, 1000)'], {
      cwd,
      timeoutMs: 200,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('[killed after 200 ms]');
  });
});

describe('runOk', () => {
  it('resolves for exit 0 and throws with the command and its output otherwise', async () => {
    expect((await runOk(node, ['-p', '1 + 1'], { cwd })).stdout).toBe('2\n');
    await expect(
      runOk(node, ['-e', 'console.error("broken"); process.exit(1)'], { cwd }),
    ).rejects.toThrow(/exited 1[\s\S]*broken/);
  });
});

describe('startProcess', () => {
  const server =
    'console.log("warming up"); setTimeout(() => console.log("ready on 4242"), 50); setInterval(() => {}, 1000);';

  it('resolves once the output matches ready, with the match, and stops the process', async () => {
    const started = await startProcess(node, ['-e', server], {
      name: 'demo',
      ready: /ready on (\d+)/,
    });
    expect(started.ready[1]).toBe('4242');
    expect(started.output()).toContain('warming up');
    await started.stop();
    expect(started.child.exitCode !== null || started.child.signalCode !== null).toBe(true);
    await expect(started.stop()).resolves.toBeUndefined();
  });

  it('rejects with its name, why and the output when the process exits first', async () => {
    await expect(
      startProcess(node, ['-e', 'console.error("bad flag --records"); process.exit(2)'], {
        name: 'demo',
        ready: /ready/,
      }),
    ).rejects.toThrow(/demo did not start: exited early \(exit 2\)\n[\s\S]*bad flag --records/);
  });

  it('rejects and stops the process when it is not ready in time', async () => {
    await expect(
      startProcess(node, ['-e', 'setInterval(() => {}, 1000)'], {
        name: 'slow',
        ready: /ready/,
        startTimeoutMs: 200,
      }),
    ).rejects.toThrow('slow did not start: not ready within 200 ms');
  });

  it('takes the process down when the process that started it exits without stopping it', async () => {
    // The child serves HTTP, so "gone" is seen the way its users see it: connection refused.
    const listening =
      "require('node:http').createServer((q, s) => s.end('up')).listen(0, '127.0.0.1', function () { console.log('port ' + this.address().port); });";
    const script = [
      `import { startProcess } from ${JSON.stringify(new URL('../src/process.ts', import.meta.url).href)};`,
      `const child = await startProcess(process.execPath, ['-e', ${JSON.stringify(listening)}], { name: 'demo', ready: /port (\\d+)/ });`,
      'console.log(child.ready[1]);',
      "throw new Error('crash before stop');",
    ].join('\n');
    const result = spawnSync(node, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd,
      encoding: 'utf8',
    });
    expect(result.stderr).toContain('crash before stop');
    const port = Number(result.stdout.trim());
    expect(port).toBeGreaterThan(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});

describe('stopChild', () => {
  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const stubborn = await startProcess(
      node,
      ['-e', 'process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000);'],
      { name: 'stubborn', ready: /ready/ },
    );
    await stopChild(stubborn.child, 200);
    expect(stubborn.child.signalCode).toBe('SIGKILL');
  });
});
