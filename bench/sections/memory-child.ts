/**
 * Child process of section 3 (run with `--expose-gc`): reads 100,000 organization
 * memberships through `listAll`, either streaming them (each object dropped once seen) or
 * collecting them into an array, and prints heap figures as JSON on stdout.
 *
 * The pages come from an injected fetch that serves pages of the largest size (`per_page`'s
 * maximum, read from the spec's resource table in lib/api-facts.ts, as `listAll` asks for)
 * built from a real page of the fake API with fresh ids, so every object is distinct; the fake
 * itself would spend ~60 ms per page on 100,000 records, which is not what is measured here.
 */
import { createKantataClient } from '@kantata-ox/client';
import { createFakeKantata } from '@kantata-ox/fixtures';
import { stubFetch } from '@kantata-ox/testkit/stub-fetch';
import { LARGEST_PAGE as PER_PAGE } from '../lib/api-facts.js';
import { responseText } from '../lib/wire.js';

const TOTAL = 100_000;
const PAGES = Math.ceil(TOTAL / PER_PAGE);
const SAMPLE_EVERY_PAGES = 25;

type Envelope = {
  count: number;
  meta: { count: number; page_count: number; page_number: number; page_size: number };
  results: { key: string; id: string }[];
  organization_memberships: Record<string, { id: string } & Record<string, unknown>>;
};

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const mode = process.argv[2];
if (mode !== 'stream' && mode !== 'collect') throw new Error('usage: memory-child stream|collect');

const fake = createFakeKantata({ generate: { organizationMemberships: PER_PAGE } });
const template = JSON.parse(
  await responseText(fake, 'GET', `/organization_memberships?per_page=${PER_PAGE}`),
) as Envelope;
const templates = template.results.map((ref) => template.organization_memberships[ref.id]!);

/** Page `page` (1-based) of 100,000, as the API would send it. */
function pageText(page: number): string {
  const envelope: Envelope = {
    count: TOTAL,
    meta: { count: TOTAL, page_count: PAGES, page_number: page, page_size: PER_PAGE },
    results: [],
    organization_memberships: {},
  };
  const first = (page - 1) * PER_PAGE;
  templates.slice(0, Math.max(0, Math.min(PER_PAGE, TOTAL - first))).forEach((object, i) => {
    const id = String(first + i + 1);
    envelope.results.push({ key: 'organization_memberships', id });
    envelope.organization_memberships[id] = { ...object, id };
  });
  return JSON.stringify(envelope);
}

const pagedFetch = stubFetch((url) => pageText(Number(url.searchParams.get('page') ?? '1')));

const client = createKantataClient({ token: fake.token, fetch: pagedFetch });
const collected: unknown[] = [];
const live: number[] = [];
let peak = 0;

gc();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
let seen = 0;
for await (const membership of client.organizationMemberships.listAll()) {
  if (mode === 'collect') collected.push(membership);
  seen++;
  if (seen % PER_PAGE === 0) {
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    // Live heap (after a full collection) at regular points: what the loop retains.
    if ((seen / PER_PAGE) % SAMPLE_EVERY_PAGES === 0) {
      gc();
      live.push(process.memoryUsage().heapUsed - before);
    }
  }
}
const ms = performance.now() - started;
gc();
const retained = process.memoryUsage().heapUsed - before;
if (seen !== TOTAL || (mode === 'collect' && collected.length !== TOTAL)) {
  throw new Error(`read ${seen} objects, expected ${TOTAL}`);
}
process.stdout.write(
  `${JSON.stringify({ mode, objects: seen, pages: PAGES, pageSize: PER_PAGE, ms, retained, maxLive: Math.max(...live), peak })}\n`,
);
