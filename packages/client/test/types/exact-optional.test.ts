/**
 * Under `exactOptionalPropertyTypes` (the repo's base tsconfig leaves it off), `undefined`
 * means "the default" wherever an option is optional: a value from `process.env` or a
 * possibly-undefined signal passes straight through.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileExamples } from '../../../../scripts/readme-examples.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '../..');

const source = `
import { createKantataClient, toApiError } from '@kantata-ox/client';

declare const env: Record<string, string | undefined>;
declare const signal: AbortSignal | undefined;
declare const maybe: number | undefined;

const kantata = createKantataClient({
  token: 't',
  baseUrl: env.KANTATA_BASE_URL,
  allowInsecureBaseUrl: undefined,
  fetch: undefined,
  userAgent: env.USER_AGENT,
  timeoutMs: maybe,
  retry: { maxRetries: maybe, baseDelayMs: undefined, maxDelayMs: undefined, maxRetryAfterMs: undefined },
  onRetry: undefined,
  clock: undefined,
  random: undefined,
});
const memberships = kantata.organizationMemberships;
await memberships.list({ member_id: maybe, include: undefined }, { signal });
for await (const m of memberships.listAll({ department_id: maybe }, { signal, pageSize: maybe, limit: maybe })) void m;
await memberships.get(1, { signal, include: undefined });
const fields = { geography_id: 1, department_id: 2, member_id: 3, member_type: 'User' } as const;
await memberships.create(fields, { signal, include: undefined });
await memberships.createMany([fields], { signal, concurrency: maybe });
await memberships.update(1, { primary: true }, { signal, include: undefined });
await memberships.delete(1, { signal });
await toApiError(new Response(), { method: 'GET', path: '/x', attempts: maybe, body: undefined, secrets: undefined });
await kantata.toApiError(new Response(), { method: 'GET', path: '/x', attempts: maybe, body: undefined, secrets: undefined });
export {};
`;

describe('options under exactOptionalPropertyTypes', () => {
  it('take undefined for every optional option of the client and its helpers', () => {
    const example = {
      name: join(packageDir, 'test/types/exact-optional-example.ts'),
      title: 'exact',
      source,
    };
    const diagnostics = compileExamples(
      packageDir,
      [example],
      { '@kantata-ox/client': [join(packageDir, 'src/index.ts')] },
      { exactOptionalPropertyTypes: true, strict: true, noUncheckedIndexedAccess: true },
    )(example);
    expect(diagnostics).toEqual([]);
  }, 60_000);
});
