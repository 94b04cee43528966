/**
 * Type-checks every ```ts block of a Markdown page (a package README, a guide of the docs
 * site) as a module of its own, importing the packages the way a user would (mapped to their
 * sources with `paths`). A `@ts-expect-error` in a block must still be needed, so "this does
 * not compile" claims are checked too. Used by each package's `test/readme.test.ts` and by
 * the site's `test/guides.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const tsconfigBase = join(dirname(fileURLToPath(import.meta.url)), '../tsconfig.base.json');

export interface ReadmeExample {
  /** Where the block is compiled from (a virtual file inside the package). */
  name: string;
  /** For test output: the block's number and first statement. */
  title: string;
  source: string;
}

/** The ```ts blocks of `<packageDir>/README.md`. */
export function readmeExamples(packageDir: string): ReadmeExample[] {
  return markdownExamples(join(packageDir, 'README.md'), 'readme-example');
}

/**
 * The ```ts blocks of any Markdown file, each compiled as if it were a file beside it (so its
 * imports resolve from there), named `<prefix>-<n>.ts`; the prefix defaults to the page's name.
 *
 * @example
 * markdownExamples('site/guide/bulk-jobs.md'); // [{ name: 'site/guide/bulk-jobs-1.ts', ... }]
 */
export function markdownExamples(file: string, prefix = basename(file, '.md')): ReadmeExample[] {
  const markdown = readFileSync(file, 'utf8');
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match, i) => {
    const source = match[1] ?? '';
    const first = source
      .split('\n')
      .find((line) => line.trim() !== '' && !/^(import|declare|\s|\}|\/\/)/.test(line));
    return {
      name: join(dirname(file), `${prefix}-${i + 1}.ts`),
      title: `example ${i + 1} (${(first ?? '').slice(0, 60)})`,
      source,
    };
  });
}

/**
 * The files a page of the site includes with VitePress's `<<< path` (optionally `#region`,
 * `{lines lang}` and `[title]`), resolved as VitePress does: `@/` from the site's folder, any
 * other path from the page's folder. In order of appearance.
 *
 * @example
 * markdownIncludes('site/guide/browsers.md', 'site')[0]; // '/…/examples/browser/src/api.ts'
 */
export function markdownIncludes(file: string, siteDir: string): string[] {
  const markdown = readFileSync(file, 'utf8');
  return [...markdown.matchAll(/^<<< (\S+?)(?:#[\w-]+)?(?:\{[^}]*\})?(?: \[.*\])?$/gm)].map(
    ([, path = '']) =>
      path.startsWith('@/') ? join(siteDir, path.slice(2)) : resolve(dirname(file), path),
  );
}

/**
 * The TypeScript a page of the site shows, in order: its ```ts blocks and the `.ts` files it
 * includes with `<<< path` (whose code VitePress renders as a ts block too).
 *
 * @example
 * shownTypeScript('site/guide/browsers.md', 'site').length; // 6
 */
export function shownTypeScript(file: string, siteDir: string): string[] {
  const markdown = readFileSync(file, 'utf8');
  const pieces = /^```ts\n([\s\S]*?)^```$|^<<< .+$/gm;
  const included = markdownIncludes(file, siteDir);
  let next = 0;
  return [...markdown.matchAll(pieces)].flatMap((match) => {
    if (match[1] !== undefined) return [match[1]];
    const path = included[next++] ?? '';
    return path.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

/**
 * Compiles the examples together and returns a function giving each one's diagnostics as
 * readable lines (empty when it compiles). `overrides` change the base tsconfig's options
 * (e.g. `exactOptionalPropertyTypes`, which the base leaves off).
 */
export function compileExamples(
  packageDir: string,
  examples: readonly ReadmeExample[],
  paths: Record<string, string[]>,
  overrides: ts.CompilerOptions = {},
): (example: ReadmeExample) => string[] {
  const base = ts.readConfigFile(tsconfigBase, ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, packageDir);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    noEmit: true,
    noUnusedLocals: false,
    paths,
    ...overrides,
  };
  const host = ts.createCompilerHost(compilerOptions);
  const virtual = new Map(examples.map((example) => [example.name, example.source]));
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = virtual.get(file);
    return text === undefined
      ? getSourceFile.call(host, file, language, ...rest)
      : ts.createSourceFile(file, text, language, true);
  };
  const program = ts.createProgram([...virtual.keys()], compilerOptions, host);
  return (example) => {
    const file = program.getSourceFile(example.name);
    if (!file) return [`${example.name} was not compiled`];
    return ts.getPreEmitDiagnostics(program, file).map((d) => {
      const where =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      return where ? `line ${where.line + 1}: ${text}` : text;
    });
  };
}
