// Compiles only once the read-only resource reached the client's and the fixtures' types.
import type { KantataClient } from '@kantata-ox/client';
import { createFakeKantata } from '@kantata-ox/fixtures';
import type { ListWorkspaceGroupsQuery, WorkspaceGroup } from '@kantata-ox/types';

const query: ListWorkspaceGroupsQuery = { company: true, per_page: 10 };
const fake = createFakeKantata({ generate: { workspaceGroups: 2 } });
const name: string | undefined = fake.store.workspaceGroups.get(1)?.name;

export async function drive(kantata: KantataClient): Promise<WorkspaceGroup> {
  const page = await kantata.workspaceGroups.list(query);
  // @ts-expect-error a read-only resource has no create (issue 12, item 5: the client)
  void kantata.workspaceGroups.create;
  // @ts-expect-error a read-only resource has no delete (issue 12, item 5: the client)
  void kantata.workspaceGroups.delete;
  void [page, name];
  return kantata.workspaceGroups.get(1);
}
