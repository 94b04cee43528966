/**
 * Section 3, memory: heap while streaming 100,000 objects through `listAll` versus
 * collecting them into an array. Each mode runs in its own `node --expose-gc` process
 * (see memory-child.ts), so one cannot leave garbage for the other.
 */
import { join } from 'node:path';
import { runOk } from '@kantata-ox/testkit/process';
import { SOURCE } from '../lib/api-facts.js';
import { benchDir } from '../lib/paths.js';
import { fmt, type Row, type SectionResult } from '../lib/report.js';

const SECTION = '3. Memory';
const FLAT_LIMIT_BYTES = 5 * 1024 * 1024;

interface ChildResult {
  mode: string;
  objects: number;
  /** Pages served, of `pageSize` objects: the API's largest page, as `listAll` asks for. */
  pages: number;
  pageSize: number;
  ms: number;
  /** Heap growth after the loop and a full GC. */
  retained: number;
  /** Largest heap growth measured after a full GC during the loop. */
  maxLive: number;
  /** Largest heap growth seen without forcing GC (includes garbage not yet collected). */
  peak: number;
}

async function runChild(mode: 'stream' | 'collect'): Promise<ChildResult> {
  const { stdout } = await runOk(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(benchDir, 'sections/memory-child.ts'), mode],
    { cwd: benchDir, timeoutMs: 10 * 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
}

export async function runMemory(): Promise<SectionResult> {
  const stream = await runChild('stream');
  const collect = await runChild('collect');
  const flat = stream.maxLive <= FLAT_LIMIT_BYTES;
  const rows: Row[] = [
    {
      section: SECTION,
      name: 'listAll, streaming 100,000 (live heap, max)',
      figure: fmt.mb(stream.maxLive),
      baseline: fmt.mb(collect.maxLive),
      ratio: stream.maxLive / collect.maxLive,
      goal: `≤ ${fmt.mb(FLAT_LIMIT_BYTES)} (flat)`,
      verdict: flat ? 'met' : 'missed',
    },
    {
      section: SECTION,
      name: 'listAll, streaming 100,000 (peak, no forced GC)',
      figure: fmt.mb(stream.peak),
      baseline: fmt.mb(collect.peak),
      ratio: stream.peak / collect.peak,
      goal: '',
      verdict: 'info',
    },
    {
      section: SECTION,
      name: 'listAll, collecting 100,000 into an array (retained)',
      figure: fmt.mb(collect.retained),
      baseline: '',
      ratio: undefined,
      goal: '',
      verdict: 'info',
    },
  ];
  return {
    rows,
    notes: [
      `Memory: ${fmt.count(stream.pages)} pages × ${stream.pageSize} (${SOURCE.page}) served by an injected fetch (fresh ids on a real page of the fake; no HTTP), one \`node --expose-gc\` child per mode. "Live heap" is \`heapUsed\` growth after a forced full GC every 25 pages; "peak" is the largest \`heapUsed\` growth seen between collections. Baseline column: the same figure when collecting. Streaming read ${fmt.count(stream.objects)} objects in ${fmt.ms(stream.ms)}, collecting in ${fmt.ms(collect.ms)} (GC pauses included).`,
    ],
  };
}
