// Compiles only once the renamed include reached the client's types, and the old name left.
import type { KantataClient } from '@kantata-ox/client';

export async function drive(kantata: KantataClient): Promise<string | undefined> {
  const page = await kantata.userGroupMemberships.list({ include: ['group'] });
  // @ts-expect-error the include's old name is gone
  await kantata.userGroupMemberships.list({ include: ['workspace_group'] });
  return page.items[0]?.group?.name;
}
