/** `layersOf`: the files of a stack under a source folder, one entry per layer. */
import { describe, expect, it } from 'vitest';
import { layersOf } from '../src/layers.js';

const STACK = `Error: at fetch
    at /repo/packages/client/test/x.test.ts:5:48
    at send (/repo/packages/client/src/transport/redirects.ts:85:13)
    at followRedirects (/repo/packages/client/src/transport/redirects.ts:103:24)
    at exchange (/repo/packages/client/src/transport/transport.ts:156:26)
    at call (/repo/packages/client/src/helpers/call.ts:117:29)
    at Object.helpers.create (/repo/packages/client/src/helpers/resource.ts:81:14)
    at file:///repo/node_modules/@vitest/runner/dist/chunk.js:302:11`;

describe('layersOf', () => {
  it('lists the files under the folder once per run of frames, innermost first', () => {
    expect(layersOf(STACK)).toEqual([
      'transport/redirects.ts',
      'transport/transport.ts',
      'helpers/call.ts',
      'helpers/resource.ts',
    ]);
  });

  it('takes a longer folder, and finds nothing outside it', () => {
    expect(layersOf(STACK, 'packages/client/src')).toHaveLength(4);
    expect(layersOf(STACK, 'packages/fixtures/src')).toEqual([]);
  });
});
