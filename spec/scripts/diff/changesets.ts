/**
 * Pending changesets and the gate: the spec's changes must be covered by a large enough bump.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bumpRank, countSummary, formatChangelog, minimumBump } from './report';
import { type Bump, isObject, type SpecChange } from './types';

/** The packages generated from the spec; released together as one changesets `fixed` group. */
export const FIXED_GROUP: readonly string[] = [
  '@kantata-ox/types',
  '@kantata-ox/client',
  '@kantata-ox/fixtures',
];

/** One `.changeset/*.md` file. */
export interface PendingChangeset {
  file: string;
  releases: Record<string, Bump>;
  summary: string;
}

const BUMPS = new Set<string>(['major', 'minor', 'patch', 'none']);

function isBump(value: unknown): value is Bump {
  return typeof value === 'string' && BUMPS.has(value);
}

/** Parses a changeset file: YAML front matter of `"package": bump` lines, then the summary. */
export function parseChangeset(text: string, file = '<changeset>'): PendingChangeset {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)([\s\S]*)$/m.exec(text);
  if (!match || text.trimStart().slice(0, 3) !== '---') {
    throw new Error(`${file}: no front matter (expected the file to start with ---).`);
  }
  const front: unknown = parse(match[1] ?? '') ?? {};
  if (!isObject(front)) throw new Error(`${file}: the front matter is not a map of package: bump.`);
  const releases: Record<string, Bump> = {};
  for (const [name, bump] of Object.entries(front)) {
    if (!isBump(bump))
      throw new Error(
        `${file}: "${name}" has the bump ${JSON.stringify(bump)}, expected major, minor, patch or none.`,
      );
    releases[name] = bump;
  }
  return { file, releases, summary: (match[2] ?? '').trim() };
}

/** Reads the pending changesets of a directory (every `*.md` but README.md); none if it is missing. */
export function readChangesets(dir: string): PendingChangeset[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
    .sort()
    .map((name) => parseChangeset(readFileSync(join(dir, name), 'utf8'), join(dir, name)));
}

/** The highest bump the changesets give any of the packages (a fixed group bumps together). */
export function pendingBump(
  changesets: readonly PendingChangeset[],
  packages: readonly string[],
): Bump {
  let best: Bump = 'none';
  for (const changeset of changesets) {
    for (const [name, bump] of Object.entries(changeset.releases)) {
      if (packages.includes(name) && bumpRank(bump) > bumpRank(best)) best = bump;
    }
  }
  return best;
}

/** A ready-to-paste changeset file covering the changes with their minimum bump. */
export function suggestChangeset(
  changes: readonly SpecChange[],
  packages: readonly string[] = FIXED_GROUP,
): string {
  const bump = minimumBump(changes);
  const front = packages.map((name) => `"${name}": ${bump === 'none' ? 'patch' : bump}`).join('\n');
  const lead = `API spec changes (${countSummary(changes)}).`;
  return `---\n${front}\n---\n\n${lead}\n\n${formatChangelog(changes)}\n`;
}

/** The gate's verdict. */
export interface GateResult {
  ok: boolean;
  required: Bump;
  pending: Bump;
  message: string;
  /** The changeset to add when the gate fails. */
  suggestion?: string;
}

const NOUN: Record<Bump, string> = {
  major: 'breaking',
  minor: 'additive',
  patch: 'documentation',
  none: '',
};

/** Options of `checkGate`. */
export interface GateOptions {
  changes: readonly SpecChange[];
  changesets: readonly PendingChangeset[];
  packages?: readonly string[];
  /** Shown in the message, e.g. `.changeset`. */
  changesetDir?: string;
}

/**
 * Passes when the spec is unchanged or the pending changesets bump the fixed group at least as
 * much as the changes require; otherwise fails with a message naming the bump and the file to add.
 */
export function checkGate(options: GateOptions): GateResult {
  const { changes, changesets } = options;
  const packages = options.packages ?? FIXED_GROUP;
  const dir = options.changesetDir ?? '.changeset';
  const required = minimumBump(changes);
  const pending = pendingBump(changesets, packages);
  if (changes.length === 0) {
    return {
      ok: true,
      required,
      pending,
      message: 'The spec matches the released baseline: no changeset needed.',
    };
  }
  if (bumpRank(pending) >= bumpRank(required)) {
    return {
      ok: true,
      required,
      pending,
      message: `The spec changes need at least a ${required} bump and the pending changesets give ${pending}.`,
    };
  }
  const n = changes.filter(
    (c) =>
      c.kind === (required === 'major' ? 'breaking' : required === 'minor' ? 'additive' : 'docs'),
  ).length;
  const what = `${n} ${NOUN[required]} ${n === 1 ? 'change' : 'changes'}`;
  const have =
    pending === 'none'
      ? `no pending changeset bumps ${packages.join(', ')}`
      : `the pending changesets only bump ${pending}`;
  const file = `${dir.replace(/\/$/, '')}/${uniqueName(changesets, required)}`;
  const suggestion = suggestChangeset(changes, packages);
  const message =
    `The spec has ${what} (see above) but ${have}. ` +
    `Add a changeset with: pnpm changeset  (choose "${required}" for ${packages.join(', ')}), ` +
    `or create ${file} with:\n\n${suggestion}`;
  return { ok: false, required, pending, message, suggestion };
}

function uniqueName(changesets: readonly PendingChangeset[], bump: Bump): string {
  const taken = new Set(changesets.map((c) => c.file.split(/[\\/]/).pop()));
  let name = `api-spec-${bump}.md`;
  for (let i = 2; taken.has(name); i++) name = `api-spec-${bump}-${i}.md`;
  return name;
}
