/** The options every helper call takes (a leaf module: the helpers' and the bulk types import it). */

/** Options every helper accepts as its last argument. */
export interface RequestOptions {
  /** Cancels the call at once; a cancelled call is never retried. */
  signal?: AbortSignal | undefined;
}
