/**
 * A `createMany` job from its arguments: inputs and options checked (bad ones refused before
 * any request), defaults applied, the read-back plan taken from the resource table.
 */
import type { BodyFacts, OperationFacts, ResourceFacts } from '@kantata-ox/types/resources';
import { KantataInputError } from '../errors/classes.js';
import type { HelperContext } from '../helpers/call.js';
import { checkFields, checkPositiveInteger } from '../helpers/input-checks.js';
import { createGate } from './gate.js';
import { createOutcomes } from './outcomes.js';
import { planReadBack } from './read-back.js';
import type { Job } from './settle.js';
import type { CreateManyOptions } from './types.js';

/** Defaults of the options: see `CreateManyOptions`. */
export const CREATE_MANY_DEFAULTS = { concurrency: 1, maxResends: 3, clockSkewMs: 60_000 };

const MAX_CONCURRENCY = 64;
const MAX_RESENDS = 10;

/**
 * The job of one `createMany` call, with its concurrency.
 *
 * @example
 * const job = bulkCreateJob(ctx, facts, facts.operations.create, body, inputs, {}, 180);
 */
export function bulkCreateJob(
  ctx: HelperContext,
  resource: ResourceFacts,
  create: OperationFacts,
  body: BodyFacts & { bulk: NonNullable<BodyFacts['bulk']> },
  inputs: readonly unknown[],
  options: CreateManyOptions,
  specServerTimeoutSeconds: number | undefined,
): Job & { concurrency: number } {
  if (!Array.isArray(inputs)) throw new KantataInputError('inputs', 'must be an array');
  if (typeof options !== 'object' || options === null) {
    throw new KantataInputError('options', 'must be an object');
  }
  const concurrency = checkPositiveInteger(
    options.concurrency ?? CREATE_MANY_DEFAULTS.concurrency,
    'concurrency',
    MAX_CONCURRENCY,
  );
  const maxResends = wholeNumber(
    options.maxResends ?? CREATE_MANY_DEFAULTS.maxResends,
    'maxResends',
    MAX_RESENDS,
  );
  const specTimeout =
    specServerTimeoutSeconds === undefined ? undefined : specServerTimeoutSeconds * 1000;
  const serverTimeoutMs =
    options.serverTimeoutMs === undefined
      ? specTimeout
      : wholeNumber(options.serverTimeoutMs, 'serverTimeoutMs');
  const clockSkewMs = wholeNumber(
    options.clockSkewMs ?? CREATE_MANY_DEFAULTS.clockSkewMs,
    'clockSkewMs',
  );
  if (options.readBack !== undefined && typeof options.readBack !== 'boolean') {
    throw new KantataInputError('readBack', 'must be true or false');
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new KantataInputError('onProgress', 'must be a function');
  }
  // A plain loop, not forEach: forEach skips the holes of a sparse array.
  for (let index = 0; index < inputs.length; index++) {
    checkFields(inputs[index], body.required, `inputs[${index}]`);
  }
  return {
    ctx,
    resource,
    create,
    body,
    plan:
      options.readBack === false
        ? 'reading back is off (readBack: false)'
        : planReadBack(resource, body),
    gate: createGate(),
    outcomes: createOutcomes(inputs.length, options.onProgress),
    signal: options.signal,
    concurrency,
    maxResends,
    serverTimeoutMs,
    clockSkewMs,
  };
}

/** A whole number option from 0 to `maximum`. */
function wholeNumber(value: unknown, field: string, maximum = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > maximum) {
    throw new KantataInputError(
      field,
      `must be an integer from 0 to ${maximum}, got ${String(value)}`,
    );
  }
  return value as number;
}
