import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../lib/server-process.js';

describe('startServerProcess', () => {
  it('serves the fake API from a child process on 127.0.0.1 until closed', async () => {
    const server = await startServerProcess({ records: 3, token: 'test-token' });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
      const response = await fetch(`${server.url}/organization_memberships`, {
        headers: { authorization: 'Bearer test-token' },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { count: number };
      expect(body.count).toBe(3);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/organization_memberships`)).rejects.toThrow();
  });

  it('accepts memberships built from an in-process fake with the same options', async () => {
    // The bulk benchmark builds its inputs from a local copy and sends them to the server.
    const { createFakeKantata } = await import('@kantata-ox/fixtures');
    const local = createFakeKantata({ seed: 7, records: 5 });
    const server = await startServerProcess({ records: 5, seed: 7, token: local.token });
    try {
      const inputs = local.validInputs('organizationMemberships', 10);
      const response = await fetch(`${server.url}/organization_memberships`, {
        method: 'POST',
        headers: { authorization: `Bearer ${local.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ organization_memberships: inputs }),
      });
      const body = (await response.json()) as { results?: unknown[] };
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(body.results).toHaveLength(10);
    } finally {
      await server.close();
    }
  });

  it('refuses memberships built from a fake that holds more users than the server', async () => {
    // The control for the test above: a mismatch is caught, not silently accepted.
    const { createFakeKantata } = await import('@kantata-ox/fixtures');
    const local = createFakeKantata({ seed: 7, records: 40 });
    const server = await startServerProcess({ records: 1, seed: 7, token: local.token });
    try {
      const response = await fetch(`${server.url}/organization_memberships`, {
        method: 'POST',
        headers: { authorization: `Bearer ${local.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          organization_memberships: local.validInputs('organizationMemberships', 40),
        }),
      });
      expect(response.status).toBe(422);
    } finally {
      await server.close();
    }
  });

  it('starts with a latency and a rate limit, and reports the limit the server applies', async () => {
    // One request every 5 s: the second comes long before the bucket earns a token back,
    // however slow the machine.
    const server = await startServerProcess({ records: 1, latencyMs: 30, rateLimit: 0.2 });
    try {
      expect(server.rateLimit).toEqual({ requestsPerSecond: 0.2, burst: 1 });
      const get = () =>
        fetch(`${server.url}/organization_memberships`, {
          headers: { authorization: `Bearer ${server.token}` },
        });
      const started = performance.now();
      expect((await get()).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(25);
      expect((await get()).status).toBe(429);
    } finally {
      await server.close();
    }
  });

  it('reports no rate limit when started without one', async () => {
    const server = await startServerProcess({ records: 1 });
    try {
      expect(server.rateLimit).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('rejects with the server output when it cannot start', async () => {
    await expect(startServerProcess({ records: -1 })).rejects.toThrow(
      /kantata-mock did not start: exited early \(exit 2\)[\s\S]*--records/,
    );
  });

  it('takes the server down when the process that started it exits without closing it', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = [
      "import { startServerProcess } from './lib/server-process.ts';",
      'const server = await startServerProcess({ records: 1 });',
      'console.log(server.url);',
      "throw new Error('crash before close');",
    ].join('\n');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: new URL('..', import.meta.url),
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toContain('crash before close');
    const url = result.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    await expect(fetch(`${url}/organization_memberships`)).rejects.toThrow();
  });

  it('closes twice without error', async () => {
    const server = await startServerProcess({ records: 1 });
    await server.close();
    await expect(server.close()).resolves.toBeUndefined();
  });
});
