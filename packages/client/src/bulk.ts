/**
 * `createMany`: splits inputs into bulk requests of the spec's limit, sends them with
 * bounded concurrency, and accounts for every input exactly once, as created or failed.
 * A chunk is sent once; the transport alone decides on retries, and it retries a POST only
 * when the server cannot have processed it.
 */
import type { BodyFacts, OperationFacts, ResourceFacts } from '@kantata-ox/types/resources';
import { KantataError, KantataInputError } from './core/errors.js';
import type { NormalizedPage } from './normalize.js';
import { type HelperContext, send } from './send.js';
import type { CreateManyOptions, CreateManyResult } from './types.js';
import { checkFields, checkPositiveInteger } from './validate.js';

type Item = Record<string, unknown>;

/**
 * Creates every input; resolves to `{ created, failed }` sorted by input index.
 * Invalid inputs are refused up front (`KantataInputError`) so nothing is half-sent.
 * If `signal` aborts, no further chunk is sent and every input not known to be created is
 * reported in `failed` with the abort reason; a chunk in flight at that moment may or may
 * not have been created by the server.
 */
export async function createMany(
  ctx: HelperContext,
  resource: ResourceFacts,
  create: OperationFacts,
  body: BodyFacts & { bulk: NonNullable<BodyFacts['bulk']> },
  inputs: readonly unknown[],
  options: CreateManyOptions = {},
): Promise<CreateManyResult<Item, unknown>> {
  const { bulk } = body;
  if (!Array.isArray(inputs)) throw new KantataInputError('inputs', 'must be an array');
  const concurrency = checkPositiveInteger(options.concurrency ?? 1, 'concurrency', 64);
  // A plain loop, not forEach: forEach skips the holes of a sparse array.
  for (let index = 0; index < inputs.length; index++) {
    checkFields(inputs[index], body.required, `inputs[${index}]`);
  }

  const result: CreateManyResult<Item, unknown> = { created: [], failed: [] };
  const chunkCount = Math.ceil(inputs.length / bulk.limit);
  let next = 0;

  const sendChunk = async (chunk: number) => {
    const start = chunk * bulk.limit;
    const slice = inputs.slice(start, start + bulk.limit);
    const fail = (error: Error) => {
      slice.forEach((input, i) => {
        result.failed.push({ index: start + i, input, error });
      });
    };
    if (options.signal?.aborted) return fail(abortReason(options.signal));
    let page: NormalizedPage;
    try {
      page = await send(
        ctx,
        resource,
        create,
        { body: { [bulk.key]: slice }, signal: options.signal },
        'page',
      );
    } catch (error) {
      return fail(error instanceof Error ? error : new KantataError(String(error)));
    }
    if (page.items.length !== slice.length) {
      // Without a one-to-one answer no object can be tied to its input safely.
      return fail(
        new KantataError(
          `Bulk create of inputs ${start}..${start + slice.length - 1} answered with ${page.items.length} objects for ${slice.length} inputs`,
        ),
      );
    }
    page.items.forEach((object, i) => {
      result.created.push({ index: start + i, object });
    });
  };

  const worker = async () => {
    while (next < chunkCount) await sendChunk(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunkCount) }, worker));
  result.created.sort((a, b) => a.index - b.index);
  result.failed.sort((a, b) => a.index - b.index);
  return result;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new KantataError('The operation was aborted');
}
