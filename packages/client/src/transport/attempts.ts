/**
 * How many attempts produced a Response, recorded by the transport.
 *
 * Why a WeakMap: openapi-fetch hands the same Response object back to the caller as
 * `result.response`, so the count travels with it without changing the Response or
 * keeping it alive.
 */
const attemptCounts = new WeakMap<Response, number>();

/** Records the attempts for a Response (used by the transport). */
export function recordAttempts(response: Response, attempts: number): void {
  attemptCounts.set(response, attempts);
}

/**
 * How many attempts produced this Response (1 = no retry), or `undefined` if it did not
 * come from a transport.
 *
 * @example
 * const { response } = await client.GET('/users.json');
 * attemptsOf(response); // 1
 */
export function attemptsOf(response: Response): number | undefined {
  return attemptCounts.get(response);
}
