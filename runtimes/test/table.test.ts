/** The README's table of runtimes, rendered from reports (harness/table.ts). */
import { describe, expect, it } from 'vitest';
import {
  comparableTable,
  renderTable,
  TABLE_END,
  TABLE_START,
  withTable,
} from '../harness/table.js';
import type { RunReport } from '../src/runner.js';

const report = (runtime: string, passed: boolean[]): RunReport => ({
  runtime,
  version: '1.2.3',
  fakeMode: 'a fake',
  line: '',
  results: passed.map((ok, i) => ({ name: `case ${i + 1}`, passed: ok, ms: 1 })),
});

describe('renderTable', () => {
  it('gives each runtime its version, what ran and how many passed, aligned', () => {
    expect(renderTable([{ title: 'Bun', report: report('bun', [true, true]) }])).toBe(
      [
        '| runtime | version | what ran               | passed |',
        '| ------- | ------- | ---------------------- | ------ |',
        '| Bun     | 1.2.3   | 2 cases against a fake | 2      |',
      ].join('\n'),
    );
  });

  it('names what failed, or what passed when that is shorter, and a runtime that did not run', () => {
    const table = renderTable([
      { title: 'Deno', report: report('deno', [true, false, true]) },
      { title: 'Page', report: report('page', [false, false, true]) },
      { title: 'Gone', failure: 'no binary' },
    ]);
    expect(table.split('\n').slice(-4)).toEqual([
      '',
      '- Deno: case 2',
      '- Page: every case but case 3',
      '- Gone: did not run (no binary)',
    ]);
    expect(table).toContain('| Gone    | ?       | nothing: it did not run | 0      |');
  });
});

describe('withTable', () => {
  it('puts the table between the markers, and refuses a README without them', () => {
    const readme = `# x\n\n${TABLE_START}\n\nold\n\n${TABLE_END}\n\nend\n`;
    expect(withTable(readme, 'new')).toBe(`# x\n\n${TABLE_START}\n\nnew\n\n${TABLE_END}\n\nend\n`);
    expect(() => withTable('# x\n', 'new')).toThrow(/has no/);
  });
});

describe('comparableTable', () => {
  const table = (chromium: string, passed: string) =>
    renderTable([
      { title: 'Bun (bun)', report: report('bun', [true]) },
      {
        title: 'Chromium, fake behind MSW',
        report: { ...report('chromium', passed === '1' ? [true] : [false]), version: chromium },
      },
    ]);

  it("ignores the version of Debian's Chromium and the column widths it brings", () => {
    expect(comparableTable(table('156.0.8078.129', '1'))).toBe(
      comparableTable(table('157.0.1.2', '1')),
    );
  });

  it('still tells a pinned version, a count or a failure apart', () => {
    expect(comparableTable(table('156', '1'))).not.toBe(comparableTable(table('156', '0')));
    const other = table('156', '1').replace('1.2.3', '1.2.4');
    expect(comparableTable(other)).not.toBe(comparableTable(table('156', '1')));
  });
});
