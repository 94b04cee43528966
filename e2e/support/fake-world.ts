/**
 * A seeded fake as a source of valid ids and values for calls made from the resource table:
 * fresh objects for writes to point at, and body fields built from a stored record.
 */
import {
  camelCase,
  createFactories,
  type FakeKantata,
  type ObjectSchemaName,
} from '@kantata-ox/fixtures';
import { type ResourceFacts, resources } from '@kantata-ox/types/resources';

/** How many fresh objects {@link addFreshObjects} adds to each include target by default. */
export const FRESH = 3;

type Fields = Record<string, unknown>;

/**
 * Adds, for every include of every resource, `count` objects of its target that no record points
 * at yet (with the include's `match`), for writes to point at.
 */
export function addFreshObjects(fake: FakeKantata, count = FRESH): void {
  const factories = createFactories({ seed: 99 });
  for (const resource of Object.values(resources) as ResourceFacts[]) {
    for (const rule of Object.values(resource.includes)) {
      const schema = resource.sideLoaded[rule.key] as ObjectSchemaName;
      const table = fake.store.table(rule.key);
      const top = Math.max(0, ...[...table.keys()].map(Number));
      const objects = Array.from({ length: count }, (_, i) =>
        factories.build(schema, { ...rule.match, id: String(top + i + 1) } as never),
      );
      fake.insert({ [camelCase(rule.key)]: objects } as never);
    }
  }
}

/**
 * Body fields of the i-th write (of `fresh`): each include's foreign key points at the i-th of
 * the last `fresh` objects of its target; every other field is the template record's own.
 */
export function writeFields(
  fake: FakeKantata,
  resource: ResourceFacts,
  fields: readonly string[],
  template: Fields,
  i: number,
  fresh = FRESH,
) {
  const out: Fields = {};
  const byForeignKey = new Map(
    Object.values(resource.includes).map((rule) => [rule.foreignKey, rule]),
  );
  for (const field of fields) {
    const rule = byForeignKey.get(field);
    if (rule) {
      const ids = [...fake.store.table(rule.key).values()]
        .filter((row) => Object.entries(rule.match ?? {}).every(([k, v]) => row[k] === v))
        .map((row) => Number(row.id));
      out[field] = ids.at(i - fresh);
    } else if (template[field] !== undefined) {
      out[field] = template[field];
    }
  }
  return out;
}
