/**
 * Type-checks every ```ts block of a package README as a module of its own, importing the
 * packages the way a user would (mapped to their sources with `paths`). A `@ts-expect-error`
 * in a block must still be needed, so "this does not compile" claims are checked too.
 * Used by each package's `test/readme.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface ReadmeExample {
  /** Where the block is compiled from (a virtual file inside the package). */
  name: string;
  /** For test output: the block's number and first statement. */
  title: string;
  source: string;
}

/** The ```ts blocks of `<packageDir>/README.md`. */
export function readmeExamples(packageDir: string): ReadmeExample[] {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match, i) => {
    const source = match[1] ?? '';
    const first = source
      .split('\n')
      .find((line) => line.trim() !== '' && !/^(import|\s|\}|\/\/)/.test(line));
    return {
      name: join(packageDir, `readme-example-${i + 1}.ts`),
      title: `example ${i + 1} (${(first ?? '').slice(0, 60)})`,
      source,
    };
  });
}

/**
 * Compiles the examples together and returns a function giving each one's diagnostics as
 * readable lines (empty when it compiles).
 */
export function compileExamples(
  packageDir: string,
  examples: readonly ReadmeExample[],
  paths: Record<string, string[]>,
): (example: ReadmeExample) => string[] {
  const base = ts.readConfigFile(join(packageDir, '../../tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, packageDir);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    noEmit: true,
    noUnusedLocals: false,
    paths,
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
