/**
 * The shell commands a Markdown page tells its reader to run: each line of a ```sh block
 * (split at `&&`, comments dropped) and each inline code span that starts with `pnpm`, `npm`
 * or `npx`. Used by `test/readme-commands.test.ts`, which runs every one of them.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/** One command, where it is written. */
export interface NamedCommand {
  /** The command as written, one of a `&&` chain, without a trailing comment. */
  command: string;
  /** `README.md:32`, relative to `root`. */
  where: string;
}

const tools = /^(?:pnpm|npm|npx)\s/;

/**
 * Every command named in `files`, in order of appearance.
 *
 * @example
 * namedCommands(['README.md'], '.')[0]; // { command: 'npm install --global pnpm@10.34.8', where: 'README.md:32' }
 */
export function namedCommands(files: readonly string[], root: string): NamedCommand[] {
  const found: NamedCommand[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    let inShell = false;
    let inOtherFence = false;
    lines.forEach((line, i) => {
      const where = `${relative(root, file)}:${i + 1}`;
      if (/^```/.test(line)) {
        if (inShell || inOtherFence) {
          inShell = false;
          inOtherFence = false;
        } else if (/^```(?:sh|bash|shell)\s*$/.test(line)) inShell = true;
        else inOtherFence = true;
        return;
      }
      if (inOtherFence) return;
      if (inShell) {
        const text = line.replace(/\s+#.*$/, '').trim();
        if (text === '' || text.startsWith('#')) return;
        for (const command of text.split('&&')) found.push({ command: command.trim(), where });
        return;
      }
      for (const match of line.matchAll(/`([^`]+)`/g)) {
        const span = (match[1] ?? '').trim();
        if (tools.test(span)) found.push({ command: span.replace(/\s*…$/, ''), where });
      }
    });
  }
  return found;
}
