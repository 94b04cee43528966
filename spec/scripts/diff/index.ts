/**
 * The OpenAPI spec-diff classifier and the changeset gate.
 *
 *   import { diffSpecs, minimumBump, formatReport } from './scripts/diff';
 */
export {
  checkGate,
  FIXED_GROUP,
  type GateOptions,
  type GateResult,
  type PendingChangeset,
  parseChangeset,
  pendingBump,
  readChangesets,
  suggestChangeset,
} from './changesets';
export { type CliIO, loadSpec, runCli } from './cli';
export { diffSpecs } from './diff';
export { bumpRank, countSummary, formatChangelog, formatReport, minimumBump } from './report';
export type { Bump, ChangeKind, OpenAPIDocument, SpecChange } from './types';
