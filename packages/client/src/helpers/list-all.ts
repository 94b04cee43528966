/**
 * `listAll`: every object of a list, page after page, in order. Once the first page has told
 * how many pages there are (`meta.page_count`), up to `concurrency` pages are requested at
 * once: the round trip, not the client, is what a long export waits for. Objects still come
 * out in the API's order, none twice (an object that shifting pages bring back from the page
 * before is skipped), and breaking out of the loop aborts the pages in flight.
 */
import type { OperationFacts, ResourceFacts } from '@kantata-ox/types/resources';
import { KantataInputError } from '../errors/classes.js';
import type { ListAllOptions } from '../types.js';
import { call, type HelperContext, parameterWithRole } from './call.js';
import type { NormalizedPage } from './envelope.js';
import { checkPositiveInteger, checkQuery } from './input-checks.js';

type Query = Record<string, unknown>;

/** Pages in flight at once unless `concurrency` says otherwise. */
export const DEFAULT_LIST_CONCURRENCY = 4;
/** The most pages `concurrency` may ask for at once. */
export const MAX_LIST_CONCURRENCY = 16;

// The list parameters listAll sets itself; any of them in its query would fight its paging.
const PAGING_ROLES = ['page', 'per-page', 'limit', 'offset'];

/**
 * Iterates over every object `list` returns for `query`. Bad options throw
 * `KantataInputError` on the first `next()`, before any request.
 *
 * @example
 * for await (const membership of listAll(ctx, resource, resource.operations.list, {}, { concurrency: 4 })) {
 *   console.log(membership.id);
 * }
 */
export async function* listAll(
  ctx: HelperContext,
  resource: ResourceFacts,
  list: OperationFacts,
  query: Query | undefined,
  options: ListAllOptions,
): AsyncGenerator<Record<string, unknown>, void, undefined> {
  for await (const { items } of listPages(ctx, resource, list, query, options)) yield* items;
}

/** One page as `listPages` gives it: objects not seen before, with their `results` ids. */
export interface PageOfEntries {
  items: Record<string, unknown>[];
  ids: string[];
}

/**
 * The pages behind `listAll` (and createMany's read-back): every object of the list once, in
 * order, page by page, cut at `limit`.
 *
 * @example
 * for await (const { items, ids } of listPages(ctx, resource, list, query, { concurrency: 1 })) { ... }
 */
export async function* listPages(
  ctx: HelperContext,
  resource: ResourceFacts,
  list: OperationFacts,
  query: Query | undefined,
  options: ListAllOptions,
): AsyncGenerator<PageOfEntries, void, undefined> {
  const max = resource.paging?.max;
  const size =
    (options.pageSize ?? max) === undefined
      ? Number.POSITIVE_INFINITY
      : checkPositiveInteger(options.pageSize ?? max, 'pageSize', max);
  const limit =
    options.limit === undefined
      ? Number.POSITIVE_INFINITY
      : checkPositiveInteger(options.limit, 'limit');
  const concurrency = checkPositiveInteger(
    options.concurrency ?? DEFAULT_LIST_CONCURRENCY,
    'concurrency',
    MAX_LIST_CONCURRENCY,
  );
  checkQuery(query, list.parameters);
  for (const role of PAGING_ROLES) {
    const name = parameterWithRole(list, role);
    if (name !== undefined && query?.[name] !== undefined) {
      throw new KantataInputError(name, 'is set by listAll; use its pageSize and limit options');
    }
  }
  const pageParameter = parameterWithRole(list, 'page');
  // Constant page size: changing it mid-way would shift the page boundaries.
  const perPage = Math.min(size, limit);
  // Without a bound to ask for, each page is as long as the API makes it.
  const sizeParameter =
    perPage === Number.POSITIVE_INFINITY ? undefined : parameterWithRole(list, 'per-page');
  // The last page worth asking for: what the API counts, and no further than `limit` reaches.
  const lastPage = (pageCount: number) =>
    pageParameter === undefined
      ? 1
      : Math.min(pageCount, sizeParameter === undefined ? pageCount : Math.ceil(limit / perPage));

  const callerSignal = options.signal;
  const inFlight = new Map<
    number,
    { controller: AbortController; page: Promise<NormalizedPage> }
  >();
  const request = (page: number) => {
    const controller = new AbortController();
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    const paging: Query = {};
    if (pageParameter !== undefined) paging[pageParameter] = page;
    if (sizeParameter !== undefined) paging[sizeParameter] = perPage;
    const { signal } = controller;
    const answer = call(ctx, resource, list, { query: { ...query, ...paging }, signal }, 'page');
    // A page abandoned by an early exit rejects with nobody waiting: that is expected.
    answer.catch(() => {});
    inFlight.set(page, { controller, page: answer });
  };
  const abortAll = (reason: unknown) => {
    for (const { controller } of inFlight.values()) controller.abort(reason);
  };
  const onCallerAbort = () => abortAll(callerSignal?.reason);
  callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  // Ids of the page before and of this one: enough to skip what the pages shifting brings back,
  // without a set that grows with the whole list.
  let before = new Set<string>();
  let yielded = 0;
  let last = 1;
  let requested = 0;
  try {
    // The page being read counts: `concurrency` 1 asks for a page only once it is needed.
    const readAhead = (page: number) => {
      while (requested < last && requested < page - 1 + concurrency) request(++requested);
    };
    for (let page = 1; page <= last; page++) {
      readAhead(page);
      const result = await inFlight.get(page)!.page;
      inFlight.delete(page);
      const short = sizeParameter !== undefined && result.items.length < perPage;
      last = short ? page : lastPage(result.meta.page_count);
      // The following pages travel while this one is consumed.
      readAhead(page);
      const these = new Set<string>();
      const entries: PageOfEntries = { items: [], ids: [] };
      for (const [i, item] of result.items.entries()) {
        if (yielded >= limit) break;
        // An object created mid-way shifts the pages on: the last of one page comes again as
        // the first of the next.
        const id = result.ids[i]!;
        if (before.has(id) || these.has(id)) continue;
        these.add(id);
        entries.items.push(item);
        entries.ids.push(id);
        yielded++;
      }
      before = these;
      yield entries;
      if (yielded >= limit) return;
    }
  } finally {
    callerSignal?.removeEventListener('abort', onCallerAbort);
    abortAll(new DOMException('listAll stopped before this page was needed', 'AbortError'));
  }
}
