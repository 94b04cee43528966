import { describe, expect, it } from 'vitest';
import { findings } from '../lib/findings.js';
import { pairedRow, type Row, row, verdictRow } from '../lib/report.js';
import { BULK } from '../sections/bulk.js';
import { STUB_LADDER, WIRE } from '../sections/loopback.js';

const LOOPBACK = '2. Loopback throughput';
const BULK_SECTION = '4. Bulk';

/** Timed rows carry their time in ms; here it is the number their figure starts with. */
function timed(rows: Row[]): Row[] {
  return rows.map((r) => ({ ...r, ms: Number(/^[\d.]+/.exec(r.figure)?.[0]) }));
}

function loopbackRows(listAllRatio: number): Row[] {
  const spread = [listAllRatio - 0.04, listAllRatio + 0.05] as const;
  return timed([
    row(LOOPBACK, WIRE.plain, '65 ms (153,846 objects/s)', '', 1),
    pairedRow(LOOPBACK, WIRE.openapiFetch, '67 ms', '65 ms', { median: 1.03, spread: [1, 1.06] }),
    pairedRow(LOOPBACK, WIRE.listAll, '75 ms', '65 ms', { median: listAllRatio, spread }, 1.1),
    row(LOOPBACK, STUB_LADDER.plain, '12.0 ms', '', 1),
    row(LOOPBACK, STUB_LADDER.openapiFetch, '14.0 ms', '12.0 ms', 1.17),
    row(LOOPBACK, STUB_LADDER.raw, '16.5 ms', '12.0 ms', 1.38),
    row(LOOPBACK, STUB_LADDER.list, '17.0 ms', '12.0 ms', 1.42),
    row(LOOPBACK, STUB_LADDER.listAll, '19.5 ms', '12.0 ms', 1.63),
  ]);
}

function bulkRows(): Row[] {
  const paired = (median: number) => ({ median, spread: [median - 0.1, median + 0.1] as const });
  return timed([
    row(BULK_SECTION, BULK.plain(1), '13 ms', '', 1),
    pairedRow(BULK_SECTION, BULK.openapiFetch(1), '14 ms', '13 ms', paired(1.05)),
    pairedRow(BULK_SECTION, BULK.helper(1), '14 ms', '13 ms', paired(1.08), 1.1),
    row(BULK_SECTION, BULK.plain(4), '9.00 ms', '', 1),
    pairedRow(BULK_SECTION, BULK.openapiFetch(4), '9.50 ms', '9.00 ms', paired(1.06)),
    pairedRow(BULK_SECTION, BULK.helper(4), '10.5 ms', '9.00 ms', paired(1.17), 1.1),
    row(BULK_SECTION, BULK.stubPlain, '1.70 ms', '', 1),
    row(BULK_SECTION, BULK.stubOpenapiFetch, '2.30 ms', '1.70 ms', 1.35),
    row(BULK_SECTION, BULK.stubHelper, '3.25 ms', '1.70 ms', 1.91),
    row(BULK_SECTION, BULK.barePlain, '7.50 ms', '', 1),
    row(BULK_SECTION, BULK.bareExtras, '7.56 ms', '7.50 ms', 1.01),
    row(BULK_SECTION, BULK.bareOpenapiFetch, '8.50 ms', '7.50 ms', 1.13),
    row(BULK_SECTION, BULK.bareHelper, '8.90 ms', '7.50 ms', 1.19),
  ]);
}

describe('findings', () => {
  it('splits the loopback gap into the layers of the stubbed ladder', () => {
    const [text] = findings(loopbackRows(1.15));
    expect(text).toContain('`listAll` missed the goal of 1.10× in this run');
    expect(text).toContain(
      '1.15× (IQR 1.11–1.20; all of it above the goal), 10 ms more per 10,000 objects',
    );
    expect(text).toContain('the same loop on bare openapi-fetch took 1.03× (IQR 1.00–1.06)');
    expect(text).toContain("the client's extra CPU for these 50 pages is 7.5 ms");
    expect(text).toContain('without openapi-fetch) takes 5.0 ms over the hand-written loop');
    expect(text).toContain('openapi-fetch and the transport, 4.5 ms; openapi-fetch alone 2.0 ms');
    expect(text).toContain('one `yield` per object 2.5 ms more');
    // 7.5 ms over 50 pages against 65 ms over 50 pages.
    expect(text).toContain('0.15 ms a page against 1.30 ms for the server');
    expect(text).toContain('(12%)');
  });

  it('says so when the loopback goal was met', () => {
    const [text] = findings(loopbackRows(1.08));
    expect(text).toContain('`listAll` met the goal of 1.10× in this run');
    expect(text).toContain('1.08× (IQR 1.04–1.13; the goal lies inside it)');
  });

  it('attributes the bulk gap with the bare-server and stubbed rows', () => {
    const [text] = findings(bulkRows());
    expect(text).toContain(
      '`createMany` met the goal of 1.10× at concurrency 1 and missed it at concurrency 4 in this run',
    );
    expect(text).toContain(
      '1.08× (IQR 0.98–1.18; the goal lies inside it) of the hand-written chunks at concurrency 1',
    );
    expect(text).toContain('and 1.17× (IQR 1.07–1.27; the goal lies inside it) at concurrency 4');
    expect(text).toContain('10 POSTs by hand take 7.50 ms');
    expect(text).toContain("'manual'`) changes that by 0.06 ms; bare openapi-fetch adds 1.00 ms");
    expect(text).toContain('differs from bare openapi-fetch by 0.40 ms');
    expect(text).toContain('openapi-fetch costs 0.60 ms per 1,000 inputs');
    expect(text).toContain('`createMany` differs from openapi-fetch by 0.95 ms');
    expect(text).toContain('a round trip of about 1.3 ms a chunk');
  });

  it('says when a whole interquartile range lies above the goal', () => {
    const rows = bulkRows().map((r) =>
      r.name === BULK.helper(1) ? { ...r, ratio: 1.3, spread: [1.2, 1.4] as const } : r,
    );
    expect(findings(rows)[0]).toContain('1.30× (IQR 1.20–1.40; all of it above the goal)');
  });

  it('explains a missed bundle goal with the measured figures, and is silent when it is met', () => {
    const bundle = (size: string, verdict: Row['verdict']): Row[] => [
      row('5. Bundle size', 'openapi-fetch alone', '2.62 kB', '', 1),
      {
        ...row('5. Bundle size', 'createKantataClient (with openapi-fetch)', size, '2.62 kB', 6),
        goal: '≤ 10.00 kB',
        verdict,
      },
    ];
    const [text] = findings(bundle('16.75 kB', 'missed'));
    expect(text).toContain(
      '`createKantataClient` is 16.75 kB min+brotli against the goal of 10.00 kB',
    );
    expect(text).toContain('openapi-fetch (2.62 kB) included');
    expect(findings(bundle('9.50 kB', 'met'))).toEqual([]);
  });

  it('names the layers and the pairs across packages when a codebase goal is missed', () => {
    const verdict = (name: string, figure: string, met: boolean): Row =>
      verdictRow('9. Codebase', name, figure, '', met);
    const [text] = findings([
      verdict('helper call (create): client layers down to fetch', '4: a.ts → b.ts', true),
      verdict('pairs of duplicated lines across packages (`duplicates`)', '2', false),
    ]);
    expect(text).toContain('reaches fetch through 4: a.ts → b.ts');
    expect(text).toContain('sharing six lines or more (`duplicates`): 2;');
  });

  it('writes nothing for sections that did not run', () => {
    expect(findings([])).toEqual([]);
  });

  it('shows a question mark rather than a made-up figure when a row is missing', () => {
    const rows = loopbackRows(1.15).filter((r) => r.name !== STUB_LADDER.raw);
    const [text] = findings(rows);
    expect(text).toContain('openapi-fetch and the transport, ?;');
  });
});
