/**
 * The example app as a front-end team runs it: built by `vite build`, served by `vite preview`
 * on 127.0.0.1 and opened in Debian's headless Chromium, three ways:
 *
 * - `msw`: the `msw` mode's build, the fake API in the page's service worker;
 * - `proxy`: the production build, calling its own origin's `/api/v1`, which `vite preview`'s
 *   proxy forwards to `kantata-mock` with the token (the part your backend plays);
 * - `cors`: the `mock` mode's build, calling `kantata-mock --cors` on another origin.
 *
 * Each run must end with every operation's expected outcome. The production bundle must hold
 * no msw code, and its size and the preflights of the `cors` run are measured, printed, and
 * compared with the figures of the browser guide (site/guide/browsers.md).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchChromium } from '@kantata-ox/testkit/chromium';
import { run, runOk, type StartedProcess, startProcess } from '@kantata-ox/testkit/process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../../../scripts/chromium.mjs';
import type { Outcome } from '../src/scenario.js';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const guide = join(appDir, '../../site/guide/browsers.md');
const require = createRequire(import.meta.url);
const bin = (pkg: string, name: string): string => {
  const manifest = require.resolve(`${pkg}/package.json`);
  const bins = (require(manifest) as { bin: Record<string, string> }).bin;
  return join(dirname(manifest), bins[name] ?? '');
};
const vite = bin('vite', 'vite');
const kantataMock = bin('@kantata-ox/fixtures', 'kantata-mock');

/** Generous bounds: a machine ten times slower than a laptop still passes. */
const PAGE_DONE_MS = 120_000;
const START_MS = 60_000;
const RECORDS = 20;

/**
 * The environment of every command: no test mode (vitest's NODE_ENV=test would make
 * `vite build` a development build), no colours, and none of the developer's own settings.
 */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of Object.keys(env)) {
    if (/^(NODE_ENV|FORCE_COLOR|VITE_|KANTATA_)/.test(name)) delete env[name];
  }
  return { ...env, ...extra };
}

const out = mkdtempSync(join(tmpdir(), 'kantata-browser-example-'));
const started: StartedProcess[] = [];
let browser: Awaited<ReturnType<typeof launchChromium>>;
const counts = { passed: 0, planned: 0 };

async function build(name: string, mode: string, env: Record<string, string> = {}) {
  const dir = join(out, name);
  await runOk(
    process.execPath,
    [vite, 'build', '--mode', mode, '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: appDir, env: cleanEnv(env), timeoutMs: START_MS },
  );
  return dir;
}

/** `vite preview` of a built folder on a free port of 127.0.0.1; resolves to its origin. */
async function preview(dir: string, env: Record<string, string> = {}): Promise<string> {
  const server = await startProcess(
    process.execPath,
    [vite, 'preview', '--outDir', dir, '--host', '127.0.0.1', '--port', '0', '--strictPort'],
    {
      name: 'vite preview',
      cwd: appDir,
      env: cleanEnv(env),
      ready: /Local:\s+(http:\/\/127\.0\.0\.1:\d+)\//,
      startTimeoutMs: START_MS,
    },
  );
  started.push(server);
  return server.ready[1] ?? '';
}

/** `kantata-mock` with 20 records of each resource (and `--cors` when asked). */
async function mock(cors: boolean): Promise<{ origin: string; process: StartedProcess }> {
  const args = [kantataMock, '--port', '0', '--records', String(RECORDS)];
  const server = await startProcess(process.execPath, cors ? [...args, '--cors'] : args, {
    name: 'kantata-mock',
    cwd: appDir,
    env: cleanEnv(),
    ready: /kantata-mock listening on (http:\/\/\S+?)\/api\/v1/,
    startTimeoutMs: START_MS,
  });
  started.push(server);
  return { origin: server.ready[1] ?? '', process: server };
}

/** What the page shows when it is done. */
interface PageResult {
  mode: string;
  outcomes: Record<string, Outcome>;
  traffic: { calls: Record<string, number>; retries: number };
}

/** Opens `url` in a fresh context and waits until the page is done (or failed). */
async function runPage(url: string): Promise<PageResult> {
  const context = await browser.newContext();
  const logs: string[] = [];
  try {
    const page = await context.newPage();
    page.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => logs.push(`pageerror: ${error.message}`));
    await page.goto(url, { timeout: START_MS });
    const result = page.locator('#result:is([data-status="done"], [data-status="failed"])');
    await result.waitFor({ timeout: PAGE_DONE_MS });
    const text = (await result.textContent()) ?? '';
    if ((await result.getAttribute('data-status')) !== 'done') {
      throw new Error(`the page failed:\n${text}\n--- console\n${logs.join('\n')}`);
    }
    return JSON.parse(text) as PageResult;
  } finally {
    await context.close();
  }
}

/** A test whose outcome also counts towards the closing `browser example:` line. */
function check(name: string, body: () => void | Promise<void>) {
  counts.planned += 1;
  it(name, async () => {
    await body();
    counts.passed += 1;
  });
}

/** Every operation's expected outcome, checked one test each, for the page of one mode. */
function checkOutcomes(resultOf: () => PageResult) {
  const outcome = (name: string) => resultOf().outcomes[name];
  check('list with include: a page of 5, department and geography resolved', () => {
    expect(outcome('list')).toMatchObject({
      ok: true,
      count: RECORDS,
      items: 5,
      department: expect.any(String),
      geography: expect.any(String),
    });
  });
  check('listAll: every membership once, over three pages', () => {
    expect(outcome('listAll')).toEqual({ ok: true, seen: RECORDS, distinct: RECORDS });
  });
  check('create: the new membership', () => {
    expect(outcome('create')).toMatchObject({ ok: true, id: expect.any(String) });
  });
  check('createMany of 150: all created, none failed', () => {
    expect(outcome('createMany')).toEqual({ ok: true, created: 150, failed: 0, reasons: [] });
  });
  check('update: moved to another department, included', () => {
    expect(outcome('update')).toMatchObject({
      ok: true,
      movedTo: true,
      department: expect.any(String),
    });
  });
  check('delete: resolves, and the membership is gone (a 204 in a browser)', () => {
    expect(outcome('delete')).toEqual({ ok: true, resolved: true, gone: true });
  });
  check('a refused create: KantataApiError 422 naming department_id, with its request id', () => {
    expect(outcome('error422')).toEqual({
      ok: true,
      name: 'KantataApiError',
      status: 422,
      fields: ['department_id'],
      attempts: 1,
      requestId: true,
    });
  });
  check('a missing id: KantataApiError 404, with its request id', () => {
    expect(outcome('error404')).toEqual({
      ok: true,
      name: 'KantataApiError',
      status: 404,
      kantataError: true,
      attempts: 1,
      requestId: true,
    });
  });
  check('calls by method, and not one retry', () => {
    // list 1, listAll 3 pages, delete's read-back 1, the 404 1; create 1, createMany 2, the 422 1.
    expect(resultOf().traffic).toEqual({
      calls: { GET: 6, POST: 4, PUT: 1, DELETE: 1 },
      retries: 0,
    });
  });
}

/** The preflights (OPTIONS) a kantata-mock served, from its request log. */
const preflights = (server: StartedProcess): number =>
  server.output().match(/^OPTIONS \S+ 204 /gm)?.length ?? 0;

/** A figure of a table of the browser guide, by its row's label (`| label | figure |`). */
function guideFigure(label: string): string | undefined {
  const rows = readFileSync(guide, 'utf8')
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()));
  return rows.find((cells) => cells.length === 4 && cells[1] === label)?.[2];
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

let productionDir: string;
let mswDir: string;

beforeAll(async () => {
  const executablePath = ensureChromium();
  // The worker script the `msw` mode registers, generated here, never committed.
  await runOk(process.execPath, [bin('msw', 'msw'), 'init', 'public', '--no-save'], {
    cwd: appDir,
    env: cleanEnv(),
  });
  [productionDir, mswDir, browser] = await Promise.all([
    build('production', 'production'),
    build('msw', 'msw'),
    // Debian's Chromium, headless, with a fresh profile and no network of its own (--no-sandbox
    // --disable-gpu --disable-quic --no-first-run --disable-background-networking …).
    launchChromium(executablePath),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(started.map((server) => server.stop()));
  rmSync(out, { recursive: true, force: true });
  console.log(`browser example: ${counts.passed} passed, ${counts.planned - counts.passed} failed`);
});

describe('the production bundle', () => {
  const chunks = () => readdirSync(join(productionDir, 'assets')).filter((f) => f.endsWith('.js'));
  // Markers of msw's browser code, of its worker and of the fake, all present in the `msw` build.
  const markers = ['[MSW]', 'mockServiceWorker', 'kantata-mock-token'];

  check('is one JS chunk, with no msw, no worker script and no fake in it', () => {
    expect(chunks()).toHaveLength(1);
    expect(readdirSync(productionDir)).not.toContain('mockServiceWorker.js');
    const code = readFileSync(join(productionDir, 'assets', chunks()[0] ?? ''), 'utf8');
    expect(markers.filter((marker) => code.includes(marker))).toEqual([]);
    // The markers do find msw where it is: in the `msw` mode's build.
    const mswCode = readdirSync(join(mswDir, 'assets'))
      .map((file) => readFileSync(join(mswDir, 'assets', file), 'utf8'))
      .join('\n');
    expect(markers.filter((marker) => !mswCode.includes(marker))).toEqual([]);
  });

  check('cannot be built with a token bound for an API that is not on this machine', async () => {
    const refused = await run(process.execPath, [vite, 'build', '--outDir', join(out, 'refused')], {
      cwd: appDir,
      env: cleanEnv({ VITE_KANTATA_TOKEN: 'a-personal-token' }),
      timeoutMs: START_MS,
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('VITE_KANTATA_TOKEN is set for the default API');
    expect(readdirSync(out)).not.toContain('refused');
  });

  check('has the size the browser guide states', () => {
    const code = readFileSync(join(productionDir, 'assets', chunks()[0] ?? ''));
    const size = {
      minified: code.byteLength,
      gzip: gzipSync(code, { level: 9 }).byteLength,
      brotli: brotliCompressSync(code, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).byteLength,
    };
    console.log(
      `browser example bundle: ${size.minified} B minified, ${size.gzip} B gzip -9, ${size.brotli} B brotli -q 11`,
    );
    // Within 1% of the measure: a few bytes more in the client do not stale the guide, a
    // change a reader would notice (0.5 kB of 54) does.
    const near = (label: string, bytes: number) => {
      const quoted = Number.parseFloat(guideFigure(label) ?? 'NaN') * 1000;
      return Math.abs(quoted - bytes) <= bytes * 0.01 ? 'as measured' : `${kB(bytes)} measured`;
    };
    expect(
      {
        minified: near('JS chunk, minified', size.minified),
        gzip: near('gzip (level 9)', size.gzip),
        brotli: near('brotli (quality 11)', size.brotli),
      },
      'the guide\'s "Bundle size" table must show the measured size (within 1%): update it',
    ).toEqual({ minified: 'as measured', gzip: 'as measured', brotli: 'as measured' });
  });
});

describe('msw: the fake in the page’s service worker', () => {
  let result: PageResult;
  beforeAll(async () => {
    const origin = await preview(mswDir);
    result = await runPage(`${origin}/`);
  }, 300_000);
  check('runs in the msw mode', () => {
    expect(result.mode).toBe('msw');
  });
  checkOutcomes(() => result);
});

describe('proxy: the production build, through a same-origin proxy to kantata-mock', () => {
  let result: PageResult;
  let api: Awaited<ReturnType<typeof mock>>;
  beforeAll(async () => {
    api = await mock(false);
    const origin = await preview(productionDir, {
      KANTATA_PROXY_TARGET: api.origin,
      KANTATA_TOKEN: 'kantata-mock-token',
    });
    result = await runPage(`${origin}/`);
  }, 300_000);
  check('runs in production, with no preflight', () => {
    expect(result.mode).toBe('production');
    expect(preflights(api.process)).toBe(0);
    expect(guideFigure('preflights through the same-origin proxy')).toBe('0');
  });
  checkOutcomes(() => result);
});

describe('cors: the mock mode’s build, calling kantata-mock --cors on another origin', () => {
  let result: PageResult;
  let api: Awaited<ReturnType<typeof mock>>;
  beforeAll(async () => {
    api = await mock(true);
    const dir = await build('cors', 'mock', { VITE_KANTATA_BASE_URL: `${api.origin}/api/v1` });
    result = await runPage(`${await preview(dir)}/`);
  }, 300_000);
  check('runs in the mock mode, with the preflights the browser guide states', async () => {
    expect(result.mode).toBe('mock');
    const calls = Object.values(result.traffic.calls).reduce((a, b) => a + b, 0);
    console.log(`browser example cors: ${calls} calls, ${preflights(api.process)} preflights`);
    // How long a browser may keep a preflight's answer, as kantata-mock --cors sends it.
    const preflight = await fetch(`${api.origin}/api/v1/organization_memberships`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:1',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(
      {
        calls: guideFigure('calls of the scenario'),
        preflights: guideFigure('preflights of a cross-origin page'),
        maxAge: guideFigure('`Access-Control-Max-Age` of `kantata-mock --cors`'),
      },
      'the guide (Received) must show the measured figures (Expected): update its preflight table',
    ).toEqual({
      calls: String(calls),
      preflights: String(preflights(api.process)),
      maxAge: `${preflight.headers.get('access-control-max-age')} s`,
    });
  });
  checkOutcomes(() => result);
});
