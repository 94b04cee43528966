/**
 * How deep a call is: the source files of a package on a JavaScript stack, one entry per
 * layer (consecutive frames of one file are that file's own functions), innermost first.
 * Read from a stack captured where the call reaches the platform (e.g. inside a stubbed
 * `fetch`), it is the path ARCHITECTURE.md draws.
 *
 * @example
 * layersOf(new Error().stack ?? '', 'packages/client/src');
 * // ['transport/redirects.ts', 'transport/transport.ts', 'helpers/call.ts', 'helpers/resource.ts']
 */
export function layersOf(stack: string, sourceDir = 'src'): string[] {
  const escaped = sourceDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const frame = new RegExp(`/${escaped}/([\\w/.-]+\\.ts):\\d+`, 'g');
  const files = [...stack.matchAll(frame)].map((match) => match[1] as string);
  return files.filter((file, i) => file !== files[i - 1]);
}
