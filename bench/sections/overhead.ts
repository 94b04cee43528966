/**
 * Section 1, per-call overhead: every variant calls a stubbed `fetch` (no network) that
 * answers a fresh Response built from a pre-serialised body, and parses the JSON; the
 * helpers also normalise. The ratio is ops/s of bare openapi-fetch ÷ ops/s of the variant.
 */
import { createKantataClient } from '@kantata-ox/client';
import { createFakeKantata } from '@kantata-ox/fixtures';
import { stubFetch } from '@kantata-ox/testkit/stub-fetch';
import type { OrganizationMembershipCreateFields, paths } from '@kantata-ox/types';
import axios, { type AxiosAdapter } from 'axios';
import createClient from 'openapi-fetch';
import { Bench } from 'tinybench';
import { fmt, median, type Row, row, type SectionResult } from '../lib/report.js';
import { withGlobalFetch } from '../lib/sides.js';
import { API_BASE, responseText } from '../lib/wire.js';

const SECTION = '1. Per-call overhead';
const TOKEN = 'bench-token';
const ROUNDS = 5;
const TIME_MS = 300;
// Issue 22's goal for a call of the client against bare openapi-fetch, GET and POST.
const GOAL = 1.5;
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

type Variant = { name: string; call: () => Promise<unknown>; goal?: boolean };

/** An axios adapter that answers every call with `text` (axios parses it, as over HTTP). */
function stubAdapter(text: string): AxiosAdapter {
  return async (config) => ({
    data: text,
    status: 200,
    statusText: 'OK',
    headers: JSON_HEADERS,
    config,
    request: {},
  });
}

/** The name of the floor variant, read by the findings. */
export const FLOOR = 'openapi-fetch + minimal transport (floor)';

/**
 * The least a transport with per-attempt timeouts and its own auth header must do on each
 * call: copy the headers, create an AbortController and a timer, and build a new Request
 * carrying them. No retries, no redirect handling, no body buffering: a floor, not a client.
 */
function minimalTransport(fetch: ReturnType<typeof stubFetch>) {
  return async (request: Request): Promise<Response> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${TOKEN}`);
    try {
      return await fetch(new Request(request, { headers, signal: controller.signal }));
    } finally {
      clearTimeout(timer);
    }
  };
}

function variantsFor(
  operation: 'GET list' | 'POST create',
  text: string,
  fields: OrganizationMembershipCreateFields,
) {
  const fetch = stubFetch(text);
  const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };
  const bare = createClient<paths>({ baseUrl: API_BASE, fetch, headers });
  const floor = createClient<paths>({ baseUrl: API_BASE, fetch: minimalTransport(fetch) });
  // No `fetch` option: the client takes its default path through the global fetch (a URL and
  // an init, as users get it), which runOverhead points at the same stub.
  const kantata = createKantataClient({ token: TOKEN });
  const ax = axios.create({ baseURL: API_BASE, adapter: stubAdapter(text), headers });
  const url = `${API_BASE}/organization_memberships`;
  const body = { organization_membership: fields };
  const check = (value: unknown) => {
    if (value === undefined) throw new Error(`${operation}: no data`);
    return value;
  };
  const get: Variant[] = [
    {
      name: 'bare fetch stub + JSON.parse',
      call: async () => check(await (await fetch(`${url}?per_page=20`, { headers })).json()),
    },
    {
      name: 'bare openapi-fetch',
      call: async () =>
        check(
          (await bare.GET('/organization_memberships', { params: { query: { per_page: 20 } } }))
            .data,
        ),
    },
    {
      name: FLOOR,
      call: async () =>
        check(
          (await floor.GET('/organization_memberships', { params: { query: { per_page: 20 } } }))
            .data,
        ),
    },
    {
      name: 'client.raw',
      goal: true,
      call: async () =>
        check(
          (
            await kantata.raw.GET('/organization_memberships', {
              params: { query: { per_page: 20 } },
            })
          ).data,
        ),
    },
    {
      name: 'list helper (normalised)',
      goal: true,
      call: async () => check((await kantata.organizationMemberships.list({ per_page: 20 })).items),
    },
    {
      name: 'axios (adapter stub)',
      call: async () =>
        check((await ax.get('/organization_memberships', { params: { per_page: 20 } })).data),
    },
  ];
  const post: Variant[] = [
    {
      name: 'bare fetch stub + JSON.parse',
      call: async () =>
        check(
          await (
            await fetch(url, {
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/json' },
              body: JSON.stringify(body),
            })
          ).json(),
        ),
    },
    {
      name: 'bare openapi-fetch',
      call: async () => check((await bare.POST('/organization_memberships', { body })).data),
    },
    {
      name: FLOOR,
      call: async () => check((await floor.POST('/organization_memberships', { body })).data),
    },
    {
      name: 'client.raw',
      goal: true,
      call: async () => check((await kantata.raw.POST('/organization_memberships', { body })).data),
    },
    {
      name: 'create helper (normalised)',
      goal: true,
      call: async () =>
        check(await kantata.organizationMemberships.create(body.organization_membership)),
    },
    {
      name: 'axios (adapter stub)',
      call: async () => check((await ax.post('/organization_memberships', body)).data),
    },
  ];
  return { stub: fetch, variants: operation === 'GET list' ? get : post };
}

/** Median ops/s of each variant over several rounds, the order rotated each round. */
async function measure(variants: Variant[]): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: TIME_MS, warmup: true, warmupTime: 100, throws: true });
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + round) % variants.length]!;
      bench.add(variant.name, variant.call);
    }
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
      samples.get(task.name)!.push(result.throughput.mean);
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

export async function runOverhead(): Promise<SectionResult> {
  const fake = createFakeKantata({ generate: { organizationMemberships: 40 } });
  const [fields] = fake.validInputs('organizationMemberships', 1);
  const listText = await responseText(fake, 'GET', '/organization_memberships?per_page=20');
  const createText = await responseText(fake, 'POST', '/organization_memberships', {
    organization_membership: fields,
  });

  const rows: Row[] = [];
  for (const [operation, text] of [
    ['GET list', listText],
    ['POST create', createText],
  ] as const) {
    const { stub, variants } = variantsFor(operation, text, fields!);
    const opsPerSecond = await withGlobalFetch(stub, async () => {
      // Every variant must work before it is timed.
      for (const variant of variants) await variant.call();
      return measure(variants);
    });
    const baseline = opsPerSecond.get('bare openapi-fetch')!;
    for (const variant of variants) {
      const ops = opsPerSecond.get(variant.name)!;
      rows.push(
        row(
          SECTION,
          `${operation}: ${variant.name}`,
          fmt.ops(ops),
          variant.name === 'bare openapi-fetch' ? '' : fmt.ops(baseline),
          baseline / ops,
          variant.goal ? GOAL : undefined,
        ),
      );
    }
  }
  return {
    rows,
    notes: [
      `Stubbed fetch: each call gets a new \`Response\` from a pre-serialised body taken from the fake API (GET: a 20-item page, ${fmt.count(listText.length)} bytes; POST: a one-object envelope, ${fmt.count(createText.length)} bytes). Median of ${ROUNDS} rounds of ${TIME_MS} ms per variant (tinybench, warmup on, order rotated each round). Ratio = ops/s of bare openapi-fetch ÷ ops/s of the variant. openapi-fetch, the floor and axios are given the stub; the Kantata client is created without a \`fetch\` option, as users create it, and reaches the same stub through the global fetch.`,
    ],
  };
}
