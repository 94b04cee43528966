/**
 * The one rule for "is this body JSON" (src/helpers/json.ts), and that both the success path
 * (the helpers) and the error path (`toApiError`) follow it.
 */

import { buildEnvelope } from '@kantata-ox/fixtures';
import { describe, expect, it } from 'vitest';
import { KantataResponseError } from '../../src/errors/classes.js';
import { toApiError } from '../../src/errors/factory.js';
import { mediaTypeOf, notJson, parseJsonBody } from '../../src/helpers/json.js';
import { membership, OM, text } from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { createObservedClient } from '../doubles/observed.js';

const withType = (contentType: string | undefined, body = '{}'): Response =>
  new Response(new TextEncoder().encode(body), {
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  });

describe('what counts as JSON', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json ; charset=utf-8',
    'Application/JSON',
    'text/json',
    'application/problem+json',
    'application/vnd.api+json',
    'text/vnd.example+json',
  ])('%s is JSON', (contentType) => {
    expect(notJson(mediaTypeOf(withType(contentType)))).toBeUndefined();
  });

  it('a body without a content type is tried as JSON', () => {
    expect(mediaTypeOf(withType(undefined))).toBe('');
    expect(notJson('')).toBeUndefined();
  });

  it.each([
    'application/jsonp',
    'application/json-seq',
    'x-application/json',
    'application/x-json-stream',
    'text/plain',
    'text/html',
  ])('%s is not JSON', (contentType) => {
    expect(notJson(mediaTypeOf(withType(contentType)))).toBe(
      `expected a JSON body but got ${contentType}`,
    );
  });

  it('names at most 100 characters of an unexpected content type', () => {
    const type = `text/${'x'.repeat(200)}`;
    expect(notJson(type)).toBe(`expected a JSON body but got ${type.slice(0, 100)}`);
  });

  it('names an unexpected content type with its unusual characters as "?"', () => {
    expect(notJson(mediaTypeOf(withType('text/x"a b<c>')))).toBe(
      'expected a JSON body but got text/x?a?b?c?',
    );
  });
});

describe('parseJsonBody', () => {
  it('parses a JSON body', () => {
    expect(parseJsonBody(withType('application/json'), '{"a":1}')).toEqual({ value: { a: 1 } });
  });

  it('refuses a body of another type, even when its text is JSON', () => {
    expect(parseJsonBody(withType('text/plain'), '{"a":1}')).toEqual({
      problem: 'expected a JSON body but got text/plain',
    });
  });

  it('says an empty or blank body was empty', () => {
    for (const body of ['', ' \n\t ']) {
      expect(parseJsonBody(withType('application/json'), body)).toEqual({
        problem: 'expected a JSON body but the body was empty',
      });
    }
  });
});

describe('both paths follow the rule', () => {
  it('the error path reads the errors list of a text/json body', async () => {
    const body = '{"errors":[{"type":"system","message":"down"}]}';
    const error = await toApiError(
      new Response(body, { status: 500, headers: { 'content-type': 'text/json' } }),
      { method: 'GET', path: '/users' },
    );
    expect(error.errors).toEqual([{ type: 'system', message: 'down' }]);
  });

  it('the error path reads a body without a content type', async () => {
    const body = new TextEncoder().encode('{"errors":[{"type":"system","message":"down"}]}');
    const error = await toApiError(new Response(body, { status: 500 }), {
      method: 'GET',
      path: '/users',
    });
    expect(error.errors).toEqual([{ type: 'system', message: 'down' }]);
  });

  it('the error path does not read a look-alike type', async () => {
    const error = await toApiError(text('{"errors":[]}', 500, 'application/json-seq'), {
      method: 'GET',
      path: '/users',
    });
    expect(error.message).toBe(
      'GET /users failed with 500: expected a JSON body but got application/json-seq',
    );
  });

  it.each(['text/json', 'application/vnd.api+json; charset=utf-8', undefined])(
    'the success path reads a page sent as %s',
    async (contentType) => {
      const page = JSON.stringify(buildEnvelope(OM, [membership(1)]));
      const { client } = createObservedClient(() => withType(contentType, page));
      const { items } = await client.organizationMemberships.list();
      expect(items.map((item) => item.id)).toEqual(['1']);
    },
  );

  it('the success path refuses a look-alike type with a KantataResponseError', async () => {
    const page = JSON.stringify(buildEnvelope(OM, [membership(1)]));
    const { client } = createObservedClient(() => text(page, 200, 'x-application/json'));
    const error = await rejection(client.organizationMemberships.list());
    expect(error).toBeInstanceOf(KantataResponseError);
    expect((error as Error).message).toBe(
      'GET /organization_memberships failed with 200: expected a JSON body but got x-application/json',
    );
  });
});
