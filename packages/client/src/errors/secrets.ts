/**
 * The one list of secrets a client masks: the tokens it has sent, the last few of them (a
 * token function may rotate them). The transport adds each token it sends; its errors, the
 * helpers' errors and `client.toApiError` all mask what this list holds.
 */

const MAX_REMEMBERED_TOKENS = 4;

/** The secrets of one client. */
export interface Secrets {
  /** The tokens remembered, oldest first: one array, kept up to date. */
  readonly list: readonly string[];
  /**
   * Remembers `token` (forgetting the oldest past a few) and returns the list as it now is: a
   * copy, so that the errors of a request still mask its token after newer ones pushed it out.
   */
  add(token: string): readonly string[];
}

/**
 * Creates an empty list of secrets.
 *
 * @example
 * const secrets = createSecrets();
 * redact(text, secrets.add(token));
 */
export function createSecrets(): Secrets {
  const list: string[] = [];
  return {
    list,
    add(token) {
      if (!list.includes(token)) list.push(token);
      if (list.length > MAX_REMEMBERED_TOKENS) list.shift();
      return [...list];
    },
  };
}
