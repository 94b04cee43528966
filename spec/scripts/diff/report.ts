/**
 * Turning changes into a bump, a readable report and CHANGELOG bullets.
 */
import type { Bump, ChangeKind, SpecChange } from './types';

const ORDER: readonly ChangeKind[] = ['breaking', 'additive', 'docs'];
const HEADINGS: Record<ChangeKind, string> = {
  breaking: 'Breaking changes',
  additive: 'Additive changes',
  docs: 'Documentation changes',
};
const BUMP_RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** Orders bumps: `none` < `patch` < `minor` < `major`. */
export function bumpRank(bump: Bump): number {
  return BUMP_RANK[bump];
}

/** The smallest semver bump the changes require: major, minor, patch or none. */
export function minimumBump(changes: readonly SpecChange[]): Bump {
  if (changes.some((c) => c.kind === 'breaking')) return 'major';
  if (changes.some((c) => c.kind === 'additive')) return 'minor';
  if (changes.some((c) => c.kind === 'docs')) return 'patch';
  return 'none';
}

/** Counts per kind, e.g. `2 breaking, 1 additive, 0 documentation`. */
export function countSummary(changes: readonly SpecChange[]): string {
  const count = (kind: ChangeKind): number => changes.filter((c) => c.kind === kind).length;
  return `${count('breaking')} breaking, ${count('additive')} additive, ${count('docs')} documentation`;
}

function byKind(changes: readonly SpecChange[], kind: ChangeKind): SpecChange[] {
  return changes.filter((c) => c.kind === kind);
}

/**
 * A plain-text report grouped by kind (Breaking / Additive / Documentation) with counts; the
 * last line names the minimum bump.
 */
export function formatReport(changes: readonly SpecChange[]): string {
  const lines: string[] = [];
  if (changes.length === 0) {
    lines.push('No changes between the specs.');
  } else {
    for (const kind of ORDER) {
      const group = byKind(changes, kind);
      lines.push(`${HEADINGS[kind]} (${group.length})`);
      if (group.length === 0) lines.push('  (none)');
      for (const change of group) {
        lines.push(`  - ${change.message}`);
        lines.push(`      ${change.code} at ${change.location}`);
      }
      lines.push('');
    }
    lines.push(
      `${changes.length} ${changes.length === 1 ? 'change' : 'changes'}: ${countSummary(changes)}.`,
    );
  }
  lines.push(`Minimum bump: ${minimumBump(changes)}`);
  return lines.join('\n');
}

/** Markdown bullets for a CHANGELOG entry, most severe first, breaking ones marked. */
export function formatChangelog(changes: readonly SpecChange[]): string {
  return ORDER.flatMap((kind) =>
    byKind(changes, kind).map(
      (c) => `- ${kind === 'breaking' ? '**Breaking:** ' : ''}${c.message}`,
    ),
  ).join('\n');
}
