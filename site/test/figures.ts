/**
 * The API figures the guides and READMEs quote (the bulk limit, `per_page`'s default and
 * maximum, the server's timeout), checked against the spec's resource table
 * (`@kantata-ox/types/resources`). Two nets:
 *
 * 1. `CLAIMS`: known phrases, each capturing a figure and naming the fact it must equal. A
 *    phrase whose figure differs from the table fails.
 * 2. The sweep: every other occurrence, in prose or a code comment, of a number the table
 *    states (or one derived from it: the bulk limit ± 1, the timeout in minutes or ms) fails
 *    unless a claim captured it or `NOT_FIGURES` says what else it is. So a new sentence that
 *    restates a figure fails until it is claimed, and, once claimed, fails when the spec's
 *    figure changes.
 *
 * Code itself (outside `//` comments) is left out: the samples are type-checked, and their
 * numbers are the reader's choices (`per_page: 50`), not claims about the API.
 */
import type { ResourceTable } from '@kantata-ox/types/resources';

/** The API's figures as the spec states them, shared by every resource. */
export interface ApiFacts {
  /** The `maxItems` of every bulk array. */
  bulkLimit: number;
  /** `per_page`'s `default`. */
  pageDefault: number;
  /** `per_page`'s `maximum`: the largest page. */
  pageMax: number;
  /** `x-kantata-server-timeout-seconds`. */
  serverTimeoutSeconds: number;
}

/** The one value every resource states, or a clear error when they differ or none does. */
function shared(what: string, values: (number | undefined)[]): number {
  const known = [...new Set(values.filter((v): v is number => v !== undefined))];
  if (known.length !== 1)
    throw new Error(
      `the resources state ${known.length ? `different values for ${what} (${known.join(', ')})` : `no ${what}`}: the documents quote one, so they must say which resource they mean`,
    );
  return known[0] as number;
}

/** Reads the figures the documents quote from the resource table. */
export function apiFacts(table: ResourceTable, serverTimeoutSeconds: number | undefined): ApiFacts {
  const all = Object.values(table);
  if (serverTimeoutSeconds === undefined)
    throw new Error('the spec states no x-kantata-server-timeout-seconds');
  return {
    bulkLimit: shared(
      'bulk limit',
      all.map((r) => r.operations.create?.body?.bulk?.limit),
    ),
    pageDefault: shared(
      "per_page's default",
      all.map((r) => r.paging?.default),
    ),
    pageMax: shared(
      "per_page's maximum",
      all.map((r) => r.paging?.max),
    ),
    serverTimeoutSeconds,
  };
}

/** A phrase that quotes a figure: its first capture group is the figure. */
export interface Claim {
  fact: string;
  pattern: RegExp;
  value: (facts: ApiFacts) => number;
}

const bulk = (f: ApiFacts) => f.bulkLimit;
const pageMax = (f: ApiFacts) => f.pageMax;
const pageDefault = (f: ApiFacts) => f.pageDefault;
const seconds = (f: ApiFacts) => f.serverTimeoutSeconds;
const minutes = (f: ApiFacts) => f.serverTimeoutSeconds / 60;

/**
 * Every phrase of the documents that quotes an API figure. Patterns see the text with its
 * whitespace collapsed to single spaces. When one fails, fix the document (or, if only the
 * wording changed, the pattern); a claim no document makes any more fails too.
 */
export const CLAIMS: readonly Claim[] = [
  // The bulk limit.
  { fact: 'the bulk limit', pattern: /any number: (\d+) per request/, value: bulk },
  { fact: 'the bulk limit', pattern: /accepts 1 to (\d+) items/, value: bulk },
  { fact: 'the bulk limit + 1', pattern: /(\d+) items gives 422/, value: (f) => f.bulkLimit + 1 },
  { fact: 'the bulk limit', pattern: /up to (\d+) objects in one `POST`/, value: bulk },
  { fact: 'the bulk limit', pattern: /split into requests of (\d+)/, value: bulk },
  { fact: 'the bulk limit − 1', pattern: /inputs 0–(\d+) go in/, value: (f) => f.bulkLimit - 1 },
  { fact: 'the bulk limit', pattern: /(\d+)–\d+ in the second/, value: bulk },
  {
    fact: 'twice the bulk limit − 1',
    pattern: /\d+–(\d+) in the second/,
    value: (f) => 2 * f.bulkLimit - 1,
  },
  {
    fact: 'the bulk limit + 20 (the 21st item of the second request)',
    pattern: /input (\d+)'s own error/,
    value: (f) => f.bulkLimit + 20,
  },
  {
    fact: 'the bulk limit − 1',
    pattern: /the other (\d+) inputs are still created/,
    value: (f) => f.bulkLimit - 1,
  },
  {
    fact: 'the bulk limit',
    pattern: /Write with `createMany`\*\*: (\d+) objects a request/,
    value: bulk,
  },
  { fact: 'the bulk limit', pattern: /limit \((\d+), the `maxItems`/, value: bulk },
  {
    fact: 'requests for 250 objects at the bulk limit',
    pattern: /250 organization memberships \((\d+) requests\)/,
    value: (f) => Math.ceil(250 / f.bulkLimit),
  },
  // per_page's maximum.
  { fact: "per_page's maximum", pattern: /`(?:per_page|limit)` above (\d+)/, value: pageMax },
  { fact: "per_page's maximum", pattern: /`per_page` over (\d+)/, value: pageMax },
  { fact: "per_page's maximum", pattern: /`per_page` outside 1\.\.(\d+)/, value: pageMax },
  { fact: "per_page's maximum", pattern: /(\d+), the API's maximum/, value: pageMax },
  { fact: "per_page's maximum", pattern: /clamped to (\d+)/, value: pageMax },
  { fact: "per_page's maximum", pattern: /by default, at most (\d+)\)/, value: pageMax },
  { fact: "per_page's maximum", pattern: /request, (\d+) per page/, value: pageMax },
  {
    fact: "per_page's maximum",
    pattern: /Read with `listAll`\*\*: (\d+) objects a request/,
    value: pageMax,
  },
  { fact: "per_page's maximum", pattern: /no longer refused above (\d+)/, value: pageMax },
  // per_page's default.
  { fact: "per_page's default", pattern: /`per_page` defaults to (\d+)/, value: pageDefault },
  { fact: "per_page's default", pattern: /\((\d+) by default, at most/, value: pageDefault },
  // The server's timeout.
  { fact: 'the server timeout in minutes', pattern: /after (\d+) minutes/, value: minutes },
  { fact: 'the server timeout in minutes', pattern: /the (\d+)-minute wait/, value: minutes },
  {
    fact: 'the server timeout in minutes',
    pattern: /`serverTimeoutMs` \((\d+) minutes against Kantata\)/,
    value: minutes,
  },
  {
    fact: 'the server timeout',
    pattern: /`x-kantata-server-timeout-seconds: (\d+)`/,
    value: seconds,
  },
  {
    fact: 'the server timeout in ms',
    pattern: /`serverTimeoutMs` \((\d{1,3}(?: \d{3})+|\d+) by default\)/,
    value: (f) => f.serverTimeoutSeconds * 1000,
  },
  { fact: 'the server timeout', pattern: /in a (\d+) s wait/, value: seconds },
  { fact: 'the server timeout', pattern: /the spec's (\d+) s\b/, value: seconds },
  { fact: 'the server timeout', pattern: /Kantata: (\d+) s\b/, value: seconds },
];

/** A number that equals a figure by chance: its first capture group, and what it is instead. */
export interface NotAFigure {
  is: string;
  pattern: RegExp;
}

export const NOT_FIGURES: readonly NotAFigure[] = [
  { is: 'a Node.js version', pattern: /\bNode(?:\.js)? (\d+)/ },
  { is: 'an index in a request (`organization_memberships[20]`)', pattern: /\[(\d+)\]/ },
  { is: 'the value of a command-line option', pattern: /--[a-z][\w-]* (\d+)/ },
  { is: 'an id in a sample', pattern: /workspace group (\d+)/ },
  {
    is: "a geography id of the fixtures' presets",
    pattern: /geographies`? (?:\(\d+\) are )?(\d+)(?:,| and)/,
  },
  { is: 'an id in a sample input', pattern: /geography_id: (\d+)/ },
  { is: 'a percentage', pattern: /(\d+)%/ },
  // Not the server timeout in ms: that has thousands (180 000), which this leaves out.
  { is: 'a duration in ms', pattern: /(?<!\d|\d )(\d{1,3}) ?ms\b/ },
  {
    is: 'an HTTP status',
    pattern: /\b(?:answers|answered|always|status) (\d{3})\b(?! objects| items| per\b)/,
  },
  { is: 'an HTTP status in a log line', pattern: /\.\.\. (\d{3}) \d+ms/ },
  { is: "the fake's former default record count", pattern: /it generated (\d+) records/ },
  { is: 'an option of the client (retries of a 429)', pattern: /\{ maxRetries: (\d+) \}/ },
];

/** A number the sweep looks for, as the documents may write it. */
interface Watched {
  fact: string;
  pattern: RegExp;
}

/** Matches `n` as a whole number: not part of a longer number, a version or a decimal. */
function whole(n: number): RegExp {
  // Thousands may be grouped: 180000, 180 000, 180,000 or 180_000.
  const body = String(n).replace(/\B(?=(\d{3})+$)/g, '[ ,_]?');
  return new RegExp(`(?<![\\d.,_])(${body})(?![\\d_]|[.,]\\d)`, 'dg');
}

/** The numbers the sweep looks for: each figure and the forms derived from it. */
function watched(f: ApiFacts): Watched[] {
  const list: Watched[] = [
    { fact: 'the bulk limit', pattern: whole(f.bulkLimit) },
    { fact: 'the bulk limit − 1', pattern: whole(f.bulkLimit - 1) },
    { fact: 'the bulk limit + 1', pattern: whole(f.bulkLimit + 1) },
    { fact: "per_page's default", pattern: whole(f.pageDefault) },
    { fact: "per_page's maximum", pattern: whole(f.pageMax) },
    { fact: 'the server timeout in seconds', pattern: whole(f.serverTimeoutSeconds) },
    { fact: 'the server timeout in ms', pattern: whole(f.serverTimeoutSeconds * 1000) },
  ];
  if (Number.isInteger(f.serverTimeoutSeconds / 60))
    list.push({
      fact: 'the server timeout in minutes',
      pattern: new RegExp(`(?<![\\d.])(${f.serverTimeoutSeconds / 60})[- ]minutes?\\b`, 'dg'),
    });
  return list;
}

/**
 * What of a Markdown document the checks read: its prose and the `//` comments of its code
 * blocks, without HTML comments or generated regions (between `<!-- … written by … -->` and
 * `<!-- end of … -->`), whitespace collapsed.
 */
export function quotedText(markdown: string): string {
  const kept: string[] = [];
  let fence = false;
  let generated = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*<!--.*\bwritten by\b.*-->/.test(line)) generated = true;
    else if (/^\s*<!--\s*end of\b.*-->/.test(line)) generated = false;
    if (generated) continue;
    if (/^\s*(```|~~~)/.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence) {
      const comment = /\/\/(.*)$/.exec(line);
      if (comment) kept.push(comment[1] as string);
    } else kept.push(line);
  }
  return kept
    .join('\n')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\s+/g, ' ');
}

/** What `checkFigures` found wrong; every list empty when the documents agree with the spec. */
export interface FigureReport {
  /** A claimed phrase whose figure differs from the spec's. */
  wrong: string[];
  /** A figure the spec states, quoted where no claim or `NOT_FIGURES` rule accounts for it. */
  unclaimed: string[];
  /** A claim no document makes any more. */
  unused: string[];
}

const asNumber = (text: string) => Number(text.replace(/[ ,_]/g, ''));
const near = (text: string, at: number) => `…${text.slice(Math.max(0, at - 50), at + 50).trim()}…`;

/** Every match's first capture group, as [start, end) offsets. */
function captures(text: string, pattern: RegExp): { text: string; start: number; end: number }[] {
  const global = new RegExp(pattern.source, `${pattern.flags.replace(/[gd]/g, '')}dg`);
  return [...text.matchAll(global)].flatMap((m) => {
    const span = m.indices?.[1];
    return span ? [{ text: m[1] as string, start: span[0], end: span[1] }] : [];
  });
}

/** One phrase of a document that a claim recognised. */
export interface Quote {
  file: string;
  claim: Claim;
  /** The figure as written. */
  text: string;
  /** Offsets of the figure in the document's `quotedText`. */
  start: number;
  end: number;
}

/** Every phrase of `documents` (file name → Markdown) that a claim recognises. */
export function quotes(documents: ReadonlyMap<string, string>): Quote[] {
  return [...documents].flatMap(([file, markdown]) => {
    const text = quotedText(markdown);
    return CLAIMS.flatMap((claim) =>
      captures(text, claim.pattern).map((found) => ({ file, claim, ...found })),
    );
  });
}

/** Checks the figures quoted by `documents` (file name → Markdown) against `facts`. */
export function checkFigures(
  documents: ReadonlyMap<string, string>,
  facts: ApiFacts,
): FigureReport {
  const report: FigureReport = { wrong: [], unclaimed: [], unused: [] };
  const found = quotes(documents);
  for (const [file, markdown] of documents) {
    const text = quotedText(markdown);
    const mine = found.filter((q) => q.file === file);
    for (const quote of mine) {
      const expected = quote.claim.value(facts);
      if (asNumber(quote.text) !== expected)
        report.wrong.push(
          `${file}: "${quote.text}" in "${near(text, quote.start)}": ${quote.claim.fact} is ${expected}`,
        );
    }
    const accounted = [...mine, ...NOT_FIGURES.flatMap((rule) => captures(text, rule.pattern))];
    for (const figure of watched(facts)) {
      for (const at of captures(text, figure.pattern)) {
        if (accounted.some((a) => at.start >= a.start && at.end <= a.end)) continue;
        report.unclaimed.push(
          `${file}: "${at.text}" in "${near(text, at.start)}" equals ${figure.fact}: claim it in site/test/figures.ts (CLAIMS), or say what else it is (NOT_FIGURES)`,
        );
      }
    }
  }
  const used = new Set(found.map((q) => q.claim));
  report.unused = CLAIMS.filter((c) => !used.has(c)).map(
    (c) => `no document says ${c.pattern.source} any more: drop or update this claim (${c.fact})`,
  );
  return report;
}
