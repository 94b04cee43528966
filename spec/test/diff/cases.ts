/**
 * The mutation table: each entry changes a fresh copy of the base spec in one way and names the
 * class the diff must give it (the most severe kind among the reported changes).
 */
import type { ChangeKind, OpenAPIDocument } from '../../scripts/diff/types';
import { at, list } from './fixture';

/** One mutation and its expected class. */
export interface Case {
  name: string;
  mutate: (doc: OpenAPIDocument) => void;
  /** The most severe kind expected, or `none` for no change at all. */
  kind: ChangeKind | 'none';
  /** A change code that must be reported with that kind. */
  code?: string;
}

export const things = (doc: unknown) => at(doc, 'paths', '/things');
export const thingById = (doc: unknown) => at(doc, 'paths', '/things/{id}');
export const schema = (doc: unknown, name: string) => at(doc, 'components', 'schemas', name);
export const props = (doc: unknown, name: string) =>
  at(doc, 'components', 'schemas', name, 'properties');
export const listParams = (doc: unknown) => list(doc, 'paths', '/things', 'get', 'parameters');
export const bulkVariant = (doc: unknown) =>
  at(doc, 'components', 'schemas', 'ThingCreateBody', 'oneOf', '1', 'properties', 'things');

export const CASES: Case[] = [
  { name: 'no change at all', mutate: () => {}, kind: 'none' },
  // Operations and paths
  {
    name: 'remove an operation',
    mutate: (d) => delete thingById(d).delete,
    kind: 'breaking',
    code: 'operation-removed',
  },
  {
    name: 'remove a path',
    mutate: (d) => delete at(d, 'paths')['/things/{id}'],
    kind: 'breaking',
    code: 'path-removed',
  },
  {
    name: 'rename a path',
    mutate: (d) => {
      const paths = at(d, 'paths');
      paths['/items/{id}'] = paths['/things/{id}'];
      delete paths['/things/{id}'];
    },
    kind: 'breaking',
    code: 'path-renamed',
  },
  {
    name: 'add an operation',
    mutate: (d) => {
      thingById(d).patch = {
        operationId: 'patchThing',
        responses: { '200': { description: 'OK' } },
      };
    },
    kind: 'additive',
    code: 'operation-added',
  },
  {
    name: 'add a path',
    mutate: (d) => {
      at(d, 'paths')['/widgets'] = {
        get: { operationId: 'listWidgets', responses: { '200': { description: 'OK' } } },
      };
    },
    kind: 'additive',
    code: 'path-added',
  },
  {
    name: 'change an operationId (the generated types are keyed by it)',
    mutate: (d) => {
      at(things(d), 'get').operationId = 'listAllThings';
    },
    kind: 'breaking',
    code: 'operation-id-changed',
  },
  {
    name: 'deprecate an operation',
    mutate: (d) => {
      at(thingById(d), 'delete').deprecated = true;
    },
    kind: 'additive',
    code: 'operation-deprecated',
  },
  // Parameters
  {
    name: 'remove a query parameter',
    mutate: (d) => listParams(d).splice(2, 1),
    kind: 'breaking',
    code: 'parameter-removed',
  },
  {
    name: 'add an optional parameter',
    mutate: (d) => listParams(d).push({ name: 'q', in: 'query', schema: { type: 'string' } }),
    kind: 'additive',
    code: 'optional-parameter-added',
  },
  {
    name: 'add a required parameter',
    mutate: (d) =>
      listParams(d).push({
        name: 'account_id',
        in: 'query',
        required: true,
        schema: { type: 'integer' },
      }),
    kind: 'breaking',
    code: 'required-parameter-added',
  },
  {
    name: 'make a parameter required',
    mutate: (d) => {
      at(listParams(d), '3').required = true;
    },
    kind: 'breaking',
    code: 'parameter-made-required',
  },
  {
    name: 'narrow an integer parameter to an enum subset',
    mutate: (d) => {
      at(d, 'components', 'parameters', 'PerPage', 'schema').enum = [10, 20, 50];
    },
    kind: 'breaking',
    code: 'parameter-enum-added',
  },
  {
    name: 'lower a parameter maximum',
    mutate: (d) => {
      at(d, 'components', 'parameters', 'PerPage', 'schema').maximum = 100;
    },
    kind: 'breaking',
    code: 'parameter-maximum-lowered',
  },
  {
    name: 'raise a parameter minimum',
    mutate: (d) => {
      at(d, 'components', 'parameters', 'Page', 'schema').minimum = 2;
    },
    kind: 'breaking',
    code: 'parameter-minimum-raised',
  },
  {
    name: 'loosen parameter bounds (raise the maximum)',
    mutate: (d) => {
      at(d, 'components', 'parameters', 'PerPage', 'schema').maximum = 500;
    },
    kind: 'additive',
    code: 'parameter-maximum-raised',
  },
  {
    name: 'loosen parameter bounds (drop the minimum)',
    mutate: (d) => delete at(d, 'components', 'parameters', 'PerPage', 'schema').minimum,
    kind: 'additive',
    code: 'parameter-minimum-removed',
  },
  {
    name: 'change a parameter type',
    mutate: (d) => {
      at(d, 'components', 'parameters', 'ThingId', 'schema').type = 'string';
    },
    kind: 'breaking',
    code: 'parameter-type-changed',
  },
  {
    name: 'add a pattern to a parameter',
    mutate: (d) => {
      at(listParams(d)[3], 'schema').pattern = '^[a-z]+$';
    },
    kind: 'breaking',
    code: 'parameter-pattern-added',
  },
  {
    name: 'lower a parameter maxLength',
    mutate: (d) => {
      at(listParams(d)[3], 'schema').maxLength = 50;
    },
    kind: 'breaking',
    code: 'parameter-max-length-lowered',
  },
  {
    name: 'remove an enum value from a query parameter',
    mutate: (d) => {
      at(listParams(d)[2], 'schema').enum = ['active', 'archived'];
    },
    kind: 'breaking',
    code: 'parameter-enum-value-removed',
  },
  {
    name: 'rename a path parameter (the typed client names it)',
    mutate: (d) => {
      const paths = at(d, 'paths');
      paths['/things/{thingId}'] = paths['/things/{id}'];
      delete paths['/things/{id}'];
      list(paths['/things/{thingId}'], 'parameters')[0] = {
        name: 'thingId',
        in: 'path',
        required: true,
        schema: { type: 'integer' },
      };
    },
    kind: 'breaking',
    code: 'required-parameter-added',
  },
  // Request bodies
  {
    name: 'remove a request enum value',
    mutate: (d) => {
      at(props(d, 'ThingInput'), 'priority').enum = ['low', 'normal'];
    },
    kind: 'breaking',
    code: 'request-enum-value-removed',
  },
  {
    name: 'add a request enum value',
    mutate: (d) => {
      at(props(d, 'ThingInput'), 'priority').enum = ['low', 'normal', 'high', 'urgent'];
    },
    kind: 'additive',
    code: 'request-enum-value-added',
  },
  {
    name: 'add a required request field',
    mutate: (d) => {
      props(d, 'ThingInput').owner_id = { type: 'integer' };
      list(d, 'components', 'schemas', 'ThingInput', 'required').push('owner_id');
    },
    kind: 'breaking',
    code: 'request-required-field-added',
  },
  {
    name: 'add an optional request field',
    mutate: (d) => {
      props(d, 'ThingInput').color = { type: 'string' };
    },
    kind: 'additive',
    code: 'request-optional-field-added',
  },
  {
    name: 'remove a request field from a closed schema',
    mutate: (d) => delete props(d, 'ThingInput').notes,
    kind: 'breaking',
    code: 'request-field-removed',
  },
  {
    name: 'make a request field required',
    mutate: (d) => list(d, 'components', 'schemas', 'ThingInput', 'required').push('priority'),
    kind: 'breaking',
    code: 'request-field-made-required',
  },
  {
    name: 'make a request field optional',
    mutate: (d) => {
      schema(d, 'ThingInput').required = [];
    },
    kind: 'additive',
    code: 'request-field-made-optional',
  },
  {
    name: 'narrow a request field type (lower maxLength)',
    mutate: (d) => {
      at(props(d, 'ThingInput'), 'name').maxLength = 100;
    },
    kind: 'breaking',
    code: 'request-max-length-lowered',
  },
  {
    name: 'widen a request field type (accept null)',
    mutate: (d) => {
      at(props(d, 'ThingInput'), 'notes').type = ['string', 'null'];
    },
    kind: 'additive',
    code: 'request-made-nullable',
  },
  {
    name: 'make the request body required',
    mutate: (d) => {
      at(thingById(d), 'put', 'requestBody').required = true;
    },
    kind: 'breaking',
    code: 'request-body-made-required',
  },
  {
    name: 'lower maxItems of the bulk request',
    mutate: (d) => {
      bulkVariant(d).maxItems = 50;
    },
    kind: 'breaking',
    code: 'request-max-items-lowered',
  },
  {
    name: 'raise maxItems of the bulk request',
    mutate: (d) => {
      bulkVariant(d).maxItems = 200;
    },
    kind: 'additive',
    code: 'request-max-items-raised',
  },
  {
    name: 'remove the bulk variant of the create body',
    mutate: (d) => list(d, 'components', 'schemas', 'ThingCreateBody', 'oneOf').pop(),
    kind: 'breaking',
    code: 'request-variant-removed',
  },
  // Responses
  {
    name: 'remove a response field',
    mutate: (d) => delete props(d, 'Thing').tags,
    kind: 'breaking',
    code: 'response-field-removed',
  },
  {
    name: 'add a response field',
    mutate: (d) => {
      props(d, 'Thing').updated_at = { type: 'string', format: 'date-time' };
    },
    kind: 'additive',
    code: 'response-field-added',
  },
  {
    name: "change a response field's type",
    mutate: (d) => {
      at(props(d, 'Thing'), 'id').type = 'integer';
    },
    kind: 'breaking',
    code: 'response-type-changed',
  },
  {
    name: 'make a required response field optional',
    mutate: (d) => {
      schema(d, 'Thing').required = ['id', 'status', 'created_at'];
    },
    kind: 'breaking',
    code: 'response-field-made-optional',
  },
  {
    name: 'make a response field nullable',
    mutate: (d) => {
      at(props(d, 'Thing'), 'name').type = ['string', 'null'];
    },
    kind: 'breaking',
    code: 'response-made-nullable',
  },
  {
    name: 'add a response enum value (additive by policy)',
    mutate: (d) => {
      at(props(d, 'Thing'), 'priority').enum = ['low', 'normal', 'high', 'urgent'];
    },
    kind: 'additive',
    code: 'response-enum-value-added',
  },
  {
    name: 'remove a response enum value',
    mutate: (d) => {
      at(props(d, 'Thing'), 'priority').enum = ['low', 'normal'];
    },
    kind: 'breaking',
    code: 'response-enum-value-removed',
  },
  {
    name: 'change a success status 200 → 201',
    mutate: (d) => {
      const responses = at(things(d), 'post', 'responses');
      responses['201'] = responses['200'];
      delete responses['200'];
    },
    kind: 'breaking',
    code: 'success-status-changed',
  },
  {
    name: 'add a new error status',
    mutate: (d) => {
      at(things(d), 'get', 'responses')['429'] = { $ref: '#/components/responses/Error' };
    },
    kind: 'additive',
    code: 'error-status-added',
  },
  {
    name: 'add a response media type',
    mutate: (d) => {
      at(thingById(d), 'get', 'responses', '200', 'content')['text/csv'] = {
        schema: { type: 'string' },
      };
    },
    kind: 'additive',
    code: 'response-media-type-added',
  },
  {
    name: 'remove a field from the shared error schema',
    mutate: (d) => delete at(props(d, 'Error'), 'errors', 'items', 'properties').type,
    kind: 'breaking',
    code: 'response-field-removed',
  },
  {
    name: 'change a field inside a recursive schema',
    mutate: (d) => {
      at(props(d, 'User'), 'email').maxLength = 320;
    },
    kind: 'additive',
    code: 'response-max-length-raised',
  },
  // Documentation
  {
    name: 'change only descriptions, summaries and examples',
    mutate: (d) => {
      at(things(d), 'get').description = 'Lists things, newest first.';
      at(thingById(d), 'get').summary = 'Fetch one thing';
      at(props(d, 'Thing'), 'id').description = 'The identifier.';
      at(d, 'components', 'parameters', 'PerPage').description = 'How many per page.';
      at(d, 'components', 'examples', 'ThingsPage').value = { count: 0, results: [] };
      at(d, 'tags', '0').description = 'Everything about things.';
      at(d, 'info').description = 'Manage your things.';
    },
    kind: 'docs',
    code: 'description-changed',
  },
  {
    name: 'change info.version only',
    mutate: (d) => {
      at(d, 'info').version = '1.1.0';
    },
    kind: 'docs',
    code: 'info-version-changed',
  },
  {
    name: 'change a documentation-only x- extension',
    mutate: (d) => {
      at(things(d), 'get')['x-kantata-description'] = 'Also known as the index.';
    },
    kind: 'docs',
    code: 'extension-docs-changed',
  },
  // Extensions
  {
    name: 'change another x-kantata extension (conservatively additive)',
    mutate: (d) => {
      at(things(d), 'get')['x-kantata-paginated'] = false;
    },
    kind: 'additive',
    code: 'extension-changed',
  },
  // Security and servers
  {
    name: 'remove a security scheme',
    mutate: (d) => delete at(d, 'components', 'securitySchemes').oauth2,
    kind: 'breaking',
    code: 'security-scheme-removed',
  },
  {
    name: 'change a security scheme',
    mutate: (d) => {
      at(d, 'components', 'securitySchemes', 'bearerAuth').scheme = 'basic';
    },
    kind: 'breaking',
    code: 'security-scheme-changed',
  },
  {
    name: 'add an OAuth scope',
    mutate: (d) => {
      at(
        d,
        'components',
        'securitySchemes',
        'oauth2',
        'flows',
        'authorizationCode',
        'scopes',
      ).admin = 'Admin.';
    },
    kind: 'additive',
    code: 'oauth-scope-added',
  },
  {
    name: 'drop an accepted security requirement',
    mutate: (d) => list(d, 'security').pop(),
    kind: 'breaking',
    code: 'security-requirement-removed',
  },
  {
    name: 'change the server URL',
    mutate: (d) => {
      at(d, 'servers', '0').url = 'https://api.example.com/v2';
    },
    kind: 'breaking',
    code: 'server-url-changed',
  },
  {
    name: 'add a server',
    mutate: (d) => list(d, 'servers').push({ url: 'https://sandbox.example.com/v1' }),
    kind: 'additive',
    code: 'server-added',
  },
  // Components
  {
    name: 'add a component schema (a new exported type)',
    mutate: (d) => {
      at(d, 'components', 'schemas').Legacy = { type: 'object' };
    },
    kind: 'additive',
    code: 'component-schema-added',
  },
];
