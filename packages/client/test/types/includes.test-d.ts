import type {
  Organization,
  OrganizationMembership,
  User,
  UserGroupMembership,
  WorkspaceGroup,
} from '@kantata-ox/types';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CreateManyResult,
  createKantataClient,
  type KantataClient,
  type Page,
} from '../../src/index.js';

const kantata = {} as KantataClient;

describe('list', () => {
  it('returns plain objects without include', async () => {
    const page = await kantata.organizationMemberships.list({ member_type: 'User' });
    expectTypeOf(page).toEqualTypeOf<Page<OrganizationMembership>>();
  });

  it('adds exactly the requested associations', async () => {
    const { items } = await kantata.organizationMemberships.list({ include: ['department'] });
    const [item] = items;
    expectTypeOf(item!.department).toEqualTypeOf<Organization | null>();
    expectTypeOf(item!.department_id).toEqualTypeOf<string>();
    // @ts-expect-error geography was not requested
    void item!.geography;
  });

  it('makes the associations of a widened include list optional, foreign keys as they are', async () => {
    const include: ('department' | 'geography')[] = ['department'];
    const { items } = await kantata.organizationMemberships.list({ include });
    expectTypeOf(items[0]!.department).toEqualTypeOf<Organization | null | undefined>();
    expectTypeOf(items[0]!.geography).toEqualTypeOf<Organization | null | undefined>();
    expectTypeOf(items[0]!.department_id).toEqualTypeOf<string | undefined>();
  });

  it('keeps an `as const` list exact, and a union of lists exact for what they share', async () => {
    const exact = ['geography'] as const;
    const one = await kantata.organizationMemberships.get(1, { include: exact });
    expectTypeOf(one.geography).toEqualTypeOf<Organization | null>();
    const either =
      Math.random() > 0.5 ? (['department'] as const) : (['department', 'geography'] as const);
    const two = await kantata.organizationMemberships.get(1, { include: either });
    expectTypeOf(two.department).toEqualTypeOf<Organization | null>();
    expectTypeOf(two.department_id).toEqualTypeOf<string>();
    expectTypeOf(two.geography).toEqualTypeOf<Organization | null | undefined>();
  });

  it('types user group membership includes', async () => {
    const { items } = await kantata.userGroupMemberships.list({
      include: ['user', 'workspace_group'],
    });
    expectTypeOf(items[0]!.user).toEqualTypeOf<User | null>();
    expectTypeOf(items[0]!.workspace_group).toEqualTypeOf<WorkspaceGroup | null>();
  });

  it('rejects unknown includes and filters', () => {
    // @ts-expect-error user is not an association of organization memberships
    void kantata.organizationMemberships.list({ include: ['user'] });
    // @ts-expect-error organization memberships have no order
    void kantata.organizationMemberships.list({ order: 'created_at:asc' });
    // @ts-expect-error user group memberships have no member_type filter
    void kantata.userGroupMemberships.list({ member_type: 'User' });
  });
});

describe('helpers that exist and do not', () => {
  it('has no update on user group memberships', () => {
    // @ts-expect-error the API has no update for user group memberships
    void kantata.userGroupMemberships.update;
    expectTypeOf(kantata.organizationMemberships.update).toBeFunction();
  });

  it('gets a user group membership through only', async () => {
    expectTypeOf(await kantata.userGroupMemberships.get(5)).toEqualTypeOf<UserGroupMembership>();
  });

  it('takes the fields of one object in create and createMany', async () => {
    await kantata.organizationMemberships.create({
      geography_id: 1,
      department_id: 2,
      member_id: 3,
      member_type: 'User',
    });
    // @ts-expect-error member_type is required
    await kantata.organizationMemberships.create({
      geography_id: 1,
      department_id: 2,
      member_id: 3,
    });
    const result = await kantata.userGroupMemberships.createMany([
      { user_id: 1, workspace_group_id: 2 },
    ]);
    expectTypeOf(result).toEqualTypeOf<
      CreateManyResult<UserGroupMembership, { user_id: number; workspace_group_id: number }>
    >();
  });

  it('does not let an update change the member', async () => {
    await kantata.organizationMemberships.update(1, { primary: true }, { include: ['geography'] });
    // @ts-expect-error member_id cannot change
    await kantata.organizationMemberships.update(1, { member_id: 2 });
  });

  it('iterates with listAll', async () => {
    for await (const item of kantata.organizationMemberships.listAll({ include: ['geography'] })) {
      expectTypeOf(item.geography).toEqualTypeOf<Organization | null>();
    }
    // @ts-expect-error listAll manages paging itself
    kantata.organizationMemberships.listAll({ page: 2 });
  });

  it('needs a token', () => {
    // @ts-expect-error token is required
    void (() => createKantataClient({}));
  });
});
