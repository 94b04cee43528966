// A downstream project on Node CommonJS (require): the published packages, real calls against the fake
// Kantata API served over HTTP by @kantata-ox/fixtures/server. Exits non-zero on any failure.
const assert = require('node:assert/strict');
const { createKantataClient, KantataApiError, specVersion } = require('@kantata-ox/client');
const { createFakeKantata } = require('@kantata-ox/fixtures');
const { startMockServer } = require('@kantata-ox/fixtures/server');
const spec = require('@kantata-ox/types/openapi.json');

assert.equal(specVersion, spec.info.version);

const fake = createFakeKantata({ seed: 7, strict: true });
fake.seed({ users: 6, departments: 2, geographies: 2, workspaceGroups: 2 });
const users = [...fake.store.users.keys()].map(Number);
const organizations = [...fake.store.organizations.values()];
const [dept1, dept2] = organizations
  .filter((o) => o.type === 'Department')
  .map((o) => Number(o.id));
const [geo1] = organizations.filter((o) => o.type === 'Geography').map((o) => Number(o.id));
const [group1] = [...fake.store.workspaceGroups.keys()].map(Number);

// CommonJS has no top-level await.
async function main() {
  const server = await startMockServer({ host: '127.0.0.1', port: 0, fake });
  try {
    const kantata = createKantataClient({ token: fake.token, baseUrl: server.url });
    const om = kantata.organizationMemberships;

    const one = await om.create({
      member_id: users[0],
      member_type: 'User',
      department_id: dept1,
      geography_id: geo1,
    });
    assert.equal(String(one.member_id), String(users[0]));

    const bulk = await om.createMany(
      users.slice(1, 5).map((member_id) => ({
        member_id,
        member_type: 'User',
        department_id: dept2,
        geography_id: geo1,
      })),
    );
    assert.equal(bulk.created.length, 4);
    assert.equal(bulk.failed.length, 0);

    const page = await om.list({ include: ['department', 'geography'] });
    assert.equal(page.count, 5);
    assert.ok(
      page.items.every((m) => typeof m.department?.name === 'string' && m.geography !== null),
    );

    const got = await om.get(one.id, { include: ['department'] });
    assert.equal(String(got.department?.id), String(dept1));

    const moved = await om.update(one.id, { department_id: dept2 }, { include: ['department'] });
    assert.equal(String(moved.department?.id), String(dept2));

    await om.delete(one.id);
    await assert.rejects(
      om.get(one.id),
      (error) => error instanceof KantataApiError && error.status === 404,
    );

    await kantata.userGroupMemberships.create({ user_id: users[0], workspace_group_id: group1 });
    const groups = await kantata.userGroupMemberships.list({
      include: ['user', 'workspace_group'],
    });
    assert.ok(groups.count >= 1);
    assert.ok(groups.items.every((m) => typeof m.user?.full_name === 'string'));
  } finally {
    await server.close();
  }
  console.log('cjs consumer: every call answered as expected');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
