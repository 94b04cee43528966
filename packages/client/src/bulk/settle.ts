/**
 * Settles one group of inputs sent as one bulk request: every input ends with one outcome.
 *
 * - Answered: the objects, in input order, are `created`.
 * - Refused (422): the inputs the errors name are `invalid`, each with its own error; the
 *   others are read back (the API may have created them) and those not found are sent again
 *   without the culprits, or in two halves when no input was named.
 * - Rejected (another 4xx): nothing was created; every input is `rejected`.
 * - Lost (a network failure, a timeout, a 5xx, an unusable 2xx): read back at once; what is
 *   not found waits until the server can no longer be working on the request
 *   (`serverTimeoutMs` after the failure), read back now and then meanwhile (an object that
 *   appears late is confirmed at once), and only then is sent again, at most `maxResends`
 *   times. If reading back is impossible, the inputs not found are `unknown`.
 *
 * A read-back looks for objects created since the server time at which the request was sent
 * (see transport/server-time.ts), less `clockSkewMs`: the server's clock, never this machine's,
 * unless no answer stated a time.
 */
import type { BodyFacts, OperationFacts, ResourceFacts } from '@kantata-ox/types/resources';
import { KantataApiError, KantataError, KantataResponseError } from '../errors/classes.js';
import { call, type HelperContext } from '../helpers/call.js';
import type { ServerTimeReading } from '../transport/server-time.js';
import { attribute, ownError } from './attribute.js';
import type { Gate } from './gate.js';
import type { Entry, Outcomes } from './outcomes.js';
import { type ReadBackPlan, readBack, searchFrom } from './read-back.js';

/** Everything the groups of one job share. */
export interface Job {
  ctx: HelperContext;
  resource: ResourceFacts;
  create: OperationFacts;
  body: BodyFacts & { bulk: NonNullable<BodyFacts['bulk']> };
  /** How to read back, or why it is impossible. */
  plan: ReadBackPlan | string;
  gate: Gate;
  outcomes: Outcomes;
  signal: AbortSignal | undefined;
  maxResends: number;
  serverTimeoutMs: number | undefined;
  clockSkewMs: number;
}

type Failure = 'refused' | 'rejected' | 'lost' | 'aborted';
const NOT_SENT = Symbol('not sent');

/** When a request was sent: the client's time, and the latest server time seen before it. */
export interface Sent {
  local: number;
  before: ServerTimeReading | undefined;
}

/**
 * While inputs of a lost answer wait out the server timeout, they are read back this long
 * after the failure, then at twice the interval each time (5, 15, 35, 75, 155 s…), and once
 * more when the wait ends.
 */
export const FIRST_RECHECK_MS = 5_000;

/**
 * Sends `group` as one bulk request and settles each of its inputs. `resends` counts the
 * times these inputs were sent again after a lost answer.
 *
 * @example
 * await settle(job, inputs.slice(0, 100).map((input, index) => ({ index, input })));
 */
export async function settle(job: Job, group: readonly Entry[], resends = 0): Promise<void> {
  const { ctx, outcomes, signal } = job;
  if (group.length === 0) return;
  if (signal?.aborted) return outcomes.notSent(group, 'the job was aborted first', signal.reason);
  let sent: Sent = { local: ctx.clock.now(), before: ctx.serverTime.latest() };
  const failure = await job.gate
    .shared(async () => {
      // Aborted while waiting for a read-back of another request: this one was never sent.
      if (signal?.aborted) return NOT_SENT;
      sent = { local: ctx.clock.now(), before: ctx.serverTime.latest() };
      const body = { [job.body.bulk.key]: group.map((entry) => entry.input) };
      const page = await call(ctx, job.resource, job.create, { body, signal }, 'page');
      if (page.items.length !== group.length) {
        // Without a one-to-one answer no object can be tied to its input: find them instead.
        return new KantataError(
          `A bulk create of ${group.length} inputs was answered with ${page.items.length} objects`,
        );
      }
      // Recorded inside the gate, so no read-back can start before these objects are claimed.
      const created = page.items.map((object, i) => ({
        entry: group[i] as Entry,
        id: page.ids[i] as string,
        object,
      }));
      outcomes.created(created, false);
      return undefined;
    })
    // A middleware may throw anything, even undefined: it still counts as a failure.
    .catch((error: unknown) => error ?? new KantataError('The bulk request threw undefined'));
  if (failure === undefined) return;
  if (failure === NOT_SENT) {
    return outcomes.notSent(group, 'the job was aborted first', signal?.reason);
  }
  switch (kindOf(failure, signal)) {
    case 'refused':
      return refused(job, group, failure as KantataApiError, sent, resends);
    case 'rejected':
      return outcomes.rejected(group, failure as KantataApiError);
    case 'aborted':
      return outcomes.unknown(group, failure, failure);
    case 'lost':
      return lost(job, group, failure, sent, resends);
  }
}

function kindOf(failure: unknown, signal: AbortSignal | undefined): Failure {
  if (signal?.aborted && failure === signal.reason) return 'aborted';
  if (failure instanceof KantataResponseError || !(failure instanceof KantataApiError)) {
    return 'lost';
  }
  if (failure.status === 422) return 'refused';
  return failure.status === 408 || failure.status >= 500 ? 'lost' : 'rejected';
}

async function refused(
  job: Job,
  group: readonly Entry[],
  error: KantataApiError,
  sent: Sent,
  resends: number,
): Promise<void> {
  const { outcomes } = job;
  const [only] = group;
  // A request of one input refused: the refusal is that input's own.
  if (only && group.length === 1) {
    const { byItem } = attribute(error, keysOf(job), 1);
    return outcomes.invalid(only, ownError(error, byItem.get(0) ?? [...error.errors]));
  }
  const { byItem } = attribute(error, keysOf(job), group.length);
  for (const [index, errors] of byItem)
    outcomes.invalid(group[index] as Entry, ownError(error, errors));
  const others = group.filter((_, index) => !byItem.has(index));
  // A 422 is a final answer: whatever the API created of the others exists by now.
  const rest = await found(job, others, error, sent);
  if (rest.length === 0) return;
  if (byItem.size > 0) return settle(job, rest, resends);
  const half = Math.ceil(rest.length / 2);
  await settle(job, rest.slice(0, half), resends);
  await settle(job, rest.slice(half), resends);
}

async function lost(
  job: Job,
  group: readonly Entry[],
  failure: unknown,
  sent: Sent,
  resends: number,
): Promise<void> {
  const { ctx, outcomes, serverTimeoutMs, signal } = job;
  // Counted from the failure, which came after the last attempt was sent.
  const certainAt = serverTimeoutMs === undefined ? undefined : ctx.clock.now() + serverTimeoutMs;
  // When the latest read-back started: only one that starts once `certainAt` has passed
  // proves an input absent (one that started before may have run while the server worked).
  let lastStart = ctx.clock.now();
  let rest = await found(job, group, failure, sent);
  if (rest.length === 0) return;
  if (certainAt === undefined) {
    const why = 'the server may still create them: no serverTimeoutMs, and the spec states none';
    return outcomes.unknown(rest, failure, new KantataError(why));
  }
  const waiting = outcomes.waiting(rest);
  try {
    // Planned times, not only the clock's reading: a clock that stands still still ends the wait.
    let at = ctx.clock.now();
    for (let interval = FIRST_RECHECK_MS; rest.length > 0 && lastStart < certainAt; interval *= 2) {
      const next = Math.min(certainAt, at + interval);
      waiting.nextCheckAt(next);
      try {
        await ctx.clock.sleep(Math.max(0, next - ctx.clock.now()), signal);
      } catch (reason) {
        return outcomes.unknown(rest, failure, reason);
      }
      at = next;
      lastStart = Math.max(next, ctx.clock.now());
      rest = await found(job, rest, failure, sent);
    }
  } finally {
    waiting.end();
  }
  if (rest.length === 0) return;
  if (resends >= job.maxResends) {
    const why = `${resends + 1} answers were lost, and reading back found these absent`;
    return outcomes.notSent(rest, why, failure);
  }
  return settle(job, rest, resends + 1);
}

/**
 * Reads back `group`, records the inputs found as created (confirmed), and returns the
 * others. Any that cannot be read back are recorded `unknown` and none are returned.
 */
async function found(
  job: Job,
  group: readonly Entry[],
  failure: unknown,
  sent: Sent,
): Promise<Entry[]> {
  const { plan, outcomes } = job;
  if (group.length === 0) return [];
  if (typeof plan === 'string') {
    outcomes.unknown(group, failure, new KantataError(plan));
    return [];
  }
  let objects: Awaited<ReturnType<typeof readBack>>;
  try {
    objects = await job.gate.exclusive(async () =>
      readBack(
        job.ctx,
        job.resource,
        plan,
        group.map((entry) => entry.input),
        (await searchFrom(job.ctx, job.resource, plan, sent, job.signal)) - job.clockSkewMs,
        outcomes.claimed,
        job.signal,
      ),
    );
  } catch (error) {
    outcomes.unknown(group, failure, error);
    return [];
  }
  const created = group.flatMap((entry, i) => {
    const object = objects[i];
    return object ? [{ entry, ...object }] : [];
  });
  outcomes.created(created, true);
  return group.filter((_, i) => objects[i] === undefined);
}

function keysOf(job: Job) {
  return { bulkKey: job.body.bulk.key, itemKey: job.body.key };
}
