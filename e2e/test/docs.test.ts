/**
 * `pnpm docs` builds a spec reference that a browser renders offline, and package API docs.
 * The reference is opened in the system's headless Chromium, served from 127.0.0.1, with
 * every request to another host blocked.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ResourceFacts, resources } from '@kantata-ox/types/resources';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from '../support/chromium.js';
import { buildDocs, repoRoot, type SpecOperation, specOperations } from '../support/docs-build.js';
import { type StaticServer, serveStatic } from '../support/docs-server.js';

const docsDir = join(repoRoot, 'docs');
const artifacts = join(repoRoot, 'e2e/test-artifacts');
const operations = await specOperations();

/** What a reader sees in an element: the rendered text, whitespace collapsed. */
function seenText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is what is under test; textContent glues "GET" to the path.
  return locator.innerText().then((text) => text.replace(/\s+/g, ' ').trim());
}

interface BlockedRequest {
  url: string;
  type: string;
}

describe('pnpm docs', () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let overview: Page;
  let menu: Locator;
  const blocked: BlockedRequest[] = [];

  /**
   * Opens the reference in a new tab of the browser, every request to another host blocked,
   * and resolves once React has hydrated the prerendered page (before that, clicks do nothing).
   */
  async function openReference(): Promise<Page> {
    if (!browser || !server) throw new Error('the browser and the docs server are not running');
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const origin = server.origin;
    await tab.route(
      (url) => url.origin !== origin && url.protocol !== 'blob:' && url.protocol !== 'data:',
      (route) => {
        blocked.push({ url: route.request().url(), type: route.request().resourceType() });
        return route.abort('internetdisconnected');
      },
    );
    await tab.goto(`${origin}/spec/index.html`, { waitUntil: 'load' });
    await tab.waitForFunction(
      () => {
        const root = document.getElementById('redoc');
        return root !== null && Object.keys(root).some((key) => key.startsWith('__react'));
      },
      undefined,
      { timeout: 30_000 },
    );
    return tab;
  }

  beforeAll(async () => {
    // First, so that a machine without Chromium fails fast with the fix in the message.
    const executablePath = findChromium();
    await buildDocs();
    server = await serveStatic(docsDir);
    browser = await launchChromium(executablePath);
    page = await openReference();
    menu = page.locator('[data-component-name="Menu/Menu"]');
    // The overview is read in a tab of its own: it is scrolled through, which changes what
    // Redoc keeps mounted, and the tests that click the sidebar must not depend on that.
    overview = await openReference();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
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
    await section.waitFor({ state: 'visible', timeout: 15_000 });
    return section;
  }

  it('renders the title of the spec', async () => {
    await expect(seenText(page.locator('h1').first())).resolves.toContain('Kantata OX API');
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
      .poll(readFurther, { timeout: 20_000, interval: 250 })
      .toContain(`${method} ${path}`);
  });

  it.each(operations)('links $operationId from the sidebar as $summary', async (op) => {
    await menu.getByRole('link', { name: op.tag, exact: true }).click();
    const link = menu.locator(`a[href$="/${op.operationId.toLowerCase()}"]`);
    await expect(seenText(link)).resolves.toBe(`${op.summary} ${op.method}`);
  });

  it.each(operations)('renders $operationId with its summary, method and path', async (op) => {
    const section = await openOperation(op);
    await expect(seenText(section.locator('h2').first())).resolves.toBe(op.summary);
    await expect(seenText(section)).resolves.toContain(`${op.method} ${op.path}`);
  });

  it('saves a screenshot of the reference as a test artifact', async () => {
    const first = operations[0];
    if (!first) throw new Error('the spec has no operations');
    const section = await openOperation(first);
    // Redoc scrolls to the operation after rendering it; shoot once it is at the top.
    await expect
      .poll(async () => Math.abs((await section.boundingBox())?.y ?? 99), { timeout: 15_000 })
      .toBeLessThan(2);
    await page.waitForTimeout(400); // the sidebar's collapse animation
    await mkdir(artifacts, { recursive: true });
    const png = await page.screenshot({ path: join(artifacts, 'spec-reference.png') });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('needs nothing from the internet: only decorative images were asked for and blocked', () => {
    // Redoc's "API docs by Redocly" badge links an image on Redocly's CDN and hides it when
    // the image fails to load; scripts, styles, fonts and data must all be local.
    expect(blocked.filter((request) => request.type !== 'image')).toEqual([]);
  });

  it('builds TypeDoc API docs whose index presents createKantataClient', async () => {
    const index = await readFile(join(docsDir, 'api/index.html'), 'utf8');
    expect(index).toContain('createKantataClient');
  });

  it('documents createKantataClient on a page of its own', async () => {
    const page = await readFile(
      join(docsDir, 'api/functions/_kantata-ox_client.createKantataClient.html'),
      'utf8',
    );
    expect(page).toContain('KantataClientOptions');
  });
});
