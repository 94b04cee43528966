/**
 * What an editor shows on hover: TypeScript's language service over a file of the client's
 * tests, with the client's tsconfig (so `@kantata-ox/types` is the built package, as a user
 * gets it).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The hover text of the first occurrence of each marker in `source` (compiled as a file in
 * `test/types/`), e.g. `const membership: OrganizationMembership`.
 *
 * @example
 * quickInfo('const n = 1;', ['n']); // ['const n: 1']
 */
export function quickInfo(source: string, markers: readonly string[]): string[] {
  const file = join(packageDir, 'test/types/hover-example.ts');
  const config = ts.getParsedCommandLineOfConfigFile(
    join(packageDir, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('the client tsconfig could not be read');
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) =>
      name === file
        ? ts.ScriptSnapshot.fromString(source)
        : ts.sys.fileExists(name)
          ? ts.ScriptSnapshot.fromString(readFileSync(name, 'utf8'))
          : undefined,
    getCurrentDirectory: () => packageDir,
    getCompilationSettings: () => config.options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
  };
  const service = ts.createLanguageService(host);
  return markers.map((marker) => {
    const at = source.indexOf(marker);
    if (at < 0) throw new Error(`no ${marker} in the source`);
    const info = service.getQuickInfoAtPosition(file, at);
    return ts.displayPartsToString(info?.displayParts).replace(/\s+/g, ' ');
  });
}
