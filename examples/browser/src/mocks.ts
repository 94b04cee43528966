/**
 * The fake Kantata API in the page's service worker (MSW). Only the `msw` mode loads this module
 * (see main.ts), so neither msw nor the fake reaches a production bundle. `msw init public`
 * writes the worker script it registers, `/mockServiceWorker.js`.
 */
import { createFakeKantata } from '@kantata-ox/fixtures';
import { createKantataHandlers } from '@kantata-ox/fixtures/msw';
import { setupWorker } from 'msw/browser';
import type { ApiSettings } from './api.js';

export async function startMockApi(): Promise<ApiSettings> {
  const baseUrl = '/api/v1'; // the page's own origin
  const fake = createFakeKantata({ records: 20 });
  const worker = setupWorker(...createKantataHandlers(fake, { baseUrl }));
  // The page's own files are not the API's: let them through without a warning.
  await worker.start({ onUnhandledRequest: 'bypass' });
  // The fake's own test token: it opens nothing but this fake.
  return { baseUrl, token: fake.token };
}
