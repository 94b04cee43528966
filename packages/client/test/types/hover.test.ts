/**
 * Editor hover names the objects by their aliases (`OrganizationMembership`), not by the
 * expansion of `components["schemas"][...]`.
 */
import { describe, expect, it } from 'vitest';
import { quickInfo } from './quick-info.js';

const source = `
import { createKantataClient } from '../../src/index.js';
const kantata = createKantataClient({ token: 't' });
export async function hover() {
  const membership = await kantata.organizationMemberships.get(1);
  const withDepartment = await kantata.organizationMemberships.get(1, { include: ['department'] });
  const { items } = await kantata.userGroupMemberships.list();
  const result = await kantata.userGroupMemberships.createMany([]);
  return [membership, withDepartment, items, result];
}
`;

describe('hover', () => {
  it('shows the names of the objects, side-loaded objects and create fields', () => {
    const [membership, withDepartment, items, result] = quickInfo(source, [
      'membership =',
      'withDepartment =',
      'items }',
      'result =',
    ]);
    expect(membership).toBe('const membership: OrganizationMembership');
    expect(withDepartment).toBe(
      'const withDepartment: OrganizationMembership & { department: Organization | null; } & { department_id: string; }',
    );
    expect(items).toBe('const items: UserGroupMembership[]');
    expect(result).toBe(
      'const result: CreateManyResult<UserGroupMembership, UserGroupMembershipCreateFields>',
    );
  });
});
