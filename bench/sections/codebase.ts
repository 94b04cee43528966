/**
 * Section 9, the codebase: how deep a helper call is (the client's source files on the stack
 * where it reaches fetch, with the client's defaults), whether the public API is still the one
 * `api-report.txt` records, the mutation score of the client's last Stryker report, and the
 * pairs of duplicated lines `duplicates` finds across packages (where that tool is installed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFakeKantata, type FakeKantata, teamData } from '@kantata-ox/fixtures';
import { apiReport } from '@kantata-ox/testkit/api-report';
import { layersOf } from '@kantata-ox/testkit/layers';
import { repoRoot } from '../lib/paths.js';
import { type Row, type SectionResult, verdictRow } from '../lib/report.js';

const SECTION = '9. Codebase';
const CLIENT = join(repoRoot, 'packages/client');
/** The layers a helper call passed before issue 22 (ARCHITECTURE.md of then). */
const LAYERS_BEFORE = 8;
const MAX_LAYERS = 4;
const MIN_MUTATION_SCORE = 90;

type Client = ReturnType<typeof import('@kantata-ox/client')['createKantataClient']>;

/** A row of this section (see `verdictRow`). */
function codebaseRow(
  name: string,
  figure: string,
  baseline: string,
  goal: string,
  met: boolean | undefined,
): Row {
  return verdictRow(SECTION, name, figure, goal, met, baseline);
}

/** The client's source files on the stack at the platform fetch, for each call of `act`. */
async function layersAtFetch(
  fake: FakeKantata,
  act: (client: Client) => Promise<unknown>,
): Promise<string[]> {
  // The source, not the bundle: its frames name the files.
  const { createKantataClient } = (await import(
    pathToFileURL(join(CLIENT, 'src/index.ts')).href
  )) as typeof import('@kantata-ox/client');
  const platformFetch = globalThis.fetch;
  let stack = '';
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    stack ||= new Error('at fetch').stack ?? '';
    return fake.fetch(input, init);
  }) as typeof fetch;
  try {
    await act(
      createKantataClient({ token: fake.token, baseUrl: 'https://api.example.com/api/v1' }),
    );
  } finally {
    globalThis.fetch = platformFetch;
  }
  return layersOf(stack);
}

function layerRows(name: string, layers: readonly string[], goal: boolean): Row {
  return codebaseRow(
    name,
    `${layers.length}: ${[...layers].reverse().join(' → ')}`,
    goal ? `${LAYERS_BEFORE} before issue 22` : '',
    goal ? `≤ ${MAX_LAYERS}` : '',
    goal ? layers.length <= MAX_LAYERS : undefined,
  );
}

/** The score of the client's last Stryker report, if there is one on this machine. */
function mutationRow(): Row {
  const file = join(CLIENT, 'reports/mutation/mutation.json');
  const name = 'client mutation score (last Stryker report)';
  const goal = `≥ ${MIN_MUTATION_SCORE}%`;
  if (!existsSync(file)) {
    return codebaseRow(name, 'no report on this machine', '', goal, undefined);
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    files: Record<string, { mutants: { status: string }[] }>;
  };
  const count = (status: string) =>
    Object.values(report.files).reduce(
      (sum, f) => sum + f.mutants.filter((m) => m.status === status).length,
      0,
    );
  const detected = count('Killed') + count('Timeout');
  const valid = detected + count('Survived') + count('NoCoverage');
  const score = (100 * detected) / valid;
  const date = statSync(file).mtime.toISOString().slice(0, 10);
  return codebaseRow(
    name,
    `${score.toFixed(2)}% (${valid.toLocaleString('en-US')} mutants, report of ${date})`,
    '',
    goal,
    score >= MIN_MUTATION_SCORE,
  );
}

/** The package (or top folder) a path of the repository belongs to. */
function packageOf(path: string): string {
  const [top, second] = path.split('/');
  return top === 'packages' || top === 'tools' ? `${top}/${second}` : (top ?? path);
}

/** Pairs `duplicates` lists whose two places are in different packages. */
function duplicatesRow(): { row: Row; pairs: string[] } {
  const name = 'pairs of duplicated lines across packages (`duplicates`)';
  let output: string;
  try {
    output = execFileSync('duplicates', ['--most', '200', '--seconds', '120'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
  } catch {
    return { row: codebaseRow(name, 'tool not installed here', '', '0', undefined), pairs: [] };
  }
  const pairs = output
    .split('\n')
    .filter((line) => /^D\d+ /.test(line))
    .filter((line) => {
      const [, a = '', , b = ''] = line.split(' ');
      return packageOf(a) !== packageOf(b);
    });
  // A pair whose two places are test files, alike but for names and values: tables of data.
  const inTests = (line: string) => {
    const [, a = '', , b = ''] = line.split(' ');
    return /(^|\/)test\//.test(a) && /(^|\/)test\//.test(b) && / shape\b/.test(line);
  };
  const figure =
    pairs.length > 0 && pairs.every(inTests)
      ? `${pairs.length} (every one between test files, alike in shape only)`
      : String(pairs.length);
  return { row: codebaseRow(name, figure, '', '0', pairs.length === 0), pairs };
}

export async function runCodebase(): Promise<SectionResult> {
  const fake = createFakeKantata({ data: teamData() });
  const inputs = fake.validInputs('organizationMemberships', 3);
  const create = await layersAtFetch(fake, (c) => c.organizationMemberships.create(inputs[0]!));
  const list = await layersAtFetch(fake, (c) => c.organizationMemberships.list());
  const createMany = await layersAtFetch(fake, (c) =>
    c.organizationMemberships.createMany(inputs.slice(1)),
  );
  const reportFile = join(CLIENT, 'api-report.txt');
  const unchanged = ['index.d.ts', 'index.d.cts'].every(
    (file) =>
      apiReport(readFileSync(join(CLIENT, 'dist', file), 'utf8')) ===
      readFileSync(reportFile, 'utf8'),
  );
  const duplicates = duplicatesRow();
  return {
    rows: [
      layerRows('helper call (create): client layers down to fetch', create, true),
      layerRows('helper call (list): client layers down to fetch', list, true),
      layerRows('createMany: client layers down to its first POST', createMany, false),
      codebaseRow(
        'public API: client declarations (ESM, CJS) against api-report.txt',
        unchanged ? 'unchanged' : 'changed',
        'declarations before issue 22',
        'unchanged',
        unchanged,
      ),
      mutationRow(),
      duplicates.row,
    ],
    notes: [
      'Layers: the files of the client source on the JavaScript stack at the moment the platform fetch is called (a stub over the fake), with the client defaults (a string token, no middleware); consecutive frames of one file count once (`@kantata-ox/testkit/layers`, as `packages/client/test/resources/path.test.ts` checks). Public API: each top-level declaration of the built `dist/index.d.ts` and `.d.cts`, printed without comments in name order (`@kantata-ox/testkit/api-report`), against `packages/client/api-report.txt`, generated from the declarations before issue 22. Mutation score: (killed + timed out) / (killed + timed out + survived + not covered) of `packages/client/reports/mutation/mutation.json`, written by `pnpm --filter @kantata-ox/client test:mutation` (the client README says which run). Duplicates: pairs of places sharing six lines or more whose two sides are in different packages.',
      ...(duplicates.pairs.length > 0
        ? [`Pairs across packages: ${duplicates.pairs.map((p) => `\`${p}\``).join('; ')}.`]
        : []),
    ],
  };
}
