/**
 * Checks for whole resources: a new one following the conventions (list with filters and
 * include, get, create with bulk, delete, references checked), and a read-only one (list and
 * get only: no route and no helper for anything else).
 */

import { writeFields } from '../../support/fake-world.js';
import { listQuery } from '../../support/prism-calls.js';
import { attempt, type Check, factsOf, helpersOf, idsOf, page, rowsOf } from './checks.js';

const humanize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, ' ');

const resource: Check = async (env, { resource: name }) => {
  const facts = factsOf(name);
  const { list, get, create } = facts.operations;
  const missing = (['list', 'get', 'create', 'delete'] as const).filter(
    (a) => !facts.operations[a],
  );
  if (missing.length > 0 || !list || !get || !create?.body?.bulk) {
    return [`types: ${name} lacks ${[...missing, 'a bulk create'].join(', ')}`];
  }
  const rows = rowsOf(env, facts);
  const [first] = rows;
  if (!first) return [`fake: records: 3 seeded no ${name}`];
  const helpers = helpersOf(env, name);
  const failures: string[] = [];
  const includes = Object.keys(facts.includes);

  const query = listQuery(list.parameters, first, [first.id]);
  const found = idsOf(await page(helpers, query));
  if (!found.includes(String(first.id)))
    failures.push(`fake: list ${JSON.stringify(query)} did not find ${first.id}`);

  const one = (await helpers.get?.(Number(first.id), { include: includes })) as Record<
    string,
    unknown
  >;
  if (String(one.id) !== String(first.id))
    failures.push(`client: get(${first.id}) answered ${one.id}`);
  for (const [include, rule] of Object.entries(facts.includes)) {
    const related = one[include] as { id?: unknown } | null;
    if (String(related?.id) !== String(first[rule.foreignKey])) {
      failures.push(`client: get(${first.id}).${include} is ${JSON.stringify(related)}`);
    }
  }

  const body = create.body;
  const inputs = [0, 1, 2].map((i) => writeFields(env.fake, facts, body.fields, first, i));
  const created = (await helpers.create?.(inputs[0])) as { id: string };
  const many = (await helpers.createMany?.(inputs.slice(1))) as { created: unknown[] };
  if (many.created.length !== 2)
    failures.push(`client: createMany created ${many.created.length} of 2`);
  if (!env.fake.store.table(facts.objectsKey).has(Number(created.id)))
    failures.push('fake: create stored nothing');

  await helpers.delete?.(Number(first.id));
  const gone = await attempt(() => helpers.get?.(Number(first.id)));
  const status = gone.ok ? 200 : (gone.error as { status?: number }).status;
  if (status !== 404) failures.push(`fake: get after delete answered ${status}, not 404`);

  const [include, rule] = Object.entries(facts.includes)[0] ?? [];
  if (include && rule) {
    const dangling = await env.raw('POST', create.path, {
      [body.key]: { ...inputs[0], [rule.foreignKey]: 999_999 },
    });
    const error = dangling.json?.errors?.[0];
    if (
      dangling.status !== 422 ||
      error?.field !== rule.foreignKey ||
      error?.message !== `${humanize(include)} could not be found`
    ) {
      failures.push(
        `fake: a ${rule.foreignKey} pointing at nothing answered ${dangling.status} ${JSON.stringify(error)}`,
      );
    }
  }
  return failures;
};

const readOnly: Check = async (env, { resource: name }) => {
  const facts = factsOf(name);
  const { list, get } = facts.operations;
  const writes = (['create', 'update', 'delete'] as const).filter((a) => facts.operations[a]);
  if (!list || writes.length > 0) return [`types: ${name} has ${writes.join(', ') || 'no list'}`];
  const rows = rowsOf(env, facts);
  const failures: string[] = [];
  // The fake, through raw requests: these do not depend on the client.
  const listed = await env.raw('GET', `${list.path}?per_page=${facts.paging?.max ?? rows.length}`);
  if (listed.status !== 200 || listed.json.count !== rows.length || rows.length === 0) {
    failures.push(
      `fake: the list answered ${listed.status} with ${listed.json?.count} of ${rows.length} records`,
    );
  }
  if (get) {
    const one = await env.raw('GET', get.path.replace('{id}', String(rows[0]?.id)));
    if (one.status !== 200) failures.push(`fake: get answered ${one.status}`);
  }
  // The path exists, for GET only: a method it does not serve is a 405 naming what it serves.
  const post = await env.raw('POST', list.path, {});
  const refused = post.json?.errors?.[0]?.message;
  if (post.status !== 405 || !String(refused).endsWith('this path serves GET'))
    failures.push(
      `fake: POST ${list.path} answered ${post.status} (${refused}), not 405 (GET only)`,
    );
  // The client (issue 12, item 5): it starts, reads, and offers nothing the spec lacks.
  try {
    const helpers = helpersOf(env, name);
    const items = await page(helpers, {});
    if (items.length === 0) failures.push('client: list answered no items');
    if (get) {
      const one = (await helpers.get?.(Number(rows[0]?.id))) as { id?: unknown };
      if (String(one.id) !== String(rows[0]?.id)) failures.push(`client: get answered ${one.id}`);
    }
    for (const helper of ['create', 'createMany', 'update', 'delete']) {
      if (typeof helpers[helper] === 'function')
        failures.push(`client: ${name}.${helper} exists although the spec has no such operation`);
    }
  } catch (error) {
    failures.push(String(error instanceof Error ? error.message : error));
  }
  return failures;
};

export { readOnly, resource };
