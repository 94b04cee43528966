#!/usr/bin/env node
// `pnpm docs`: builds the documentation into the ignored `docs/` folder.
//   docs/index.html       a landing page linking the two below
//   docs/spec/index.html  the HTML reference of the OpenAPI spec (Redocly), self-contained
//   docs/api/             the API docs of the three packages (TypeDoc, typedoc.json)
// Works offline: Redoc's scripts are inlined instead of loaded from Redocly's CDN, and the
// build fails if any page still loads a script from elsewhere. The packages must be built
// (`pnpm build`) because their sources import each other's published types.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs');
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

/** Every HTML file under a folder. */
async function htmlFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));
}

/** Fails when a page would fetch a script or stylesheet from another host. */
async function assertSelfContained(dir) {
  const remote = /<(?:script|link)\b[^>]*\b(?:src|href)=["']?(?:https?:)?\/\/[^"'\s>]+/gi;
  const offenders = [];
  for (const file of await htmlFiles(dir)) {
    const matches = (await readFile(file, 'utf8')).match(remote) ?? [];
    for (const match of matches) offenders.push(`${relative(root, file)}: ${match}`);
  }
  if (offenders.length > 0) {
    console.error(`docs: pages load remote assets:\n  ${offenders.join('\n  ')}`);
    process.exit(1);
  }
}

// The front page of the TypeDoc output (the packages have their own READMEs).
const apiReadme = `# Kantata OX packages

API documentation of the TypeScript packages generated from the Kantata OX OpenAPI spec.
The HTTP API itself is described by the spec reference in \`docs/spec/index.html\`.

- **@kantata-ox/client**: \`createKantataClient\`, a typed client with retries, pagination and
  bulk create.
- **@kantata-ox/types**: the generated types of every path, operation and schema.
- **@kantata-ox/fixtures**: test data, validators and a fake Kantata API (\`fetch\`, MSW, HTTP).

\`\`\`ts
import { createKantataClient } from '@kantata-ox/client';

const kantata = createKantataClient({ token: process.env.KANTATA_TOKEN! });
const { items } = await kantata.organizationMemberships.list({ include: ['department'] });
\`\`\`
`;

const landing = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Kantata OX documentation</title></head>
<body>
<h1>Kantata OX documentation</h1>
<ul>
<li><a href="spec/index.html">API reference</a> (the OpenAPI spec)</li>
<li><a href="api/index.html">Package API docs</a> (@kantata-ox/client, types, fixtures)</li>
</ul>
</body>
</html>
`;

await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'spec'), { recursive: true });

console.log('docs: spec reference (Redocly)');
// Run from spec/ so that spec/redocly.yaml (the Redoc options) applies.
runBin(
  specDir,
  '@redocly/cli',
  'redocly',
  ['build-docs', spec, '--inlineBundle', '--output', join(out, 'spec/index.html')],
  specDir,
);

console.log('docs: package API docs (TypeDoc)');
const scratch = join(tmpdir(), `kantata-docs-${process.pid}`);
await mkdir(scratch, { recursive: true });
const readme = join(scratch, 'README.md');
await writeFile(readme, apiReadme);
try {
  runBin(root, 'typedoc', 'typedoc', ['--options', 'typedoc.json', '--readme', readme], root);
} finally {
  await rm(scratch, { recursive: true, force: true });
}

await writeFile(join(out, 'index.html'), landing);
await assertSelfContained(out);
console.log(`docs: written to ${relative(process.cwd(), out) || '.'}/`);
