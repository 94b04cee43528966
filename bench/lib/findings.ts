/**
 * What the investigation of each goal found (profiles with `node --cpu-prof`, and the
 * attribution rows of each section), with the figures of the run filled in. Section 1 gets
 * a paragraph when it misses its goal; sections 2 and 4 always do, because their goals sit
 * close to the noise of a 2-core machine and the attribution rows say what the gap is made of.
 */
import { BULK, CHUNKS, INPUTS } from '../sections/bulk.js';
import { PAGES, RECORDS, STUB_LADDER, WIRE } from '../sections/loopback.js';
import { FLOOR } from '../sections/overhead.js';
import { BULK_LIMIT, LARGEST_PAGE } from './api-facts.js';
import { limitsFinding } from './limits-finding.js';
import { fmt, type Row } from './report.js';

function find(rows: readonly Row[], name: string): Row | undefined {
  return rows.find((r) => r.name === name);
}

function opsOf(rows: readonly Row[], name: string): number | undefined {
  const figure = find(rows, name)?.figure;
  const match = figure ? /([\d.]+)(k?) ops\/s/.exec(figure) : null;
  return match ? Number(match[1]) * (match[2] ? 1000 : 1) : undefined;
}

/** The unrounded time of a timed row, in ms. */
function msOf(rows: readonly Row[], name: string): number | undefined {
  return find(rows, name)?.ms;
}

function microseconds(ops: number | undefined): string {
  return ops ? `${(1e6 / ops).toFixed(0)} µs` : '?';
}

/** `b − a` in ms, signed, or `?` when a row is missing. */
function diff(rows: readonly Row[], a: string, b: string, digits = 1): string {
  const x = msOf(rows, a);
  const y = msOf(rows, b);
  if (x === undefined || y === undefined) return '?';
  const d = y - x;
  return `${d >= 0 ? '' : '−'}${Math.abs(d).toFixed(digits)} ms`;
}

/** Where a row's goal lies against the interquartile range of its ratio. */
function goalInSpread(r: Row): string {
  const goal = r.goal ? Number(/([\d.]+)/.exec(r.goal)?.[1]) : Number.NaN;
  if (!r.spread || Number.isNaN(goal)) return '';
  if (goal < r.spread[0]) return '; all of it above the goal';
  if (goal > r.spread[1]) return '; all of it below the goal';
  return '; the goal lies inside it';
}

/** A row's ratio with its interquartile range, e.g. `1.14× (IQR 1.06–1.22; the goal lies inside it)`. */
function ratioText(rows: readonly Row[], name: string): string {
  const r = find(rows, name);
  if (r?.ratio === undefined) return '?';
  const spread = r.spread
    ? ` (IQR ${r.spread[0].toFixed(2)}–${r.spread[1].toFixed(2)}${goalInSpread(r)})`
    : '';
  return `${r.ratio.toFixed(2)}×${spread}`;
}

function overheadFinding(rows: readonly Row[]): string {
  const ratioTo = (name: string, base: string) => {
    const a = opsOf(rows, base);
    const b = opsOf(rows, name);
    return a && b ? `${(a / b).toFixed(2)}×` : '?';
  };
  const bare = opsOf(rows, 'GET list: bare openapi-fetch');
  const raw = opsOf(rows, 'GET list: client.raw');
  const helper = opsOf(rows, 'GET list: list helper (normalised)');
  return `**Per-call overhead (1).** A helper call no longer goes through openapi-fetch: it builds its URL (with openapi-fetch's own query serializer), headers and JSON body, and the transport hands the platform's fetch a URL and an init, then reads the body under the attempt's timer. So a helper costs ${ratioTo('GET list: list helper (normalised)', 'GET list: bare openapi-fetch')} (GET, ${microseconds(helper)} a call, a 20-object page normalised) and ${ratioTo('POST create: create helper (normalised)', 'POST create: bare openapi-fetch')} (POST) of bare openapi-fetch, input checks, auth, a per-attempt timer, retry and redirect bookkeeping and normalisation included; before this work the same rows were 2.12× and 2.35×, when a helper call passed through openapi-fetch, a per-call fetch wrapper, a \`Request\` taken apart again and a wrapper stream around the body. \`client.raw\` keeps openapi-fetch's path: openapi-fetch builds a \`Request\` (on Node 20 an undici \`Request\` and its \`AbortSignal\`, \`makeTransferable\`, are a sizeable part of a ${microseconds(bare)} bare call), the transport reads its URL, headers and body once, and the body of the answer is wrapped so that the timer covers it whoever reads it (a \`ReadableStream\` and a \`Response\` per call). The row "${FLOOR}", bare openapi-fetch whose fetch only copies the headers, creates an \`AbortController\` and a timer and builds a \`Request\` carrying them, already costs ${ratioTo(`GET list: ${FLOOR}`, 'GET list: bare openapi-fetch')} (GET) and ${ratioTo(`POST create: ${FLOOR}`, 'POST create: bare openapi-fetch')} (POST); \`client.raw\` is ${ratioTo('GET list: client.raw', `GET list: ${FLOOR}`)} (GET, ${microseconds(raw)} a call) and ${ratioTo('POST create: client.raw', `POST create: ${FLOOR}`)} (POST) of that floor, so the goal of 1.5× is out of its reach for a POST while any \`Request\` is built per call. What users pay is the absolute difference: microseconds a call, against a millisecond or more for even a loopback page (section 2).`;
}

function loopbackFinding(rows: readonly Row[]): string {
  const listAll = find(rows, WIRE.listAll);
  const plainMs = msOf(rows, WIRE.plain);
  const perPage = plainMs === undefined ? '?' : `${(plainMs / PAGES).toFixed(2)} ms`;
  const cpu = msOf(rows, STUB_LADDER.listAll);
  const cpuPlain = msOf(rows, STUB_LADDER.plain);
  const cpuGapPerPage =
    cpu === undefined || cpuPlain === undefined ? undefined : (cpu - cpuPlain) / PAGES;
  const share =
    cpuGapPerPage === undefined || plainMs === undefined
      ? '?'
      : `${((cpuGapPerPage / (plainMs / PAGES)) * 100).toFixed(0)}%`;
  const verdict =
    listAll?.verdict === 'met'
      ? 'met the goal of 1.10× in this run'
      : 'missed the goal of 1.10× in this run';
  return `**Loopback throughput (2).** \`listAll\` ${verdict}: ${listAll?.figure ?? '?'} against ${find(rows, WIRE.plain)?.figure ?? '?'} for the hand-written loop, ${ratioText(rows, WIRE.listAll)}, ${diff(rows, WIRE.plain, WIRE.listAll, 0)} more per ${fmt.count(RECORDS)} objects; the same loop on bare openapi-fetch took ${ratioText(rows, WIRE.openapiFetch)}. The stubbed-fetch ladder takes the network away and shows what the gap is made of: the client's extra CPU for these ${PAGES} pages is ${diff(rows, STUB_LADDER.plain, STUB_LADDER.listAll)}: \`list\` (the helper's own path: its checks, the transport and normalisation, without openapi-fetch) takes ${diff(rows, STUB_LADDER.plain, STUB_LADDER.list)} over the hand-written loop (\`client.raw\`, openapi-fetch and the transport, ${diff(rows, STUB_LADDER.plain, STUB_LADDER.raw)}; openapi-fetch alone ${diff(rows, STUB_LADDER.plain, STUB_LADDER.openapiFetch)}; normalising a ${LARGEST_PAGE}-object page alone takes about 7 µs), and paging with one \`yield\` per object ${diff(rows, STUB_LADDER.list, STUB_LADDER.listAll)} more. That work runs between one page's answer and the next request, so it adds to the wall time in full: ${cpuGapPerPage === undefined ? '?' : `${cpuGapPerPage.toFixed(2)} ms`} a page against ${perPage} for the server, in its own process, to answer a ${LARGEST_PAGE}-object page from memory over loopback (${share}). The goal is therefore a bound on the client's CPU per page relative to an unusually fast server; against the real API, where a page takes tens of milliseconds, the same work is under 1%. The row reads one page at a time (\`concurrency: 1\`), as the loops it is compared with; \`listAll\`'s default reads 4 pages ahead, which hides this time behind the round trips (section 8). Left as is: a hand-written iterator instead of the async generator saved about 1 ms per 10,000 objects in a micro-benchmark, too little to give up the generator's \`return\` and \`throw\` handling.`;
}

function bulkFinding(rows: readonly Row[]): string {
  const helper1 = find(rows, BULK.helper(1));
  const helper4 = find(rows, BULK.helper(4));
  const met = [helper1, helper4].map((r) => r?.verdict === 'met');
  const verdicts =
    met[0] === met[1]
      ? `${met[0] ? 'met' : 'missed'} the goal of 1.10× at both concurrencies in this run`
      : `${met[0] ? 'met' : 'missed'} the goal of 1.10× at concurrency 1 and ${met[1] ? 'met' : 'missed'} it at concurrency 4 in this run`;
  const plain1 = msOf(rows, BULK.plain(1));
  const serverPerChunk = plain1 === undefined ? '?' : `${(plain1 / CHUNKS).toFixed(1)} ms`;
  return `**Bulk (4).** \`createMany\` ${verdicts}: ${ratioText(rows, BULK.helper(1))} of the hand-written chunks at concurrency 1 and ${ratioText(rows, BULK.helper(4))} at concurrency 4, where bare openapi-fetch sending the same chunks took ${ratioText(rows, BULK.openapiFetch(1))} and ${ratioText(rows, BULK.openapiFetch(4))}. Against a bare server that answers at once, so client costs are not diluted, ${CHUNKS} POSTs by hand take ${find(rows, BULK.barePlain)?.figure ?? '?'}; sending what the transport adds on the wire (a user-agent, an \`AbortSignal\`, \`redirect: 'manual'\`) changes that by ${diff(rows, BULK.barePlain, BULK.bareExtras, 2)}; bare openapi-fetch adds ${diff(rows, BULK.barePlain, BULK.bareOpenapiFetch, 2)} (it builds a \`Request\` for each POST, whose string body undici turns into a stream); \`createMany\` (which does not go through openapi-fetch) differs from bare openapi-fetch by ${diff(rows, BULK.bareOpenapiFetch, BULK.bareHelper, 2)}. With no wire at all (stubbed fetch), openapi-fetch costs ${diff(rows, BULK.stubPlain, BULK.stubOpenapiFetch, 2)} per ${fmt.count(INPUTS)} inputs over serialising and parsing by hand, and \`createMany\` differs from openapi-fetch by ${diff(rows, BULK.stubOpenapiFetch, BULK.stubHelper, 2)}, spent on the transport (an \`AbortController\`, a copy of the headers and the redirect bookkeeping on every request), \`checkFields\` on every input before anything is sent (nothing is half-sent) and normalising each answer so that every created object is tied to its input. That CPU is spent while the request of the next chunk waits, so at concurrency 1 it adds in full to a round trip of about ${serverPerChunk} a chunk, in which the fake validates and stores ${BULK_LIMIT} objects. At concurrency 4 the fake, one Node process, serves the requests one after another and sets the pace for every side, hence the wide interquartile ranges there.`;
}

function bundleFinding(rows: readonly Row[]): string {
  const client = find(rows, 'createKantataClient (with openapi-fetch)');
  const alone = find(rows, 'openapi-fetch alone');
  return `**Bundle (5).** \`createKantataClient\` is ${client?.figure ?? '?'} min+brotli against the goal of ${client?.goal.replace('≤ ', '') ?? '?'}, openapi-fetch (${alone?.figure ?? '?'}) included. openapi-fetch stays for \`client.raw\` and middleware, and the resource table is data the helpers, filters and read-back run on; the rest is what the client promises: a transport that retries, paces itself after a 429, times each attempt to the last byte and follows redirects without leaking the token; typed errors that mask secrets; exactly-once bulk jobs with read-back. The client README's "Bundle size" gives what each folder of the source adds (\`size:why\`). No part can go without taking a documented behaviour with it, so the goal stays missed.`;
}

function codebaseFinding(rows: readonly Row[]): string {
  const pairs = find(rows, 'pairs of duplicated lines across packages (`duplicates`)');
  const layers = find(rows, 'helper call (create): client layers down to fetch');
  return `**Codebase (9).** A helper call reaches fetch through ${layers?.figure ?? '?'}. Pairs of places in different packages sharing six lines or more (\`duplicates\`): ${pairs?.figure ?? '?'}; the notes above list them with the tool's own marks (\`shape\`: alike but for names and values; \`boilerplate\`: mostly punctuation and keywords). A pair alike in shape only shares no line to the letter: its names and values differ.`;
}

/** Paragraphs for BENCHMARKS.md. */
export function findings(rows: readonly Row[]): string[] {
  const has = (section: string) => rows.some((r) => r.section.startsWith(section));
  const missed = (section: string) =>
    rows.some((r) => r.section.startsWith(section) && r.verdict === 'missed');
  const out: string[] = [];
  if (missed('1.')) out.push(overheadFinding(rows));
  if (has('2.')) out.push(loopbackFinding(rows));
  if (has('4.')) out.push(bulkFinding(rows));
  if (missed('5.')) out.push(bundleFinding(rows));
  if (missed('9.')) out.push(codebaseFinding(rows));
  const limits = limitsFinding(rows);
  if (limits !== undefined) out.push(limits);
  return out;
}
