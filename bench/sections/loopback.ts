/**
 * Section 2, loopback throughput: `listAll` over 10,000 organization memberships (50 pages
 * of 200) from the fake HTTP server, against a hand-written loop of plain `fetch` calls
 * reading the same pages with the same headers. Runs alternate; medians are compared.
 */
import { createKantataClient } from '@kantata-ox/client';
import { createFakeKantata } from '@kantata-ox/fixtures';
import { startMockServer } from '@kantata-ox/fixtures/server';
import { fmt, median, row, type SectionResult } from '../lib/report.js';

const SECTION = '2. Loopback throughput';
const RECORDS = 10_000;
const PER_PAGE = 200;
const RUNS = 7;
const WARMUPS = 2;
const GOAL = 1.1;

export async function runLoopback(): Promise<SectionResult> {
  const fake = createFakeKantata({ generate: { organizationMemberships: RECORDS } });
  const mock = await startMockServer({ host: '127.0.0.1', port: 0, fake });
  try {
    const client = createKantataClient({ token: fake.token, baseUrl: mock.url });
    const headers = {
      authorization: `Bearer ${fake.token}`,
      accept: 'application/json',
      'user-agent': 'bench-plain-fetch',
    };

    const viaListAll = async () => {
      let seen = 0;
      for await (const membership of client.organizationMemberships.listAll()) {
        if (membership.id) seen++;
      }
      return seen;
    };
    // What a careful user would write by hand: same pages, same headers, parse, follow meta.
    const viaPlainFetch = async () => {
      let seen = 0;
      for (let page = 1; ; page++) {
        const response = await fetch(
          `${mock.url}/organization_memberships?page=${page}&per_page=${PER_PAGE}`,
          { headers },
        );
        if (!response.ok) throw new Error(`page ${page}: ${response.status}`);
        const body = (await response.json()) as {
          results: { key: string; id: string }[];
          organization_memberships: Record<string, { id: string }>;
          meta: { page_count: number };
        };
        for (const ref of body.results) {
          if (body.organization_memberships[ref.id]?.id) seen++;
        }
        if (page >= body.meta.page_count) return seen;
      }
    };

    const timed = async (fn: () => Promise<number>) => {
      const started = performance.now();
      const seen = await fn();
      if (seen !== RECORDS) throw new Error(`read ${seen} objects, expected ${RECORDS}`);
      return performance.now() - started;
    };
    // Untimed passes warm the server, the connection pool and the JIT (the first is slow).
    for (let i = 0; i < WARMUPS; i++) {
      await timed(viaListAll);
      await timed(viaPlainFetch);
    }
    const plain: number[] = [];
    const helper: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Alternate which goes first, so drift hits both alike.
      if (run % 2) {
        helper.push(await timed(viaListAll));
        plain.push(await timed(viaPlainFetch));
      } else {
        plain.push(await timed(viaPlainFetch));
        helper.push(await timed(viaListAll));
      }
    }
    const base = median(plain);
    const mine = median(helper);
    const perSecond = (ms: number) => `${fmt.count(Math.round((RECORDS / ms) * 1000))} objects/s`;
    return {
      rows: [
        row(
          SECTION,
          'plain fetch loop, 50 pages × 200',
          `${fmt.ms(base)} (${perSecond(base)})`,
          '',
          1,
        ),
        row(
          SECTION,
          'listAll, 50 pages × 200',
          `${fmt.ms(mine)} (${perSecond(mine)})`,
          fmt.ms(base),
          mine / base,
          GOAL,
        ),
      ],
      notes: [
        `Fake HTTP server (\`startMockServer\`, node:http on 127.0.0.1, in the same process) seeded with ${fmt.count(RECORDS)} organization memberships; both sides use Node's fetch (undici) with keep-alive. Median of ${RUNS} alternating runs after ${WARMUPS} warm-up runs each. The server's own time per page is included on both sides.`,
      ],
    };
  } finally {
    await mock.close();
  }
}
