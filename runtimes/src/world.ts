/**
 * What the contract suite needs from the runtime it runs in: a fresh fake Kantata API per case
 * (in-process, through MSW's service worker or `kantata-mock` over HTTP) and a server whose
 * answers really stall. Each entry (`entries/*.ts`) builds one; the cases (`contract.ts`) only
 * see this interface, so they are the same in every runtime.
 *
 * No Node built-ins here or in the cases: they run in workerd and in a page as they are.
 */
import type { FetchLike } from '@kantata-ox/client';
import type { FakeData, FakeKantataOptions } from '@kantata-ox/fixtures';

/** The fake a case asks for. */
export interface FakeSetup {
  /** Objects to load (`createFakeKantata({ data })`, `kantata-mock --data`). */
  data: FakeData;
  /** Request numbers (from 1) answered 503 before the API sees them (`--fault-nth … --faults 503`). */
  fault503?: readonly number[];
}

/** A running fake, as a client reaches it. */
export interface FakeHandle {
  /** The base URL to give the client; undefined: the client's default (the spec's server). */
  baseUrl: string | undefined;
  token: string;
  /** The fetch to give the client; undefined: the platform's own `fetch`. */
  fetch: FetchLike | undefined;
  close(): Promise<void>;
}

/** One runtime, with one way of serving the fake. */
export interface World {
  /** How the runtime names itself in its result line, e.g. `deno`, `chromium (msw)`. */
  readonly runtime: string;
  /** The runtime's own version, e.g. `2.9.6`. */
  readonly version: string;
  /** What served the fake, for the README's table. */
  readonly fakeMode: string;
  /** A fresh fake holding `setup.data`. */
  startFake(setup: FakeSetup): Promise<FakeHandle>;
  /**
   * A base URL under which every request gets its headers and the start of a JSON body at
   * once, then nothing more until the client goes away: `${stallUrl}/body`. Under
   * `${stallUrl}/headers` not even the headers come.
   */
  readonly stallUrl: string;
}

/**
 * The options of an in-process fake for `setup` (strict: every answer checked against the
 * spec); `kantata-mock` gets the same as flags (harness/server.ts).
 */
export function fakeOptionsOf(setup: FakeSetup): FakeKantataOptions {
  return {
    data: setup.data,
    strict: true,
    ...(setup.fault503 ? { faults: { nth: setup.fault503, kinds: ['503'] } } : {}),
  };
}

const users = Array.from({ length: 9 }, (_, i) => ({
  id: String(i + 1),
  full_name: `User ${i + 1}`,
}));

/**
 * The data every case starts from: 9 users, 2 departments, 2 geographies, 2 workspace groups,
 * 23 organization memberships (five pages of five, the last one short) and 13 user group
 * memberships (users 1–9 in group 30, users 1–4 in group 31).
 */
export const DATA: FakeData = {
  users,
  organizations: [
    { id: '10', name: 'Sales', type: 'Department' },
    { id: '11', name: 'Research', type: 'Department' },
    { id: '20', name: 'Europe', type: 'Geography' },
    { id: '21', name: 'Asia', type: 'Geography' },
  ],
  workspaceGroups: [
    { id: '30', name: 'Reviewers' },
    { id: '31', name: 'Approvers' },
  ],
  organizationMemberships: Array.from({ length: 23 }, (_, i) => ({
    member_id: (i % 9) + 1,
    member_type: 'User' as const,
    department_id: 10 + (i % 2),
    geography_id: 20 + (i % 2),
  })),
  userGroupMemberships: [
    ...users.map((user) => ({ user_id: Number(user.id), workspace_group_id: 30 })),
    ...users.slice(0, 4).map((user) => ({ user_id: Number(user.id), workspace_group_id: 31 })),
  ],
};
