/**
 * What "followed" means for each kind of spec change, checked against the fake through the
 * client (and raw requests where the client is not the point). Each check reads the scratch
 * copy's regenerated resource table and answers the list of what did not follow; a message
 * starting with `client:` is about the client, `fake:` about the fake, `types:` about the table.
 */
import { type ResourceFacts, resources } from '@kantata-ox/types/resources';
import { addFreshObjects, writeFields } from '../../support/fake-world.js';
import type { ModeEnv } from './modes.js';

/** A check's input: the change's `expect` block. */
export type Expected = { kind: string; resource: string } & Record<string, unknown>;
export type Check = (env: ModeEnv, expected: Expected) => Promise<string[]>;

type Item = Record<string, unknown> & { id: string };
type Helpers = Record<string, ((...args: unknown[]) => Promise<unknown>) | undefined>;

const table = resources as unknown as Readonly<Record<string, ResourceFacts>>;

/** The resource's facts, or a failure saying the table did not follow. */
export function factsOf(name: string): ResourceFacts {
  const facts = table[name];
  if (!facts) throw new Error(`types: the resource table has no ${name}`);
  return facts;
}

/** The client's helpers of a resource (throws when there is no client to check). */
export function helpersOf(env: ModeEnv, name: string): Helpers {
  if (!env.client) throw new Error(`client: createKantataClient threw: ${String(env.clientError)}`);
  const helpers = (env.client as unknown as Record<string, Helpers | undefined>)[name];
  if (!helpers) throw new Error(`client: has no ${name} helpers`);
  return helpers;
}

/** Stored records of a resource, oldest first. */
export const rowsOf = (env: ModeEnv, facts: ResourceFacts) => [
  ...env.fake.store.table(facts.objectsKey).values(),
];

export const idsOf = (items: readonly { id: unknown }[]) =>
  items.map((item) => String(item.id)).sort();

/** Whether a call succeeded, with its value or its error. */
export async function attempt(
  call: () => unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error };
  }
}

export async function page(helpers: Helpers, query: Record<string, unknown>): Promise<Item[]> {
  const result = (await helpers.list?.(query)) as { items: Item[] } | undefined;
  if (!result) throw new Error('client: has no list');
  return result.items;
}

const filter: Check = async (env, { resource, parameter }) => {
  const facts = factsOf(resource);
  const param = facts.operations.list?.parameters[String(parameter)];
  if (!param?.filter) return [`types: the list of ${resource} has no filter ${parameter}`];
  const { field, op } = param.filter;
  const rows = rowsOf(env, facts).filter((row) => row[field] !== undefined);
  const sample = rows[Math.floor(rows.length / 2)];
  if (!sample) return [`fake: no seeded ${resource} has ${field}`];
  const dates = param.schema.format === 'date-time';
  const order = (v: unknown) => (dates ? Date.parse(String(v)) : Number(v));
  // Dates go out with another offset than the fake's: the fake must compare instants.
  const value = dates
    ? `${new Date(order(sample[field]) - 5 * 3600_000).toISOString().slice(0, 19)}-05:00`
    : sample[field];
  const passes: Record<string, (v: unknown) => boolean> = {
    eq: (v) => String(v) === String(sample[field]),
    in: (v) => String(v) === String(sample[field]),
    gt: (v) => order(v) > order(sample[field]),
    lt: (v) => order(v) < order(sample[field]),
  };
  const want = idsOf(rows.filter((row) => passes[op]?.(row[field])));
  const query = { [String(parameter)]: op === 'in' ? [value] : value, per_page: facts.paging?.max };
  const got = idsOf(await page(helpersOf(env, resource), query));
  const failures: string[] = [];
  if (want.length === 0 || want.length === rows.length)
    failures.push(`fake: the seeded data cannot tell whether ${parameter} filters`);
  if (got.join() !== want.join()) {
    failures.push(
      `fake: list ${JSON.stringify(query)} answered [${got}], the records that pass are [${want}]`,
    );
  }
  return failures;
};

const field: Check = async (env, { resource, field: name, value, changed }) => {
  const facts = factsOf(resource);
  const key = String(name);
  const { create, update, get } = facts.operations;
  if (!create?.body?.fields.includes(key))
    return [`types: the create body of ${resource} has no ${key}`];
  const helpers = helpersOf(env, resource);
  const [template] = rowsOf(env, facts);
  const input = {
    ...writeFields(env.fake, facts, create.body.fields, template ?? {}, 0),
    [key]: value,
  };
  const failures: string[] = [];
  const expectValue = (where: string, object: Item | undefined, wanted: unknown) => {
    if (object?.[key] !== wanted)
      failures.push(
        `${where} answered ${key}: ${JSON.stringify(object?.[key])}, expected ${JSON.stringify(wanted)}`,
      );
  };
  const created = (await helpers.create?.(input)) as Item;
  expectValue('fake: create', created, value);
  expectValue(
    'fake: the stored record',
    env.fake.store.table(facts.objectsKey).get(Number(created.id)) as Item,
    value,
  );
  if (get) expectValue('fake: get', (await helpers.get?.(created.id)) as Item, value);
  expectValue('fake: list', (await page(helpers, { only: [Number(created.id)] }))[0], value);
  if (update?.body?.fields.includes(key)) {
    expectValue(
      'fake: update',
      (await helpers.update?.(created.id, { [key]: changed })) as Item,
      changed,
    );
  } else if (update) {
    failures.push(`types: the update body of ${resource} has no ${key}`);
  }
  return failures;
};

const bulkLimit: Check = async (env, { resource, limit }) => {
  const facts = factsOf(resource);
  const body = facts.operations.create?.body;
  const bulk = body?.bulk;
  if (!body || !bulk || bulk.limit !== limit) {
    return [`types: the bulk limit of ${resource} is ${bulk?.limit}, not ${limit}`];
  }
  const n = 2 * bulk.limit + 1;
  const [template] = rowsOf(env, facts);
  addFreshObjects(env.fake, n);
  const inputs = Array.from({ length: n }, (_, i) =>
    writeFields(env.fake, facts, body.fields, template ?? {}, i, n),
  );
  const failures: string[] = [];
  const path = facts.operations.create?.path ?? '';
  const over = await env.raw('POST', path, { [bulk.key]: inputs.slice(0, bulk.limit + 1) });
  if (over.status !== 422 || !JSON.stringify(over.json).includes(`at most ${bulk.limit}`)) {
    failures.push(
      `fake: ${bulk.limit + 1} items answered ${over.status} ${JSON.stringify(over.json)}, not a 422 naming the limit`,
    );
  }
  const from = env.sent.length;
  const result = (await helpersOf(env, resource).createMany?.(inputs)) as {
    created: unknown[];
    failed: { error: unknown }[];
  };
  const posts = env.sent.slice(from).filter((r) => r.method === 'POST').length;
  if (posts !== Math.ceil(n / bulk.limit))
    failures.push(
      `client: createMany of ${n} sent ${posts} requests, not ${Math.ceil(n / bulk.limit)}`,
    );
  if (result.created.length !== n) {
    failures.push(
      `client: createMany created ${result.created.length} of ${n} (${result.failed.map((f) => String(f.error)).slice(0, 2)})`,
    );
  }
  return failures;
};

/** Lists with an include and checks each item's association against its foreign key. */
async function resolves(env: ModeEnv, resource: string, include: string): Promise<string[]> {
  const facts = factsOf(resource);
  const rule = facts.includes[include];
  if (!rule) return [`types: ${resource} has no include ${include}`];
  const items = await page(helpersOf(env, resource), { include: [include] });
  const linked = items.filter(
    (item) => item[rule.foreignKey] !== undefined && item[rule.foreignKey] !== null,
  );
  if (linked.length === 0) return [`fake: no ${resource} answered with ${rule.foreignKey}`];
  return linked.flatMap((item) => {
    const related = item[include] as { id?: unknown } | null | undefined;
    return String(related?.id) === String(item[rule.foreignKey])
      ? []
      : [
          `client: ${include} of ${resource} ${item.id} is ${JSON.stringify(related)}, not ${rule.key} ${item[rule.foreignKey]}`,
        ];
  });
}

const include: Check = (env, { resource, include: name }) => resolves(env, resource, String(name));

const renamedInclude: Check = async (env, { resource, from, to }) => {
  const facts = factsOf(resource);
  const failures = facts.includes[String(from)]
    ? [`types: ${resource} still has the include ${from}`]
    : [];
  failures.push(...(await resolves(env, resource, String(to))));
  const old = await env.raw('GET', `${facts.operations.list?.path}?include=${from}`);
  if (old.status !== 400 || old.json?.errors?.[0]?.field !== 'include') {
    failures.push(`fake: include=${from} answered ${old.status}, not a 400 on include`);
  }
  const helpers = helpersOf(env, resource);
  const sent = await attempt(() => helpers.list?.({ include: [from] }));
  if (sent.ok)
    failures.push(
      `client: list({ include: ['${from}'] }) succeeded although the spec no longer has it`,
    );
  return failures;
};

export { bulkLimit, field, filter, include, renamedInclude };
