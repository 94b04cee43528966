/** The part of a request URL that errors may show: pathname and search, secrets masked. */
import { redact } from './redact.js';

/**
 * Pathname + search of a URL (or path), with secrets masked: never the origin or credentials.
 *
 * @example
 * safePath('https://user:pw@api.example.com/v1/users?page=2'); // '/v1/users?page=2'
 */
export function safePath(pathOrUrl: string, secrets?: readonly string[]): string {
  let path = pathOrUrl;
  try {
    const url = new URL(pathOrUrl, 'http://relative.invalid');
    path = url.pathname + url.search;
  } catch {
    // Not parseable even as a path: keep the text, masked below.
  }
  return redact(path, secrets);
}
