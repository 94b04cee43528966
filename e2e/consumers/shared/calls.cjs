// What the esm and cjs consumers run: real calls against the fake Kantata API served over
// HTTP. CommonJS, so that both load it (an ES module imports a .cjs file; CommonJS requires
// it). Each consumer loads the packages its own way (import or require) and hands them over,
// so each still checks its own kind of loading. Copied into each one's `src/` at install (the
// `e2e.shared` field of their package.json). Rejects on the first failure.
const assert = require('node:assert/strict');

/**
 * @param {object} packages what the consumer loaded: `client` (@kantata-ox/client),
 *   `fixtures` (@kantata-ox/fixtures), `server` (@kantata-ox/fixtures/server) and `spec`
 *   (@kantata-ox/types/openapi.json)
 */
module.exports = async function runCalls({ client, fixtures, server: mockServer, spec }) {
  const { createKantataClient, KantataApiError, specVersion } = client;
  assert.equal(specVersion, spec.info.version);

  const fake = fixtures.createFakeKantata({ seed: 7, strict: true });
  fake.seed({ users: 6, departments: 2, geographies: 2, workspaceGroups: 2 });
  const users = [...fake.store.users.keys()].map(Number);
  const organizations = [...fake.store.organizations.values()];
  const [dept1, dept2] = organizations
    .filter((o) => o.type === 'Department')
    .map((o) => Number(o.id));
  const [geo1] = organizations.filter((o) => o.type === 'Geography').map((o) => Number(o.id));
  const [group1] = [...fake.store.workspaceGroups.keys()].map(Number);

  const server = await mockServer.startMockServer({ host: '127.0.0.1', port: 0, fake });
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
};
