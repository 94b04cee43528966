/** `apiReport`: the same for the same API in another layout, different for another API. */
import { describe, expect, it } from 'vitest';
import { apiReport } from '../src/api-report.js';

const API = `import { Client } from "openapi-fetch";
/** A module comment the bundler carried along. */

/** Options. */
interface Options { token: string; }
declare const version: string;
declare function create(options: Options): Client;
export { create, type Options, version };
`;

const SAME_API_OTHER_LAYOUT = `import { Client } from "openapi-fetch";
declare function create(options: Options): Client;
// Another comment.
declare const version: string;
interface Options {
  /** The token. */
  token: string;
}
export { create, type Options, version };
`;

describe('apiReport', () => {
  it('ignores the order of declarations and every comment', () => {
    expect(apiReport(SAME_API_OTHER_LAYOUT)).toBe(apiReport(API));
    expect(apiReport(API)).not.toContain('comment');
  });

  it('changes with a member, a signature or an export', () => {
    const report = apiReport(API);
    expect(apiReport(API.replace('token: string;', 'token: string; retry?: number;'))).not.toBe(
      report,
    );
    expect(apiReport(API.replace('(options: Options)', '(options?: Options)'))).not.toBe(report);
    expect(apiReport(API.replace('type Options, version', 'type Options'))).not.toBe(report);
  });

  it('lists imports first, declarations by name, the export list last', () => {
    const lines = apiReport(API).split('\n\n');
    expect(lines[0]).toMatch(/^import/);
    // By code unit: capitals first.
    expect(lines[1]).toMatch(/^interface Options/);
    expect(lines[2]).toMatch(/^declare function create/);
    expect(lines[3]).toMatch(/^declare const version/);
    expect(lines.at(-1)).toMatch(/^export \{/);
  });
});
