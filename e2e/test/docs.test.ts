/**
 * `pnpm run docs` builds one documentation site (guides, the spec reference, the packages' API
 * docs) that a browser reads offline. The site is opened in the system's headless Chromium,
 * served from 127.0.0.1, with every request to another host blocked.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ResourceFacts, resources } from '@kantata-ox/types/resources';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownTypeScript } from '../../scripts/readme-examples.js';
import { type StaticServer, serveStatic } from '../../scripts/static-server.js';
import { findChromium, launchChromium } from '../support/chromium.js';
import {
  buildDocs,
  guidePages,
  repoRoot,
  type SpecOperation,
  specOperations,
  startDocsPreview,
} from '../support/docs-build.js';
import { type CrawlResult, crawlSite } from '../support/docs-crawl.js';

const docsDir = join(repoRoot, 'docs');
const artifacts = join(repoRoot, 'e2e/test-artifacts');
const operations = await specOperations();
const guides = guidePages();
/**
 * How long the browser may take to show what a test waits for (a page loaded, React hydrated,
 * a section rendered): bounds for a hang, not for speed. Redoc's slowest such wait is about
 * 7 s on a 2-core machine under a load of 9; this is many times that.
 */
const UI_WAIT_MS = 60_000;

/** What a reader sees in an element: the rendered text, whitespace collapsed. */
function seenText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is what is under test; textContent glues "GET" to the path.
  return locator.innerText().then((text) => text.replace(/\s+/g, ' ').trim());
}

interface BlockedRequest {
  url: string;
  type: string;
}

let server: StaticServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
const blocked: BlockedRequest[] = [];

beforeAll(async () => {
  // First, so that a machine without Chromium fails fast with the fix in the message.
  const executablePath = findChromium();
  await buildDocs();
  server = await serveStatic(docsDir);
  browser = await launchChromium(executablePath);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // Every navigation, action and wait of Playwright (30 s by default).
  context.setDefaultTimeout(UI_WAIT_MS);
  const origin = server.origin;
  await context.route(
    (url) => url.origin !== origin && url.protocol !== 'blob:' && url.protocol !== 'data:',
    (route) => {
      blocked.push({ url: route.request().url(), type: route.request().resourceType() });
      return route.abort('internetdisconnected');
    },
  );
  // The docs build (about 30 s under load, bounded by buildDocs), then Chromium's start.
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page of the site in a new tab, once it has loaded. */
async function open(path: string): Promise<Page> {
  if (!server) throw new Error('the docs server is not running');
  const tab = await context.newPage();
  await tab.goto(`${server.origin}${path}`, { waitUntil: 'load' });
  return tab;
}

async function screenshot(tab: Page, name: string): Promise<void> {
  await mkdir(artifacts, { recursive: true });
  const png = await tab.screenshot({ path: join(artifacts, name) });
  expect(png.subarray(1, 4).toString()).toBe('PNG');
}

describe('the site', () => {
  let crawl: CrawlResult;

  beforeAll(async () => {
    if (!server) throw new Error('the docs server is not running');
    crawl = await crawlSite(context, `${server.origin}/`, {
      // Redoc routes its own links (`#/tag/operation`) by script; the reference's tests below
      // click them the way a reader does.
      scriptRouted: '#redoc',
    });
    // Every page of the site, two at a time: about 95 s on a 2-core machine under a load of 9.
  }, 900_000);

  it('has no broken internal link: every page, asset and #fragment linked resolves', () => {
    expect(crawl.broken).toEqual([]);
  });

  it('links the guides, the reference and the API docs from the landing page onwards', () => {
    const paths = [...crawl.pages.keys()].map((url) => new URL(url).pathname);
    expect(paths).toContain('/');
    for (const guide of guides) expect(paths).toContain(`/guide/${guide.slug}.html`);
    expect(paths).toContain('/spec/');
    expect(paths).toContain('/api/');
    expect(paths).toContain('/api/functions/_kantata-ox_client.createKantataClient.html');
    // Every page the TypeDoc build wrote is reachable, not only the index.
    expect(paths.filter((path) => path.startsWith('/api/')).length).toBeGreaterThan(50);
  });

  it('answers every page with 200', () => {
    const failed = [...crawl.pages.values()].filter((page) => page.status !== 200);
    expect(failed.map((page) => `${page.url} ${page.status}`)).toEqual([]);
  });

  it('opens the reference sidebar links it renders as fresh page loads, under /spec/', () => {
    const opened = [...crawl.scriptRoutedLinks].map((url) => {
      const { pathname, hash } = new URL(url);
      return `${pathname}${hash}`;
    });
    // The overview and each tag; that each loads is checked with the broken links above.
    expect(opened).toContain('/spec/#/');
    expect(opened.length).toBeGreaterThanOrEqual(1 + new Set(operations.map((op) => op.tag)).size);
    expect(opened.filter((path) => !path.startsWith('/spec/#/'))).toEqual([]);
  });

  it('throws no script error on any page', () => {
    expect(crawl.pageErrors).toEqual([]);
  });

  it('needs nothing from the internet: only decorative images were asked for and blocked', () => {
    // Redoc's "API docs by Redocly" badge links an image on Redocly's CDN and hides it when
    // the image fails to load; scripts, styles, fonts and data must all be local.
    expect(blocked.filter((request) => request.type !== 'image')).toEqual([]);
  });
});

describe('pnpm run docs:preview', () => {
  it('serves the built site on 127.0.0.1: the landing page, a guide, the reference, the API docs', async () => {
    const preview = await startDocsPreview();
    try {
      for (const path of ['/', '/guide/getting-started.html', '/spec/', '/api/']) {
        const response = await fetch(`${preview.origin}${path}`);
        expect(`${path} ${response.status}`).toBe(`${path} 200`);
        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
        await response.body?.cancel();
      }
    } finally {
      await preview.stop();
    }
  });
});

describe('the landing page', () => {
  it('leads to the guides, the reference and the API docs, and is saved as a screenshot', async () => {
    const tab = await open('/');
    await expect(seenText(tab.locator('.VPHero .name'))).resolves.toBe('Kantata OX');
    const nav = tab.locator('.VPNavBar');
    for (const [text, href] of [
      ['Guides', '/guide/getting-started.html'],
      ['HTTP API reference', '/spec/'],
      ['Package API', '/api/'],
    ] as const) {
      await expect(
        nav.getByRole('link', { name: text, exact: true }).getAttribute('href'),
      ).resolves.toBe(href);
    }
    await screenshot(tab, 'docs-landing.png');
    await tab.close();
  });
});

describe.each(guides)('the guide $slug', ({ slug, file }) => {
  // Its ```ts blocks and the .ts files it includes (`<<< path`), in order.
  const examples = shownTypeScript(file, join(repoRoot, 'site'));

  it(`renders its ${examples.length} TypeScript samples as written`, async () => {
    const tab = await open(`/guide/${slug}.html`);
    const rendered = await tab.locator('.vp-doc div.language-ts pre').allInnerTexts();
    expect(rendered.map((text) => text.trimEnd())).toEqual(
      examples.map((source) => source.trimEnd()),
    );
    // Highlighted, not plain text: Shiki colours each token in a span of its own.
    expect(await tab.locator('.vp-doc div.language-ts pre span[style]').count()).toBeGreaterThan(
      examples.length,
    );
    if (slug === 'bulk-jobs') await screenshot(tab, 'docs-guide-bulk-jobs.png');
    await tab.close();
  });
});

describe('the spec reference', () => {
  let page: Page;
  let overview: Page;
  let menu: Locator;

  /** Opens the reference (or a link of it) in a new tab; resolves once React has hydrated it. */
  async function openReference(path = '/spec/'): Promise<Page> {
    const tab = await open(path);
    await tab.waitForFunction(
      () => {
        const root = document.getElementById('redoc');
        return root !== null && Object.keys(root).some((key) => key.startsWith('__react'));
      },
      undefined,
      { timeout: UI_WAIT_MS },
    );
    return tab;
  }

  beforeAll(async () => {
    page = await openReference();
    menu = page.locator('[data-component-name="Menu/Menu"]');
    // The overview is read in a tab of its own: it is scrolled through, which changes what
    // Redoc keeps mounted, and the tests that click the sidebar must not depend on that.
    overview = await openReference();
  });

  it('describes every operation of the spec', () => {
    const fromTable = (Object.values(resources) as ResourceFacts[])
      .flatMap((r) => Object.values(r.operations).map((op) => op.operationId))
      .sort();
    expect(fromTable.length).toBeGreaterThan(0);
    expect(operations.map((op) => op.operationId).sort()).toEqual(fromTable);
  });

  /** Opens an operation from the sidebar, like a reader would; returns its section. */
  async function openOperation({ operationId, tag }: SpecOperation): Promise<Locator> {
    await menu.getByRole('link', { name: tag, exact: true }).click();
    const link = menu.locator(`a[href$="/${operationId.toLowerCase()}"]`);
    await link.click();
    const anchor = ((await link.getAttribute('href')) ?? '').replace(/^#\//, '');
    const section = page.locator(`[id="${anchor}"]`);
    await section.waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    return section;
  }

  it('renders the title of the spec', async () => {
    await expect(seenText(page.locator('h1').first())).resolves.toContain('Kantata OX API');
  });

  it('lists exactly the operations of the spec in its sidebar', async () => {
    // A tab of its own: opening a tag closes the others, which the tests below must not see.
    const tab = await openReference();
    const sidebar = tab.locator('[data-component-name="Menu/Menu"]');
    const listed: string[] = [];
    for (const tag of new Set(operations.map((op) => op.tag))) {
      await sidebar.getByRole('link', { name: tag, exact: true }).click();
      const links = sidebar.locator('a[href^="#/"]');
      await links.first().waitFor({ state: 'visible', timeout: UI_WAIT_MS });
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      listed.push(...hrefs.filter((href) => href.split('/').length === 3));
    }
    await tab.close();
    expect(new Set(listed).size).toBe(operations.length);
    expect([...new Set(listed)].map((href) => href.split('/')[2]).sort()).toEqual(
      operations.map((op) => op.operationId.toLowerCase()).sort(),
    );
  });

  /**
   * Scrolls the reference one step further down, the way a reader does, and returns what the
   * page shows. Redoc mounts a section only once it comes near the viewport (an
   * IntersectionObserver), so a section far below the first screen is not in the page until
   * the reader gets close to it; steps smaller than the viewport never skip one.
   */
  async function readFurther(): Promise<string> {
    await overview.evaluate(() => window.scrollBy(0, Math.floor(window.innerHeight * 0.75)));
    return seenText(overview.locator('#api-content'));
  }

  it.each(operations)('lists $method $path on the overview', async ({ method, path }) => {
    await overview.evaluate(() => window.scrollTo(0, 0));
    await expect
      .poll(readFurther, { timeout: UI_WAIT_MS, interval: 250 })
      .toContain(`${method} ${path}`);
  });

  it.each(operations)('links $operationId from the sidebar as $summary', async (op) => {
    await menu.getByRole('link', { name: op.tag, exact: true }).click();
    const link = menu.locator(`a[href$="/${op.operationId.toLowerCase()}"]`);
    await expect(seenText(link)).resolves.toBe(`${op.summary} ${op.method}`);
  });

  it.each(operations)('renders $operationId with its summary, method and path', async (op) => {
    const section = await openOperation(op);
    // Redoc fills a section in after making it visible: read it once it has its heading.
    await expect
      .poll(() => seenText(section.locator('h2').first()), { timeout: UI_WAIT_MS })
      .toBe(op.summary);
    await expect(seenText(section)).resolves.toContain(`${op.method} ${op.path}`);
  });

  /** Every link of the sidebar: each tag opened in turn (opening one closes the others). */
  async function sidebarLinks(): Promise<string[]> {
    const tab = await openReference();
    const sidebar = tab.locator('[data-component-name="Menu/Menu"]');
    const hrefs = new Set<string>();
    const read = async () => {
      const links = sidebar.locator('a[href]');
      for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
        if (href !== null && !/^https?:/.test(href)) hrefs.add(href);
      }
    };
    await read();
    for (const tag of new Set(operations.map((op) => op.tag))) {
      await sidebar.getByRole('link', { name: tag, exact: true }).click();
      const first = operations.find((op) => op.tag === tag)?.operationId.toLowerCase();
      await sidebar.locator(`a[href$="/${first}"]`).waitFor({ state: 'visible', timeout: 15_000 });
      await read();
    }
    await tab.close();
    return [...hrefs];
  }

  /** Whether the section a `#/…` route names is on screen, at or near the top. */
  function shows(tab: Page, href: string): Promise<boolean> {
    return tab.evaluate(
      (id) => {
        const section = document.getElementById(id);
        const top = section?.getBoundingClientRect().top;
        return top !== undefined && top > -2 && top < window.innerHeight / 2;
      },
      href.replace(/^#\//, ''),
    );
  }

  it('shows the section of every sidebar link opened in a new tab', async () => {
    const hrefs = await sidebarLinks();
    const tags = new Set(operations.map((op) => op.tag)).size;
    // The overview, each tag and each operation: every one a route of the page, not a path.
    expect(hrefs.length).toBe(1 + tags + operations.length);
    expect(hrefs.filter((href) => !href.startsWith('#/'))).toEqual([]);
    for (const href of hrefs) {
      const tab = await openReference(`/spec/${href}`);
      expect(new URL(tab.url()).pathname).toBe('/spec/');
      if (href === '#/') {
        await expect(seenText(tab.locator('h1').first())).resolves.toContain('Kantata OX API');
      } else {
        await expect
          .poll(() => shows(tab, href), { timeout: 20_000, message: `${href} in a new tab` })
          .toBe(true);
      }
      await tab.close();
    }
  });

  it('shows the same operation after a reload', async () => {
    const last = operations.at(-1);
    if (!last) throw new Error('the spec has no operations');
    const tab = await openReference();
    const sidebar = tab.locator('[data-component-name="Menu/Menu"]');
    await sidebar.getByRole('link', { name: last.tag, exact: true }).click();
    await sidebar.locator(`a[href$="/${last.operationId.toLowerCase()}"]`).click();
    const href = new URL(tab.url()).hash;
    expect(href).toMatch(new RegExp(`^#/.+/${last.operationId.toLowerCase()}$`));
    await tab.reload({ waitUntil: 'load' });
    expect(new URL(tab.url()).hash).toBe(href);
    await expect.poll(() => shows(tab, href), { timeout: 20_000 }).toBe(true);
    await tab.close();
  });

  it('leads back to the rest of the site', async () => {
    const bar = page.getByRole('navigation', { name: 'Documentation site' });
    await expect(bar.getByRole('link', { name: 'Guides' }).getAttribute('href')).resolves.toBe(
      '../guide/getting-started.html',
    );
  });

  it('saves a screenshot of the reference as a test artifact', async () => {
    const first = operations[0];
    if (!first) throw new Error('the spec has no operations');
    const section = await openOperation(first);
    // Redoc scrolls to the operation after rendering it; shoot once it is at the top.
    await expect
      .poll(async () => Math.abs((await section.boundingBox())?.y ?? 99), { timeout: UI_WAIT_MS })
      .toBeLessThan(2);
    // The sidebar's collapse animation: only how the screenshot looks depends on this wait.
    await page.waitForTimeout(400);
    await screenshot(page, 'spec-reference.png');
  });
});

describe('the package API docs', () => {
  it('present createKantataClient on their index', async () => {
    const index = await readFile(join(docsDir, 'api/index.html'), 'utf8');
    expect(index).toContain('createKantataClient');
  });

  it('document createKantataClient on a page of its own', async () => {
    const page = await readFile(
      join(docsDir, 'api/functions/_kantata-ox_client.createKantataClient.html'),
      'utf8',
    );
    expect(page).toContain('KantataClientOptions');
  });

  it('lead back to the guides and the reference', async () => {
    const tab = await open('/api/');
    for (const name of ['Guides', 'HTTP API reference']) {
      await expect(tab.getByRole('link', { name, exact: true }).first().isVisible()).resolves.toBe(
        true,
      );
    }
    await tab.close();
  });
});
