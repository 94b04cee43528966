/**
 * The README's "When the spec changes" steps for a maintainer, and the commands the e2e tests
 * that play the maintainer run, so that a test can require the README to list each of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The text of the maintainer's steps in the repository's README.
 *
 * @example
 * maintainerSteps(repo).includes('`pnpm generate`'); // true
 */
export function maintainerSteps(repo: string): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const start = readme.indexOf('**For a maintainer**');
  const end = readme.indexOf('**For a downstream team**', start);
  if (start < 0 || end < 0) throw new Error('README.md has no "For a maintainer" steps');
  return readme.slice(start, end);
}

/**
 * A command as a maintainer types it: `pnpm --silent run spec:check` is `pnpm spec:check`,
 * `pnpm exec changeset version` is `changeset version`.
 *
 * @example
 * asTyped('pnpm', ['exec', 'changeset', 'version']); // 'changeset version'
 */
export function asTyped(command: string, args: readonly string[]): string {
  const words = args.filter((a) => a !== '--silent' && a !== 'run');
  if (command === 'pnpm' && words[0] === 'exec') return words.slice(1).join(' ');
  return [command, ...words].join(' ');
}

/** The commands of `ran` that the README's steps do not mention (in backquotes). */
export function unlisted(repo: string, ran: Iterable<string>): string[] {
  const steps = maintainerSteps(repo);
  return [...new Set(ran)].filter(
    (command) => !steps.includes(`\`${command}`) && !steps.includes(command),
  );
}
