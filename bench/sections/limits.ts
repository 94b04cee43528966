/**
 * Section 8, at the limits: jobs against `kantata-mock --latency 100 --rate-limit 10` in a
 * process of its own, where the round trip and the server's token bucket, not the client's
 * CPU, decide how long a job takes.
 *
 * 1. Export: every organization membership of 10,000, in pages of the largest size.
 * 2. Import: 5,000 created in bulk, in requests of the bulk limit, then 50 single updates.
 *
 * Page size and bulk limit come from the spec's resource table (lib/api-facts.ts).
 *
 * Each job beside its physical limit, computed from the server's own bucket (see
 * `physicalLimitMs`), beside a hand-written openapi-fetch loop that sleeps 1 s on a 429, and
 * beside the client told the limit (`rateLimit: { maxRequestsPerSecond }`, informative).
 *
 * 3. Without a rate limit, at the same latency: `listAll` reading 4 pages ahead against one
 *    page at a time.
 */
import { createKantataClient } from '@kantata-ox/client';
import { createFakeKantata } from '@kantata-ox/fixtures';
import type { paths } from '@kantata-ox/types';
import createClient from 'openapi-fetch';
import { BULK_LIMIT as CHUNK, LARGEST_PAGE as PER_PAGE, SOURCE } from '../lib/api-facts.js';
import { type JobSide, jobRows, measureJob } from '../lib/jobs.js';
import {
  countingFetch,
  exportByHand,
  type ImportOutcome,
  importByHand,
  physicalLimitMs,
  refillMs,
} from '../lib/limits.js';
import { fmt, median, type Row, row, type SectionResult } from '../lib/report.js';
import { type ServerProcessOptions, startServerProcess } from '../lib/server-process.js';

const SECTION = '8. At the limits';
const LATENCY_MS = 100;
const RATE_LIMIT = 10;
const RECORDS = 10_000;
const INPUTS = 5_000;
const UPDATES = 50;
const IMPORT_SEED = 1;
const IMPORT_RECORDS = 100;
const RUNS = 3;
/** In flight at once on every side of the jobs at the limit. */
export const CONCURRENCY = 4;
const GOALS = { ratio: 1.1, throttledShare: 0.05, failed: 0 } as const;

/** Requests of the export (one per page) and of the import (bulk creates, then updates). */
export const EXPORT_PAGES = Math.ceil(RECORDS / PER_PAGE);
export const IMPORT_REQUESTS = Math.ceil(INPUTS / CHUNK) + UPDATES;

/** Names of the rows, read by the findings. */
export const LIMITS = {
  exportLimit: `export: physical limit`,
  exportByHand: `export: hand-written openapi-fetch loop, ${CONCURRENCY} in flight, 1 s sleep on a 429`,
  exportHelper: `export: listAll, concurrency ${CONCURRENCY}`,
  exportCapped: `export: listAll, concurrency ${CONCURRENCY}, told maxRequestsPerSecond ${RATE_LIMIT}`,
  importLimit: `import: physical limit`,
  importByHand: `import: hand-written openapi-fetch loop, ${CONCURRENCY} in flight, 1 s sleep on a 429`,
  importHelper: `import: createMany, concurrency ${CONCURRENCY}, then update one by one`,
  importCapped: `import: createMany, concurrency ${CONCURRENCY}, then update one by one, told maxRequestsPerSecond ${RATE_LIMIT}`,
  readAheadOne: `no rate limit: listAll of ${EXPORT_PAGES} pages, concurrency 1`,
  readAheadFour: `no rate limit: listAll of ${EXPORT_PAGES} pages, concurrency 4`,
} as const;
const READ_AHEAD_GOAL = 0.35;

export async function runLimits(): Promise<SectionResult> {
  const rows: Row[] = [
    ...(await exportRows()),
    ...(await importRows()),
    ...(await readAheadRows()),
  ];
  return {
    rows,
    notes: [
      `At the limits: \`kantata-mock --latency ${LATENCY_MS} --rate-limit ${RATE_LIMIT}\` in a process of its own on 127.0.0.1 (a token bucket of the server's default burst, full at the start of every run: each run starts after a quiet spell of burst ÷ rate + 200 ms). The export reads pages of ${PER_PAGE} (${SOURCE.page}); the import sends bulk requests of ${CHUNK} (${SOURCE.bulk}). Physical limit = (requests needed − burst) ÷ rate + one round trip of ${LATENCY_MS} ms, from the figures the server prints; it counts neither the server's own time nor, for the import, the round trip between the last create and the first update. ${RUNS} runs of each side in rotating order, a new client for every run (so every run learns the limit afresh); figures are medians, 429s and failed inputs are totals over the runs, as seen on the wire by a counting fetch every side sends through. The hand-written loops use bare openapi-fetch, ${CONCURRENCY} requests in flight like the client, and resend a request 1 s after a 429 for as long as it is answered 429. The client runs with its defaults (adaptive rate governor, nothing told) unless a row says it was told the limit. Read-ahead: \`kantata-mock --latency ${LATENCY_MS}\` without a rate limit, ${RECORDS.toLocaleString('en-US')} memberships in pages of ${PER_PAGE}, ${RUNS} runs of each side, medians.`,
    ],
  };
}

/** What the sides of a job are given: the server, and clients that send through `fetch`. */
interface JobContext {
  url: string;
  token: string;
  /** Counts what the server answered (see `countingFetch`). */
  fetch: typeof globalThis.fetch;
  /** Bare openapi-fetch on the same counting fetch, for the hand-written loops. */
  bare: ReturnType<typeof createClient<paths>>;
}

interface Job {
  server: Omit<ServerProcessOptions, 'latencyMs' | 'rateLimit'>;
  limitName: string;
  /** Requests the job needs at the least. */
  requests: number;
  /** The side the goals are for. */
  helper: string;
  sides: (ctx: JobContext) => JobSide[];
}

/** Runs a job's sides against a rate-limited server of its own and returns their rows. */
async function jobAtTheLimit(job: Job): Promise<Row[]> {
  const server = await startServerProcess({
    ...job.server,
    latencyMs: LATENCY_MS,
    rateLimit: RATE_LIMIT,
  });
  try {
    const limit = server.rateLimit;
    if (!limit) throw new Error('the server stated no rate limit');
    const wire = countingFetch();
    const headers = { authorization: `Bearer ${server.token}` };
    const bare = createClient<paths>({ baseUrl: server.url, headers, fetch: wire.fetch });
    const sides = job.sides({ url: server.url, token: server.token, fetch: wire.fetch, bare });
    const runs = await measureJob(sides, wire, { runs: RUNS, quietMs: refillMs(limit) });
    return jobRows(SECTION, sides, runs, {
      limitName: job.limitName,
      limitMs: physicalLimitMs(job.requests, limit, LATENCY_MS),
      requests: job.requests,
      goals: { ...GOALS, for: job.helper },
    });
  } finally {
    await server.close();
  }
}

function exportRows(): Promise<Row[]> {
  return jobAtTheLimit({
    server: { records: RECORDS },
    limitName: LIMITS.exportLimit,
    requests: EXPORT_PAGES,
    helper: LIMITS.exportHelper,
    sides: (ctx) => [
      {
        name: LIMITS.exportByHand,
        run: async () => ({
          failed: RECORDS - (await exportByHand(ctx.bare, PER_PAGE, CONCURRENCY)),
        }),
      },
      { name: LIMITS.exportHelper, run: () => exportWithClient(ctx, CONCURRENCY) },
      {
        name: LIMITS.exportCapped,
        run: () => exportWithClient(ctx, CONCURRENCY, { maxRequestsPerSecond: RATE_LIMIT }),
      },
    ],
  });
}

/** `listAll` over every page with a new client; what it could not read counts as failed. */
async function exportWithClient(
  ctx: Pick<JobContext, 'token' | 'url' | 'fetch'>,
  concurrency: number,
  rateLimit?: { maxRequestsPerSecond: number },
) {
  const client = createKantataClient({
    token: ctx.token,
    baseUrl: ctx.url,
    fetch: ctx.fetch,
    rateLimit,
  });
  let read = 0;
  try {
    for await (const membership of client.organizationMemberships.listAll({}, { concurrency })) {
      if (membership.id) read++;
    }
  } catch {
    // Counted below: every object not read failed.
  }
  return { failed: RECORDS - read };
}

/** `listAll` at 100 ms a page without a rate limit: 4 pages ahead against one at a time. */
async function readAheadRows(): Promise<Row[]> {
  const server = await startServerProcess({ records: RECORDS, latencyMs: LATENCY_MS });
  try {
    const wire = countingFetch();
    const ctx = { url: server.url, token: server.token, fetch: wire.fetch };
    const sides: JobSide[] = [
      { name: LIMITS.readAheadOne, run: () => exportWithClient(ctx, 1) },
      { name: LIMITS.readAheadFour, run: () => exportWithClient(ctx, 4) },
    ];
    const runs = await measureJob(sides, wire, { runs: RUNS, quietMs: 0 });
    const [one, four] = runs.map((sideRuns) => median(sideRuns.map((r) => r.ms)));
    const failed = runs.flat().reduce((n, r) => n + r.failed, 0);
    if (failed > 0) throw new Error(`read-ahead: ${failed} objects not read`);
    return [
      { ...row(SECTION, LIMITS.readAheadOne, fmt.ms(one!), '', 1), ms: one! },
      {
        ...row(
          SECTION,
          LIMITS.readAheadFour,
          fmt.ms(four!),
          fmt.ms(one!),
          four! / one!,
          READ_AHEAD_GOAL,
        ),
        ms: four!,
      },
    ];
  } finally {
    await server.close();
  }
}

function importRows(): Promise<Row[]> {
  // The server's store is generated from the same seed and counts as this copy, so inputs
  // built from the copy refer to users and organizations the server holds.
  const local = createFakeKantata({ seed: IMPORT_SEED, records: IMPORT_RECORDS });
  const inputs = local.validInputs('organizationMemberships', INPUTS);
  const updates = inputs
    .slice(1, UPDATES + 1)
    .map((input) => ({ department_id: input.department_id }));
  return jobAtTheLimit({
    server: { records: IMPORT_RECORDS, seed: IMPORT_SEED, token: local.token },
    limitName: LIMITS.importLimit,
    requests: IMPORT_REQUESTS,
    helper: LIMITS.importHelper,
    sides: (ctx) => [
      {
        name: LIMITS.importByHand,
        run: () => importByHand(ctx.bare, inputs, CHUNK, CONCURRENCY, updates),
      },
      {
        name: LIMITS.importHelper,
        run: () => {
          const client = createKantataClient({
            token: ctx.token,
            baseUrl: ctx.url,
            fetch: ctx.fetch,
          });
          return importWithClient(client, inputs, updates);
        },
      },
      {
        name: LIMITS.importCapped,
        run: () => {
          const client = createKantataClient({
            token: ctx.token,
            baseUrl: ctx.url,
            fetch: ctx.fetch,
            rateLimit: { maxRequestsPerSecond: RATE_LIMIT },
          });
          return importWithClient(client, inputs, updates);
        },
      },
    ],
  });
}

/** `createMany` of every input, then one `update` at a time of the first objects created. */
async function importWithClient(
  client: ReturnType<typeof createKantataClient>,
  inputs: Parameters<typeof importByHand>[1],
  updates: readonly { department_id: number }[],
): Promise<ImportOutcome> {
  const result = await client.organizationMemberships.createMany(inputs, {
    concurrency: CONCURRENCY,
  });
  let failed = result.failed.length;
  const created = result.created.map((c) => c.object.id);
  for (const [i, fields] of updates.entries()) {
    try {
      await client.organizationMemberships.update(Number(created[i]), fields);
    } catch {
      failed++;
    }
  }
  return { created, failed };
}
