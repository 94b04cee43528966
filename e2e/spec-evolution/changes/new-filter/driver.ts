// Compiles only once the new filter reached the generated types and the client.
import type { KantataClient } from '@kantata-ox/client';
import type { ListUserGroupMembershipsQuery } from '@kantata-ox/types';

const query: ListUserGroupMembershipsQuery = { created_after: '2024-01-01T00:00:00-05:00' };

export const drive = (kantata: KantataClient) =>
  kantata.userGroupMemberships.list({ created_after: '2024-01-01T00:00:00Z', per_page: 10 });
export { query };
