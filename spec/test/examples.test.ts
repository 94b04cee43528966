import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../model/build.js';
import { isObject, type JsonObject, loadSpec } from './load.js';

let spec: Awaited<ReturnType<typeof loadSpec>>;
beforeAll(async () => {
  spec = await loadSpec();
});

/** Every (operation, place, media type) that carries a JSON schema, with its examples. */
function mediaTypes() {
  const found: { where: string; schema: JsonObject; examples: JsonObject | undefined }[] = [];
  for (const o of spec.operations) {
    const body = o.op.requestBody as JsonObject | undefined;
    if (body) {
      const media = (body.content as JsonObject)['application/json'] as JsonObject;
      found.push({
        where: `${o.operationId} request`,
        schema: media.schema as JsonObject,
        examples: media.examples as JsonObject | undefined,
      });
    }
    for (const [status, ref] of Object.entries(o.op.responses as JsonObject)) {
      const response = spec.deref(ref as JsonObject);
      const media = isObject(response.content)
        ? (response.content['application/json'] as JsonObject)
        : undefined;
      if (!media) continue;
      found.push({
        where: `${o.operationId} ${status}`,
        schema: media.schema as JsonObject,
        examples: media.examples as JsonObject | undefined,
      });
    }
  }
  return found;
}

describe('examples', () => {
  it('exist, named, for every request body and every response with a body', () => {
    const missing = mediaTypes()
      .filter((m) => !m.examples || Object.keys(m.examples).length === 0)
      .map((m) => m.where);
    expect(missing).toEqual([]);
    // One per request body and per response with a body, as the spec model counts them: the
    // walk above misses none.
    const model = buildModel(spec.doc);
    const bodies = model.operations.filter((op) => op.body).length;
    const responses = model.operations.flatMap((op) =>
      Object.values(op.responses).filter((r) => r.schema !== undefined),
    ).length;
    expect(mediaTypes()).toHaveLength(bodies + responses);
  });

  it('each validate against their schema (JSON Schema 2020-12)', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const m of mediaTypes()) {
      for (const [name, example] of Object.entries(m.examples ?? {})) {
        const { value } = spec.deref(example as JsonObject);
        const result = spec.validate(m.schema, value);
        checked++;
        if (!result.valid) failures.push(`${m.where} › ${name}: ${result.errors}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });

  it('keep results and the id map in step', () => {
    for (const m of mediaTypes().filter((x) => x.where.endsWith(' 200'))) {
      for (const example of Object.values(m.examples ?? {})) {
        const value = spec.deref(example as JsonObject).value as JsonObject;
        const results = value.results as { key: string; id: string }[];
        for (const { key, id } of results) {
          expect((value[key] as JsonObject)[id], `${m.where} ${key}/${id}`).toMatchObject({ id });
        }
        expect(Object.keys(value[results[0]?.key ?? ''] ?? {})).toHaveLength(results.length);
      }
    }
  });

  it('are rejected when they break the schema (the check can fail)', () => {
    const result = spec.validate('#/components/schemas/OrganizationMembership', {
      id: 901,
      member_type: 'Robot',
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toMatch(/member_id|member_type|id/);
  });
});
