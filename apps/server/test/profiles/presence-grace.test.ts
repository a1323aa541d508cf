import { createIdentity } from '@yam/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { admit } from '../helpers/claim-room.ts';
import { b64, TestClient } from '../helpers/test-client.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

describe('presence grace', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async (identity = createIdentity()) => {
    const c = await TestClient.authenticated(server.wsUrl, identity);
    clients.push(c);
    await admit(server.wsUrl, 'room-1', c);
    await c.request({ t: 'sub', rid: 1, room: 'room-1' });
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('[P-PRES1] offline comes only after the grace once the last connection closed', async () => {
    server = await startTestServer({ limits: { presenceGraceMs: 300 } });
    const a = await connect();
    const b = await connect();
    await a.next((f) => f.t === 'presence' && f.state === 'online');
    await b.close();
    // Within the grace B still counts as a member for anyone subscribing now.
    const c = await connect();
    const subscribed = c.frames.find((f) => f.t === 'subscribed');
    expect(subscribed?.members).toContain(b.ready.clientId);
    const offline = await a.next((f) => f.t === 'presence' && f.state === 'offline');
    expect(offline.clientId).toBe(b.ready.clientId);
  });

  it('[P-PRES1] a reconnect within the grace cancels offline: no flicker', async () => {
    server = await startTestServer({ limits: { presenceGraceMs: 60_000 } });
    const a = await connect();
    const bIdentity = createIdentity();
    const b1 = await connect(bIdentity);
    await a.next((f) => f.t === 'presence' && f.state === 'online');
    await b1.close();
    const b2 = await connect(bIdentity);
    await b2.request({ t: 'pub', rid: 2, room: 'room-1', cmid: 'cmid-0001', payload: b64('back') });
    await a.next((f) => f.t === 'msg');
    expect(a.frames.filter((f) => f.t === 'presence').map((f) => f.state)).toEqual(['online']);
  });

  it('[P-PRES1] unsubscribing is a deliberate leave: offline at once despite the grace', async () => {
    server = await startTestServer({ limits: { presenceGraceMs: 60_000 } });
    const a = await connect();
    const b = await connect();
    await b.request({ t: 'unsub', rid: 2, room: 'room-1' });
    const offline = await a.next((f) => f.t === 'presence' && f.state === 'offline');
    expect(offline.clientId).toBe(b.ready.clientId);
  });
});
