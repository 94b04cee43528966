/**
 * The release as changesets itself will make it: the one fixed group of
 * `.changeset/config.json` (the packages generated from the spec, released together), and the
 * release plan of the pending changesets (`@changesets/get-release-plan`). Nothing here parses
 * a changeset or names a package: the config and the changesets say it all.
 */
import { join } from 'node:path';
import { read as readConfig } from '@changesets/config';
import getReleasePlan from '@changesets/get-release-plan';
import type { ReleasePlan } from '@changesets/types';
import { getPackages } from '@manypkg/get-packages';
import { bumpRank } from './report';
import type { Bump } from './types';

/** A package of the fixed group, and where it lives. */
export interface GroupPackage {
  name: string;
  /** Absolute directory of the package. */
  dir: string;
}

/** The fixed group and the plan of the pending changesets, read from a repository root. */
export interface PendingRelease {
  /** The packages of the one `fixed` group of `.changeset/config.json`, in its order. */
  group: GroupPackage[];
  plan: ReleasePlan;
  /** Where the changesets are, e.g. `<root>/.changeset`. */
  changesetDir: string;
}

/**
 * The one fixed group of `.changeset/config.json`, with each package's directory.
 * Throws when the config has no fixed group, or more than one.
 *
 * @example
 * const group = await readReleaseGroup('/work/repo'); // [{ name: '@kantata-ox/types', dir: ... }, ...]
 */
export async function readReleaseGroup(root: string): Promise<GroupPackage[]> {
  const packages = await getPackages(root);
  const config = await readConfig(packages.root.dir, packages);
  if (config.fixed.length !== 1) {
    throw new Error(
      `.changeset/config.json must list exactly one "fixed" group (the packages released together), found ${config.fixed.length}.`,
    );
  }
  const dirs = new Map(packages.packages.map((p) => [p.packageJson.name, p.dir]));
  return (config.fixed[0] ?? []).map((name) => {
    const dir = dirs.get(name);
    if (dir === undefined)
      throw new Error(`The fixed group names ${name}, which is not in the workspace.`);
    return { name, dir };
  });
}

/**
 * The fixed group and what the pending changesets will release, as `changeset version`
 * would compute it. Throws (with changesets' own message) for a malformed changeset, one
 * naming a package outside the workspace, or a repository without `.changeset/`.
 *
 * @example
 * const { group, plan } = await readPendingRelease(process.cwd());
 * plannedBump(plan, group.map((p) => p.name)); // 'minor'
 */
export async function readPendingRelease(root: string): Promise<PendingRelease> {
  const group = await readReleaseGroup(root);
  const plan = await getReleasePlan(root);
  const packages = await getPackages(root);
  return { group, plan, changesetDir: join(packages.root.dir, '.changeset') };
}

/**
 * The highest bump the plan releases any of `packages` with (a fixed group bumps together),
 * `none` when it releases none of them.
 *
 * @example
 * plannedBump(plan, ['@kantata-ox/types']); // 'major'
 */
export function plannedBump(plan: ReleasePlan, packages: readonly string[]): Bump {
  let best: Bump = 'none';
  for (const release of plan.releases) {
    if (packages.includes(release.name) && bumpRank(release.type) > bumpRank(best)) {
      best = release.type;
    }
  }
  return best;
}
