/**
 * `pnpm test` finds Chromium, installs Debian's when it may (root, apt-get), and otherwise
 * stops up front naming the one command that fixes it.
 */
import { describe, expect, it, vi } from 'vitest';
import { defaultChromiumPath, ensureChromium, installCommand } from '../chromium.mjs';

function machine(options: { executables: string[]; root: boolean; env?: Record<string, string> }) {
  const executables = new Set(options.executables);
  const run = vi.fn((command: string, args: string[]) => {
    if (command === 'apt-get' && args.includes('chromium')) executables.add(defaultChromiumPath);
    return 0;
  });
  return {
    run,
    deps: {
      env: options.env ?? {},
      isExecutable: (path: string) => executables.has(path),
      isRoot: () => options.root,
      run,
      log: vi.fn(),
    },
  };
}

describe('ensureChromium', () => {
  it("uses Debian's Chromium when it is there, installing nothing", () => {
    const { deps, run } = machine({ executables: [defaultChromiumPath], root: true });
    expect(ensureChromium(deps)).toBe(defaultChromiumPath);
    expect(run).not.toHaveBeenCalled();
  });

  it('installs it with apt-get when it is missing and the user is root', () => {
    const { deps, run } = machine({ executables: ['/usr/bin/apt-get'], root: true });
    expect(ensureChromium(deps)).toBe(defaultChromiumPath);
    expect(run.mock.calls).toEqual([
      ['apt-get', ['update']],
      ['apt-get', ['install', '-y', '--no-install-recommends', 'chromium']],
    ]);
  });

  it('stops up front, naming the command, when it may not install', () => {
    const { deps, run } = machine({ executables: ['/usr/bin/apt-get'], root: false });
    expect(() => ensureChromium(deps)).toThrow(`Install it with: sudo ${installCommand}`);
    expect(run).not.toHaveBeenCalled();
  });

  it('says where to look when there is no apt-get', () => {
    const { deps } = machine({ executables: [], root: true });
    expect(() => ensureChromium(deps)).toThrow(/set CHROMIUM_PATH to a Chromium binary/);
  });

  it('fails when apt-get does', () => {
    const { deps } = machine({ executables: ['/usr/bin/apt-get'], root: true });
    deps.run.mockImplementation(() => 100);
    expect(() => ensureChromium(deps)).toThrow('`apt-get update` failed (exit 100)');
  });

  it('honours CHROMIUM_PATH, and never installs over a path the reader chose', () => {
    const chosen = machine({
      executables: ['/opt/chrome', '/usr/bin/apt-get'],
      root: true,
      env: { CHROMIUM_PATH: '/opt/chrome' },
    });
    expect(ensureChromium(chosen.deps)).toBe('/opt/chrome');
    const missing = machine({
      executables: ['/usr/bin/apt-get'],
      root: true,
      env: { CHROMIUM_PATH: '/nonexistent' },
    });
    expect(() => ensureChromium(missing.deps)).toThrow('not found at CHROMIUM_PATH=/nonexistent');
    expect(missing.run).not.toHaveBeenCalled();
  });
});
