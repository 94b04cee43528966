/**
 * Follows every link of the built documentation site in the browser, the way a reader clicks
 * through it: each page of the site's origin is opened in Chromium, its rendered links are
 * collected and followed, and every same-origin request that fails is recorded. Links to
 * other hosts are listed but never requested. Every link is also opened as a fresh page load
 * (a new tab, a reload): the links of an app that routes them by script too, since a link that
 * works when clicked can still miss the page when opened directly.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** A page of the site, as the browser rendered it. */
export interface CrawledPage {
  /** Origin, path and query (no fragment). */
  url: string;
  status: number;
  /** The ids of the rendered document, for checking `#fragment` links. */
  ids: Set<string>;
}

/** A link (or a request a page made) that did not resolve. */
export interface BrokenLink {
  url: string;
  /** The page that links to it, or that asked for it. */
  from: string;
  problem: string;
}

/** What {@link crawlSite} found. */
export interface CrawlResult {
  pages: Map<string, CrawledPage>;
  broken: BrokenLink[];
  /** Script errors thrown while a page loaded. */
  pageErrors: { url: string; message: string }[];
  /** Links to other hosts, never requested. */
  external: Set<string>;
  /** Same-origin links inside `scriptRouted` apps, each opened directly once (with its `#`). */
  scriptRoutedLinks: Set<string>;
}

/** Options of {@link crawlSite}. */
export interface CrawlOptions {
  /** Tabs open at once (default 2). */
  concurrency?: number;
  /**
   * A CSS selector of apps that route their own links by script (Redoc's `#redoc`): links
   * inside them are not crawled for more links (they need a test that clicks them), but each
   * rendered one is opened directly, as a new tab would, and must load.
   */
  scriptRouted?: string;
}

/** Paths that are pages rather than assets: `.html`, a folder, or no extension at all. */
function isPage(url: URL): boolean {
  return /(?:\/|\.html|\/[^./]+)$/.test(url.pathname);
}

function withoutFragment(url: URL): string {
  return `${url.origin}${url.pathname}${url.search}`;
}

/**
 * Opens `start` and every same-origin page reachable from it by links; checks that each link
 * answers 200, that each `#fragment` names an element of its page, and that no page asks for
 * something that is not there.
 *
 * @example
 * const { pages, broken } = await crawlSite(context, `${server.origin}/`);
 * expect(broken).toEqual([]);
 */
export async function crawlSite(
  context: BrowserContext,
  start: string,
  options: CrawlOptions = {},
): Promise<CrawlResult> {
  const origin = new URL(start).origin;
  const result: CrawlResult = {
    pages: new Map(),
    broken: [],
    pageErrors: [],
    external: new Set(),
    scriptRoutedLinks: new Set(),
  };
  const routed = new Map<string, string>();
  const queued = new Set<string>([withoutFragment(new URL(start))]);
  const queue = [...queued];
  const fragments: { url: URL; from: string }[] = [];
  const assets = new Map<string, string>();

  const follow = (href: string, from: string) => {
    const url = new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    if (url.origin !== origin) {
      result.external.add(url.href);
      return;
    }
    if (url.hash.length > 1) fragments.push({ url, from });
    const target = withoutFragment(url);
    if (!isPage(url)) {
      if (!assets.has(target)) assets.set(target, from);
      return;
    }
    if (queued.has(target)) return;
    queued.add(target);
    queue.push(target);
  };

  const visit = async (tab: Page, url: string) => {
    let status = 0;
    try {
      status = (await tab.goto(url, { waitUntil: 'load', timeout: 60_000 }))?.status() ?? 0;
    } catch (error) {
      result.broken.push({ url, from: '(crawl)', problem: String(error) });
      return;
    }
    const { links, routedLinks, ids } = await tab.evaluate((scriptRouted) => {
      const anchors = [...document.querySelectorAll('a[href]')] as HTMLAnchorElement[];
      const inApp = (a: Element) => scriptRouted !== '' && a.closest(scriptRouted) !== null;
      return {
        links: anchors.filter((a) => !inApp(a)).map((a) => a.href),
        routedLinks: anchors.filter(inApp).map((a) => a.href),
        ids: [...document.querySelectorAll('[id]')].map((element) => element.id),
      };
    }, options.scriptRouted ?? '');
    result.pages.set(url, { url, status, ids: new Set(ids) });
    for (const link of links) follow(link, url);
    for (const link of routedLinks) {
      if (new URL(link).origin === origin && !routed.has(link)) routed.set(link, url);
    }
  };

  const worker = async () => {
    const tab = await context.newPage();
    let current = '';
    tab.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin === origin && response.status() >= 400) {
        result.broken.push({ url: url.href, from: current, problem: `HTTP ${response.status()}` });
      }
    });
    tab.on('pageerror', (error) =>
      result.pageErrors.push({ url: current, message: error.message }),
    );
    try {
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        current = url;
        await visit(tab, url);
      }
    } finally {
      await tab.close();
    }
  };
  // Workers stop when the queue is empty, but a page still loading may add to it: go round
  // until a pass finds nothing new.
  while (queue.length > 0) {
    await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  }

  // Each in a tab of its own, as a new tab opens it: in the same tab, a link that differs only
  // by its `#` would be a same-document navigation, not a load.
  for (const [url, from] of routed) {
    result.scriptRoutedLinks.add(url);
    const tab = await context.newPage();
    try {
      const status = (await tab.goto(url, { waitUntil: 'load', timeout: 60_000 }))?.status() ?? 0;
      if (status !== 200) {
        result.broken.push({ url, from, problem: `HTTP ${status} when opened directly` });
      }
    } catch (error) {
      result.broken.push({ url, from, problem: `${String(error)} when opened directly` });
    } finally {
      await tab.close();
    }
  }

  for (const [url, from] of assets) {
    const response = await fetch(url);
    await response.body?.cancel();
    if (response.status !== 200)
      result.broken.push({ url, from, problem: `HTTP ${response.status}` });
  }
  for (const { url, from } of fragments) {
    const page = result.pages.get(withoutFragment(url));
    if (!page) continue;
    const id = decodeURIComponent(url.hash.slice(1));
    if (!page.ids.has(id))
      result.broken.push({ url: url.href, from, problem: `no element #${id}` });
  }
  return result;
}
