/**
 * `createMany`: splits inputs into bulk requests of the spec's limit, sends them with bounded
 * concurrency, and accounts for every input exactly once: created (answered, or confirmed by
 * reading back), or failed with a reason (see `bulk/settle.ts` for how each answer is
 * handled). The transport alone decides on retries of a request, and it retries a POST only
 * when the server cannot have processed it.
 */
import {
  type BodyFacts,
  type OperationFacts,
  type ResourceFacts,
  serverTimeoutSeconds,
} from '@kantata-ox/types/resources';
import { KantataProgressError } from '../errors/classes.js';
import type { HelperContext } from '../helpers/call.js';
import { bulkCreateJob } from './job.js';
import { settle } from './settle.js';
import type { CreateManyOptions, CreateManyResult } from './types.js';

type Item = Record<string, unknown>;

/**
 * Creates every input; resolves to `{ created, failed }` in input order, each input in exactly
 * one of them. Invalid inputs (not objects, required fields missing) and bad options are
 * refused up front (`KantataInputError`) so nothing is half-sent. If `signal` aborts, no
 * further request is sent; inputs not yet sent end `not_sent`, those of a request in flight
 * `unknown`.
 *
 * @example
 * const { created, failed } = await createMany(ctx, facts, facts.operations.create, body, inputs);
 */
export async function createMany(
  ctx: HelperContext,
  resource: ResourceFacts,
  create: OperationFacts,
  body: BodyFacts & { bulk: NonNullable<BodyFacts['bulk']> },
  inputs: readonly unknown[],
  options: CreateManyOptions = {},
): Promise<CreateManyResult<Item, unknown>> {
  const job = bulkCreateJob(ctx, resource, create, body, inputs, options, serverTimeoutSeconds);
  const { limit } = body.bulk;
  await forEachChunk(Math.ceil(inputs.length / limit), job.concurrency, (chunk) => {
    const start = chunk * limit;
    const group = inputs
      .slice(start, start + limit)
      .map((input, i) => ({ index: start + i, input: input as Item }));
    return settle(job, group);
  });
  const { result, progressError } = job.outcomes.finish();
  if (progressError) throw new KantataProgressError(result, progressError.thrown);
  return result;
}

/**
 * Runs `task` for chunks 0 to `count - 1` in order, at most `concurrency` at once: the one
 * place where createMany schedules its requests (the transport's governor paces each).
 */
async function forEachChunk(
  count: number,
  concurrency: number,
  task: (chunk: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
