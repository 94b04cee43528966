import { expect, it } from 'vitest';
import { runTour } from '../tour.js';

it('runs every operation against the fake API and reports it', async () => {
  const lines: string[] = [];
  const requests = await runTour({ log: (line) => lines.push(line) });
  const output = lines.join('\n');

  expect(output).toContain('250 created, 0 failed, in 3 requests');
  expect(output).toMatch(/250 memberships: /);
  expect(output).toMatch(/get {4}#\d+: User/);
  expect(output).toMatch(/update #\d+: moved to/);
  expect(output).toMatch(/delete #\d+: done \(204\)/);
  expect(output).toContain('createMany: 12 created in 1 request');
  expect(output).toMatch(/422 → KantataApiError: POST \/organization_memberships failed with 422/);
  expect(output).toMatch(
    /404 → KantataApiError: GET \/organization_memberships\/\d+ failed with 404/,
  );
  expect(output).toMatch(/Summary: 17 requests \(5 POST, 9 GET, 1 PUT, 2 DELETE\), 0 retries/);
  // Every operation of the spec, however many it has.
  expect(output).toMatch(/ — (\d+) of the spec's \1 operations exercised\./);
  expect(requests).toBe(17);
});
