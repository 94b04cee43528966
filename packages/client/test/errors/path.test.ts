/**
 * `path` means one thing on every request error and every `onRetry` event: the request's path
 * relative to the base URL, without the query (`/organization_memberships/1` for
 * `GET {baseUrl}/organization_memberships/1?include=department`), so that logs and alerts
 * group by it whichever class of error it is.
 */
import { buildEnvelope } from '@kantata-ox/fixtures';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  KantataApiError,
  KantataNetworkError,
  KantataNotFoundError,
  type KantataRequestError,
  KantataResponseError,
  KantataTimeoutError,
} from '../../src/errors/classes.js';
import {
  apiErrors,
  brokenBody,
  failWith,
  hang,
  json,
  OM,
  reply,
  text,
  UGM,
} from '../doubles/answers.js';
import { rejection } from '../doubles/async.js';
import { createObservedClient } from '../doubles/observed.js';

const PATH = '/organization_memberships/1';
const getOne = (client: ReturnType<typeof createObservedClient>['client']) =>
  client.organizationMemberships.get(1, { include: ['department'] });

async function requestError(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => KantataRequestError,
) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(type);
  return error as KantataRequestError;
}

describe('the path of a request error', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    [
      'KantataApiError',
      KantataApiError,
      () => apiErrors(422, [{ type: 'validation', message: 'no' }]),
    ],
    ['KantataResponseError', KantataResponseError, () => text('<p>maintenance</p>')],
    ['KantataNetworkError', KantataNetworkError, failWith('ECONNRESET')],
    ['KantataNetworkError of a body read', KantataNetworkError, brokenBody],
  ])('of a %s is relative to the base URL, without the query', async (_name, type, answer) => {
    const { client, fetch } = createObservedClient(answer, { retry: false });
    const error = await requestError(getOne(client), type);
    expect(fetch.calls[0]?.url).toMatch(
      /\/api\/v1\/organization_memberships\/1\?include=department$/,
    );
    expect(error.path).toBe(PATH);
    expect(error.message).toContain(`GET ${PATH} `);
  });

  it('of a KantataTimeoutError too', async () => {
    vi.useFakeTimers();
    const { client } = createObservedClient([hang], { retry: false, timeoutMs: 1000 });
    const pending = requestError(getOne(client), KantataTimeoutError);
    await vi.runAllTimersAsync();
    expect((await pending).path).toBe(PATH);
  });

  it('of a KantataNotFoundError is the list asked (its only and include left out)', async () => {
    const { client } = createObservedClient(() => json(buildEnvelope(UGM, [])));
    const error = await requestError(
      client.userGroupMemberships.get(77, { include: ['user'] }),
      KantataNotFoundError,
    );
    expect(error.path).toBe('/user_group_memberships');
  });

  it('is the same in the onRetry events of the call', async () => {
    const { client, events } = createObservedClient(
      [reply(503), reply(503), failWith('ECONNRESET')],
      {
        retry: { maxRetries: 2 },
      },
    );
    const error = await requestError(getOne(client), KantataNetworkError);
    expect(events.map((event) => event.path)).toEqual([PATH, PATH]);
    expect(error.path).toBe(PATH);
  });

  it('is the whole pathname when the base URL has no path', async () => {
    const { client } = createObservedClient(() => text('busy', 500, 'text/plain'), {
      baseUrl: 'https://api.example.test',
    });
    const error = await requestError(
      client.organizationMemberships.list({ page: 2 }),
      KantataApiError,
    );
    expect(error.path).toBe(`/${OM}`);
  });
});
