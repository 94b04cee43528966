// `pnpm test` renders the docs in the system's headless Chromium (Debian's `chromium`; no
// browser is ever downloaded). On a fresh machine it is missing: as root, with apt-get, the
// test command installs it, as CI does; otherwise it stops before anything runs, naming the one
// command that fixes it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** Where Debian installs it (e2e/support/chromium.ts looks there too); `CHROMIUM_PATH` overrides. */
export const defaultChromiumPath = '/usr/bin/chromium';

/** The one command that installs it on Debian. */
export const installCommand = 'apt-get install -y --no-install-recommends chromium';

/**
 * Makes sure Chromium is there, installing Debian's package when it may; returns its path, or
 * throws an error whose message says what to do.
 *
 * @param {object} [deps] what it runs on (the real machine by default; tests pass fakes)
 * @param {Record<string, string | undefined>} [deps.env]
 * @param {(path: string) => boolean} [deps.isExecutable]
 * @param {() => boolean} [deps.isRoot]
 * @param {(command: string, args: string[]) => number} [deps.run] runs a command, returns its exit code
 * @param {(line: string) => void} [deps.log]
 * @returns {string}
 * @example
 * ensureChromium(); // '/usr/bin/chromium', after `apt-get install` if it was missing
 */
export function ensureChromium({
  env = process.env,
  isExecutable = executable,
  isRoot = () => process.getuid?.() === 0,
  run = runVisibly,
  log = (line) => console.log(line),
} = {}) {
  const chosen = env.CHROMIUM_PATH;
  if (chosen !== undefined && chosen !== '') {
    if (isExecutable(chosen)) return chosen;
    // The reader chose this path: installing Debian's package elsewhere would not help.
    throw new Error(
      `Chromium was not found at CHROMIUM_PATH=${chosen}. Point CHROMIUM_PATH at a Chromium ` +
        `binary, or unset it to use Debian's (${installCommand}).`,
    );
  }
  if (isExecutable(defaultChromiumPath)) return defaultChromiumPath;
  const hasApt = isExecutable('/usr/bin/apt-get');
  if (!isRoot() || !hasApt) {
    const command = hasApt ? `sudo ${installCommand}` : installCommand;
    throw new Error(
      `pnpm test renders the docs in Chromium, which is not installed (${defaultChromiumPath}). ` +
        `Install it with: ${command}` +
        (hasApt ? '' : ' (on Debian or Ubuntu; elsewhere, set CHROMIUM_PATH to a Chromium binary)'),
    );
  }
  log(
    `Chromium is missing (${defaultChromiumPath}): installing Debian's package (${installCommand})`,
  );
  for (const args of [['update'], installCommand.split(' ').slice(1)]) {
    const code = run('apt-get', args);
    if (code !== 0) {
      throw new Error(
        `\`apt-get ${args.join(' ')}\` failed (exit ${code}); Chromium is still missing`,
      );
    }
  }
  if (!isExecutable(defaultChromiumPath)) {
    throw new Error(`apt-get installed chromium, but ${defaultChromiumPath} is still missing`);
  }
  return defaultChromiumPath;
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function runVisibly(command, args) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status ?? 1;
}
