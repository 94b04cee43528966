/**
 * Reading a response body with a bound: an error page can be megabytes of HTML, and only
 * its start is ever shown.
 */

/** What was read of a body: all of it, unless `truncated` (too big) or `error` (unreadable). */
export interface BodyRead {
  text: string;
  truncated?: boolean;
  error?: string;
}

/**
 * Reads at most about `limit` bytes of the body as text, then cancels the rest so the
 * connection is freed. Never throws: an unreadable body is reported in `error`, with what
 * arrived before the failure in `text`.
 *
 * @example
 * const { text, truncated } = await readBodyText(response, 64 * 1024);
 */
export async function readBodyText(response: Response, limit: number): Promise<BodyRead> {
  if (response.bodyUsed) return { text: '', error: 'the body was already read' };
  if (response.body === null) return { text: '' };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    while (bytes < limit) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode() };
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
    await reader.cancel().catch(() => {});
    return { text, truncated: true };
  } catch {
    return { text, error: 'the body could not be read' };
  } finally {
    reader.releaseLock();
  }
}
