/**
 * `pnpm bench` must work from a fresh clone, where no package has a dist/ yet: run.ts builds
 * them first, so nothing it imports statically may load a workspace package that is built.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Specifiers of the value (not `import type`) imports of a file. */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'([^']+)';/gms)) {
    if (!match[1]) specifiers.push(match[2]!);
  }
  for (const match of source.matchAll(/^import\s+'([^']+)';/gm)) specifiers.push(match[1]!);
  return specifiers;
}

/** Every module run.ts loads before its first line runs, and what each imports. */
function staticGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const specifiers = staticImports(file);
    graph.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.'))
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return graph;
}

/**
 * Whether a package is loaded from a build output: a workspace package whose manifest points
 * into dist/ (the testkit, say, exports TypeScript sources that need no build), or openapi-fetch.
 */
function needsBuild(specifier: string): boolean {
  if (specifier === 'openapi-fetch') return true;
  if (!specifier.startsWith('@kantata-ox/')) return false;
  const name = specifier.split('/').slice(0, 2).join('/');
  const manifest = readFileSync(resolve(benchDir, 'node_modules', name, 'package.json'), 'utf8');
  return manifest.includes('./dist/');
}

describe('run.ts', () => {
  it('loads no workspace package before it has built them', () => {
    const graph = staticGraph(resolve(benchDir, 'run.ts'));
    const offenders = [...graph].flatMap(([file, specifiers]) =>
      specifiers.filter(needsBuild).map((s) => `${file.slice(benchDir.length + 1)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
    // The scan itself works: it reached the report helpers through lib/markdown.ts.
    expect([...graph.keys()].map((f) => f.slice(benchDir.length + 1))).toContain('lib/report.ts');
  });

  it('finds the workspace imports of a section, so the check above can fail', () => {
    const graph = staticGraph(resolve(benchDir, 'sections/loopback.ts'));
    expect(graph.get(resolve(benchDir, 'sections/loopback.ts'))).toContain('@kantata-ox/client');
    expect(needsBuild('@kantata-ox/client')).toBe(true);
    expect(needsBuild('@kantata-ox/testkit/process')).toBe(false);
  });
});
