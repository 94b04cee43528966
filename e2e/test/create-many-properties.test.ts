/**
 * Property: whatever the mix of valid and invalid inputs (repeats included), the fake's bulk
 * mode and the schedule of faults — 429, 503 and dropped connections before the fake
 * processes a request, answers lost after it did (the fake's `lose` fault) — createMany
 * reports every input exactly once, and the fake holds each valid input at most as often as
 * it was given, never an invalid one, and never one that was reported surely not created.
 */
import { type CreateManyResult, createKantataClient } from '@kantata-ox/client';
import { BULK_MODES, createFakeKantata, type FaultKind, teamData } from '@kantata-ox/fixtures';
import type { OrganizationMembership, OrganizationMembershipCreateFields } from '@kantata-ox/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../support/chaos-reconcile.js';
import { HOUR_MS, skewedClock } from '../support/skewed-clock.js';

// The team preset: users 1–6, departments 10 and 11, geography 20.
const data = teamData({ users: 6, departments: 2, geographies: 1, workspaceGroups: 0 });
const organizations = data.organizations ?? [];
const USERS = (data.users ?? []).map((user) => Number(user.id));
const DEPARTMENTS = organizations.filter((o) => o.type === 'Department').map((o) => Number(o.id));
const GEOGRAPHY = Number(organizations.find((o) => o.type === 'Geography')?.id);
const MISSING_DEPARTMENT = 99;

const inputArb = fc.record({
  member_id: fc.constantFrom(...USERS),
  // One in five points at a department that does not exist.
  department_id: fc.constantFrom(...DEPARTMENTS, ...DEPARTMENTS, MISSING_DEPARTMENT),
});

const jobArb = fc.record({
  bulkMode: fc.constantFrom(...BULK_MODES),
  // A few inputs, or up to three bulk requests' worth, so chunks, bisection and read-back meet.
  inputs: fc.oneof(
    fc.array(inputArb, { minLength: 1, maxLength: 12 }),
    fc.array(inputArb, { minLength: 90, maxLength: 230 }),
  ),
  faultSeed: fc.nat(),
  faultRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
  // 'lose': the answer is lost after the fake processed the request.
  faultKinds: fc.subarray<FaultKind>(['429', '503', 'drop', 'lose'], { minLength: 1 }),
  // Requests (by number) that always get a fault of those kinds.
  faultNth: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 6 }),
  concurrency: fc.integer({ min: 1, max: 3 }),
  // The client's clock: right, or an hour either side of the machine's (the fake keeps its own).
  clockOffsetMs: fc.constantFrom(0, HOUR_MS, -HOUR_MS),
});

type Input = OrganizationMembershipCreateFields;
type Result = CreateManyResult<OrganizationMembership, Input>;
const keyOf = (m: { member_id?: unknown; department_id?: unknown }) =>
  `${String(m.member_id)}/${String(m.department_id)}`;

/** What one job broke, as messages (empty when every property holds). */
function violations(
  inputs: readonly Input[],
  result: Result,
  stored: readonly Record<string, unknown>[],
) {
  const problems: string[] = [];
  const reported = [...result.created, ...result.failed].map((e) => e.index).sort((a, b) => a - b);
  if (JSON.stringify(reported) !== JSON.stringify(inputs.map((_, i) => i))) {
    problems.push(`reported indexes ${JSON.stringify(reported)} for ${inputs.length} inputs`);
  }
  const given = new Map<string, number>();
  for (const input of inputs) {
    if (input.department_id !== MISSING_DEPARTMENT)
      given.set(keyOf(input), (given.get(keyOf(input)) ?? 0) + 1);
  }
  const held = new Map<string, number>();
  for (const object of stored) held.set(keyOf(object), (held.get(keyOf(object)) ?? 0) + 1);
  const unknown = new Map<string, number>();
  for (const f of result.failed.filter((f) => f.reason === 'unknown')) {
    unknown.set(keyOf(f.input), (unknown.get(keyOf(f.input)) ?? 0) + 1);
  }
  const created = new Map<string, number>();
  const ids = new Set(stored.map((o) => String(o.id)));
  for (const c of result.created) {
    const input = inputs[c.index] as Input;
    created.set(keyOf(input), (created.get(keyOf(input)) ?? 0) + 1);
    if (!ids.has(c.object.id))
      problems.push(`input ${c.index} created as ${c.object.id}, which the fake does not hold`);
    if (String(c.object.member_id) !== String(input.member_id)) {
      problems.push(`input ${c.index} created as an object of member ${c.object.member_id}`);
    }
  }
  if (new Set(result.created.map((c) => c.object.id)).size !== result.created.length) {
    problems.push('one object reported created for two inputs');
  }
  for (const [key, n] of held) {
    const limit = given.get(key) ?? 0;
    if (n > limit) problems.push(`${key} held ${n} times, given ${limit} times`);
    const silent = n - (created.get(key) ?? 0) - (unknown.get(key) ?? 0);
    if (silent > 0) problems.push(`${key}: ${silent} held but reported surely not created`);
  }
  return problems;
}

describe('createMany, any inputs and any faults', () => {
  it('reports every input exactly once, and the fake holds each valid input at most once', async () => {
    const totals = { jobs: 0, inputs: 0, created: 0, confirmed: 0, lost: 0, unknown: 0 };
    await fc.assert(
      fc.asyncProperty(jobArb, async (job) => {
        const fake = createFakeKantata({
          data,
          bulkMode: job.bulkMode,
          strict: true,
          faults: {
            seed: job.faultSeed,
            rate: job.faultRate,
            kinds: job.faultKinds,
            nth: job.faultNth,
          },
        });
        const client = createKantataClient({
          token: fake.token,
          fetch: fake.fetch,
          clock: skewedClock(job.clockOffsetMs),
          retry: { maxRetries: 4, baseDelayMs: 0, maxDelayMs: 1 },
        });
        const inputs = job.inputs.map(
          (i): Input => ({ ...i, member_type: 'User', geography_id: GEOGRAPHY }),
        );
        // The fake finishes a request before its answer is lost: nothing is left to wait for.
        const result: Result = await client.organizationMemberships.createMany(inputs, {
          concurrency: job.concurrency,
          serverTimeoutMs: 0,
        });
        const stored = [...fake.store.organizationMemberships.values()];
        totals.jobs += 1;
        totals.inputs += inputs.length;
        totals.created += result.created.length;
        totals.confirmed += result.created.filter((c) => c.confirmed).length;
        totals.lost += fake.stats.faults.lose;
        totals.unknown += result.failed.filter((f) => f.reason === 'unknown').length;
        expect(violations(inputs, result, stored)).toEqual([]);
      }),
      { numRuns: 60, seed: 20_240_613 },
    );
    console.log(
      formatTable('createMany property: jobs of random inputs under random faults', [
        ['jobs', totals.jobs],
        ['inputs', totals.inputs],
        ['answers lost after processing', totals.lost],
        ['created', totals.created],
        ['  confirmed by read-back', totals.confirmed],
        ['failed: unknown', totals.unknown],
      ]),
    );
    // The schedules must have lost answers that read-back then resolved, or the run proves little.
    expect(totals.lost).toBeGreaterThan(0);
    expect(totals.confirmed).toBeGreaterThan(0);
  });
});
