/**
 * The calls the Prism contract test makes, derived from the resource table: every operation of
 * every resource, through the client's helpers, with the variants the spec allows — every
 * filter, every include, `only`, `order`, paging by page and by limit/offset, `listAll`, single
 * and bulk create, update and delete. A resource, filter or include added to the spec is called
 * here with no edit, so nothing escapes the contract check.
 *
 * Ids and values come from a seeded fake (the one `prism proxy` stands in front of, or a
 * throwaway one for `prism mock`): filters take the values of a stored record, so that they
 * match something, and creates point at objects nothing points at yet.
 */
import type { KantataClient } from '@kantata-ox/client';
import type { FakeKantata } from '@kantata-ox/fixtures';
import { type ParameterFacts, type ResourceFacts, resources } from '@kantata-ox/types/resources';
import { FRESH, writeFields } from './fake-world.js';

/** One helper call. */
export interface HelperCall {
  name: string;
  run(client: KantataClient): Promise<unknown>;
  /** The id of the record a page answered from the seeded fake must hold (filters that match it). */
  finds?: string;
}

type Resource = ResourceFacts & { name: string };
type Query = Record<string, unknown>;
/** A resource's helpers, called by action name (their types are the client's business). */
type Helpers = Record<string, (...args: unknown[]) => unknown>;

const DAY = 86_400_000;

async function collect(items: AsyncIterable<unknown>): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The calls, resource by resource, in an order where each write leaves the next one valid. */
export function helperCalls(fake: FakeKantata): HelperCall[] {
  return Object.entries(resources).flatMap(([name, facts]) =>
    callsOf(fake, { ...(facts as ResourceFacts), name }),
  );
}

function callsOf(fake: FakeKantata, resource: Resource): HelperCall[] {
  const rows = [...fake.store.table(resource.objectsKey).values()];
  const [first, second] = rows;
  if (!first || !second) throw new Error(`seed at least 2 ${resource.objectsKey} for the calls`);
  const includes = Object.keys(resource.includes);
  const helpers = (client: KantataClient) =>
    (client as unknown as Record<string, Helpers>)[resource.name] as Helpers;
  const calls: HelperCall[] = [];
  const add = (label: string, run: (h: Helpers) => unknown, finds?: string) =>
    calls.push({
      name: `${resource.name}.${label}`,
      run: async (client) => run(helpers(client)),
      ...(finds === undefined ? {} : { finds }),
    });
  const { list, get, create, update } = resource.operations;

  if (list) {
    const query = listQuery(list.parameters, first, [first.id, second.id]);
    add(`list (${Object.keys(query).join(', ')})`, (h) => h.list?.(query), String(first.id));
    const window = rolesQuery(list.parameters, { limit: 2, offset: 1 });
    if (Object.keys(window).length > 0) add('list (limit, offset)', (h) => h.list?.(window));
    add('listAll (limit, pageSize, include)', (h) =>
      collect(h.listAll?.({ include: includes.slice(0, 1) }, { limit: 3, pageSize: 2 }) as never),
    );
  }
  if (get) add('get (include)', (h) => h.get?.(Number(first.id), { include: includes }));
  if (create?.body) {
    const body = create.body;
    const inputs = Array.from({ length: FRESH }, (_, i) =>
      writeFields(fake, resource, body.fields, first, i),
    );
    add('create (include)', (h) => h.create?.(inputs[0], { include: includes.slice(0, 1) }));
    // Prism's mock answers with its examples, whose objects need not match the inputs: the
    // client then reads back (those requests are checked too). Nothing is processing behind a
    // stateless mock, so there is no server timeout to wait for, and nothing to send again.
    const settled = { serverTimeoutMs: 0, maxResends: 0 };
    if (body.bulk) {
      add(`createMany (${FRESH - 1} inputs)`, (h) => h.createMany?.(inputs.slice(1), settled));
    }
  }
  if (update?.body) {
    const change = writeFields(fake, resource, update.body.fields, first, 0);
    add('update (include)', (h) => h.update?.(Number(first.id), change, { include: includes }));
  }
  if (resource.operations.delete) add('delete', (h) => h.delete?.(Number(second.id)));
  return calls;
}

/**
 * A list query with every filter (matching `record`: its own values, bounds a day around its
 * dates), every include, `only`, `order` and page/per_page.
 */
export function listQuery(
  parameters: Readonly<Record<string, ParameterFacts>>,
  record: Query,
  only: unknown[],
) {
  const query: Query = {};
  for (const [name, p] of Object.entries(parameters)) {
    if (p.filter) {
      const value = filterValue(p, record[p.filter.field]);
      if (value !== undefined) query[name] = value;
    } else if (p.role === 'include') {
      query[name] = (p.schema.items as { enum?: unknown[] } | undefined)?.enum ?? [];
    } else if (p.role === 'only') {
      query[name] = only.map(Number);
    } else if (p.role === 'order') {
      query[name] = (p.schema.enum as unknown[] | undefined)?.at(0);
    }
  }
  const perPage = Object.values(parameters).find((p) => p.role === 'per-page')?.schema;
  const size = perPage?.maximum ?? perPage?.default;
  return { ...query, ...rolesQuery(parameters, { page: 1, 'per-page': size }) };
}

/** The query that sets the parameters with these roles to these values. */
function rolesQuery(parameters: Readonly<Record<string, ParameterFacts>>, values: Query): Query {
  return Object.fromEntries(
    Object.entries(parameters).flatMap(([name, p]) =>
      p.role !== undefined && p.role in values ? [[name, values[p.role]]] : [],
    ),
  );
}

/** The value of a filter that a record with field value `stored` passes. */
function filterValue(p: ParameterFacts, stored: unknown): unknown {
  if (stored === undefined || stored === null || !p.filter) return undefined;
  const itemType =
    p.filter.op === 'in' ? (p.schema.items as { type?: unknown } | undefined)?.type : p.schema.type;
  const typed = itemType === 'integer' || itemType === 'number' ? Number(stored) : stored;
  const shift = (by: number) =>
    p.schema.format === 'date-time'
      ? new Date(Date.parse(String(stored)) + by).toISOString()
      : Number(stored) + Math.sign(by);
  switch (p.filter.op) {
    case 'in':
      return [typed];
    case 'gt':
      return shift(-DAY);
    case 'lt':
      return shift(DAY);
    default:
      return typed;
  }
}
