/**
 * What both TypeScript consumers (moduleResolution node16 and bundler) run: typed real calls
 * against the fake Kantata API served over HTTP. Copied into each one's `src/` when the e2e
 * test installs it (see the `e2e.shared` field of their package.json), and compiled there by
 * that project's own `tsc`, so each resolution mode checks the same code.
 */
import assert from 'node:assert/strict';
import { createKantataClient, KantataApiError, specVersion } from '@kantata-ox/client';
import { createFakeKantata, type FakeKantata } from '@kantata-ox/fixtures';
import { startMockServer } from '@kantata-ox/fixtures/server';
import type { OrganizationMembershipCreateFields, UserGroupMembership } from '@kantata-ox/types';

/** Runs every call and asserts the answers; rejects on the first failure. */
export async function runTypedCalls(): Promise<void> {
  const fake: FakeKantata = createFakeKantata({ seed: 7, strict: true });
  fake.seed({ users: 6, departments: 2, geographies: 2, workspaceGroups: 2 });
  const users = [...fake.store.users.keys()].map(Number);
  const organizations = [...fake.store.organizations.values()];
  const departments = organizations.filter((o) => o.type === 'Department').map((o) => Number(o.id));
  const geographies = organizations.filter((o) => o.type === 'Geography').map((o) => Number(o.id));
  const groups = [...fake.store.workspaceGroups.keys()].map(Number);
  const pick = (list: number[], i: number): number => {
    const value = list[i];
    if (value === undefined)
      throw new Error(`the fake was seeded with fewer than ${i + 1} objects`);
    return value;
  };

  const server = await startMockServer({ host: '127.0.0.1', port: 0, fake });
  try {
    const kantata = createKantataClient({ token: fake.token, baseUrl: server.url });
    assert.equal(kantata.specVersion, specVersion);
    const om = kantata.organizationMemberships;
    const fields = (member: number, department: number): OrganizationMembershipCreateFields => ({
      member_id: member,
      member_type: 'User',
      department_id: department,
      geography_id: pick(geographies, 0),
    });

    const one = await om.create(fields(pick(users, 0), pick(departments, 0)));
    const bulk = await om.createMany(users.slice(1, 5).map((u) => fields(u, pick(departments, 1))));
    assert.equal(bulk.created.length, 4);
    assert.equal(bulk.failed.length, 0);

    const page = await om.list({ include: ['department', 'geography'] });
    assert.equal(page.count, 5);
    // `include` types the side-loaded objects: a typo in `name` would not compile.
    const names: string[] = page.items.map((m) => m.department?.name ?? '(none)');
    assert.ok(names.every((n) => n !== '(none)'));

    const got = await om.get(one.id, { include: ['geography'] });
    assert.equal(String(got.geography?.id), String(pick(geographies, 0)));

    const moved = await om.update(
      one.id,
      { department_id: pick(departments, 1) },
      { include: ['department'] },
    );
    // With the include, `department_id` is typed as present.
    const departmentId: string = moved.department_id;
    assert.equal(departmentId, String(pick(departments, 1)));

    await om.delete(one.id);
    await assert.rejects(
      om.get(one.id),
      (error: unknown) => error instanceof KantataApiError && error.status === 404,
    );

    await kantata.userGroupMemberships.create({
      user_id: pick(users, 0),
      workspace_group_id: pick(groups, 0),
    });
    const memberships = await kantata.userGroupMemberships.list({ include: ['user'] });
    const plain: UserGroupMembership[] = memberships.items;
    assert.ok(plain.length >= 1);
    assert.ok(memberships.items.every((m) => typeof m.user?.full_name === 'string'));
  } finally {
    await server.close();
  }
}
