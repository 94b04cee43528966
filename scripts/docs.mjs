#!/usr/bin/env node
// `pnpm run docs` (not `pnpm docs`, which is pnpm's built-in that opens a browser): builds the
// documentation site into the ignored `docs/` folder, in three parts that link each other.
//   docs/                 the guides and the landing page (VitePress, sources in site/)
//   docs/spec/index.html  the HTML reference of the OpenAPI spec (Redocly), self-contained
//   docs/api/             the API docs of the three packages (TypeDoc, typedoc.json)
// Works offline: the theme's fonts are bundled, search is local, Redoc's scripts are inlined
// instead of loaded from Redocly's CDN, and the build fails if any page or stylesheet still
// loads something from another host. The packages must be built (`pnpm build`) because their
// sources import each other's published types.
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs');
const site = join(root, 'site');
const spec = join(root, 'packages/types/openapi.json');
const specDir = join(root, 'spec');

// Telemetry and update checks would phone home; the docs build must not.
const env = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  DO_NOT_TRACK: '1',
};

/** Runs a package's bin with the current Node; exits with its status on failure. */
function runBin(fromDir, pkg, bin, args, cwd) {
  const require = createRequire(join(fromDir, 'package.json'));
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = require(manifestPath);
  const binPath = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin];
  const result = spawnSync(process.execPath, [join(dirname(manifestPath), binPath), ...args], {
    cwd,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`docs: ${bin} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

/** Every file under a folder whose name ends with one of `extensions`. */
async function filesEndingWith(dir, extensions) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && extensions.some((ext) => e.name.endsWith(ext)))
    .map((e) => join(e.parentPath, e.name));
}

/** Fails when a page or stylesheet would fetch a script, stylesheet or font from another host. */
async function assertSelfContained(dir) {
  const remote = [
    /<(?:script|link)\b[^>]*\b(?:src|href)=["']?(?:https?:)?\/\/[^"'\s>]+/gi,
    /@import\s+(?:url\()?["']?(?:https?:)?\/\/[^"'\s)]+/gi,
    /url\(\s*["']?(?:https?:)?\/\/[^"'\s)]+/gi,
  ];
  const offenders = [];
  for (const file of await filesEndingWith(dir, ['.html', '.css'])) {
    const text = await readFile(file, 'utf8');
    for (const pattern of remote) {
      for (const match of text.match(pattern) ?? []) {
        offenders.push(`${relative(root, file)}: ${match}`);
      }
    }
  }
  if (offenders.length > 0) {
    console.error(`docs: pages load remote assets:\n  ${offenders.join('\n  ')}`);
    process.exit(1);
  }
}

/**
 * Redoc 3's prerender (`build-docs`) writes the sidebar's first links (the overview, each tag)
 * as root paths, `href="/organization-memberships"`, while the page routes by hash
 * (`#/organization-memberships`, as its client-rendered links are). Hydration keeps the
 * server's href, so such a link opened in a new tab, or the page reloaded after a click, left
 * /spec/ for a 404. Its router links (marked `data-discover`) become the hash routes here.
 */
async function hashRouteReferenceLinks(file) {
  const html = await readFile(file, 'utf8');
  // Only the prerendered markup: the hydrating script after it (Redoc inlined) is left alone.
  const start = html.indexOf('<div id="redoc">');
  const end = html.indexOf('<script type="module">', start);
  if (start < 0 || end < 0) {
    console.error(`docs: ${relative(root, file)} has no prerendered #redoc markup`);
    process.exit(1);
  }
  let rewritten = 0;
  const markup = html.slice(start, end).replace(/<a\b[^>]*\bdata-discover="true"[^>]*>/g, (tag) =>
    tag.replace(/\shref="\/([^"]*)"/, (_, path) => {
      rewritten++;
      return ` href="#/${path}"`;
    }),
  );
  await writeFile(file, html.slice(0, start) + markup + html.slice(end));
  console.log(`docs: ${rewritten} reference links routed by hash`);
}

const started = performance.now();
await rm(out, { recursive: true, force: true });

console.log('docs: guides (VitePress)');
runBin(site, 'vitepress', 'vitepress', ['build', site], root);

console.log('docs: spec reference (Redocly)');
// Run from spec/ so that spec/redocly.yaml (the Redoc options) applies.
runBin(
  specDir,
  '@redocly/cli',
  'redocly',
  [
    'build-docs',
    spec,
    '--inlineBundle',
    '--template',
    join(site, 'templates/reference.hbs'),
    '--output',
    join(out, 'spec/index.html'),
  ],
  specDir,
);

await hashRouteReferenceLinks(join(out, 'spec/index.html'));

console.log('docs: package API docs (TypeDoc)');
runBin(
  root,
  'typedoc',
  'typedoc',
  ['--options', 'typedoc.json', '--readme', join(site, 'templates/api-readme.md')],
  root,
);

await assertSelfContained(out);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`docs: written to ${relative(process.cwd(), out) || '.'}/ in ${seconds} s`);
console.log('docs: to read them, `pnpm run docs:preview` serves them on http://127.0.0.1:4173/');
