// Compiles only once the new field reached the types, the client and the fake's data types.
import type { KantataClient } from '@kantata-ox/client';
import type { FakeData } from '@kantata-ox/fixtures';
import type {
  OrganizationMembership,
  OrganizationMembershipCreateFields,
  OrganizationMembershipUpdateFields,
} from '@kantata-ox/types';

const fields: OrganizationMembershipCreateFields = {
  member_id: 1,
  member_type: 'User',
  department_id: 2,
  geography_id: 3,
  external_reference: 'HR-4711',
};
const change: OrganizationMembershipUpdateFields = { external_reference: 'HR-4712' };
const data: FakeData = { organizationMemberships: [{ ...fields, id: 9 }] };

export const reference = (m: OrganizationMembership): string | undefined => m.external_reference;
export async function drive(kantata: KantataClient): Promise<string | undefined> {
  const created = await kantata.organizationMemberships.create(fields);
  const updated = await kantata.organizationMemberships.update(created.id, change);
  return updated.external_reference;
}
export { data };
