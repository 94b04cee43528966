// Compiles only once the new limit reached the generated resource table (a literal type).
import { resources } from '@kantata-ox/types/resources';

export const limit: 25 = resources.userGroupMemberships.operations.create.body.bulk.limit;
