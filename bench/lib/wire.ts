/**
 * Real response bodies and valid inputs taken from the fake Kantata API, so every
 * benchmark parses and sends what the API really exchanges.
 */
import type { FakeKantata } from '@kantata-ox/fixtures';
import type { OrganizationMembershipCreateFields } from '@kantata-ox/types';

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

/**
 * `count` valid organization-membership inputs for `fake` (existing users, departments
 * and geographies), cycling through what the fake holds.
 */
export function membershipInputs(
  fake: FakeKantata,
  count: number,
): OrganizationMembershipCreateFields[] {
  const organizations = [...fake.store.organizations.values()];
  const departments = organizations.filter((o) => o.type === 'Department').map((o) => Number(o.id));
  const geographies = organizations.filter((o) => o.type === 'Geography').map((o) => Number(o.id));
  const users = [...fake.store.users.keys()].map(Number);
  if (!departments.length || !geographies.length || !users.length) {
    throw new Error('the fake holds no users, departments or geographies to refer to');
  }
  return Array.from({ length: count }, (_, i) => ({
    member_id: users[i % users.length]!,
    member_type: 'User' as const,
    department_id: departments[i % departments.length]!,
    geography_id: geographies[i % geographies.length]!,
  }));
}
