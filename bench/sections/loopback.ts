/**
 * Section 2, loopback throughput: `listAll` over 10,000 organization memberships, in pages of
 * the largest size (`per_page`'s maximum, read from the spec's resource table in
 * lib/api-facts.ts, as `listAll` asks for), from the fake HTTP server, against a hand-written loop of plain `fetch` calls
 * reading the same pages with the same headers, and the same loop on bare openapi-fetch
 * (the library the client is built on). The server runs in a process of its own; runs
 * rotate and per-run ratios are compared.
 *
 * Attribution rows replay the same pages from a stubbed fetch (no socket, no server), so
 * the client's own CPU per 10,000 objects is timed apart from the wire, one layer at a time
 * (see `STUB_LADDER`).
 */
import { createKantataClient } from '@kantata-ox/client';
import { createFakeKantata } from '@kantata-ox/fixtures';
import { stubFetch } from '@kantata-ox/testkit/stub-fetch';
import type { paths } from '@kantata-ox/types';
import createClient from 'openapi-fetch';
import { LARGEST_PAGE as PER_PAGE, SOURCE } from '../lib/api-facts.js';
import { fmt, type Row, type SectionResult } from '../lib/report.js';
import { startServerProcess } from '../lib/server-process.js';
import { measureSides, type Side, sideRows, withGlobalFetch } from '../lib/sides.js';
import { API_BASE, responseText } from '../lib/wire.js';

const SECTION = '2. Loopback throughput';
export const RECORDS = 10_000;
/** Pages of a listing of every record, read by the findings. */
export const PAGES = Math.ceil(RECORDS / PER_PAGE);
const RUNS = 21;
const WARMUPS = 5;
const STUB_RUNS = 40;
const GOAL = 1.1;

/** The part of a page the hand-written loops read. */
interface PageBody {
  results: { key: string; id: string }[];
  organization_memberships: Record<string, { id: string }>;
  meta: { page_count: number };
}

/** Counts the objects of a page the way a careful hand-written loop does. */
function countPage(body: PageBody): number {
  let seen = 0;
  for (const ref of body.results) {
    if (body.organization_memberships[ref.id]?.id) seen++;
  }
  return seen;
}

type Reader = () => Promise<number>;

/** Names of the stubbed-fetch rows, read by the findings. */
export const STUB_LADDER = {
  plain: 'stubbed fetch: hand-written loop (parse + count)',
  openapiFetch: 'stubbed fetch: the same loop on bare openapi-fetch',
  raw: 'stubbed fetch: the same loop on client.raw (+ transport)',
  list: 'stubbed fetch: a loop of list() (+ checks, normalisation)',
  listAll: 'stubbed fetch: listAll (+ paging, one yield per object)',
} as const;

/** Names of the rows on the wire, read by the findings. */
export const WIRE = {
  plain: `plain fetch loop, ${PAGES} pages × ${PER_PAGE}`,
  openapiFetch: `bare openapi-fetch loop, ${PAGES} pages × ${PER_PAGE}`,
  listAll: `listAll, ${PAGES} pages × ${PER_PAGE}`,
} as const;

/** `listAll` over every page, counting what it yields. */
function listAllReader(client: ReturnType<typeof createKantataClient>): Reader {
  return async () => {
    let seen = 0;
    // One page at a time, as the loops it is compared with: this section weighs the client's
    // CPU per page; reading ahead (the default) is measured in section 8.
    for await (const membership of client.organizationMemberships.listAll({}, { concurrency: 1 })) {
      if (membership.id) seen++;
    }
    return seen;
  };
}

export async function runLoopback(): Promise<SectionResult> {
  const server = await startServerProcess({ records: RECORDS });
  let wire: Row[];
  try {
    wire = await wireRows(server.url, server.token);
  } finally {
    await server.close();
  }
  return {
    rows: [...wire, ...(await stubRows())],
    notes: [
      `Loopback: the fake HTTP server (\`kantata-mock\`, node:http on 127.0.0.1) in a process of its own, seeded with ${fmt.count(RECORDS)} organization memberships, read in ${PAGES} pages of ${PER_PAGE} (${SOURCE.page}); every side uses Node's fetch (undici) with keep-alive. ${RUNS} rotating runs after ${WARMUPS} warm-ups; figures are medians, ratios the median of the per-run ratios. The server's own time per page is included on every side.`,
      `Loopback, stubbed fetch rows: the same ${PAGES} pages (real responses of the fake, pre-serialised) answered at once by a stub, so only client CPU is timed. The rows: openapi-fetch; the client's transport under it (\`client.raw\`); the \`list\` helper, which builds its own request and goes to the transport without openapi-fetch; \`listAll\`, which adds paging and one \`yield\` per object to \`list\`. ${STUB_RUNS} rotating runs after ${WARMUPS} warm-ups.`,
    ],
  };
}

/** A loop over every page through openapi-fetch's typed GET (bare, or the client's raw). */
function openapiFetchReader(get: ReturnType<typeof createClient<paths>>['GET']): Reader {
  return async () => {
    let seen = 0;
    for (let page = 1; ; page++) {
      const { data } = await get('/organization_memberships', {
        params: { query: { page, per_page: PER_PAGE } },
      });
      if (!data) throw new Error(`page ${page}: no data`);
      seen += countPage(data as unknown as PageBody);
      if (page >= data.meta.page_count) return seen;
    }
  };
}

/** The hand-written loop: same pages, same headers, parse, follow meta. */
function plainReader(fetchPage: (url: string) => Promise<Response>, base: string): Reader {
  return async () => {
    let seen = 0;
    for (let page = 1; ; page++) {
      const response = await fetchPage(
        `${base}/organization_memberships?page=${page}&per_page=${PER_PAGE}`,
      );
      if (!response.ok) throw new Error(`page ${page}: ${response.status}`);
      const body = (await response.json()) as PageBody;
      seen += countPage(body);
      if (page >= body.meta.page_count) return seen;
    }
  };
}

const perSecond = (ms: number) =>
  `${fmt.ms(ms)} (${fmt.count(Math.round((RECORDS / ms) * 1000))} objects/s)`;

async function wireRows(url: string, token: string): Promise<Row[]> {
  const client = createKantataClient({ token, baseUrl: url });
  const headers = {
    authorization: `Bearer ${token}`,
    accept: 'application/json',
    'user-agent': 'bench-plain-fetch',
  };
  const bare = createClient<paths>({ baseUrl: url, headers });
  const sides: Side[] = [
    { name: WIRE.plain, run: plainReader((href) => fetch(href, { headers }), url) },
    { name: WIRE.openapiFetch, run: openapiFetchReader(bare.GET) },
    { name: WIRE.listAll, run: listAllReader(client), goal: GOAL },
  ];
  // The warm-ups also warm the server, the connection pool and the JIT (the first is slow).
  const samples = await measureSides(sides, { runs: RUNS, warmups: WARMUPS, expected: RECORDS });
  return sideRows(SECTION, sides, samples, perSecond);
}

/** The client's CPU for the same pages, with the network taken away. */
async function stubRows(): Promise<Row[]> {
  const fake = createFakeKantata({ generate: { organizationMemberships: RECORDS } });
  const pages: string[] = [];
  for (let page = 1; page <= PAGES; page++) {
    pages.push(
      await responseText(
        fake,
        'GET',
        `/organization_memberships?page=${page}&per_page=${PER_PAGE}`,
      ),
    );
  }
  const stub = stubFetch((url) => pages[Number(url.searchParams.get('page') ?? 1) - 1] ?? '');
  const headers = { authorization: `Bearer ${fake.token}`, accept: 'application/json' };
  const bare = createClient<paths>({ baseUrl: API_BASE, fetch: stub, headers });
  // No `fetch` option: the client sends through the global fetch, stubbed below.
  const client = createKantataClient({ token: fake.token });
  const viaList: Reader = async () => {
    let seen = 0;
    for (let page = 1; ; page++) {
      const result = await client.organizationMemberships.list({ page, per_page: PER_PAGE });
      for (const membership of result.items) if (membership.id) seen++;
      if (page >= result.meta.page_count) return seen;
    }
  };
  // openapi-fetch, raw over it; list and listAll on the helpers' own path (no openapi-fetch).
  const sides: Side[] = [
    { name: STUB_LADDER.plain, run: plainReader((href) => stub(href, { headers }), API_BASE) },
    { name: STUB_LADDER.openapiFetch, run: openapiFetchReader(bare.GET) },
    { name: STUB_LADDER.raw, run: openapiFetchReader(client.raw.GET) },
    { name: STUB_LADDER.list, run: viaList },
    { name: STUB_LADDER.listAll, run: listAllReader(client) },
  ];
  const samples = await withGlobalFetch(stub, () =>
    measureSides(sides, { runs: STUB_RUNS, warmups: WARMUPS, expected: RECORDS }),
  );
  return sideRows(SECTION, sides, samples, (ms) => `${ms.toFixed(1)} ms`);
}
