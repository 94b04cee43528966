/**
 * Real response bodies taken from the fake Kantata API (and valid inputs from
 * `fake.validInputs`), so every benchmark parses and sends what the API really exchanges.
 */
import type { FakeKantata } from '@kantata-ox/fixtures';

/** The base URL the in-process benchmarks address (never contacted: fetch is stubbed). */
export const API_BASE = 'https://api.mavenlink.com/api/v1';

/**
 * The text of one response of the fake, failing loudly on anything but 200.
 *
 * @example
 * const page = await responseText(fake, 'GET', '/organization_memberships?per_page=20');
 */
export async function responseText(
  fake: FakeKantata,
  method: string,
  path: string,
  body?: unknown,
): Promise<string> {
  const response = await fake.fetch(`${API_BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text;
}
