/**
 * The `path` every request error and retry event holds: the request's path relative to the
 * base URL, without the query, secrets masked. One meaning everywhere, so that errors group
 * by it in logs and alerts (`GET /organization_memberships/901`); never the origin,
 * credentials or query values.
 */
import { redact } from './redact.js';

/**
 * The pathname of a URL (or path) under `basePath`, masked. A path outside `basePath` is kept
 * whole.
 *
 * @example
 * safePath('https://user:pw@api.example.com/api/v1/users/5?page=2', [], '/api/v1'); // '/users/5'
 */
export function safePath(pathOrUrl: string, secrets?: readonly string[], basePath = ''): string {
  let path = pathOrUrl;
  try {
    path = new URL(pathOrUrl, 'http://relative.invalid').pathname;
  } catch {
    // Not parseable even as a path: keep the text, masked below.
  }
  if (path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
  return redact(path, secrets);
}
