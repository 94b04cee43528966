/**
 * Type-cost consumer: the calls of helpers.ts made with openapi-fetch alone
 * (`createClient<paths>`), reading the same fields from the raw envelopes.
 */
import type { paths } from '@kantata-ox/types';
import createClient from 'openapi-fetch';

const client = createClient<paths>({
  baseUrl: 'https://api.mavenlink.com/api/v1',
  headers: { authorization: 'Bearer token' },
});

export async function everyCall(): Promise<string[]> {
  const seen: string[] = [];
  const om = '/organization_memberships';
  const omId = '/organization_memberships/{id}';
  const ugm = '/user_group_memberships';

  const page = await client.GET(om, {
    params: { query: { member_type: 'User', include: ['department', 'geography'] } },
  });
  for (const ref of page.data?.results ?? []) {
    const m = page.data?.organization_memberships?.[ref.id];
    seen.push(page.data?.organizations?.[m?.department_id ?? '']?.name ?? '');
  }
  for (let p = 1; ; p++) {
    const next = await client.GET(om, {
      params: { query: { include: ['department'], page: p, per_page: 100 } },
    });
    for (const ref of next.data?.results ?? []) {
      seen.push(next.data?.organization_memberships?.[ref.id]?.department_id ?? '');
    }
    if (!next.data || p >= next.data.meta.page_count) break;
  }
  const one = await client.GET(omId, {
    params: { path: { id: 1 }, query: { include: ['geography'] } },
  });
  seen.push(String(one.data?.count ?? 0));
  const created = await client.POST(om, {
    params: { query: { include: ['department'] } },
    body: {
      organization_membership: {
        member_id: 1,
        member_type: 'User',
        department_id: 2,
        geography_id: 3,
      },
    },
  });
  seen.push(String(created.data?.count ?? 0));
  const many = await client.POST(om, {
    body: {
      organization_memberships: [
        { member_id: 1, member_type: 'Workspace', department_id: 2, geography_id: 3 },
      ],
    },
  });
  seen.push(...(many.data?.results ?? []).map((r) => r.id));
  const updated = await client.PUT(omId, {
    params: { path: { id: 1 }, query: { include: ['geography'] } },
    body: { organization_membership: { primary: true } },
  });
  seen.push(String(updated.data?.count ?? 0));
  await client.DELETE(omId, { params: { path: { id: 1 } } });

  const groups = await client.GET(ugm, {
    params: { query: { include: ['user', 'workspace_group'], order: 'created_at:asc' } },
  });
  for (const ref of groups.data?.results ?? []) {
    const g = groups.data?.user_group_memberships?.[ref.id];
    seen.push(groups.data?.users?.[g?.user_id ?? '']?.full_name ?? '');
  }
  const group = await client.GET(ugm, {
    params: { query: { only: [5], include: ['workspace_group'] } },
  });
  seen.push(String(group.data?.count ?? 0));
  const joined = await client.POST(ugm, {
    params: { query: { include: ['user'] } },
    body: { user_group_membership: { user_id: 1, workspace_group_id: 2 } },
  });
  seen.push(String(joined.data?.count ?? 0));
  const joinedMany = await client.POST(ugm, {
    body: { user_group_memberships: [{ user_id: 1, workspace_group_id: 2 }] },
  });
  seen.push(...(joinedMany.data?.results ?? []).map((r) => r.id));
  await client.DELETE('/user_group_memberships/{id}', { params: { path: { id: 5 } } });
  return seen;
}
