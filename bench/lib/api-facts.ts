/**
 * The API's figures the benchmarks are shaped by, read from the spec's resource table
 * (`@kantata-ox/types/resources`) and never written here, so a benchmark measures what the
 * client does against the API the spec describes: pages as large as `listAll` asks for, bulk
 * requests as large as `createMany` sends.
 *
 * Imported by sections and findings only: `run.ts` loads them after it has built the packages.
 */
import { resources } from '@kantata-ox/types/resources';

const memberships = resources.organizationMemberships;

/** The largest page: `per_page`'s `maximum` in the spec, which `listAll` asks for by default. */
export const LARGEST_PAGE: number = memberships.paging.max;

/** The bulk limit: the `maxItems` of the spec's bulk array, the chunk `createMany` sends. */
export const BULK_LIMIT: number = memberships.operations.create.body.bulk.limit;

/** Where the figures come from, for the notes of BENCHMARKS.md. */
export const SOURCE = {
  page: "the API's largest page, `per_page`'s maximum in the spec",
  bulk: "the spec's bulk limit, its bulk array's `maxItems`",
} as const;
