/**
 * What the TypeScript consumers (ts-node16, ts-bundler, ts-testing) run: typed real calls
 * against the fake Kantata API. Copied into each one's `src/` when the e2e test installs it
 * (see the `e2e.shared` field of their package.json), and compiled there by that project's
 * own `tsc` (strict, `exactOptionalPropertyTypes`, `noUncheckedIndexedAccess`), so each
 * resolution mode checks the same code.
 */
import assert from 'node:assert/strict';
import {
  createKantataClient,
  KantataApiError,
  type KantataClient,
  specVersion,
} from '@kantata-ox/client';
import { createFakeKantata, type FakeKantata } from '@kantata-ox/fixtures';
import { startMockServer } from '@kantata-ox/fixtures/server';
import type { OrganizationMembershipCreateFields, UserGroupMembership } from '@kantata-ox/types';

/** A client of a fake, however the fake is reached; `close` stops whatever serves it. */
export interface FakeConnection {
  kantata: KantataClient;
  close(): Promise<void>;
}

/** A fresh fake with the objects the calls refer to (users, organizations, groups). */
export function seededFake(): FakeKantata {
  const fake = createFakeKantata({ seed: 7, strict: true });
  fake.seed({ users: 6, departments: 2, geographies: 2, workspaceGroups: 2 });
  return fake;
}

/** A client of `fake` served over HTTP by kantata-mock's server on 127.0.0.1 (a free port). */
export async function overHttp(fake: FakeKantata): Promise<FakeConnection> {
  const server = await startMockServer({ host: '127.0.0.1', port: 0, fake });
  const kantata = createKantataClient({ token: fake.token, baseUrl: server.url });
  return { kantata, close: () => server.close() };
}

/** The typed calls against a fresh fake served over HTTP; rejects on the first failure. */
export async function runTypedCallsOverHttp(): Promise<void> {
  const fake = seededFake();
  const { kantata, close } = await overHttp(fake);
  try {
    await runTypedCalls(kantata, fake);
  } finally {
    await close();
  }
}

/** Runs every call through `kantata` and asserts the answers; rejects on the first failure. */
export async function runTypedCalls(kantata: KantataClient, fake: FakeKantata): Promise<void> {
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

  // A signal that may be undefined passes as it is under exactOptionalPropertyTypes.
  const signal: AbortSignal | undefined = undefined;
  const page = await om.list({ include: ['department', 'geography'] }, { signal });
  assert.equal(page.count, 5);
  // `include` types the side-loaded objects: a typo in `name` would not compile.
  const names: string[] = page.items.map((m) => m.department?.name ?? '(none)');
  assert.ok(names.every((n) => n !== '(none)'));

  // A widened include list: the associations are optional, not claimed present.
  const wanted: ('department' | 'geography')[] = ['geography'];
  const widened = await om.list({ include: wanted });
  const maybe: { name: string } | null | undefined = widened.items[0]?.department;
  assert.equal(maybe, undefined);

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
    (error: unknown) =>
      error instanceof KantataApiError &&
      error.status === 404 &&
      error.path === `/organization_memberships/${one.id}`,
  );

  const created = await kantata.userGroupMemberships.create({
    user_id: pick(users, 0),
    workspace_group_id: pick(groups, 0),
  });
  const again = await kantata.userGroupMemberships.get(created.id);
  assert.equal(again.id, created.id);
  const memberships = await kantata.userGroupMemberships.list({ include: ['user'] });
  const plain: UserGroupMembership[] = memberships.items;
  assert.ok(plain.length >= 1);
  assert.ok(memberships.items.every((m) => typeof m.user?.full_name === 'string'));
}
