/**
 * Section 4, bulk: `createMany` of 10 bulk requests' worth of organization memberships
 * against the fake HTTP server at concurrency 1 and 4, against the same chunked requests (10
 * POSTs of the spec's bulk limit, read from the resource table in lib/api-facts.ts) written by
 * hand with plain `fetch`, and on bare openapi-fetch (the library the client is built on),
 * sequential and 4 in flight.
 *
 * Attribution rows: the same chunks answered by a stubbed fetch (client CPU only), and by
 * a bare node:http server that answers at once (client costs on the wire, undiluted).
 */
import { createKantataClient } from '@kantata-ox/client';
import { createFakeKantata, type FakeKantata } from '@kantata-ox/fixtures';
import { startLoopbackServer } from '@kantata-ox/testkit/loopback';
import { stubFetch } from '@kantata-ox/testkit/stub-fetch';
import type { OrganizationMembershipCreateFields, paths } from '@kantata-ox/types';
import createClient from 'openapi-fetch';
import { BULK_LIMIT as CHUNK, SOURCE } from '../lib/api-facts.js';
import { fmt, type Row, type SectionResult } from '../lib/report.js';
import { startServerProcess } from '../lib/server-process.js';
import { measureSides, type Side, sideRows, withGlobalFetch } from '../lib/sides.js';
import { API_BASE, responseText } from '../lib/wire.js';

const SECTION = '4. Bulk';
/** Bulk requests per job; each carries the bulk limit, so every chunk is full. */
export const CHUNKS = 10;
export const INPUTS = CHUNKS * CHUNK;
const RUNS = 41;
const WARMUPS = 3;
const STUB_RUNS = 45;
const STUB_WARMUPS = 15;
const SEED = 1;
const SERVER_RECORDS = 100;
const GOAL = 1.1;
const JSON_TYPE = 'application/json';

type Inputs = OrganizationMembershipCreateFields[];
type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Names of the rows the findings read. */
export const BULK = {
  plain: (concurrency: number) => `hand-written chunked POSTs, ${concurrency} in flight`,
  openapiFetch: (concurrency: number) =>
    `bare openapi-fetch chunked POSTs, ${concurrency} in flight`,
  helper: (concurrency: number) => `createMany ${fmt.count(INPUTS)}, concurrency ${concurrency}`,
  stubPlain: 'stubbed fetch: hand-written chunks (serialise + parse)',
  stubOpenapiFetch: 'stubbed fetch: the same chunks on bare openapi-fetch',
  stubHelper: `stubbed fetch: createMany ${fmt.count(INPUTS)} (client CPU only)`,
  barePlain: 'bare server: hand-written chunked POSTs',
  bareExtras: 'bare server: same + user-agent, AbortSignal, redirect manual',
  bareOpenapiFetch: 'bare server: the same chunks on bare openapi-fetch',
  bareHelper: `bare server: createMany ${fmt.count(INPUTS)}, concurrency 1`,
} as const;

/**
 * Sends `inputs` in chunks of the bulk limit, `concurrency` at a time, through `send`; resolves to the
 * number of objects the answers hold.
 */
async function inChunks(
  inputs: Inputs,
  concurrency: number,
  send: (chunk: Inputs) => Promise<number>,
): Promise<number> {
  const chunks: Inputs[] = [];
  for (let start = 0; start < inputs.length; start += CHUNK) {
    chunks.push(inputs.slice(start, start + CHUNK));
  }
  // Each lane takes the next chunk from the queue until none is left.
  const lane = async (): Promise<number> => {
    let sum = 0;
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) sum += await send(chunk);
    return sum;
  };
  const lanes = await Promise.all(Array.from({ length: concurrency }, lane));
  return lanes.reduce((a, b) => a + b, 0);
}

/** The hand-written POST of one chunk: serialise, send, check, parse, count. */
function postByHand(fetchChunk: Fetch, url: string, init: RequestInit) {
  return async (chunk: Inputs): Promise<number> => {
    const response = await fetchChunk(`${url}/organization_memberships`, {
      ...init,
      method: 'POST',
      body: JSON.stringify({ organization_memberships: chunk }),
    });
    if (!response.ok) throw new Error(`chunk: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { results: unknown[] }).results.length;
  };
}

/** The same POST through openapi-fetch's typed client. */
function postWithOpenapiFetch(client: ReturnType<typeof createClient<paths>>) {
  return async (chunk: Inputs): Promise<number> => {
    const { data, error } = await client.POST('/organization_memberships', {
      body: { organization_memberships: chunk },
    });
    if (!data) throw new Error(`chunk: ${JSON.stringify(error)}`);
    return data.results.length;
  };
}

/** `createMany` of every input; a failed input aborts the benchmark. */
function createManySide(client: ReturnType<typeof createKantataClient>, inputs: Inputs) {
  return async (concurrency: number): Promise<number> => {
    const result = await client.organizationMemberships.createMany(inputs, { concurrency });
    if (result.failed.length) throw result.failed[0]!.error;
    return result.created.length;
  };
}

export async function runBulk(): Promise<SectionResult> {
  // The server's store is generated from the same seed and counts as this one, so inputs
  // built from this copy refer to users and organizations the server holds.
  const fake = createFakeKantata({ seed: SEED, records: SERVER_RECORDS });
  const inputs = fake.validInputs('organizationMemberships', INPUTS);
  const server = await startServerProcess({
    records: SERVER_RECORDS,
    seed: SEED,
    token: fake.token,
  });
  const rows: Row[] = [];
  try {
    const headers = {
      authorization: `Bearer ${server.token}`,
      accept: JSON_TYPE,
      'content-type': JSON_TYPE,
    };
    const byHand = postByHand((url, init) => fetch(url, init), server.url, { headers });
    const bare = postWithOpenapiFetch(createClient<paths>({ baseUrl: server.url, headers }));
    const helper = createManySide(
      createKantataClient({ token: server.token, baseUrl: server.url }),
      inputs,
    );
    for (const concurrency of [1, 4]) {
      const sides: Side[] = [
        { name: BULK.plain(concurrency), run: () => inChunks(inputs, concurrency, byHand) },
        { name: BULK.openapiFetch(concurrency), run: () => inChunks(inputs, concurrency, bare) },
        { name: BULK.helper(concurrency), run: () => helper(concurrency), goal: GOAL },
      ];
      const samples = await measureSides(sides, { runs: RUNS, warmups: WARMUPS, expected: INPUTS });
      rows.push(...sideRows(SECTION, sides, samples));
    }
  } finally {
    await server.close();
  }
  rows.push(...(await clientCpuRows(fake, inputs)));
  rows.push(...(await bareServerRows(fake, inputs)));
  return {
    rows,
    notes: [
      `Bulk: the fake HTTP server (\`kantata-mock\`) in a process of its own on 127.0.0.1; ${fmt.count(INPUTS)} valid inputs in ${CHUNKS} requests of ${CHUNK} (${SOURCE.bulk}); ${RUNS} rotating runs after ${WARMUPS} warm-ups, figures are medians and ratios the median of the per-run ratios. The fake validates and stores every item, so its time dominates every side; being one Node process, it serves 4 requests in flight one after another.`,
      `Bulk, stubbed fetch rows: the same ${CHUNKS} chunks answered at once by a stub with a real ${CHUNK}-object response of the fake, so only the client's own work is timed (input checks, serialisation, transport, normalisation); ${STUB_RUNS} rotating runs after ${STUB_WARMUPS} warm-ups, medians.`,
      `Bulk, bare server rows: a node:http server in the benchmark's own process answering every chunk at once with a real ${CHUNK}-object response (no validation, no store), so client-side costs are not diluted; ${RUNS} rotating runs after ${WARMUPS} warm-ups, medians.`,
    ],
  };
}

/** The answer of the fake to one full chunk, as text. */
function chunkAnswer(fake: FakeKantata, inputs: Inputs): Promise<string> {
  return responseText(fake, 'POST', '/organization_memberships', {
    organization_memberships: inputs.slice(0, CHUNK),
  });
}

/**
 * The client's own CPU for every input: every chunk answered at once by a stubbed fetch
 * with a real answer to a full chunk. No server, no socket.
 */
async function clientCpuRows(fake: FakeKantata, inputs: Inputs): Promise<Row[]> {
  const answer = await chunkAnswer(fake, inputs);
  const stub = stubFetch(answer);
  const headers = { authorization: `Bearer ${fake.token}`, 'content-type': JSON_TYPE };
  const byHand = postByHand(stub, API_BASE, { headers });
  const bare = postWithOpenapiFetch(
    createClient<paths>({ baseUrl: API_BASE, fetch: stub, headers }),
  );
  // No `fetch` option: the client sends through the global fetch, stubbed below.
  const helper = createManySide(createKantataClient({ token: fake.token }), inputs);
  const sides: Side[] = [
    { name: BULK.stubPlain, run: () => inChunks(inputs, 1, byHand) },
    { name: BULK.stubOpenapiFetch, run: () => inChunks(inputs, 1, bare) },
    { name: BULK.stubHelper, run: () => helper(1) },
  ];
  // Many more runs than on the wire: each run is a few ms, and the first ones warm the JIT.
  const samples = await withGlobalFetch(stub, () =>
    measureSides(sides, { runs: STUB_RUNS, warmups: STUB_WARMUPS, expected: INPUTS }),
  );
  return sideRows(SECTION, sides, samples);
}

/**
 * Attribution of the wire gap: a bare node:http server answering every chunk at once with a
 * real answer to a full chunk (no validation, no store), so client-side costs are not diluted.
 * Sides: the hand-written loop; the same loop sending what the transport adds on the wire
 * (a `user-agent`, an `AbortSignal`, `redirect: 'manual'`); bare openapi-fetch; `createMany`.
 */
async function bareServerRows(fake: FakeKantata, inputs: Inputs): Promise<Row[]> {
  const answer = await chunkAnswer(fake, inputs);
  const server = await startLoopbackServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': JSON_TYPE });
      response.end(answer);
    });
  });
  try {
    const base = `${server.origin}/api/v1`;
    const headers = {
      authorization: `Bearer ${fake.token}`,
      accept: JSON_TYPE,
      'content-type': JSON_TYPE,
    };
    const plainFetch: Fetch = (url, init) => fetch(url, init);
    const extras: Fetch = (url, init) =>
      fetch(url, {
        ...init,
        headers: { ...headers, 'user-agent': 'kantata-ox-client' },
        signal: new AbortController().signal,
        redirect: 'manual',
      });
    const bare = postWithOpenapiFetch(createClient<paths>({ baseUrl: base, headers }));
    const helper = createManySide(
      createKantataClient({ token: fake.token, baseUrl: base }),
      inputs,
    );
    const byHand = postByHand(plainFetch, base, { headers });
    const byHandWithExtras = postByHand(extras, base, { headers });
    const sides: Side[] = [
      { name: BULK.barePlain, run: () => inChunks(inputs, 1, byHand) },
      { name: BULK.bareExtras, run: () => inChunks(inputs, 1, byHandWithExtras) },
      { name: BULK.bareOpenapiFetch, run: () => inChunks(inputs, 1, bare) },
      { name: BULK.bareHelper, run: () => helper(1) },
    ];
    const samples = await measureSides(sides, { runs: RUNS, warmups: WARMUPS, expected: INPUTS });
    return sideRows(SECTION, sides, samples);
  } finally {
    await server.close();
  }
}
