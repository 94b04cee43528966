import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The CJS build must `require('openapi-fetch').default`. This package is `type: module`, so
 * esbuild translates `import createClient from 'openapi-fetch'` with Node's ESM rules
 * (default = the whole `module.exports`), ignoring openapi-fetch's `__esModule` flag: the
 * CJS build would call an object. A small CommonJS shim hands over `.default` as the module,
 * with openapi-fetch's named exports (`createQuerySerializer`...) on it.
 */
const openapiFetchDefaultForCjs: Plugin = {
  name: 'openapi-fetch-default-for-cjs',
  setup(build) {
    const cjs = build.initialOptions.format === 'cjs';
    // tsup's own externals come first, so `noExternal` below hands openapi-fetch to us.
    build.onResolve({ filter: /^openapi-fetch$/ }, (args) =>
      !cjs || args.namespace === 'openapi-fetch-shim'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'openapi-fetch-shim' },
    );
    build.onLoad({ filter: /.*/, namespace: 'openapi-fetch-shim' }, () => ({
      contents:
        "const m = require('openapi-fetch'); module.exports = Object.assign((options) => m.default(options), m);",
      loader: 'js',
    }));
  },
};

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  // The resource table is data generated with @kantata-ox/types; bundling it keeps the
  // client's only run-time dependency openapi-fetch (types stay imported from the package).
  noExternal: ['openapi-fetch', '@kantata-ox/types/resources'],
  esbuildPlugins: [openapiFetchDefaultForCjs],
});
