/**
 * Resource table entries of other shapes than the spec's two resources, made from the
 * organization memberships entry by dropping operations or parameters: a read-only resource,
 * one without create, one without a bulk form... Used by the run-time and the type tests of
 * the helpers.
 */
import type { OperationFacts, ResourceFacts, resources } from '@kantata-ox/types/resources';

type Entry = typeof resources.organizationMemberships;
type Operations = Entry['operations'];
type List = Operations['list'];
type Action = keyof Operations;

/** The entry with only the operations `A`, its list without the parameters `Drop` (types). */
export type Keeping<A extends Action, Drop extends string = never> = Omit<Entry, 'operations'> & {
  operations: Omit<Pick<Operations, A>, 'list'> &
    ('list' extends A
      ? { list: Omit<List, 'parameters'> & { parameters: Omit<List['parameters'], Drop> } }
      : unknown);
};

/** The entry with only the operations `A`, its create without a bulk form (types). */
export type KeepingWithoutBulk<A extends Action> = Omit<Keeping<A>, 'operations'> & {
  operations: Omit<Keeping<A>['operations'], 'create'> & {
    create: Omit<Operations['create'], 'body'> & {
      body: Omit<Operations['create']['body'], 'bulk'>;
    };
  };
};

/**
 * `entry` (the organization memberships one) with only some of its operations, optionally
 * with list parameters dropped (`only`, the paging ones...) and a create without a bulk form.
 *
 * @example
 * const readOnly = shapeOf(resources.organizationMemberships, ['list'], { listWithout: ['only'] });
 */
export function shapeOf(
  entry: Entry,
  keep: readonly Action[],
  options: { listWithout?: readonly string[]; createWithoutBulk?: boolean } = {},
): ResourceFacts {
  const operations: { [A in Action]?: OperationFacts } = {};
  for (const action of keep) operations[action] = entry.operations[action];
  const { list, create } = operations;
  if (list && options.listWithout) {
    const parameters = Object.fromEntries(
      Object.entries(list.parameters).filter(([name]) => !options.listWithout?.includes(name)),
    );
    operations.list = { ...list, parameters };
  }
  if (create?.body && options.createWithoutBulk) {
    const { bulk: _bulk, ...body } = create.body;
    operations.create = { ...create, body };
  }
  return { ...entry, operations };
}
