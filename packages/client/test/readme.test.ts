/**
 * Every ```ts block of the README must compile against the client's source, as a module of
 * its own that imports `@kantata-ox/client` like a user would. A `@ts-expect-error` in a
 * block must still be needed, so the README's "this does not compile" claims are checked too.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match, i) => ({
  name: join(packageDir, `readme-example-${i + 1}.ts`),
  title: `example ${i + 1} (${firstStatement(match[1] ?? '')})`,
  source: match[1] ?? '',
}));

/** The first line of a block that is not an import, to name the example in test output. */
function firstStatement(source: string): string {
  const lines = source
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^(import|\s|\}|const kantata)/.test(line));
  return (lines[0] ?? '').slice(0, 60);
}

let program: ts.Program;

beforeAll(() => {
  const base = ts.readConfigFile(join(packageDir, '../../tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, packageDir);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    noEmit: true,
    noUnusedLocals: false,
    paths: { '@kantata-ox/client': [join(packageDir, 'src/index.ts')] },
  };
  const host = ts.createCompilerHost(compilerOptions);
  const virtual = new Map(blocks.map((block) => [block.name, block.source]));
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = virtual.get(file);
    return text === undefined
      ? getSourceFile.call(host, file, language, ...rest)
      : ts.createSourceFile(file, text, language, true);
  };
  program = ts.createProgram(
    blocks.map((block) => block.name),
    compilerOptions,
    host,
  );
}, 60_000);

describe('README examples', () => {
  it('has examples for every helper', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    for (const helper of [
      'list(',
      'listAll(',
      'get(',
      'create(',
      'createMany(',
      'update(',
      'delete(',
    ]) {
      expect(readme).toContain(`.${helper}`);
    }
  });

  it.each(blocks)('$title compiles', ({ name }) => {
    const file = program.getSourceFile(name);
    expect(file).toBeDefined();
    const diagnostics = ts.getPreEmitDiagnostics(program, file).map((d) => {
      const where =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      return where ? `line ${where.line + 1}: ${text}` : text;
    });
    expect(diagnostics).toEqual([]);
  });
});
