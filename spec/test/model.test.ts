/**
 * The spec model: what it reads from the bundled spec, and the clear errors it gives when a
 * spec change breaks a convention the generators rely on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, SpecModelError } from '../model/build.js';
import { deref } from '../model/resolve.js';
import type { SpecModel } from '../model/types.js';
import { type JsonObject, loadSpec } from './load.js';

let doc: JsonObject;
let model: SpecModel;
beforeAll(async () => {
  doc = (await loadSpec()).doc;
  model = buildModel(doc);
});

/** A deep copy of the bundled spec, changed by `edit`. */
function changed(edit: (copy: JsonObject) => void): JsonObject {
  const copy = structuredClone(doc);
  edit(copy);
  return copy;
}

const at = (node: unknown, ...keys: string[]): JsonObject =>
  keys.reduce((n, k) => (n as JsonObject)[k] as JsonObject, node as JsonObject);

/** The problems `buildModel` reports for a changed spec. */
function problemsOf(copy: JsonObject): readonly string[] {
  try {
    buildModel(copy);
  } catch (error) {
    if (error instanceof SpecModelError) return error.problems;
    throw error;
  }
  return [];
}

describe('the model of the spec', () => {
  it('groups operations into resources by objects key, with the helper each backs', () => {
    const actions = Object.fromEntries(
      Object.values(model.resources).map((r) => [r.name, Object.keys(r.operations)]),
    );
    const fromPaths = Object.fromEntries(
      Object.values(model.resources).map((r) => [
        r.name,
        model.operations.filter((o) => o.objectsKey === r.objectsKey).map((o) => o.action),
      ]),
    );
    expect(actions).toEqual(fromPaths);
    expect(model.operations).toHaveLength(
      Object.values(at(doc, 'paths'))
        .flatMap((item) => Object.keys(item as JsonObject))
        .filter((key) => key !== 'parameters').length,
    );
  });

  it('reads the bulk limit from the bulk array (the one place it is stated)', () => {
    for (const resource of Object.values(model.resources)) {
      const create = resource.operations.create;
      if (!create?.body?.bulk) continue;
      const bulk = create.body.bulk;
      const arrays = Object.values(at(doc, 'components', 'schemas'))
        .map((schema) => (schema as JsonObject).properties as JsonObject | undefined)
        .map((properties) => properties?.[bulk.key] as JsonObject | undefined)
        .filter((property) => property?.type === 'array');
      expect(arrays.map((array) => array?.maxItems)).toEqual([bulk.limit]);
    }
  });

  it('reads side-loaded maps from the envelope and checks includes land in one', () => {
    for (const resource of Object.values(model.resources)) {
      for (const rule of Object.values(resource.includes)) {
        expect(Object.keys(resource.sideLoaded)).toContain(rule.key);
      }
    }
  });

  it('reads which property records creation and which the last change (x-kantata-timestamp)', () => {
    const timestamps = Object.fromEntries(
      Object.values(model.resources).map((r) => [r.objectsKey, r.timestamps]),
    );
    expect(timestamps).toEqual({
      organization_memberships: { created: 'created_at', updated: 'updated_at' },
      user_group_memberships: { created: 'created_at' },
    });
  });

  it('reads how long the server may work on a request (x-kantata-server-timeout-seconds)', () => {
    expect(model.serverTimeoutSeconds).toBe(doc['x-kantata-server-timeout-seconds']);
    expect(model.serverTimeoutSeconds).toBe(180);
    const copy = changed((c) => {
      delete c['x-kantata-server-timeout-seconds'];
    });
    expect(buildModel(copy).serverTimeoutSeconds).toBeUndefined();
  });

  it('builds the table the packages ship: by helper name, the facts as read, no tool-only field', () => {
    const resources = Object.values(model.resources);
    expect(Object.keys(model.table)).toEqual(resources.map((r) => r.name));
    for (const resource of resources) {
      const facts = model.table[resource.name];
      expect(facts).toMatchObject({ objectsKey: resource.objectsKey, includes: resource.includes });
      expect(facts).not.toHaveProperty('name');
      expect(facts).not.toHaveProperty('filters');
      expect(facts?.paging).toEqual(resource.paging);
      for (const [action, op] of Object.entries(resource.operations)) {
        const shipped = facts?.operations[action as keyof typeof facts.operations];
        expect(Object.keys(shipped ?? {})).toEqual(
          ['operationId', 'method', 'path', 'paginated', 'parameters', 'body'].filter(
            (key) => key !== 'body' || op.body,
          ),
        );
        expect(shipped?.body?.bulk).toEqual(op.body?.bulk);
        for (const [name, param] of Object.entries(shipped?.parameters ?? {})) {
          const known = ['in', 'required', 'schema', 'role', 'filter'];
          expect(Object.keys(param).filter((key) => !known.includes(key))).toEqual([]);
          if (op.parameters[name]?.includes) expect(param.role).toBe('include');
        }
      }
    }
  });

  it('inlines parameter schemas: no reference is left for a validator to follow', () => {
    for (const op of model.operations) {
      for (const parameter of Object.values(op.parameters)) {
        expect(JSON.stringify(parameter.schema)).not.toContain('$ref');
        expect(JSON.stringify(parameter.schema)).not.toContain('description');
      }
    }
  });
});

describe('a spec change the generators cannot follow fails with a message saying what to add', () => {
  const list = (copy: JsonObject) => at(copy, 'paths', '/organization_memberships', 'get');

  it('a query parameter that is neither a filter nor a role', () => {
    const copy = changed((c) => {
      (list(c).parameters as unknown[]).push({
        name: 'archived',
        in: 'query',
        description: 'Only archived memberships.',
        schema: { type: 'boolean' },
      });
    });
    expect(problemsOf(copy)).toEqual([
      expect.stringMatching(
        /listOrganizationMemberships: parameter "archived": say what it does: x-kantata-filter/,
      ),
    ]);
  });

  it('a filter on a field the object does not have', () => {
    const copy = changed((c) => {
      (list(c).parameters as unknown[]).push({
        name: 'archived',
        in: 'query',
        schema: { type: 'boolean' },
        'x-kantata-filter': { field: 'archived', op: 'eq' },
      });
    });
    expect(problemsOf(copy)).toEqual([
      expect.stringMatching(/field archived is not a field of the object/),
    ]);
  });

  it('an `in` filter on a scalar parameter', () => {
    const copy = changed((c) => {
      const parameter = at(c, 'components', 'parameters', 'MemberId');
      parameter['x-kantata-filter'] = { field: 'member_id', op: 'in' };
    });
    expect(problemsOf(copy)).toEqual([expect.stringMatching(/op in needs an array parameter/)]);
  });

  it('a bulk limit stated twice', () => {
    const copy = changed((c) => {
      at(c, 'paths', '/user_group_memberships', 'post', 'x-kantata-bulk').limit = 100;
    });
    expect(problemsOf(copy)).toEqual([
      expect.stringMatching(
        /createUserGroupMemberships: x-kantata-bulk.limit states the bulk limit a second time/,
      ),
    ]);
  });

  it('a bulk array without maxItems', () => {
    const copy = changed((c) => {
      delete at(
        c,
        'components',
        'schemas',
        'UserGroupMembershipCreateBulk',
        'properties',
        'user_group_memberships',
      ).maxItems;
    });
    expect(problemsOf(copy)).toEqual([
      expect.stringMatching(/array needs a maxItems \(the bulk limit\)/),
    ]);
  });

  it('an include that lands in a map the envelope does not have', () => {
    const copy = changed((c) => {
      at(
        c,
        'components',
        'parameters',
        'UserGroupMembershipInclude',
        'x-kantata-includes',
        'user',
      ).key = 'people';
    });
    expect(problemsOf(copy)).toContainEqual(
      expect.stringMatching(/include user lands in "people"/),
    );
  });

  it('a timestamp of an unknown kind, stated twice, or on a property that is no date-time', () => {
    const properties = (c: JsonObject) =>
      at(c, 'components', 'schemas', 'OrganizationMembership', 'properties');
    expect(
      problemsOf(changed((c) => (at(properties(c), 'created_at')['x-kantata-timestamp'] = 'born'))),
    ).toEqual([
      'OrganizationMembership.created_at: x-kantata-timestamp must be one of created, updated',
    ]);
    expect(
      problemsOf(
        changed((c) => (at(properties(c), 'updated_at')['x-kantata-timestamp'] = 'created')),
      ),
    ).toEqual([
      'OrganizationMembership.updated_at: x-kantata-timestamp created is stated on created_at already',
    ]);
    expect(
      problemsOf(
        changed((c) => (at(properties(c), 'member_type')['x-kantata-timestamp'] = 'created')),
      ),
    ).toContainEqual(
      'OrganizationMembership.member_type: x-kantata-timestamp needs a date-time string property',
    );
  });

  it('a server timeout that is not a positive number', () => {
    const copy = changed((c) => {
      c['x-kantata-server-timeout-seconds'] = '3 minutes';
    });
    expect(problemsOf(copy)).toEqual([
      'x-kantata-server-timeout-seconds must be a positive number of seconds',
    ]);
  });

  it('an operation without an objects key', () => {
    const copy = changed((c) => {
      delete list(c)['x-kantata-objects-key'];
    });
    expect(problemsOf(copy)).toEqual(['listOrganizationMemberships: has no x-kantata-objects-key']);
  });
});

describe('the resolver', () => {
  it('stops on a reference cycle instead of looping', () => {
    const cyclic = {
      components: {
        schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } },
      },
    };
    expect(deref(cyclic, { $ref: '#/components/schemas/A' })).toEqual({});
  });
});
