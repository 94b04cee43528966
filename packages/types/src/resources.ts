/**
 * `@kantata-ox/types/resources`: the spec's resources as runtime data, for the client's
 * helpers and the fake API (the main entry stays types-only).
 *
 * @example
 * import { resources } from '@kantata-ox/types/resources';
 * resources.organizationMemberships.operations.create.body.bulk.limit; // 100
 */
export {
  basePath,
  resources,
  serverTimeoutSeconds,
  serverUrl,
  specVersion,
} from './resources.gen.js';
export type * from './table.js';
