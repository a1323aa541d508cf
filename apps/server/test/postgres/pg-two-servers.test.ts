import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { claimRoom } from '../helpers/claim-room.ts';
import { b64, type Frame, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { PG_TEST_URL, pgAvailable, pgTestSchemas } from './pg-test-place.ts';

const available = await pgAvailable();
const newSchema = pgTestSchemas();
const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  for (const s of servers.splice(0)) await s.stop();
});

/** Two `yam serve --postgres` processes' worth of servers on one database (own data folders). */
async function twoServers(): Promise<[TestServer, TestServer]> {
  const postgres = { url: PG_TEST_URL, schema: newSchema() };
  const one = await startTestServer({ postgres });
  servers.push(one);
  const two = await startTestServer({ postgres });
  servers.push(two);
  return [one, two];
}

async function connect(server: TestServer, identity = createIdentity()) {
  const c = await TestClient.authenticated(server.wsUrl, identity);
  clients.push(c);
  return c;
}

describe.skipIf(!available)('two servers sharing PostgreSQL (--postgres)', () => {
  it('[P-SEQ1] [P-MEM1] a room claimed on one server is served by the other: roster, seqs and history', async () => {
    const [one, two] = await twoServers();
    const a = await connect(one);
    const bIdentity = createIdentity();
    const b = await connect(one, bIdentity);
    await claimRoom(a, 'room-1', [b]); // seq 1
    const bOnTwo = await connect(two, bIdentity);
    await a.request({ t: 'sub', rid: 1, room: 'room-1' });
    expect(await bOnTwo.request({ t: 'sub', rid: 1, room: 'room-1' })).toMatchObject({
      t: 'subscribed',
      head: 1,
    });
    const acks: Frame[] = await Promise.all([
      a.request({ t: 'pub', rid: 2, room: 'room-1', cmid: 'cmid-0001', payload: b64('x') }),
      bOnTwo.request({ t: 'pub', rid: 2, room: 'room-1', cmid: 'cmid-0002', payload: b64('y') }),
    ]);
    expect(acks.map((f) => f.seq).sort()).toEqual([2, 3]);
    const page = await bOnTwo.request({ t: 'hist', rid: 3, room: 'room-1', after: 0 });
    expect(
      page.messages
        .map((m: { cmid: string }) => m.cmid)
        .slice(1)
        .sort(),
    ).toEqual(['cmid-0001', 'cmid-0002']);
    // A stranger on the second server is no member there either. [P-MEM2]
    const stranger = await connect(two);
    expect(await stranger.request({ t: 'sub', rid: 1, room: 'room-1' })).toMatchObject({
      t: 'error',
      code: 'NOT_MEMBER',
    });
  });

  it('[P-BLOB1] [P-BLOB3] a blob uploaded to one server with a token granted by the other is served by both', async () => {
    const [one, two] = await twoServers();
    const c = await connect(one);
    const grant = await c.request({ t: 'blob.grant', rid: 1 });
    const body = new Uint8Array(2000).map((_, i) => (i * 13) % 256);
    const res = await fetch(`${two.url}/blobs`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/octet-stream',
        Authorization: `Bearer ${grant.token as string}`,
      },
      body,
    });
    expect(res.status).toBe(201);
    const { hash } = (await res.json()) as { hash: string };
    for (const server of [one, two]) {
      const got = await fetch(`${server.url}/blobs/${hash}`);
      expect(got.status).toBe(200);
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(body);
    }
  });
});
