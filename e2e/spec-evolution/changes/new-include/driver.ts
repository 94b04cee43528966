// Compiles only once the new include reached the client's types.
import type { KantataClient } from '@kantata-ox/client';

export async function drive(kantata: KantataClient): Promise<string | undefined> {
  const page = await kantata.userGroupMemberships.list({ include: ['creator'] });
  return page.items[0]?.creator?.full_name;
}
