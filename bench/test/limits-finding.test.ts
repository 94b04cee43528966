import { describe, expect, it } from 'vitest';
import { limitsFinding } from '../lib/limits-finding.js';
import { type Row, row, verdictRow } from '../lib/report.js';
import { LIMITS } from '../sections/limits.js';

const SECTION = '8. At the limits';

const verdict = (name: string, figure: string, met: boolean): Row =>
  verdictRow(SECTION, name, figure, '', met);

function limitsRows(): Row[] {
  return [
    row(SECTION, LIMITS.exportHelper, '4964 ms', '4600 ms', 1.08, 1.1),
    verdict(`${LIMITS.exportHelper}: requests answered 429`, '12 of 162 (7.4%)', false),
    row(SECTION, LIMITS.exportCapped, '5024 ms', '4600 ms', 1.09),
    row(SECTION, LIMITS.importHelper, '10.6 s', '9600 ms', 1.11, 1.1),
    verdict(`${LIMITS.importHelper}: requests answered 429`, '9 of 309 (2.9%)', true),
    row(SECTION, LIMITS.importCapped, '10.2 s', '9600 ms', 1.06),
    { ...row(SECTION, LIMITS.readAheadOne, '6227 ms', '', 1), ms: 6227 },
    { ...row(SECTION, LIMITS.readAheadFour, '2418 ms', '6227 ms', 0.39, 0.35), ms: 2418 },
  ];
}

describe('the finding of section 8', () => {
  it('fills in the figures and verdicts of the run', () => {
    const text = limitsFinding(limitsRows()) ?? '';
    expect(text).toContain('took 1.08× of the physical limit (met)');
    expect(text).toContain('met 12 of 162 (7.4%) 429s (goal ≤ 5%: missed)');
    expect(text).toContain('the import took 1.11× (missed) with 9 of 309 (2.9%) (met)');
    expect(text).toContain(
      '0.39× of one page at a time (2418 ms against 6227 ms; goal ≤ 0.35×: missed)',
    );
  });

  it('says nothing when the section did not run', () => {
    expect(limitsFinding([row('1. Overhead', 'x', '1 ms', '', 1)])).toBeUndefined();
  });
});
