/**
 * Type-cost consumer: calls every helper of @kantata-ox/client, with includes, and reads
 * the typed results. Compared with openapi-fetch.ts, which makes the same calls by hand.
 */
import { createKantataClient } from '@kantata-ox/client';

const kantata = createKantataClient({ token: 'token' });

export async function everyHelper(): Promise<string[]> {
  const om = kantata.organizationMemberships;
  const ugm = kantata.userGroupMemberships;
  const seen: string[] = [];

  const page = await om.list({ member_type: 'User', include: ['department', 'geography'] });
  for (const m of page.items) seen.push(m.department?.name ?? '', m.geography_id);
  for await (const m of om.listAll({ include: ['department'] }, { pageSize: 100 })) {
    seen.push(m.department_id, m.department?.name ?? '');
  }
  const one = await om.get(1, { include: ['geography'] });
  seen.push(one.geography?.name ?? '');
  const created = await om.create(
    { member_id: 1, member_type: 'User', department_id: 2, geography_id: 3 },
    { include: ['department'] },
  );
  seen.push(created.department?.name ?? '');
  const many = await om.createMany(
    [{ member_id: 1, member_type: 'Workspace', department_id: 2, geography_id: 3 }],
    { concurrency: 4 },
  );
  seen.push(...many.created.map((c) => c.object.id));
  const updated = await om.update(1, { primary: true }, { include: ['geography'] });
  seen.push(updated.geography?.name ?? '');
  await om.delete(1);

  const groups = await ugm.list({ include: ['user', 'workspace_group'], order: 'created_at:asc' });
  for (const g of groups.items) seen.push(g.user?.full_name ?? '', g.workspace_group?.name ?? '');
  for await (const g of ugm.listAll({ include: ['user'] })) seen.push(g.user?.full_name ?? '');
  const group = await ugm.get(5, { include: ['workspace_group'] });
  seen.push(group.workspace_group?.name ?? '');
  const joined = await ugm.create({ user_id: 1, workspace_group_id: 2 }, { include: ['user'] });
  seen.push(joined.user?.full_name ?? '');
  const joinedMany = await ugm.createMany([{ user_id: 1, workspace_group_id: 2 }]);
  seen.push(...joinedMany.created.map((c) => c.object.id));
  await ugm.delete(5);
  return seen;
}
