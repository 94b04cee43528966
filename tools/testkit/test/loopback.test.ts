import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, startLoopbackServer } from '../src/loopback.js';

describe('startLoopbackServer', () => {
  it('answers on 127.0.0.1 and a port of its own', async () => {
    const server = await startLoopbackServer((req, res) => res.end(`hello ${req.url}`));
    try {
      expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.port).toBeGreaterThan(0);
      expect(await (await fetch(`${server.origin}/x`)).text()).toBe('hello /x');
    } finally {
      await server.close();
    }
  });

  it('closes at once even with a keep-alive connection open, and closes twice', async () => {
    const server = await startLoopbackServer((_req, res) => res.end('ok'));
    // fetch keeps the connection alive: server.close() alone would wait for it to time out.
    await (await fetch(server.origin)).text();
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(server.close()).resolves.toBeUndefined();
    await expect(fetch(server.origin)).rejects.toThrow();
  });

  it('passes maxHeaderSize to node:http', async () => {
    const server = await startLoopbackServer((_req, res) => res.end('ok'), {
      maxHeaderSize: 1024,
    });
    try {
      const response = await fetch(server.origin, { headers: { 'x-big': 'a'.repeat(4096) } });
      expect(response.status).toBe(431);
    } finally {
      await server.close();
    }
  });
});

describe('freePort', () => {
  it('gives a port that can be bound on 127.0.0.1', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
    expect(port).toBeGreaterThan(0);
  });
});
