/**
 * Redirects between two real origins (node:http servers on two loopback ports, read by the
 * platform's fetch): `Authorization` never follows a hop to another origin, and once a chain
 * has left the origin it stays off, even back home.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildEnvelope } from '@kantata-ox/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKantataClient } from '../../src/client.js';
import { membership, OM } from '../doubles/answers.js';
import { type RecordingServer, startRecordingServer } from '../doubles/loopback.js';
import { TOKEN } from '../doubles/observed.js';

const FIELDS = { member_id: 1, member_type: 'User', department_id: 2, geography_id: 3 } as const;

/** A page of one organization membership, as JSON text. */
const page = (id: string) => JSON.stringify(buildEnvelope(OM, [membership(id)]));

describe('redirects between origins (two loopback servers)', () => {
  let home: RecordingServer;
  let other: RecordingServer;
  let homeMode: (req: IncomingMessage, res: ServerResponse) => void;

  beforeAll(async () => {
    other = await startRecordingServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(page('9'));
    });
    home = await startRecordingServer((req, res) => homeMode(req, res));
  });
  afterAll(async () => {
    await home.close();
    await other.close();
  });

  function homeClient() {
    return createKantataClient({ token: TOKEN, baseUrl: `${home.origin}/api/v1`, retry: false });
  }

  it('a redirect to another port does not carry Authorization, and the result is read', async () => {
    homeMode = (_req, res) => {
      res.writeHead(302, { location: `${other.origin}/api/v1/organization_memberships` });
      res.end();
    };
    const before = other.requests.length;
    const { items } = await homeClient().organizationMemberships.list();
    expect(items.map((i) => i.id)).toEqual(['9']);
    const seen = other.requests.slice(before);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(seen[0]?.headers)).not.toContain(TOKEN);
  });

  it('a redirect to the same port under another host name (localhost) is another origin', async () => {
    const port = new URL(home.origin).port;
    let hop = 0;
    homeMode = (req, res) => {
      hop++;
      if (hop === 1) {
        res.writeHead(307, {
          location: `http://localhost:${port}/api/v1/organization_memberships`,
        });
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-saw-auth': String(req.headers.authorization !== undefined),
      });
      res.end(page('3'));
    };
    const before = home.requests.length;
    await homeClient().organizationMemberships.list();
    const seen = home.requests.slice(before);
    expect(seen.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, undefined]);
  });

  it('a same-origin redirect keeps Authorization', async () => {
    let hop = 0;
    homeMode = (_req, res) => {
      hop++;
      if (hop === 1) {
        res.writeHead(301, { location: '/api/v1/moved/organization_memberships' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(page('4'));
    };
    const before = home.requests.length;
    const { items } = await homeClient().organizationMemberships.list();
    expect(items.map((i) => i.id)).toEqual(['4']);
    const seen = home.requests.slice(before);
    expect(seen.map((r) => r.url)).toEqual([
      '/api/v1/organization_memberships',
      '/api/v1/moved/organization_memberships',
    ]);
    expect(seen.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
  });

  it('once a chain has left the origin, coming back does not restore Authorization', async () => {
    const port = new URL(home.origin).port;
    let hop = 0;
    homeMode = (_req, res) => {
      hop++;
      const next =
        hop === 1
          ? `http://localhost:${port}/api/v1/a`
          : hop === 2
            ? `${home.origin}/api/v1/b`
            : undefined;
      if (next) {
        res.writeHead(302, { location: next });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(page('5'));
    };
    const before = home.requests.length;
    await homeClient().organizationMemberships.list();
    const auth = home.requests.slice(before).map((r) => r.headers.authorization);
    expect(auth).toEqual([`Bearer ${TOKEN}`, undefined, undefined]);
  });

  it('a 307 POST to another origin resends the body without Authorization', async () => {
    const bodies: string[] = [];
    const sink = await startRecordingServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString();
      });
      req.on('end', () => {
        bodies.push(text);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(page('6'));
      });
    });
    try {
      homeMode = (_req, res) => {
        res.writeHead(307, { location: `${sink.origin}/api/v1/organization_memberships` });
        res.end();
      };
      const created = await homeClient().organizationMemberships.create(FIELDS);
      expect(created.id).toBe('6');
      expect(sink.requests[0]?.method).toBe('POST');
      expect(sink.requests[0]?.headers.authorization).toBeUndefined();
      expect(JSON.parse(bodies[0] ?? '{}')).toEqual({ organization_membership: FIELDS });
    } finally {
      await sink.close();
    }
  });
});
