/**
 * Section 4, bulk: `createMany` of 1,000 organization memberships against the fake HTTP
 * server at concurrency 1 and 4, against the same chunked requests (10 POSTs of 100, the
 * spec's bulk limit) written by hand with plain `fetch`, sequential and 4 in flight.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKantataClient } from '@kantata-ox/client';
import { createFakeKantata } from '@kantata-ox/fixtures';
import { startMockServer } from '@kantata-ox/fixtures/server';
import { fmt, median, type Row, row, type SectionResult } from '../lib/report.js';
import { API_BASE, membershipInputs, responseText } from '../lib/wire.js';

const SECTION = '4. Bulk';
const INPUTS = 1_000;
const CHUNK = 100;
const RUNS = 15;
const GOAL = 1.1;

export async function runBulk(): Promise<SectionResult> {
  const fake = createFakeKantata({ generate: { organizationMemberships: 100 } });
  const mock = await startMockServer({ host: '127.0.0.1', port: 0, fake });
  try {
    const client = createKantataClient({ token: fake.token, baseUrl: mock.url });
    const inputs = membershipInputs(fake, INPUTS);
    const headers = {
      authorization: `Bearer ${fake.token}`,
      accept: 'application/json',
      'content-type': 'application/json',
    };

    const viaHelper = (concurrency: number) => async () => {
      const result = await client.organizationMemberships.createMany(inputs, { concurrency });
      if (result.failed.length) throw result.failed[0]!.error;
      return result.created.length;
    };
    // By hand: the same 10 chunks, each POST parsed and counted, `concurrency` in flight.
    const viaPlainFetch = (concurrency: number) => async () => {
      let created = 0;
      let next = 0;
      const worker = async () => {
        while (next * CHUNK < inputs.length) {
          const start = CHUNK * next++;
          const response = await fetch(`${mock.url}/organization_memberships`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ organization_memberships: inputs.slice(start, start + CHUNK) }),
          });
          if (!response.ok) throw new Error(`chunk at ${start}: ${response.status}`);
          const body = (await response.json()) as { results: unknown[] };
          created += body.results.length;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return created;
    };
    const timed = async (fn: () => Promise<number>) => {
      const started = performance.now();
      const created = await fn();
      if (created !== INPUTS) throw new Error(`created ${created}, expected ${INPUTS}`);
      return performance.now() - started;
    };

    const rows: Row[] = [];
    for (const concurrency of [1, 4]) {
      const helper = viaHelper(concurrency);
      const plain = viaPlainFetch(concurrency);
      await timed(helper);
      await timed(plain);
      const helperMs: number[] = [];
      const plainMs: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const order = run % 2 ? [helper, plain] : [plain, helper];
        for (const fn of order) (fn === helper ? helperMs : plainMs).push(await timed(fn));
      }
      const base = median(plainMs);
      const mine = median(helperMs);
      rows.push(
        row(SECTION, `hand-written chunked POSTs, ${concurrency} in flight`, fmt.ms(base), '', 1),
        row(
          SECTION,
          `createMany 1,000, concurrency ${concurrency}`,
          fmt.ms(mine),
          fmt.ms(base),
          mine / base,
          GOAL,
        ),
      );
    }
    rows.push(...(await clientCpuRows(fake, inputs)));
    rows.push(...(await bareServerRows(fake, inputs)));
    return {
      rows,
      notes: [
        `Bulk, stubbed fetch rows: the same 10 chunks answered at once by a stub with a real 100-object response of the fake, so only the client's own work is timed (input checks, serialisation, transport, normalisation); median of ${RUNS} alternating runs.`,
        `Bulk: fake HTTP server on 127.0.0.1 (same process); 1,000 valid inputs in 10 requests of 100; median of ${RUNS} alternating runs after one warm-up each. The fake validates every item, so its time dominates both sides; with one Node process serving and sending, concurrency 4 gains little on 2 cores.`,
      ],
    };
  } finally {
    await mock.close();
  }
}

/**
 * The client's own CPU per 1,000 inputs: `createMany` against a stubbed fetch that answers
 * every chunk at once with a real 100-object response, beside a hand-written loop that
 * serialises each chunk and parses the same answer. No server, no socket.
 */
async function clientCpuRows(
  fake: ReturnType<typeof createFakeKantata>,
  inputs: ReturnType<typeof membershipInputs>,
): Promise<Row[]> {
  const answer = await responseText(fake, 'POST', '/organization_memberships', {
    organization_memberships: inputs.slice(0, CHUNK),
  });
  const stub = async (_input: Request | string | URL, _init?: RequestInit) =>
    new Response(answer, { status: 200, headers: { 'content-type': 'application/json' } });
  const client = createKantataClient({ token: fake.token, fetch: stub });
  const headers = { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' };
  const helper = async () => {
    const result = await client.organizationMemberships.createMany(inputs, { concurrency: 4 });
    return result.created.length;
  };
  const plain = async () => {
    let created = 0;
    for (let start = 0; start < inputs.length; start += CHUNK) {
      const response = await stub(`${API_BASE}/organization_memberships`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ organization_memberships: inputs.slice(start, start + CHUNK) }),
      });
      created += ((await response.json()) as { results: unknown[] }).results.length;
    }
    return created;
  };
  const helperMs: number[] = [];
  const plainMs: number[] = [];
  // Many more runs than on the wire: each run is a few ms, and the first ones warm the JIT.
  for (let run = 0; run < RUNS * 4; run++) {
    for (const [fn, into] of [
      [helper, helperMs],
      [plain, plainMs],
    ] as const) {
      const started = performance.now();
      const created = await fn();
      if (created !== INPUTS) throw new Error(`created ${created}, expected ${INPUTS}`);
      if (run >= RUNS) into.push(performance.now() - started);
    }
  }
  const base = median(plainMs);
  const mine = median(helperMs);
  return [
    row(SECTION, 'stubbed fetch: hand-written chunks (serialise + parse)', fmt.ms(base), '', 1),
    row(
      SECTION,
      'stubbed fetch: createMany 1,000 (client CPU only)',
      fmt.ms(mine),
      fmt.ms(base),
      mine / base,
    ),
  ];
}

/**
 * Attribution of the wire gap: a bare node:http server answering every chunk at once with a
 * real 100-object response (no validation, no store), so client-side costs are not diluted.
 * Three sides: the hand-written loop; the same loop sending what the transport adds on the
 * wire (a `user-agent`, an `AbortSignal`, `redirect: 'manual'`); and `createMany`.
 */
async function bareServerRows(
  fake: ReturnType<typeof createFakeKantata>,
  inputs: ReturnType<typeof membershipInputs>,
): Promise<Row[]> {
  const answer = await responseText(fake, 'POST', '/organization_memberships', {
    organization_memberships: inputs.slice(0, CHUNK),
  });
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const client = createKantataClient({ token: fake.token, baseUrl: base });
    const headers = {
      authorization: `Bearer ${fake.token}`,
      accept: 'application/json',
      'content-type': 'application/json',
    };
    const loop = (extra: boolean) => async () => {
      let created = 0;
      for (let start = 0; start < inputs.length; start += CHUNK) {
        const response = await fetch(`${base}/organization_memberships`, {
          method: 'POST',
          headers: extra ? { ...headers, 'user-agent': 'kantata-ox-client' } : headers,
          body: JSON.stringify({ organization_memberships: inputs.slice(start, start + CHUNK) }),
          ...(extra ? { signal: new AbortController().signal, redirect: 'manual' as const } : {}),
        });
        created += ((await response.json()) as { results: unknown[] }).results.length;
      }
      return created;
    };
    const sides: [string, () => Promise<number>][] = [
      ['bare server: hand-written chunked POSTs', loop(false)],
      ['bare server: same + user-agent, AbortSignal, redirect manual', loop(true)],
      [
        'bare server: createMany 1,000, concurrency 1',
        async () => (await client.organizationMemberships.createMany(inputs)).created.length,
      ],
    ];
    const samples = sides.map((): number[] => []);
    for (let run = 0; run < RUNS * 3; run++) {
      for (let i = 0; i < sides.length; i++) {
        const index = (i + run) % sides.length;
        const started = performance.now();
        const created = await sides[index]![1]();
        if (created !== INPUTS) throw new Error(`created ${created}, expected ${INPUTS}`);
        if (run >= 3) samples[index]!.push(performance.now() - started);
      }
    }
    const plain = median(samples[0]!);
    return sides.map(([name], i) => {
      const ms = median(samples[i]!);
      return row(SECTION, name, fmt.ms(ms), i === 0 ? '' : fmt.ms(plain), ms / plain);
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
