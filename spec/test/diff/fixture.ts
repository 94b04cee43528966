/**
 * A small but realistic bundled spec for the diff tests: a list with bounded and enum query
 * parameters, a single-or-bulk create, get/update/delete by id, shared components, an error
 * response component, security schemes and servers.
 */
import { isObject, type JsonObject, type OpenAPIDocument } from '../../scripts/diff/types';

const ref = (path: string): JsonObject => ({ $ref: `#/components/${path}` });

/** Builds a fresh copy of the base document (tests mutate it freely). */
export function baseSpec(): OpenAPIDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Things API',
      version: '1.0.0',
      description: 'Manage things.',
      contact: { name: 'API team', url: 'https://example.com/support' },
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'https://api.example.com/v1', description: 'Production' }],
    security: [{ bearerAuth: [] }, { oauth2: ['read'] }],
    tags: [{ name: 'Things', description: 'Things and their owners.' }],
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          tags: ['Things'],
          summary: 'List things',
          description: 'Returns things a page at a time.',
          'x-kantata-paginated': true,
          parameters: [
            ref('parameters/Page'),
            ref('parameters/PerPage'),
            {
              name: 'status',
              in: 'query',
              description: 'Only things with this status.',
              schema: { type: 'string', enum: ['active', 'archived', 'draft'] },
            },
            { name: 'search', in: 'query', schema: { type: 'string', maxLength: 100 } },
          ],
          responses: {
            '200': {
              description: 'A page of things.',
              content: {
                'application/json': {
                  schema: ref('schemas/ThingsEnvelope'),
                  examples: { page: ref('examples/ThingsPage') },
                },
              },
            },
            '401': ref('responses/Unauthorized'),
          },
        },
        post: {
          operationId: 'createThings',
          tags: ['Things'],
          summary: 'Create one or many things',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('schemas/ThingCreateBody') } },
          },
          responses: {
            '200': {
              description: 'The created things.',
              content: { 'application/json': { schema: ref('schemas/ThingsEnvelope') } },
            },
            '401': ref('responses/Unauthorized'),
            '422': ref('responses/Error'),
          },
        },
      },
      '/things/{id}': {
        parameters: [ref('parameters/ThingId')],
        get: {
          operationId: 'getThing',
          tags: ['Things'],
          summary: 'Get a thing',
          responses: {
            '200': {
              description: 'The thing.',
              content: { 'application/json': { schema: ref('schemas/Thing') } },
            },
            '404': ref('responses/Error'),
          },
        },
        put: {
          operationId: 'updateThing',
          tags: ['Things'],
          summary: 'Update a thing',
          requestBody: {
            content: { 'application/json': { schema: ref('schemas/ThingInput') } },
          },
          responses: {
            '200': {
              description: 'The updated thing.',
              content: { 'application/json': { schema: ref('schemas/Thing') } },
            },
            '404': ref('responses/Error'),
            '422': ref('responses/Error'),
          },
        },
        delete: {
          operationId: 'deleteThing',
          tags: ['Things'],
          summary: 'Delete a thing',
          responses: {
            '204': { description: 'Deleted.' },
            '404': ref('responses/Error'),
          },
        },
      },
    },
    components: {
      parameters: {
        Page: {
          name: 'page',
          in: 'query',
          description: 'Page number, from 1.',
          schema: { type: 'integer', minimum: 1, default: 1 },
        },
        PerPage: {
          name: 'per_page',
          in: 'query',
          description: 'Things per page.',
          schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
        },
        ThingId: { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
      },
      schemas: {
        Thing: {
          type: 'object',
          description: 'A thing.',
          required: ['id', 'name', 'status', 'created_at'],
          properties: {
            id: { type: 'string', description: 'Identifier (a string in responses).' },
            name: { type: 'string', maxLength: 255 },
            status: ref('schemas/ThingStatus'),
            priority: { type: 'string', enum: ['low', 'normal', 'high'] },
            tags: { type: 'array', items: { type: 'string' } },
            owner: ref('schemas/User'),
            created_at: { type: 'string', format: 'date-time' },
          },
        },
        ThingStatus: { type: 'string', enum: ['active', 'archived'] },
        User: {
          type: 'object',
          required: ['id', 'email'],
          properties: {
            id: { type: 'string' },
            email: { type: 'string', format: 'email', maxLength: 254 },
            // A recursive reference: the walk must terminate.
            manager: ref('schemas/User'),
          },
        },
        ThingInput: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 255 },
            priority: { type: 'string', enum: ['low', 'normal', 'high'] },
            notes: { type: 'string' },
          },
        },
        ThingCreateBody: {
          description: 'One thing under `thing`, or up to 100 under `things`.',
          oneOf: [
            {
              type: 'object',
              required: ['thing'],
              properties: { thing: ref('schemas/ThingInput') },
            },
            {
              type: 'object',
              required: ['things'],
              properties: {
                things: {
                  type: 'array',
                  items: ref('schemas/ThingInput'),
                  minItems: 1,
                  maxItems: 100,
                },
              },
            },
          ],
        },
        ThingsEnvelope: {
          type: 'object',
          required: ['count', 'results'],
          properties: {
            count: { type: 'integer', minimum: 0 },
            results: { type: 'array', items: ref('schemas/Thing') },
          },
        },
        Error: {
          type: 'object',
          required: ['errors'],
          properties: {
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['message'],
                properties: { type: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
      responses: {
        Error: {
          description: 'The request failed.',
          content: { 'application/json': { schema: ref('schemas/Error') } },
        },
        Unauthorized: {
          description: 'Missing or revoked token.',
          content: { 'application/json': { schema: ref('schemas/Error') } },
        },
      },
      examples: {
        ThingsPage: {
          summary: 'One page',
          value: { count: 1, results: [{ id: '1', name: 'A thing', status: 'active' }] },
        },
      },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A bearer token.' },
        oauth2: {
          type: 'oauth2',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://example.com/oauth/authorize',
              tokenUrl: 'https://example.com/oauth/token',
              scopes: { read: 'Read things.', write: 'Write things.' },
            },
          },
        },
      },
    },
  };
}

/** Narrows a nested JSON value to an object for mutation in tests (throws if it is not one). */
export function at(doc: unknown, ...path: string[]): JsonObject {
  let node: unknown = doc;
  for (const key of path) {
    node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
  }
  if (!isObject(node)) throw new Error(`${path.join('.')} is not an object`);
  return node;
}

/** The array at a path, for mutation in tests. */
export function list(doc: unknown, ...path: string[]): unknown[] {
  const parent = at(doc, ...path.slice(0, -1));
  const value = parent[path[path.length - 1] ?? ''];
  if (!Array.isArray(value)) throw new Error(`${path.join('.')} is not an array`);
  return value;
}
