import type createClient from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ListOrganizationMembershipsQuery,
  ListUserGroupMembershipsQuery,
  Organization,
  OrganizationMembership,
  OrganizationMembershipCreateBody,
  OrganizationMembershipsEnvelope,
  OrganizationMembershipUpdateBody,
  paths,
  RequestBodyOf,
  ResponseOf,
  UserGroupMembership,
  UserGroupMembershipCreateBody,
} from '../src/index.js';

type Client = ReturnType<typeof createClient<paths>>;

describe('paths', () => {
  it('has no get-one and no update for user group memberships', () => {
    expectTypeOf<paths['/user_group_memberships/{id}']['get']>().toEqualTypeOf<undefined>();
    expectTypeOf<paths['/user_group_memberships/{id}']['put']>().toEqualTypeOf<undefined>();
    const client = {} as Client;
    // @ts-expect-error there is no GET /user_group_memberships/{id}
    void (() => client.GET('/user_group_memberships/{id}', { params: { path: { id: 1 } } }));
    // @ts-expect-error there is no PUT /user_group_memberships/{id}
    void (() => client.PUT('/user_group_memberships/{id}', { params: { path: { id: 1 } } }));
  });

  it('takes integer path ids', () => {
    expectTypeOf<
      paths['/organization_memberships/{id}']['parameters']['path']['id']
    >().toEqualTypeOf<number>();
  });
});

describe('request bodies', () => {
  it('accept one object or a bulk array', () => {
    const one: OrganizationMembershipCreateBody = {
      organization_membership: {
        geography_id: 1,
        department_id: 2,
        member_id: 3,
        member_type: 'User',
      },
    };
    const many: UserGroupMembershipCreateBody = {
      user_group_memberships: [{ user_id: 1, workspace_group_id: 2 }],
    };
    expectTypeOf(one).toExtend<RequestBodyOf<'createOrganizationMemberships'>>();
    expectTypeOf(many).toExtend<RequestBodyOf<'createUserGroupMemberships'>>();
  });

  it('reject a bulk body of the wrong shape', () => {
    const notArray: UserGroupMembershipCreateBody = {
      // @ts-expect-error the plural key takes an array
      user_group_memberships: { user_id: 1, workspace_group_id: 2 },
    };
    const arraySingle: UserGroupMembershipCreateBody = {
      // @ts-expect-error the singular key takes one object
      user_group_membership: [{ user_id: 1, workspace_group_id: 2 }],
    };
    const missing: OrganizationMembershipCreateBody = {
      // @ts-expect-error member_type is required
      organization_membership: { geography_id: 1, department_id: 2, member_id: 3 },
    };
    const stringId: UserGroupMembershipCreateBody = {
      // @ts-expect-error ids are integers in request bodies
      user_group_membership: { user_id: '1', workspace_group_id: 2 },
    };
    void [notArray, arraySingle, missing, stringId];
  });

  it('do not let an update change the member', () => {
    const ok: OrganizationMembershipUpdateBody = { organization_membership: { primary: true } };
    // @ts-expect-error member_id cannot change
    const bad: OrganizationMembershipUpdateBody = { organization_membership: { member_id: 4 } };
    void [ok, bad];
  });
});

describe('queries', () => {
  it('type every filter of the organization memberships list', () => {
    expectTypeOf<ListOrganizationMembershipsQuery['member_type']>().toEqualTypeOf<
      'User' | 'Workspace' | undefined
    >();
    expectTypeOf<ListOrganizationMembershipsQuery['include']>().toEqualTypeOf<
      ('department' | 'geography')[] | undefined
    >();
    expectTypeOf<ListOrganizationMembershipsQuery['per_page']>().toEqualTypeOf<
      number | undefined
    >();
    // @ts-expect-error there is no order on organization memberships
    const noOrder: ListOrganizationMembershipsQuery = { order: 'created_at:asc' };
    void noOrder;
  });

  it('type the user group memberships list', () => {
    expectTypeOf<ListUserGroupMembershipsQuery['order']>().toEqualTypeOf<
      'created_at:asc' | 'created_at:desc' | undefined
    >();
    expectTypeOf<ListUserGroupMembershipsQuery['user_ids']>().toEqualTypeOf<number[] | undefined>();
    // @ts-expect-error there are no date filters on user group memberships
    const noDates: ListUserGroupMembershipsQuery = { created_after: '2020-01-01T00:00:00Z' };
    void noDates;
  });
});

describe('objects and envelopes', () => {
  it('carry string ids and optional association ids', () => {
    expectTypeOf<OrganizationMembership['id']>().toEqualTypeOf<string>();
    expectTypeOf<OrganizationMembership['department_id']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Organization['type']>().toEqualTypeOf<'Department' | 'Geography'>();
    expectTypeOf<UserGroupMembership['user_id']>().toEqualTypeOf<number | string>();
  });

  it('key objects by id and side-load organizations', () => {
    expectTypeOf<OrganizationMembershipsEnvelope['organization_memberships']>().toEqualTypeOf<{
      [key: string]: OrganizationMembership;
    }>();
    expectTypeOf<
      ResponseOf<'getOrganizationMembership', 200>
    >().toEqualTypeOf<OrganizationMembershipsEnvelope>();
    expectTypeOf<ResponseOf<'deleteOrganizationMembership', 204>>().toBeNever();
  });
});
