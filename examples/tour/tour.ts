/**
 * A tour of @kantata-ox/client, as a downstream team would use it.
 *
 *   pnpm start                      # against the fake Kantata API from @kantata-ox/fixtures
 *   KANTATA_TOKEN=… pnpm start      # read-only, against the real API (KANTATA_BASE_URL to override)
 */
import { pathToFileURL } from 'node:url';
import { createKantataClient, resources, specVersion } from '@kantata-ox/client';
import { createFakeKantata } from '@kantata-ox/fixtures';
import { startMockServer } from '@kantata-ox/fixtures/server';
import type { ResourceFacts } from '@kantata-ox/types/resources';
import { fakeTour } from './fake-tour.js';
import { realTour } from './real-tour.js';
import { createReport, createRequestCounter, type Log } from './report.js';

export interface TourOptions {
  log?: Log;
  /** Read-only against the real API when set. */
  token?: string | undefined;
  baseUrl?: string | undefined;
}

/** Runs the tour and returns the number of requests it made. */
export async function runTour(options: TourOptions = {}): Promise<number> {
  const log = options.log ?? console.log;
  const report = createReport(log);
  const counter = createRequestCounter();
  const started = performance.now();

  if (options.token) {
    const baseUrl = options.baseUrl ?? 'https://api.mavenlink.com/api/v1';
    log(`Kantata OX tour — READ-ONLY against the real API at ${baseUrl} (spec ${specVersion})`);
    const kantata = createKantataClient({
      token: options.token,
      baseUrl,
      onRetry: counter.onRetry,
    });
    kantata.use(counter.middleware);
    await realTour(kantata, report);
  } else {
    const fake = createFakeKantata({ seed: 42, strict: true });
    const server = await startMockServer({ host: '127.0.0.1', port: 0, fake });
    log(`Kantata OX tour — against the fake Kantata API at ${server.url} (spec ${specVersion})`);
    try {
      const kantata = createKantataClient({
        token: fake.token,
        baseUrl: server.url,
        onRetry: counter.onRetry,
      });
      kantata.use(counter.middleware);
      await fakeTour(kantata, fake, report, counter);
    } finally {
      await server.close();
    }
  }
  const total = (Object.values(resources) as ResourceFacts[]).flatMap((r) =>
    Object.values(r.operations),
  ).length;
  log(
    `\nSummary: ${counter.summary()} in ${((performance.now() - started) / 1000).toFixed(1)} s — ${counter.operations.size} of the spec's ${total} operations exercised.`,
  );
  return counter.total;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runTour({ token: process.env.KANTATA_TOKEN, baseUrl: process.env.KANTATA_BASE_URL }).catch(
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
