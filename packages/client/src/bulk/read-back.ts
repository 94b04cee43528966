/**
 * Reading back: after a bulk request whose answer was lost or refused, list what it may have
 * created and tie each object found to one input. Everything comes from the resource table:
 * the list's `x-kantata-filter` parameters whose field is a create field find the inputs'
 * objects, the one comparing the `x-kantata-timestamp` `created` field with `gt` keeps to
 * objects created since the request (by the server's clock, less an allowance), and fields
 * shown only with an include (`x-kantata-when-included`) are asked for with it.
 */
import type { BodyFacts, OperationFacts, ResourceFacts } from '@kantata-ox/types/resources';
import { call, type HelperContext, parameterWithRole } from '../helpers/call.js';
import { listPages } from '../helpers/list-all.js';
import { serverTimeAtSend } from '../transport/server-time.js';
import type { Sent } from './settle.js';

type Item = Record<string, unknown>;

/** How to find a resource's new objects by listing. */
export interface ReadBackPlan {
  list: OperationFacts;
  /** List parameters comparing a create field: filled from the inputs being looked for. */
  keyFilters: { name: string; field: string; op: 'eq' | 'in' }[];
  /** The list parameter for "created after", when the list has one. */
  createdAfter: string | undefined;
  /** The object's creation timestamp field. */
  createdField: string;
  /** The include parameter and the includes that show create fields, if any are needed. */
  include: { name: string; values: string[] } | undefined;
  /** Create fields compared between an input and an object. */
  fields: readonly string[];
  /** The list's page-size parameter, if any: the probe for the server's time asks for 1. */
  perPage: string | undefined;
}

/**
 * The read-back plan of a resource, or why it has none (a sentence).
 *
 * @example
 * planReadBack(resources.userGroupMemberships, createBody); // filters user_ids and group_ids
 */
export function planReadBack(resource: ResourceFacts, body: BodyFacts): ReadBackPlan | string {
  const { list } = resource.operations;
  const createdField = resource.timestamps.created;
  if (!list) return `${resource.objectsKey} cannot be read back: the API has no list of them`;
  if (!createdField) {
    return `${resource.objectsKey} cannot be read back: the spec states no creation timestamp`;
  }
  const keyFilters: ReadBackPlan['keyFilters'] = [];
  let createdAfter: string | undefined;
  for (const [name, { filter }] of Object.entries(list.parameters)) {
    if (filter?.field === createdField && filter.op === 'gt') createdAfter = name;
    if (
      filter &&
      (filter.op === 'eq' || filter.op === 'in') &&
      body.fields.includes(filter.field)
    ) {
      keyFilters.push({ name, field: filter.field, op: filter.op });
    }
  }
  if (keyFilters.length === 0 && createdAfter === undefined) {
    return `${resource.objectsKey} cannot be read back: its list filters by no create field nor creation time`;
  }
  const includeName = parameterWithRole(list, 'include');
  const needed = [...new Set(body.fields.flatMap((field) => resource.whenIncluded[field] ?? []))];
  return {
    list,
    keyFilters,
    createdAfter,
    createdField,
    include:
      includeName !== undefined && needed.length > 0
        ? { name: includeName, values: needed }
        : undefined,
    fields: body.fields,
    perPage: parameterWithRole(list, 'per-page'),
  };
}

/**
 * The server time (ms) from which to look for what a request sent at `sent` created: from
 * the answers' `Date` (transport/server-time.ts). When this client has had no answer at all yet
 * (every one so far was lost), one page of one object is asked for to learn it. Only when
 * answers state no time (a `Date` a browser hides cross-origin) does the client's own clock
 * stand in.
 *
 * @example
 * const since = (await searchFrom(ctx, resource, plan, sent, signal)) - clockSkewMs;
 */
export async function searchFrom(
  ctx: HelperContext,
  resource: ResourceFacts,
  plan: ReadBackPlan,
  sent: Sent,
  signal: AbortSignal | undefined,
): Promise<number> {
  const known = serverTimeAtSend(sent, ctx.serverTime.first());
  if (known !== undefined) return known;
  if (!ctx.serverTime.answered()) {
    const query: Item = {};
    if (plan.perPage) query[plan.perPage] = 1;
    await call(ctx, resource, plan.list, { query, signal }, 'page');
  }
  return serverTimeAtSend(sent, ctx.serverTime.first()) ?? sent.local;
}

/** An object found by reading back, with its id. */
export interface Found {
  id: string;
  object: Item;
}

/**
 * Lists the objects created since `since` (ms) that the inputs may have made, skipping those
 * in `claimed`, and ties them one to one to the inputs (in input order, each object to the
 * first input it matches). Returns the object found for each input, or undefined.
 *
 * @example
 * const found = await readBack(ctx, resource, plan, inputs, since, claimed, signal);
 */
export async function readBack(
  ctx: HelperContext,
  resource: ResourceFacts,
  plan: ReadBackPlan,
  inputs: readonly Item[],
  since: number,
  claimed: ReadonlySet<string>,
  signal: AbortSignal | undefined,
): Promise<(Found | undefined)[]> {
  const candidates = (await listSince(ctx, resource, plan, inputs, since, signal)).filter(
    (found) =>
      !claimed.has(found.id) &&
      // Without the list's own filter, tell new objects from old ones here.
      (plan.createdAfter !== undefined ||
        Date.parse(String(found.object[plan.createdField])) > since),
  );
  const taken = new Set<Found>();
  return inputs.map((input) => {
    const match = candidates.find((c) => !taken.has(c) && matches(plan.fields, input, c.object));
    if (match) taken.add(match);
    return match && { id: match.id, object: asAnswered(plan, match.object) };
  });
}

/** Every page of the list, filtered by what the inputs share and by creation time. */
async function listSince(
  ctx: HelperContext,
  resource: ResourceFacts,
  plan: ReadBackPlan,
  inputs: readonly Item[],
  since: number,
  signal: AbortSignal | undefined,
): Promise<Found[]> {
  const query: Item = {};
  for (const { name, field, op } of plan.keyFilters) {
    const values = inputs.map((input) => input[field]);
    if (values.some((value) => value === undefined || value === null)) continue;
    const distinct = [...new Map(values.map((value) => [String(value), value])).values()];
    // An `eq` filter narrows only when the inputs share its value; the time filter does the rest.
    if (op === 'in') query[name] = distinct;
    else if (distinct.length === 1) query[name] = distinct[0];
  }
  if (plan.createdAfter !== undefined) query[plan.createdAfter] = new Date(since).toISOString();
  if (plan.include) query[plan.include.name] = plan.include.values;
  const found: Found[] = [];
  // One page at a time, as listAll pages (objects that shifting pages bring back once only).
  for await (const { items, ids } of listPages(ctx, resource, plan.list, query, {
    signal,
    concurrency: 1,
  })) {
    for (const [i, object] of items.entries()) found.push({ id: ids[i] as string, object });
  }
  return found;
}

/**
 * Whether an object is what an input would create: every create field that both show is
 * equal (as text, so `5` and `"5"` agree). A field the object does not show is not compared.
 */
function matches(fields: readonly string[], input: Item, object: Item): boolean {
  return fields.every((field) => {
    const wanted = input[field];
    const shown = object[field];
    return wanted === undefined || shown === undefined || String(wanted) === String(shown);
  });
}

/** The object without the associations the read-back's include resolved onto it. */
function asAnswered(plan: ReadBackPlan, object: Item): Item {
  if (!plan.include) return object;
  const copy = { ...object };
  for (const name of plan.include.values) delete copy[name];
  return copy;
}
