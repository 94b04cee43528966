/**
 * What the page does with the client, one step per operation, each step's outcome kept (a
 * failed step does not stop the others): list with includes, listAll, create, createMany of
 * 150, update, delete, and the typed errors of a refused create (422) and a missing id (404).
 */
import { KantataApiError, type KantataClient, KantataError } from '@kantata-ox/client';

/** One step's outcome: what it found, or the error it ended on. */
export type Outcome =
  | ({ ok: true } & Record<string, unknown>)
  | { ok: false; error: { name: string; message: string; status?: number } };

const BULK = 150;

function describe(error: unknown): { name: string; message: string; status?: number } {
  if (error instanceof KantataApiError) {
    return { name: error.name, message: error.message, status: error.status };
  }
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'unknown', message: String(error) };
}

/** Fails with a clear message where a step expected an error and got none. */
class NoErrorThrown extends Error {
  override readonly name = 'NoErrorThrown';
}

/**
 * Runs every step against `kantata` (an account with organization memberships in at least
 * two departments) and returns the outcome of each, by name.
 */
export async function runScenario(kantata: KantataClient): Promise<Record<string, Outcome>> {
  const memberships = kantata.organizationMemberships;
  const outcomes: Record<string, Outcome> = {};
  const step = async (name: string, run: () => Promise<Record<string, unknown>>) => {
    try {
      outcomes[name] = { ok: true, ...(await run()) };
    } catch (error) {
      outcomes[name] = { ok: false, error: describe(error) };
    }
  };

  // The first membership is the template of the ones created below.
  let page: Awaited<ReturnType<typeof listWithIncludes>>;
  const listWithIncludes = () =>
    memberships.list({ include: ['department', 'geography'], per_page: 5 });
  try {
    page = await listWithIncludes();
  } catch (error) {
    outcomes.list = { ok: false, error: describe(error) };
    return outcomes;
  }
  const [template] = page.items;
  outcomes.list = {
    ok: true,
    count: page.count,
    items: page.items.length,
    department: template?.department?.name ?? null,
    geography: template?.geography?.name ?? null,
  };
  if (!template) return outcomes;

  const departments = new Set<string>();
  await step('listAll', async () => {
    const ids = new Set<string>();
    let seen = 0;
    for await (const m of memberships.listAll({ include: ['department'] }, { pageSize: 7 })) {
      seen += 1;
      ids.add(m.id);
      departments.add(m.department_id);
    }
    return { seen, distinct: ids.size };
  });

  const input = {
    member_id: Number(template.member_id),
    member_type: template.member_type,
    department_id: Number(template.department_id),
    geography_id: Number(template.geography_id),
  };
  let createdId: string | undefined;
  await step('create', async () => {
    const created = await memberships.create(input);
    createdId = created.id;
    return { id: created.id, department_id: created.department_id };
  });

  await step('createMany', async () => {
    const result = await memberships.createMany(Array.from({ length: BULK }, () => input));
    return {
      created: result.created.length,
      failed: result.failed.length,
      reasons: [...new Set(result.failed.map((f) => f.reason))],
    };
  });

  await step('update', async () => {
    const other = [...departments].find((id) => id !== template.department_id);
    if (createdId === undefined || other === undefined) throw new Error('nothing to update');
    const moved = await memberships.update(
      createdId,
      { department_id: Number(other) },
      { include: ['department'] },
    );
    return {
      movedTo: moved.department_id === other,
      department: moved.department?.name ?? null,
    };
  });

  await step('delete', async () => {
    if (createdId === undefined) throw new Error('nothing to delete');
    const deleted = await memberships.delete(createdId);
    // Gone for good: reading it back is a typed 404.
    const after = await memberships.get(createdId).catch((error: unknown) => error);
    return {
      resolved: deleted === undefined,
      gone: after instanceof KantataApiError && after.status === 404,
    };
  });

  await step('error422', async () => {
    try {
      await memberships.create({ ...input, department_id: 999_999_999 });
    } catch (error) {
      if (!(error instanceof KantataApiError)) throw error;
      return {
        name: error.name,
        status: error.status,
        fields: error.errors.map((e) => e.field ?? null),
        attempts: error.attempts,
        requestId: typeof error.requestId === 'string',
      };
    }
    throw new NoErrorThrown('a create with a department that does not exist succeeded');
  });

  await step('error404', async () => {
    try {
      await memberships.get(999_999_999);
    } catch (error) {
      if (!(error instanceof KantataApiError && error.status === 404)) throw error;
      return {
        name: error.name,
        status: error.status,
        kantataError: error instanceof KantataError,
        attempts: error.attempts,
        requestId: typeof error.requestId === 'string',
      };
    }
    throw new NoErrorThrown('a get of an id that does not exist succeeded');
  });

  return outcomes;
}
