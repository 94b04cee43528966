/**
 * The documentation site (VitePress). `pnpm run docs` at the repository root builds it into
 * `docs/`, then adds the spec reference (`docs/spec/`, Redocly) and the packages' API docs
 * (`docs/api/`, TypeDoc) beside it; the nav links all three. Nothing is loaded from another
 * host: the theme's fonts are bundled and search is local.
 */
import { defineConfig } from 'vitepress';

/** The parts of the site that other tools build; VitePress must not route or check them. */
const builtElsewhere = [/^\/spec\//, /^\/api\//];

export default defineConfig({
  title: 'Kantata OX for TypeScript',
  description:
    'Typed, retrying, paginating access to the Kantata OX API, and a fake of it for your tests.',
  lang: 'en',
  outDir: '../docs',
  cacheDir: '../node_modules/.cache/vitepress',
  srcExclude: ['test/**', 'templates/**', 'README.md'],
  // The reference and the API docs are built after the site; the e2e test follows every link.
  ignoreDeadLinks: builtElsewhere,
  lastUpdated: false,
  themeConfig: {
    nav: [
      { text: 'Guides', link: '/guide/getting-started', activeMatch: '^/guide/' },
      // `target: '_self'`: a full page load, not VitePress's router (these are not its pages).
      { text: 'HTTP API reference', link: '/spec/', target: '_self' },
      { text: 'Package API', link: '/api/', target: '_self' },
    ],
    sidebar: [
      {
        text: 'Guides',
        items: [
          { text: 'Getting started', link: '/guide/getting-started' },
          { text: 'Listing and includes', link: '/guide/listing-and-includes' },
          { text: 'Bulk jobs', link: '/guide/bulk-jobs' },
          { text: 'Rate limits and long jobs', link: '/guide/rate-limits' },
          { text: 'Testing with the fake', link: '/guide/testing' },
          { text: 'In a browser', link: '/guide/browsers' },
          { text: 'Upgrading when the spec changes', link: '/guide/upgrading' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'HTTP API reference', link: '/spec/', target: '_self' },
          { text: 'Package API (TypeDoc)', link: '/api/', target: '_self' },
        ],
      },
    ],
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    footer: {
      message: 'Generated from the OpenAPI spec in spec/; released under the MIT license.',
    },
  },
});
