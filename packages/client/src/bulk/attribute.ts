/**
 * Which inputs of a refused bulk request a 422 is about. The API names an item by its path in
 * the request (`organization_memberships[20].department_id`, the index counted within that
 * request), or, as the spec allows, by a message prefix (`organization_memberships[20]: ...`).
 * Each culprit gets an error of its own, worded as a single create of it would be.
 */
import { type ApiErrorDetail, KantataApiError } from '../errors/classes.js';

/** A 422 split by item: the details of each named item, and whether any detail names none. */
export interface Attribution {
  /** Item index within the request → its details, fields relative to the item. */
  byItem: Map<number, ApiErrorDetail[]>;
  /** Some detail names no item of the request (or one out of range). */
  unattributed: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Splits the details of a bulk request's 422 by the item they name.
 *
 * @example
 * attribute(error, { bulkKey: 'organization_memberships', itemKey: 'organization_membership' }, 100);
 */
export function attribute(
  error: KantataApiError,
  keys: { bulkKey: string; itemKey: string },
  size: number,
): Attribution {
  const prefix = escapeRegExp(keys.bulkKey);
  const byField = new RegExp(`^${prefix}\\[(\\d+)\\](?:\\.(.+))?$`);
  const byMessage = new RegExp(`^${prefix}\\[(\\d+)\\]:\\s*`);
  const byItem = new Map<number, ApiErrorDetail[]>();
  let unattributed = error.errors.length === 0;
  for (const detail of error.errors) {
    const field = detail.field === undefined ? undefined : byField.exec(detail.field);
    const message = field ? undefined : byMessage.exec(detail.message);
    const index = Number((field ?? message)?.[1] ?? Number.NaN);
    if (!(index < size)) {
      unattributed = true;
      continue;
    }
    const own: ApiErrorDetail = { type: detail.type, message: detail.message };
    if (field) own.field = field[2] ?? keys.itemKey;
    else {
      own.message = detail.message.slice(message?.[0].length ?? 0);
      if (detail.field !== undefined) own.field = detail.field;
    }
    byItem.set(index, [...(byItem.get(index) ?? []), own]);
  }
  return { byItem, unattributed };
}

/**
 * The error of one culprit: the refusal's status, request and request id, with only the
 * details about it.
 *
 * @example
 * ownError(refusal, [{ type: 'validation', message: 'Department could not be found', field: 'department_id' }]);
 */
export function ownError(refusal: KantataApiError, errors: ApiErrorDetail[]): KantataApiError {
  return new KantataApiError({
    method: refusal.method,
    path: refusal.path,
    attempts: refusal.attempts,
    status: refusal.status,
    errors,
    requestId: refusal.requestId,
    body: refusal.body,
  });
}
