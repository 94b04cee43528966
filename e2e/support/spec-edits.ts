/**
 * The spec changes of the spec-evolution suite (`e2e/spec-evolution/changes/<id>/`): each a
 * `change.yaml` (its name, the edits to files under `spec/`, what must follow), an optional
 * `spec/` folder of files to add, and a typed `driver.ts` that compiles only once the types
 * followed. Edits go through the `yaml` library, so the files keep their comments and layout.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isScalar, isSeq, parse, parseDocument } from 'yaml';

/** One edit of a YAML file under `spec/`, at a path of keys and indexes. */
export interface SpecEdit {
  file: string;
  at: (string | number)[];
  /** Adds an item to the sequence at `at`. */
  append?: unknown;
  /** Sets the value at `at` (creating the maps on the way). */
  set?: unknown;
  /** Replaces an item of the sequence at `at`. */
  replace?: { from: unknown; to: unknown };
  /** Renames a key of the map at `at`, keeping its place. */
  rename?: { from: string; to: string };
}

/** What must follow a change; `kind` picks the probe's check, the rest is its input. */
export interface Expectation {
  kind: string;
  resource: string;
  [key: string]: unknown;
}

/** One change of the suite. */
export interface SpecChange {
  id: string;
  name: string;
  /** Why it needs a scratch copy of its own, if it does. */
  alone?: string;
  edits: SpecEdit[];
  expect: Expectation;
  /** Files to add, under a `spec/` folder beside `change.yaml`. */
  files: string | undefined;
  driver: string | undefined;
}

/**
 * Every change under `folder`, in name order.
 *
 * @example
 * loadChanges('e2e/spec-evolution/changes').map((c) => c.name);
 */
export function loadChanges(folder: string): SpecChange[] {
  return readdirSync(folder)
    .sort()
    .map((id) => {
      const dir = join(folder, id);
      const change = parse(readFileSync(join(dir, 'change.yaml'), 'utf8')) as Omit<
        SpecChange,
        'id' | 'files' | 'driver'
      >;
      const alone = (change as { alone?: unknown }).alone;
      return {
        ...change,
        id,
        ...(typeof alone === 'string'
          ? { alone }
          : alone === true
            ? { alone: 'see change.yaml' }
            : {}),
        edits: change.edits ?? [],
        files: existsSync(join(dir, 'spec')) ? join(dir, 'spec') : undefined,
        driver: existsSync(join(dir, 'driver.ts')) ? join(dir, 'driver.ts') : undefined,
      };
    });
}

function applyEdit(specDir: string, edit: SpecEdit): void {
  const path = join(specDir, edit.file);
  const where = `${edit.file} at ${JSON.stringify(edit.at)}`;
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (edit.set !== undefined) {
    doc.setIn(edit.at, doc.createNode(edit.set));
  } else {
    const node = doc.getIn(edit.at, true);
    if (edit.append !== undefined) {
      if (!isSeq(node)) throw new Error(`${where}: append needs a sequence`);
      node.add(doc.createNode(edit.append));
    } else if (edit.replace) {
      if (!isSeq(node)) throw new Error(`${where}: replace needs a sequence`);
      const index = node.items.findIndex(
        (item) => isScalar(item) && item.value === edit.replace?.from,
      );
      if (index < 0) throw new Error(`${where}: no item ${JSON.stringify(edit.replace.from)}`);
      node.set(index, doc.createNode(edit.replace.to));
    } else if (edit.rename) {
      if (!isMap(node)) throw new Error(`${where}: rename needs a map`);
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === edit.rename?.from);
      if (!pair) throw new Error(`${where}: no key ${edit.rename.from}`);
      pair.key = doc.createNode(edit.rename.to);
    } else {
      throw new Error(`${where}: say append, set, replace or rename`);
    }
  }
  const before = readFileSync(path, 'utf8');
  const after = doc.toString();
  if (after === before) throw new Error(`${where}: the edit changed nothing`);
  writeFileSync(path, after);
}

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(dir, path) : [path];
  });
}

/**
 * Applies a change to the spec folder `specDir`: adds its files (none may exist already),
 * then makes its edits. Throws, naming the file, for an edit that cannot apply.
 */
export function applyChange(specDir: string, change: SpecChange): void {
  for (const file of change.files ? filesUnder(change.files) : []) {
    const target = join(specDir, file);
    if (existsSync(target)) throw new Error(`${change.id}: spec/${file} exists already`);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(change.files as string, file), target);
  }
  for (const edit of change.edits) applyEdit(specDir, edit);
}
