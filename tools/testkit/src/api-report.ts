/**
 * A package's public API as a report that changes only when the API does: every top-level
 * declaration of a bundled declaration file, printed without comments, in name order. The
 * bundler's order of declarations and the module comments it carries along are layout, not
 * API; a renamed type, a new member or a changed signature shows.
 *
 * @example
 * expect(apiReport(readFileSync('dist/index.d.ts', 'utf8'))).toBe(readFileSync('api-report.d.ts', 'utf8'));
 */
import ts from 'typescript';

/** The report of the declaration file `text` (see the module comment). */
export function apiReport(text: string): string {
  const file = ts.createSourceFile('index.d.ts', text, ts.ScriptTarget.Latest, false);
  const printer = ts.createPrinter({ removeComments: true });
  const printed = file.statements.map((statement) => ({
    key: keyOf(statement, file),
    text: printer.printNode(ts.EmitHint.Unspecified, statement, file),
  }));
  printed.sort((a, b) => (a.key === b.key ? compare(a.text, b.text) : compare(a.key, b.key)));
  return `${printed.map((entry) => entry.text).join('\n\n')}\n`;
}

/** Imports first, then declarations by name, the export list last. */
function keyOf(statement: ts.Statement, file: ts.SourceFile): string {
  if (ts.isImportDeclaration(statement)) return '0';
  if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) return '2';
  const name = (statement as { name?: ts.Node }).name;
  if (name && ts.isIdentifier(name)) return `1 ${name.text}`;
  if (ts.isVariableStatement(statement)) {
    const names = statement.declarationList.declarations.map((d) => d.name.getText(file));
    return `1 ${names.join(',')}`;
  }
  return '1';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
