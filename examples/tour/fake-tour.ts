/**
 * The tour against the fake Kantata API: every operation of the spec, as a downstream team uses
 * them.
 */
import { KantataApiError } from '@kantata-ox/client';
import type { FakeKantata } from '@kantata-ox/fixtures';
import { type Client, describeError, type Report, type RequestCounter } from './report.js';

const MEMBERSHIPS = 250;

export async function fakeTour(
  kantata: Client,
  fake: FakeKantata,
  report: Report,
  counter: RequestCounter,
) {
  report.step('Seed the fake account (users, departments, geographies, workspace groups)');
  const seeded = fake.seed({
    users: MEMBERSHIPS,
    departments: 4,
    geographies: 3,
    workspaceGroups: 5,
  });
  report.line(
    `${seeded.users} users, ${seeded.departments} departments, ${seeded.geographies} geographies, ${seeded.workspaceGroups} workspace groups`,
  );
  const users = [...fake.store.users.keys()].map(Number);
  const organizations = [...fake.store.organizations.values()];
  const departments = organizations.filter((o) => o.type === 'Department').map((o) => Number(o.id));
  const geographies = organizations.filter((o) => o.type === 'Geography').map((o) => Number(o.id));
  const groups = [...fake.store.workspaceGroups.keys()].map(Number);

  report.step(`Bulk-create ${MEMBERSHIPS} organization memberships (createMany, chunks of 100)`);
  // One per user, in the departments and geographies in turn: valid inputs the fake builds.
  const inputs = fake.validInputs('organizationMemberships', MEMBERSHIPS);
  let posts = 0;
  const stop = counter.watch((method) => {
    if (method === 'POST')
      report.line(`… bulk request ${++posts} of ${Math.ceil(MEMBERSHIPS / 100)} sent`);
  });
  const bulk = await report.timed('done', () => kantata.organizationMemberships.createMany(inputs));
  stop();
  report.line(`${bulk.created.length} created, ${bulk.failed.length} failed, in ${posts} requests`);

  report.step('Page through every membership with department and geography side-loaded (listAll)');
  const perDepartment = new Map<string, number>();
  let seen = 0;
  await report.timed('done', async () => {
    for await (const m of kantata.organizationMemberships.listAll(
      { include: ['department', 'geography'] },
      { pageSize: 100 },
    )) {
      const name = m.department?.name ?? '(none)';
      perDepartment.set(name, (perDepartment.get(name) ?? 0) + 1);
      if (++seen % 100 === 0) report.line(`… ${seen} memberships read`);
    }
  });
  report.line(`${seen} memberships: ${[...perDepartment].map(([d, n]) => `${d} ${n}`).join(', ')}`);

  const first = bulk.created[0]?.object;
  if (!first) throw new Error('the bulk create created nothing');
  report.step(`Get one (#${first.id}), update it, delete it`);
  const one = await kantata.organizationMemberships.get(first.id, {
    include: ['department', 'geography'],
  });
  report.line(
    `get    #${one.id}: ${one.member_type} ${one.member_id} in ${one.department?.name} / ${one.geography?.name}`,
  );
  const moved = await kantata.organizationMemberships.update(
    first.id,
    { department_id: departments[1] as number },
    { include: ['department'] },
  );
  report.line(
    `update #${moved.id}: moved to ${moved.department?.name} (updated_at ${moved.updated_at})`,
  );
  await kantata.organizationMemberships.delete(first.id);
  report.line(`delete #${first.id}: done (204)`);

  report.step('User group memberships: create, list with filters, only and order, delete');
  const ugm = await kantata.userGroupMemberships.createMany(
    fake.validInputs('userGroupMemberships', 12),
  );
  report.line(`createMany: ${ugm.created.length} created in 1 request`);
  const byGroup = await kantata.userGroupMemberships.list({
    group_ids: groups.slice(0, 2),
    include: ['user', 'workspace_group'],
  });
  report.line(
    `list group_ids=${groups.slice(0, 2).join(',')}: ${byGroup.count} → ${byGroup.items
      .slice(0, 3)
      .map((m) => `${m.user?.full_name} ∈ ${m.workspace_group?.name}`)
      .join('; ')}…`,
  );
  const [a, b] = ugm.created.map((c) => Number(c.object.id));
  const picked = await kantata.userGroupMemberships.list({
    only: [a as number, b as number],
    order: 'created_at:asc',
  });
  report.line(
    `list only=${a},${b} order=created_at:asc: ${picked.items.map((m) => m.id).join(', ')}`,
  );
  const byUser = await kantata.userGroupMemberships.list({ user_ids: [users[0] as number] });
  report.line(`list user_ids=${users[0]}: ${byUser.count} membership(s)`);
  await kantata.userGroupMemberships.delete(a as number);
  const gone = await kantata.userGroupMemberships.list({ only: [a as number] });
  report.line(`delete #${a}: done; list only=${a} now returns ${gone.count}`);

  report.step('Handled errors');
  try {
    await kantata.organizationMemberships.create({
      member_id: users[0] as number,
      member_type: 'User',
      department_id: 999999,
      geography_id: geographies[0] as number,
    });
  } catch (error) {
    if (!(error instanceof KantataApiError) || error.status !== 422) throw error;
    report.line(`422 → ${describeError(error)}`);
  }
  try {
    await kantata.organizationMemberships.get(first.id);
  } catch (error) {
    if (!(error instanceof KantataApiError) || error.status !== 404) throw error;
    report.line(`404 → ${describeError(error)}`);
  }
}
