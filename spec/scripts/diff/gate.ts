/**
 * The gate: the spec's changes must be covered by a large enough bump of the fixed group in
 * the pending release plan (see release-plan.ts).
 */
import type { ReleasePlan } from '@changesets/types';
import { plannedBump } from './release-plan';
import { bumpRank, countSummary, formatChangelog, minimumBump } from './report';
import type { Bump, SpecChange } from './types';

/** A ready-to-paste changeset file covering the changes with their minimum bump. */
export function suggestChangeset(
  changes: readonly SpecChange[],
  packages: readonly string[],
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
  /** The release plan of the pending changesets (`readPendingRelease`). */
  plan: ReleasePlan;
  /** The packages released together (the fixed group). */
  packages: readonly string[];
  /** Shown in the message, e.g. `.changeset`. */
  changesetDir?: string;
}

/**
 * Passes when the spec is unchanged or the pending changesets bump the fixed group at least as
 * much as the changes require; otherwise fails with a message naming the bump and the file to add.
 */
export function checkGate(options: GateOptions): GateResult {
  const { changes, plan, packages } = options;
  const dir = options.changesetDir ?? '.changeset';
  const required = minimumBump(changes);
  const pending = plannedBump(plan, packages);
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
  const file = `${dir.replace(/\/$/, '')}/${uniqueName(plan, required)}`;
  const suggestion = suggestChangeset(changes, packages);
  const message =
    `The spec has ${what} (see above) but ${have}. ` +
    `Add a changeset with: pnpm changeset  (choose "${required}" for ${packages.join(', ')}), ` +
    `or create ${file} with:\n\n${suggestion}`;
  return { ok: false, required, pending, message, suggestion };
}

function uniqueName(plan: ReleasePlan, bump: Bump): string {
  const taken = new Set(plan.changesets.map((c) => `${c.id}.md`));
  let name = `api-spec-${bump}.md`;
  for (let i = 2; taken.has(name); i++) name = `api-spec-${bump}-${i}.md`;
  return name;
}
