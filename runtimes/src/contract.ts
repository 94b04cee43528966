/**
 * The client's contract, written once and run in every runtime it claims (see README.md): every
 * helper of both resources, typed errors, retries, timeouts that cover the body, abort,
 * `listAll`'s read-ahead and early exit, and `createMany` with a lost answer.
 *
 * Each case gets a fresh fake from its world (in-process, MSW's service worker or
 * `kantata-mock` over HTTP) and uses the client's defaults unless it observes something: then
 * it wraps the world's fetch, which changes nothing the server sees. Time is bounded, never
 * waited for: a case that needs the clock allows a machine ten times slower.
 */
import {
  createKantataClient,
  type FetchLike,
  KantataApiError,
  type KantataClientOptions,
  KantataError,
  KantataNotFoundError,
  KantataTimeoutError,
  type RetryEvent,
  resources,
} from '@kantata-ox/client';
import { type Case, check, checkInstance, rejection, same } from './runner.js';
import type { FakeHandle } from './world.js';

const OM = resources.organizationMemberships;
const bulkLimit = OM.operations.create?.body?.bulk?.limit ?? 0;
const perPageMax = OM.paging?.max ?? 0;

/** Members 1–9, departments 10–11 and geographies 20–21 exist in `DATA`. */
const membership = (member: number, department = 10) => ({
  member_id: member,
  member_type: 'User' as const,
  department_id: department,
  geography_id: 20,
});

/** A client of `fake` with the defaults, but for `options`. */
function clientOf(fake: FakeHandle, options: Partial<KantataClientOptions> = {}) {
  return createKantataClient({
    token: fake.token,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    ...options,
  });
}

/** The platform's own fetch, called as a plain function (a page's needs its `this`). */
const platformFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/** The fetch the world gives the client, or the platform's own. */
const fetchOf = (fake: FakeHandle): FetchLike => fake.fetch ?? platformFetch;

/** One call seen by {@link observed}. */
interface Call {
  readonly method: string;
  readonly url: string;
  readonly signal: AbortSignal;
  /** Settles when the call does (never rejects). */
  readonly done: Promise<void>;
  state: 'pending' | 'answered' | 'failed';
}

/**
 * A fetch that records every call and how many were in flight at once, and can do something
 * when a call starts or is answered; the calls themselves go to `base` unchanged.
 */
function observed(
  base: FetchLike,
  hooks: { onCall?: (call: Call) => void; onAnswer?: (call: Call) => void } = {},
) {
  const calls: Call[] = [];
  let inFlight = 0;
  let most = 0;
  const fetch: FetchLike = (input, init) => {
    let settle = () => {};
    const call: Call = {
      method: input.method,
      url: input.url,
      signal: init?.signal ?? input.signal,
      done: new Promise<void>((resolve) => {
        settle = resolve;
      }),
      state: 'pending',
    };
    calls.push(call);
    inFlight += 1;
    most = Math.max(most, inFlight);
    hooks.onCall?.(call);
    return base(input, init).then(
      (response) => {
        call.state = 'answered';
        inFlight -= 1;
        settle();
        hooks.onAnswer?.(call);
        return response;
      },
      (error: unknown) => {
        call.state = 'failed';
        inFlight -= 1;
        settle();
        throw error;
      },
    );
  };
  return { fetch, calls, mostInFlight: () => most };
}

/**
 * A fetch that loses the answer to the `nth` POST: the server gets the request and answers it
 * (the answer is read to its end), then the caller sees a network error, as when a connection
 * drops on the way back. Not the fake's `lose` fault: over HTTP, Chromium most likely answers a reset on a
 * reused keep-alive connection by sending the POST again on its own, below any client, so the
 * server-side fault would test Chromium rather than the client (seen: 273 rows for 173).
 */
function losingAnswer(base: FetchLike, nth: number) {
  let posts = 0;
  let lost = 0;
  const fetch: FetchLike = async (input, init) => {
    const isPost = input.method === 'POST';
    if (isPost) posts += 1;
    const response = await base(input, init);
    if (!isPost || posts !== nth) return response;
    await response.arrayBuffer();
    lost += 1;
    throw new TypeError('fetch failed: connection reset after the server answered');
  };
  return { fetch, lost: () => lost };
}

/** How many organization memberships the fake holds. */
async function countOf(fake: FakeHandle): Promise<number> {
  return (await clientOf(fake).organizationMemberships.list({ per_page: 1 })).count;
}

/** Waits a moment on the real clock (only where nothing should happen meanwhile). */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A reason of our own, to tell it from anything the platform would throw. */
const stopReason = () => new Error('stopped by the test');

const organizationMemberships: Case[] = [
  {
    name: 'organizationMemberships.list: one page, includes resolved',
    async run(t) {
      const fake = await t.fake();
      const page = await clientOf(fake).organizationMemberships.list({
        per_page: 10,
        include: ['department', 'geography'],
      });
      same(
        [page.count, page.items.length, page.meta.page_count],
        [23, 10, 3],
        'count, items, pages',
      );
      same(
        page.items.slice(0, 2).map((m) => [m.member_id, m.department?.name, m.geography?.name]),
        [
          ['1', 'Sales', 'Europe'],
          ['2', 'Research', 'Asia'],
        ],
        'first two, with their department and geography',
      );
    },
  },
  {
    name: 'organizationMemberships.get: one by id, with an include',
    async run(t) {
      const fake = await t.fake();
      const client = clientOf(fake);
      const second = (await client.organizationMemberships.list({ per_page: 2 })).items[1];
      check(second, 'the list has a second membership');
      const one = await client.organizationMemberships.get(second.id, { include: ['department'] });
      same([one.id, one.department?.name], [second.id, 'Research'], 'id and department');
    },
  },
  {
    name: 'organizationMemberships.listAll: every page, in order, read ahead',
    async run(t) {
      const fake = await t.fake();
      const seen = observed(fetchOf(fake));
      const ids: string[] = [];
      const client = clientOf(fake, { fetch: seen.fetch });
      for await (const m of client.organizationMemberships.listAll({}, { pageSize: 5 })) {
        ids.push(m.id);
      }
      const all = await clientOf(fake).organizationMemberships.list({ per_page: perPageMax });
      same(
        ids,
        all.items.map((m) => m.id),
        'ids yielded, against one page of them all',
      );
      same(seen.calls.length, 5, 'pages requested (23 objects, 5 a page)');
      check(
        seen.mostInFlight() > 1,
        `listAll read one page at a time (at most ${seen.mostInFlight()} in flight); by default it reads ahead`,
      );
    },
  },
  {
    name: 'organizationMemberships.listAll: leaving the loop stops fetching',
    async run(t) {
      const fake = await t.fake();
      const seen = observed(fetchOf(fake));
      const client = clientOf(fake, { fetch: seen.fetch });
      let first: string | undefined;
      for await (const m of client.organizationMemberships.listAll({}, { pageSize: 5 })) {
        first = m.id;
        break;
      }
      const atBreak = seen.calls.map((call) => call.state);
      await Promise.all(seen.calls.map((call) => call.done));
      // Give a late request the chance to start (none should).
      await pause(50);
      check(first !== undefined, 'listAll yielded an object');
      check(atBreak.length <= 5, `${atBreak.length} pages requested; at most 1 + 4 read ahead`);
      same(seen.calls.length, atBreak.length, 'requests after the loop was left');
      const unaborted = seen.calls.filter(
        (call, i) => atBreak[i] === 'pending' && !call.signal.aborted,
      );
      same(
        unaborted.map((call) => call.url),
        [],
        'pages in flight when the loop was left and not aborted',
      );
    },
  },
  {
    name: 'organizationMemberships.create: the object as created',
    async run(t) {
      const fake = await t.fake();
      const client = clientOf(fake);
      const created = await client.organizationMemberships.create(membership(3, 11));
      same([created.member_id, created.member_type], ['3', 'User'], 'member');
      const again = await client.organizationMemberships.get(created.id, {
        include: ['department'],
      });
      same(again.department?.name, 'Research', 'its department, read again');
      same(await countOf(fake), 24, 'memberships after one create');
    },
  },
  {
    name: 'organizationMemberships.update: the object as changed',
    async run(t) {
      const fake = await t.fake();
      const client = clientOf(fake);
      const first = (await client.organizationMemberships.list({ per_page: 1 })).items[0];
      check(first, 'the list has a membership');
      const updated = await client.organizationMemberships.update(
        first.id,
        { department_id: 11 },
        { include: ['department'] },
      );
      same([updated.id, updated.department?.name], [first.id, 'Research'], 'id and new department');
    },
  },
  {
    name: 'organizationMemberships.delete: 204, resolves to undefined, deleted once',
    async run(t) {
      const fake = await t.fake();
      const client = clientOf(fake);
      const first = (await client.organizationMemberships.list({ per_page: 1 })).items[0];
      check(first, 'the list has a membership');
      same(
        await client.organizationMemberships.delete(first.id),
        undefined,
        'what delete resolves to',
      );
      const gone = await rejection(
        client.organizationMemberships.get(first.id),
        'get after delete',
      );
      checkInstance(gone, KantataApiError, 'get after delete');
      same(gone.status, 404, 'status of a get after delete');
      same(await countOf(fake), 22, 'memberships after one delete');
    },
  },
  {
    name: 'organizationMemberships.createMany: 150 with one answer lost, each created once',
    async run(t) {
      const fake = await t.fake();
      const lossy = losingAnswer(fetchOf(fake), 1);
      const inputs = Array.from({ length: 150 }, (_, i) => membership((i % 9) + 1));
      // The fake has finished a request when it answers, so it cannot still be working on the
      // lost one: a short serverTimeoutMs only bounds how long a read-back miss waits to resend.
      const result = await clientOf(fake, {
        fetch: lossy.fetch,
      }).organizationMemberships.createMany(inputs, { serverTimeoutMs: 2_000 });
      same(lossy.lost(), 1, 'answers lost');
      same(
        result.failed.map((f) => `${f.index} ${f.reason}: ${f.error.message}`),
        [],
        'failed inputs',
      );
      same(await countOf(fake), 23 + 150, 'memberships stored after the job (each input once)');
      check(
        result.created.length === 150 && result.created.every((c, i) => c.index === i),
        'every input created, in input order',
      );
      same(new Set(result.created.map((c) => c.object.id)).size, 150, 'distinct objects');
      // The first bulk request (the spec's bulk limit) lost its answer: found by reading back.
      const confirmed = result.created.filter((c) => c.confirmed).map((c) => c.index);
      same(
        [confirmed.length, confirmed[0], confirmed.at(-1)],
        [bulkLimit, 0, bulkLimit - 1],
        'confirmed by reading back (how many, first, last)',
      );
    },
  },
];

const userGroupMemberships: Case[] = [
  {
    name: 'userGroupMemberships.list: includes resolved',
    async run(t) {
      const fake = await t.fake();
      const page = await clientOf(fake).userGroupMemberships.list({
        group_ids: [31],
        order: 'created_at:asc',
        include: ['user', 'workspace_group'],
      });
      same(
        page.items.map((m) => [m.user?.full_name, m.workspace_group?.name]),
        [1, 2, 3, 4].map((n) => [`User ${n}`, 'Approvers']),
        'users and group of group 31',
      );
    },
  },
  {
    name: 'userGroupMemberships.get: one by id (through only)',
    async run(t) {
      const fake = await t.fake();
      const client = clientOf(fake);
      const some = (await client.userGroupMemberships.list({ user_ids: [7] })).items[0];
      check(some, 'user 7 is in a group');
      const one = await client.userGroupMemberships.get(some.id, { include: ['user'] });
      same([one.id, one.user?.full_name], [some.id, 'User 7'], 'id and user');
    },
  },
  {
    name: 'userGroupMemberships.get: an absent id is KantataNotFoundError 404',
    async run(t) {
      const fake = await t.fake();
      const error = await rejection(clientOf(fake).userGroupMemberships.get(999_999), 'get');
      checkInstance(error, KantataNotFoundError, 'get of an absent id');
      same(error.status, 404, 'status');
    },
  },
  {
    name: 'userGroupMemberships.listAll: every object once',
    async run(t) {
      const fake = await t.fake();
      const ids: string[] = [];
      for await (const m of clientOf(fake).userGroupMemberships.listAll({}, { pageSize: 4 })) {
        ids.push(m.id);
      }
      same([ids.length, new Set(ids).size], [13, 13], 'objects and distinct ids');
    },
  },
  {
    name: 'userGroupMemberships.create: the object as created',
    async run(t) {
      const fake = await t.fake();
      const created = await clientOf(fake).userGroupMemberships.create({
        user_id: 9,
        workspace_group_id: 31,
      });
      same(
        [String(created.user_id), String(created.workspace_group_id)],
        ['9', '31'],
        'user and group',
      );
    },
  },
  {
    name: 'userGroupMemberships.delete: 204, resolves to undefined',
    async run(t) {
      const fake = await t.fake();
      const client = clientOf(fake);
      const some = (await client.userGroupMemberships.list({ user_ids: [2], group_ids: [31] }))
        .items[0];
      check(some, 'user 2 is in group 31');
      same(await client.userGroupMemberships.delete(some.id), undefined, 'what delete resolves to');
      const left = await client.userGroupMemberships.list({ group_ids: [31] });
      same(left.count, 3, 'members of group 31 after one delete');
    },
  },
  {
    name: 'userGroupMemberships.createMany: every input created',
    async run(t) {
      const fake = await t.fake();
      const inputs = [5, 6, 7, 8, 9].map((user) => ({ user_id: user, workspace_group_id: 31 }));
      const result = await clientOf(fake).userGroupMemberships.createMany(inputs);
      same(
        result.failed.map((f) => f.reason),
        [],
        'failed inputs',
      );
      same(
        result.created.map((c) => [c.index, String(c.object.user_id), c.confirmed]),
        inputs.map((input, i) => [i, String(input.user_id), false]),
        'created, in input order, from the answer',
      );
    },
  },
];

const errors: Case[] = [
  {
    name: 'errors: a 404 is a KantataApiError with status, errors and request id',
    async run(t) {
      const fake = await t.fake();
      const error = await rejection(clientOf(fake).organizationMemberships.get(999_999), 'get');
      checkInstance(error, KantataApiError, 'get of an absent id');
      check(error instanceof KantataError, 'a KantataApiError is a KantataError');
      same(
        [error.status, error.errors[0]?.type, error.attempts],
        [404, 'system', 1],
        'status, type, attempts',
      );
      check(
        typeof error.requestId === 'string' && error.requestId !== '',
        `the error has the answer's x-request-id (got ${String(error.requestId)})`,
      );
    },
  },
  {
    name: 'errors: a 422 carries the field errors, and the POST is not retried',
    async run(t) {
      const fake = await t.fake();
      const error = await rejection(
        clientOf(fake).organizationMemberships.create(membership(1, 99)),
        'create with an unknown department',
      );
      checkInstance(error, KantataApiError, 'create with an unknown department');
      same([error.status, error.attempts], [422, 1], 'status and attempts');
      same(
        error.errors.map((e) => [e.type, e.field]),
        [['validation', 'department_id']],
        'the errors, by field',
      );
    },
  },
  {
    name: 'errors: a 401 for a wrong token, which no message shows',
    async run(t) {
      const fake = await t.fake();
      const token = 'wrong-token-0123456789abcdef';
      const error = await rejection(
        clientOf(fake, { token }).organizationMemberships.list(),
        'list with a wrong token',
      );
      checkInstance(error, KantataApiError, 'list with a wrong token');
      same([error.status, error.errors[0]?.type], [401, 'oauth'], 'status and type');
      check(
        !`${error.message} ${JSON.stringify(error)} ${error.stack}`.includes(token),
        'the token shows in the error',
      );
    },
  },
];

const transport: Case[] = [
  {
    name: 'retries: a 503, then the answer',
    async run(t) {
      const fake = await t.fake({ fault503: [1] });
      const retries: RetryEvent[] = [];
      const page = await clientOf(fake, {
        onRetry: (event) => retries.push(event),
      }).organizationMemberships.list();
      same(page.count, 23, 'count after the retry');
      same(
        retries.map((r) => [r.attempt, r.status, r.method]),
        [[1, 503, 'GET']],
        'retries (attempt, status, method)',
      );
    },
  },
  {
    name: 'timeouts: a body that stalls after the headers ends in KantataTimeoutError',
    async run(t) {
      // Long enough for the headers to arrive on a machine ten times slower than a busy one
      // (on loopback they take milliseconds): the timeout must meet the body, not the headers.
      const timeoutMs = 2_000;
      const client = createKantataClient({
        token: 'kantata-mock-token',
        baseUrl: `${t.world.stallUrl}/body`,
        timeoutMs,
      });
      const started = Date.now();
      const error = await rejection(
        client.organizationMemberships.list(),
        'list of a stalled body',
      );
      const took = Date.now() - started;
      checkInstance(error, KantataTimeoutError, 'list of a stalled body');
      // Not retried: the response had been handed back when its body stalled.
      same([error.timeoutMs, error.attempts], [timeoutMs, 1], 'timeoutMs and attempts');
      check(took >= timeoutMs - 50, `timed out after ${took} ms, before timeoutMs (${timeoutMs})`);
      check(took < 30_000, `timed out after ${took} ms`);
    },
  },
  {
    name: 'timeouts: headers that never come end in KantataTimeoutError',
    async run(t) {
      const client = createKantataClient({
        token: 'kantata-mock-token',
        baseUrl: `${t.world.stallUrl}/headers`,
        timeoutMs: 300,
        retry: false,
      });
      const error = await rejection(client.organizationMemberships.list(), 'list without headers');
      checkInstance(error, KantataTimeoutError, 'list without headers');
      same(error.attempts, 1, 'attempts');
    },
  },
  {
    name: 'abort: while the body is read, the call rejects with the signal’s reason',
    async run(t) {
      const controller = new AbortController();
      const reason = stopReason();
      const seen = observed(platformFetch, {
        onAnswer: () => controller.abort(reason),
      });
      const client = createKantataClient({
        token: 'kantata-mock-token',
        baseUrl: `${t.world.stallUrl}/body`,
        fetch: seen.fetch,
      });
      const started = Date.now();
      const error = await rejection(
        client.organizationMemberships.list({}, { signal: controller.signal }),
        'list aborted during its body',
      );
      check(error === reason, `rejected with ${String(error)}, not the signal's reason`);
      check(Date.now() - started < 20_000, 'the abort took effect before the 30 s default timeout');
      same(seen.calls.length, 1, 'requests');
    },
  },
  {
    name: 'abort: while waiting for the headers, the call rejects with the signal’s reason',
    async run(t) {
      const controller = new AbortController();
      const reason = stopReason();
      const seen = observed(platformFetch, {
        onCall: () => setTimeout(() => controller.abort(reason), 20),
      });
      const client = createKantataClient({
        token: 'kantata-mock-token',
        baseUrl: `${t.world.stallUrl}/headers`,
        fetch: seen.fetch,
      });
      const error = await rejection(
        client.organizationMemberships.list({}, { signal: controller.signal }),
        'list aborted before its headers',
      );
      check(error === reason, `rejected with ${String(error)}, not the signal's reason`);
      same(seen.calls.length, 1, 'requests');
    },
  },
  {
    name: 'abort: an aborted signal sends nothing',
    async run(t) {
      const fake = await t.fake();
      const seen = observed(fetchOf(fake));
      const reason = stopReason();
      const error = await rejection(
        clientOf(fake, { fetch: seen.fetch }).organizationMemberships.list(
          {},
          { signal: AbortSignal.abort(reason) },
        ),
        'list with an aborted signal',
      );
      check(error === reason, `rejected with ${String(error)}, not the signal's reason`);
      same(seen.calls.length, 0, 'requests');
    },
  },
];

/** Every case, in the order each runtime runs them. */
export const cases: readonly Case[] = [
  ...organizationMemberships,
  ...userGroupMemberships,
  ...errors,
  ...transport,
];
