/**
 * Pins every fact of `shared/kantata-api.md` (operations, parameters and their semantics,
 * bodies, the bulk limit, statuses, security) to the spec. When Kantata changes a fact, change
 * the spec and then the matching row here; a failure names the fact that no longer holds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../model/build.js';
import { isObject, type Json, type JsonObject, loadSpec } from './load.js';

let spec: Awaited<ReturnType<typeof loadSpec>>;
beforeAll(async () => {
  spec = await loadSpec();
});

const ERROR_STATUSES = ['400', '401', '403', '404', '422', '429', '503'];

const OPERATIONS = [
  ['get', '/organization_memberships', 'listOrganizationMemberships', '200'],
  ['post', '/organization_memberships', 'createOrganizationMemberships', '200'],
  ['get', '/organization_memberships/{id}', 'getOrganizationMembership', '200'],
  ['put', '/organization_memberships/{id}', 'updateOrganizationMembership', '200'],
  ['delete', '/organization_memberships/{id}', 'deleteOrganizationMembership', '204'],
  ['get', '/user_group_memberships', 'listUserGroupMemberships', '200'],
  ['post', '/user_group_memberships', 'createUserGroupMemberships', '200'],
  ['delete', '/user_group_memberships/{id}', 'deleteUserGroupMembership', '204'],
] as const;

interface ParamFact {
  type: string;
  items?: string;
  enum?: readonly (string | number)[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  format?: string;
  style?: string;
  explode?: boolean;
  /** `x-kantata-filter`: what the parameter compares. */
  filter?: { field: string; op: string };
  /** `x-kantata-role`: a paging or shaping parameter. */
  role?: string;
}

const PAGING: Record<string, ParamFact> = {
  only: { type: 'array', items: 'integer', style: 'form', explode: false, role: 'only' },
  page: { type: 'integer', minimum: 1, default: 1, role: 'page' },
  per_page: { type: 'integer', minimum: 1, maximum: 200, default: 20, role: 'per-page' },
  // The public reference gives `limit` no upper bound (unlike per_page).
  limit: { type: 'integer', minimum: 1, role: 'limit' },
  offset: { type: 'integer', minimum: 0, role: 'offset' },
};
const OM_INCLUDE: ParamFact = {
  type: 'array',
  items: 'string',
  enum: ['department', 'geography'],
  style: 'form',
  explode: false,
};
const UGM_INCLUDE: ParamFact = {
  type: 'array',
  items: 'string',
  enum: ['user', 'workspace_group'],
  style: 'form',
  explode: false,
};
const DATE: ParamFact = { type: 'string', format: 'date-time' };
const ID_FILTER: ParamFact = { type: 'integer', minimum: 1 };
const filter = (field: string, op: string) => ({ filter: { field, op } });

const QUERY_PARAMETERS: Record<string, Record<string, ParamFact>> = {
  listOrganizationMemberships: {
    created_after: { ...DATE, ...filter('created_at', 'gt') },
    created_before: { ...DATE, ...filter('created_at', 'lt') },
    updated_after: { ...DATE, ...filter('updated_at', 'gt') },
    updated_before: { ...DATE, ...filter('updated_at', 'lt') },
    department_id: { ...ID_FILTER, ...filter('department_id', 'eq') },
    geography_id: { ...ID_FILTER, ...filter('geography_id', 'eq') },
    member_id: { ...ID_FILTER, ...filter('member_id', 'eq') },
    member_type: { type: 'string', enum: ['User', 'Workspace'], ...filter('member_type', 'eq') },
    primary: { type: 'boolean', ...filter('primary', 'eq') },
    include: OM_INCLUDE,
    ...PAGING,
  },
  createOrganizationMemberships: { include: OM_INCLUDE },
  getOrganizationMembership: { include: OM_INCLUDE },
  updateOrganizationMembership: { include: OM_INCLUDE },
  deleteOrganizationMembership: {},
  listUserGroupMemberships: {
    user_ids: {
      type: 'array',
      items: 'integer',
      style: 'form',
      explode: false,
      ...filter('user_id', 'in'),
    },
    group_ids: {
      type: 'array',
      items: 'integer',
      style: 'form',
      explode: false,
      ...filter('workspace_group_id', 'in'),
    },
    include: UGM_INCLUDE,
    order: {
      type: 'string',
      enum: ['created_at:asc', 'created_at:desc'],
      default: 'created_at:desc',
      role: 'order',
    },
    ...PAGING,
  },
  createUserGroupMemberships: { include: UGM_INCLUDE },
  deleteUserGroupMembership: {},
};

/** Reads a parameter's facts in the same shape as the table above. */
function factsOf(parameter: JsonObject): ParamFact {
  const schema = spec.deref(parameter.schema as JsonObject);
  const items = isObject(schema.items) ? spec.deref(schema.items) : undefined;
  const enumSource = items ?? schema;
  const fact: ParamFact = { type: String(schema.type) };
  if (items) fact.items = String(items.type);
  if (Array.isArray(enumSource.enum)) fact.enum = enumSource.enum as string[];
  for (const key of ['default', 'minimum', 'maximum', 'format'] as const) {
    if (schema[key] !== undefined) (fact as unknown as Record<string, unknown>)[key] = schema[key];
  }
  if (parameter.style !== undefined) fact.style = String(parameter.style);
  if (parameter.explode !== undefined) fact.explode = Boolean(parameter.explode);
  if (isObject(parameter['x-kantata-filter'])) {
    fact.filter = parameter['x-kantata-filter'] as ParamFact['filter'];
  }
  if (parameter['x-kantata-role'] !== undefined) fact.role = String(parameter['x-kantata-role']);
  return fact;
}

describe('operations', () => {
  it('are exactly the eight the API has', () => {
    const actual = spec.operations.map((o) => [o.method, o.path, o.operationId]);
    expect(actual.sort()).toEqual(OPERATIONS.map(([m, p, id]) => [m, p, id]).sort());
  });

  it('do not include a get-one or an update for user group memberships', () => {
    const item = (spec.doc.paths as JsonObject)['/user_group_memberships/{id}'] as JsonObject;
    expect(item.get).toBeUndefined();
    expect(item.put).toBeUndefined();
    expect(item.patch).toBeUndefined();
  });

  it.each(OPERATIONS)('%s %s (%s) answers %s or a documented error', (_m, _p, id, success) => {
    const responses = Object.keys(spec.operation(id).op.responses as JsonObject);
    expect(responses.sort()).toEqual([success, ...ERROR_STATUSES].sort());
  });

  it.each(OPERATIONS)('%s %s (%s) has a tag, a summary and a description', (_m, _p, id) => {
    const { op } = spec.operation(id);
    expect(op.tags).toHaveLength(1);
    expect(String(op.summary).length).toBeGreaterThan(5);
    expect(String(op.description).length).toBeGreaterThan(20);
  });

  it('answers deletes with 204 and no body', () => {
    for (const id of ['deleteOrganizationMembership', 'deleteUserGroupMembership']) {
      const ok = spec.deref((spec.operation(id).op.responses as JsonObject)['204'] as JsonObject);
      expect(ok.content).toBeUndefined();
    }
  });

  it('answers every error status with the error body', () => {
    for (const { op } of spec.operations) {
      for (const status of ERROR_STATUSES) {
        const response = spec.deref((op.responses as JsonObject)[status] as JsonObject);
        const media = (response.content as JsonObject)['application/json'] as JsonObject;
        expect(media.schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
      }
    }
  });

  it('documents Retry-After on 429', () => {
    const tooMany = (spec.doc.components as JsonObject).responses as JsonObject;
    const headers = (tooMany.TooManyRequests as JsonObject).headers as JsonObject;
    expect(Object.keys(headers)).toEqual(['Retry-After']);
  });
});

describe('parameters', () => {
  it.each(Object.entries(QUERY_PARAMETERS))('%s takes exactly its documented query', (id, want) => {
    const query = spec.parameters(spec.operation(id)).filter((p) => p.in === 'query');
    const actual = Object.fromEntries(query.map((p) => [String(p.name), factsOf(p)]));
    expect(actual).toEqual(want);
  });

  it('takes path ids as positive integers, required', () => {
    for (const o of spec.operations.filter((x) => x.path.endsWith('{id}'))) {
      const [id, ...others] = spec.parameters(o).filter((p) => p.in === 'path');
      expect(others).toEqual([]);
      expect(id).toMatchObject({
        name: 'id',
        required: true,
        schema: { type: 'integer', minimum: 1 },
      });
    }
  });

  it('describes every parameter', () => {
    for (const o of spec.operations) {
      for (const p of spec.parameters(o)) expect(String(p.description).length).toBeGreaterThan(10);
    }
  });

  it('maps every include value to a side-loaded map and a foreign key', () => {
    for (const o of spec.operations) {
      const include = spec.parameters(o).find((p) => p.name === 'include');
      if (!include) continue;
      const names = (spec.deref((include.schema as JsonObject).items as JsonObject).enum ??
        []) as string[];
      const map = include['x-kantata-includes'] as JsonObject;
      expect(Object.keys(map).sort()).toEqual([...names].sort());
      for (const entry of Object.values(map)) {
        expect(entry).toMatchObject({
          key: expect.any(String),
          foreignKey: expect.stringMatching(/_id$/),
        });
      }
    }
  });

  it('ties department and geography to organizations of that type', () => {
    const include = spec
      .parameters(spec.operation('listOrganizationMemberships'))
      .find((p) => p.name === 'include');
    expect(include?.['x-kantata-includes']).toEqual({
      department: {
        key: 'organizations',
        foreignKey: 'department_id',
        match: { type: 'Department' },
      },
      geography: { key: 'organizations', foreignKey: 'geography_id', match: { type: 'Geography' } },
    });
  });
});

describe('request bodies', () => {
  const bodies = {
    createOrganizationMemberships: {
      single: 'OrganizationMembershipCreateSingle',
      bulk: 'OrganizationMembershipCreateBulk',
      fields: 'OrganizationMembershipCreateFields',
      required: ['department_id', 'geography_id', 'member_id', 'member_type'],
    },
    createUserGroupMemberships: {
      single: 'UserGroupMembershipCreateSingle',
      bulk: 'UserGroupMembershipCreateBulk',
      fields: 'UserGroupMembershipCreateFields',
      required: ['user_id', 'workspace_group_id'],
    },
  };
  const schemas = () => (spec.doc.components as JsonObject).schemas as JsonObject;

  it.each(Object.entries(bodies))('%s accepts one object or a bulk array (oneOf)', (id, b) => {
    const media = (spec.operation(id).op.requestBody as JsonObject).content as JsonObject;
    const body = spec.deref((media['application/json'] as JsonObject).schema as JsonObject);
    expect(body.oneOf).toEqual([
      { $ref: `#/components/schemas/${b.single}` },
      { $ref: `#/components/schemas/${b.bulk}` },
    ]);
  });

  it.each(Object.entries(bodies))('%s requires the documented fields', (_id, b) => {
    const fields = schemas()[b.fields] as JsonObject;
    expect([...(fields.required as string[])].sort()).toEqual(b.required);
    expect(fields.additionalProperties).toBe(false);
  });

  it.each(Object.entries(bodies))(
    // The bulk limit is stated once, as the array's maxItems; x-kantata-bulk names the keys.
    '%s caps a bulk request at 100 (kantata-api.md), stated once as maxItems',
    (id, b) => {
      const bulk = schemas()[b.bulk] as JsonObject;
      const key = Object.keys(bulk.properties as JsonObject)[0] as string;
      const array = (bulk.properties as JsonObject)[key] as JsonObject;
      expect(array).toMatchObject({ type: 'array', minItems: 1, maxItems: 100 });
      expect(spec.operation(id).op['x-kantata-bulk']).toEqual({
        singleKey: Object.keys((schemas()[b.single] as JsonObject).properties as JsonObject)[0],
        bulkKey: key,
      });
    },
  );

  it.each(Object.entries(bodies))('%s rejects 101 objects and an empty bulk', (id, b) => {
    const pointer = `#/components/schemas/${b.bulk.replace('Bulk', 'Body')}`;
    const example = (spec.operation(id).op.requestBody as JsonObject).content as JsonObject;
    const one = Object.values(
      ((example['application/json'] as JsonObject).examples as JsonObject) ?? {},
    ).map((e) => spec.deref(e as JsonObject).value as JsonObject)[0] as JsonObject;
    const item = Object.values(one)[0];
    const bulkKey = (spec.operation(id).op['x-kantata-bulk'] as JsonObject).bulkKey as string;
    expect(spec.validate(pointer, { [bulkKey]: Array(100).fill(item) }).valid).toBe(true);
    expect(spec.validate(pointer, { [bulkKey]: Array(101).fill(item) }).valid).toBe(false);
    expect(spec.validate(pointer, { [bulkKey]: [] }).valid).toBe(false);
  });

  it('lets an update change department, geography and primary only', () => {
    const fields = schemas().OrganizationMembershipUpdateFields as JsonObject;
    expect(Object.keys(fields.properties as JsonObject).sort()).toEqual([
      'department_id',
      'geography_id',
      'primary',
    ]);
    const pointer = '#/components/schemas/OrganizationMembershipUpdateBody';
    expect(spec.validate(pointer, { organization_membership: { member_id: 1 } }).valid).toBe(false);
    expect(spec.validate(pointer, { organization_membership: {} }).valid).toBe(false);
  });

  it('rejects a bulk body under the singular key', () => {
    const pointer = '#/components/schemas/UserGroupMembershipCreateBody';
    const item = { user_id: 1, workspace_group_id: 2 };
    expect(spec.validate(pointer, { user_group_membership: [item] }).valid).toBe(false);
    expect(spec.validate(pointer, { user_group_membership: item }).valid).toBe(true);
  });
});

/** Every `description` of the bundled document (examples left out), with its location. */
function descriptions(value: Json, at = '#'): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => descriptions(v, `${at}/${i}`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, v]): [string, string][] => {
    if (key === 'examples' || key === 'example') return [];
    if (key === 'description' && typeof v === 'string') return [[at, v]];
    return descriptions(v, `${at}/${key}`);
  });
}

/** A number the document states in a keyword, and the forms prose would restate it in. */
interface Figure {
  value: number;
  /** Where: the keyword's location, e.g. `#/components/parameters/PerPage/schema/maximum`. */
  stated: string;
  forms: RegExp[];
}

/** `n` as a whole number (thousands grouped or not), not part of a longer number or decimal. */
const whole = (n: number) =>
  new RegExp(`(?<![\\d.,_])${String(n).replace(/\B(?=(\d{3})+$)/g, '[ ,_]?')}(?![\\d_]|[.,]\\d)`);

/**
 * Every figure the document states in a keyword: `maxItems`, `maximum` and a numeric
 * `default` (the values 0 and 1 left out: prose needs them to say where counting starts), and
 * the root's `x-kantata-server-timeout-seconds`, also in minutes and ms. Examples are left out.
 */
function statedFigures(value: Json, at = '#'): Figure[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => statedFigures(v, `${at}/${i}`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, v]): Figure[] => {
    if (key === 'examples' || key === 'example') return [];
    const where = `${at}/${key}`;
    if (key === 'x-kantata-server-timeout-seconds' && typeof v === 'number') {
      const forms = [whole(v), whole(v * 1000)];
      if (Number.isInteger(v / 60)) forms.push(new RegExp(`(?<![\\d.])${v / 60}[- ]minutes?\\b`));
      return [{ value: v, stated: where, forms }];
    }
    if (['maxItems', 'maximum', 'default'].includes(key) && typeof v === 'number' && v > 1)
      return [{ value: v, stated: where, forms: [whole(v)] }];
    return statedFigures(v, where);
  });
}

/**
 * Descriptions that restate a figure a keyword states, as `[location of the object whose
 * description it is, keyword's location]`. A number that names an HTTP status the document answers with ("answers 200") or
 * an index in a request (`organization_memberships[20]`) is not a figure.
 */
function restatedFigures(doc: JsonObject): [string, string][] {
  const statuses = new Set(
    Object.values(doc.paths as JsonObject).flatMap((item) =>
      Object.values(item as JsonObject).flatMap((op) =>
        isObject(op) && isObject(op.responses) ? Object.keys(op.responses) : [],
      ),
    ),
  );
  const figures = statedFigures(doc);
  return descriptions(doc).flatMap(([at, text]): [string, string][] => {
    const prose = text
      .replace(/\[\d+\]/g, '[i]')
      .replace(
        /\b(answers?|answered with|receive|with an?|with|not|or|a|an)\s+(\d{3})\b(?!\s*(?:objects|items|per)\b)/g,
        (all, word: string, code: string) => (statuses.has(code) ? `${word} <status>` : all),
      );
    return figures
      .filter((f) => f.forms.some((form) => form.test(prose)))
      .map((f): [string, string] => [at, f.stated]);
  });
}

describe('descriptions', () => {
  const schemas = () => (spec.doc.components as JsonObject).schemas as JsonObject;

  // A figure the schema states (maxItems, maximum, default, the server timeout) is stated
  // there only: prose that repeats it goes stale the day the schema changes.
  it('restate no figure that a keyword states', () => {
    const figures = statedFigures(spec.doc).map((f) => f.value);
    expect(figures).toEqual(expect.arrayContaining([100, 200, 20, 180]));
    expect(restatedFigures(spec.doc)).toEqual([]);
  });

  it('would be caught restating one, in any form, but not for a status or an index', () => {
    const doc = structuredClone(spec.doc);
    const bulk = (doc.components as JsonObject).schemas as JsonObject;
    const perPage = ((doc.components as JsonObject).parameters as JsonObject).PerPage as JsonObject;
    (bulk.OrganizationMembershipCreateBulk as JsonObject).description =
      'At most 100 memberships; the API answers 200 and names `organization_memberships[20]`.';
    perPage.description = 'Objects per page, 20 unless given.';
    (bulk.Meta as JsonObject).description = 'The server gives up after 3 minutes.';
    expect(restatedFigures(doc).sort()).toEqual([
      ['#/components/parameters/PerPage', '#/components/parameters/PerPage/schema/default'],
      ['#/components/schemas/Meta', '#/x-kantata-server-timeout-seconds'],
      [
        '#/components/schemas/OrganizationMembershipCreateBulk',
        '#/components/schemas/OrganizationMembershipCreateBulk/properties/organization_memberships/maxItems',
      ],
      [
        '#/components/schemas/OrganizationMembershipCreateBulk',
        '#/components/schemas/UserGroupMembershipCreateBulk/properties/user_group_memberships/maxItems',
      ],
    ]);
  });

  // kantata-api.md leaves open whether a bulk request is all-or-nothing; the client reads a
  // failed one back (createMany) and the fake can save the valid items of a 422 (bulkMode).
  it('never promise that a failed bulk request created nothing', () => {
    const promises = descriptions(spec.doc).filter(([, text]) =>
      /failed as a whole|created nothing/i.test(text),
    );
    expect(promises).toEqual([]);
  });

  it.each(['OrganizationMembershipCreateBody', 'UserGroupMembershipCreateBody'])(
    '%s says to read a failed bulk request back before sending it again',
    (name) => {
      const text = String((schemas()[name] as JsonObject).description);
      expect(text).toMatch(/may have\s+created some/);
      expect(text).toMatch(/read its items back before sending them again/);
      expect(String((spec.doc.info as JsonObject).description)).toMatch(/reads\s+them back/);
    },
  );
});

describe('extensions for the generators', () => {
  it('follow the conventions the spec model reads (every problem is listed if not)', () => {
    expect(() => buildModel(spec.doc)).not.toThrow();
  });

  it.each(OPERATIONS)('%s %s (%s) names its objects key and pagination', (_m, path, id) => {
    const { op } = spec.operation(id);
    expect(op['x-kantata-objects-key']).toBe(path.split('/')[1]);
    expect(op['x-kantata-paginated']).toBe(id.startsWith('list'));
  });

  it('marks only the create operations as bulk-capable', () => {
    const bulk = spec.operations.filter((o) => o.op['x-kantata-bulk']).map((o) => o.operationId);
    expect(bulk.sort()).toEqual(['createOrganizationMemberships', 'createUserGroupMemberships']);
  });
});

describe('envelope', () => {
  it.each([
    ['OrganizationMembershipsEnvelope', 'organization_memberships', ['organizations']],
    ['UserGroupMembershipsEnvelope', 'user_group_memberships', ['users', 'workspace_groups']],
  ])('%s holds count, meta, results and id-keyed maps', (name, key, sideLoaded) => {
    const schema = ((spec.doc.components as JsonObject).schemas as JsonObject)[name] as JsonObject;
    expect(schema.required).toEqual(['count', 'meta', 'results', key]);
    const properties = schema.properties as JsonObject;
    expect(Object.keys(properties)).toEqual(['count', 'meta', 'results', key, ...sideLoaded]);
    for (const map of [key, ...sideLoaded]) {
      expect((properties[map] as JsonObject).additionalProperties).toBeDefined();
    }
  });

  it('refuses an envelope without results', () => {
    const pointer = '#/components/schemas/OrganizationMembershipsEnvelope';
    const meta = { count: 0, page_count: 0, page_number: 1, page_size: 20 };
    expect(spec.validate(pointer, { count: 0, meta, organization_memberships: {} }).valid).toBe(
      false,
    );
    expect(
      spec.validate(pointer, { count: 0, meta, results: [], organization_memberships: {} }).valid,
    ).toBe(true);
  });

  it('accepts user group membership ids as integers or numeric strings', () => {
    const pointer = '#/components/schemas/UserGroupMembership';
    const base = { id: '1', created_at: '2013-04-15T16:48:48-07:00' };
    expect(spec.validate(pointer, { ...base, user_id: 5, workspace_group_id: '7' }).valid).toBe(
      true,
    );
    expect(spec.validate(pointer, { ...base, user_id: 'x', workspace_group_id: 7 }).valid).toBe(
      false,
    );
  });
});

describe('security and servers', () => {
  it('accepts a bearer token or OAuth 2', () => {
    expect(spec.doc.security).toEqual([{ bearerAuth: [] }, { oauth2: [] }]);
    const schemes = (spec.doc.components as JsonObject).securitySchemes as JsonObject;
    expect(schemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.oauth2).toMatchObject({
      type: 'oauth2',
      flows: {
        authorizationCode: {
          authorizationUrl: 'https://app.mavenlink.com/oauth/authorize',
          tokenUrl: 'https://app.mavenlink.com/oauth/token',
          scopes: {},
        },
      },
    });
  });

  it('serves over HTTPS from the documented base URL', () => {
    expect(spec.doc.servers).toEqual([
      expect.objectContaining({ url: 'https://api.mavenlink.com/api/v1' }),
    ]);
  });

  it('is OpenAPI 3.1 with a semantic version', () => {
    expect(spec.doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect((spec.doc.info as JsonObject).version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
