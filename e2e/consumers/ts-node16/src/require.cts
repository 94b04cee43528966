// The same packages from a CommonJS file of a node16 project: `import x = require()` resolves
// the `require` condition, so this checks the published .d.cts files and the CJS builds.
import assert = require('node:assert/strict');
import client = require('@kantata-ox/client');
import fixtures = require('@kantata-ox/fixtures');
import mockServer = require('@kantata-ox/fixtures/server');

async function main(): Promise<void> {
  const fake = fixtures.createFakeKantata({ seed: 3, records: 5 });
  const server = await mockServer.startMockServer({ host: '127.0.0.1', port: 0, fake });
  try {
    const kantata = client.createKantataClient({ token: fake.token, baseUrl: server.url });
    const page = await kantata.organizationMemberships.list({ include: ['department'] });
    assert.equal(page.count, 5);
    const first = page.items[0];
    assert.ok(first);
    const got = await kantata.userGroupMemberships.list({ per_page: 2 });
    assert.equal(got.items.length, 2);
    await assert.rejects(
      kantata.organizationMemberships.get(999_999),
      (error: unknown) => error instanceof client.KantataApiError && error.status === 404,
    );
  } finally {
    await server.close();
  }
  console.log('ts-node16 consumer (CJS): every call answered as expected');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
