import { LIMITS } from '@yam/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { claimRoom } from './helpers/claim-room.ts';
import { b64, TestClient } from './helpers/test-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

describe('edge limits', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const track = <T extends TestClient>(c: T) => {
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.stop();
  });

  it('refuses a foreign Origin with 403 and accepts same-origin, configured and absent ones', async () => {
    server = await startTestServer({ allowedOrigins: ['https://friend.example'] });
    await expect(TestClient.open(server.wsUrl, { origin: 'https://evil.example' })).rejects.toThrow(
      'status 403',
    );
    await expect(TestClient.open(server.wsUrl, { origin: 'null' })).rejects.toThrow('status 403');
    const port = new URL(server.url).port;
    for (const origin of [server.url, `https://127.0.0.1:${port}`, 'https://friend.example']) {
      const c = track(await TestClient.open(server.wsUrl, { origin }));
      expect((await c.next(() => true)).t).toBe('challenge');
    }
    const bare = track(await TestClient.open(server.wsUrl));
    expect((await bare.next(() => true)).t).toBe('challenge');
  });

  it("'*' lets Yam apps on any http(s) origin connect, but not opaque origins", async () => {
    server = await startTestServer({ allowedOrigins: ['*'] });
    const c = track(await TestClient.open(server.wsUrl, { origin: 'https://other-yam.example' }));
    expect((await c.next(() => true)).t).toBe('challenge');
    await expect(TestClient.open(server.wsUrl, { origin: 'null' })).rejects.toThrow('status 403');
  });

  it("accepts the app URL's origin", async () => {
    server = await startTestServer({ appUrl: 'https://app.example/chat/' });
    const c = track(await TestClient.open(server.wsUrl, { origin: 'https://app.example' }));
    expect((await c.next(() => true)).t).toBe('challenge');
  });

  it('[P-LIM1] a frame over maxFrameBytes closes the connection with 1009', async () => {
    server = await startTestServer();
    const c = track(await TestClient.authenticated(server.wsUrl));
    c.send('x'.repeat(LIMITS.maxFrameBytes + 1));
    expect((await c.closed).code).toBe(1009);
  });

  it('[P-LIM4] a connection flooding frames gets RATE_LIMITED, then close 1008', async () => {
    server = await startTestServer({ limits: { connectionBurst: 5, connectionRatePerSec: 0.01 } });
    const c = track(await TestClient.open(server.wsUrl));
    for (let i = 0; i < 10; i++) c.send({ t: 'sub', rid: i, room: 'r' });
    const error = await c.next((f) => f.t === 'error' && f.code === 'RATE_LIMITED');
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect((await c.closed).code).toBe(1008);
    // Exactly the burst was answered before the limit hit.
    expect(c.frames.filter((f) => f.code === 'UNAUTHENTICATED')).toHaveLength(5);
  });

  it('[P-LIM4] connections from one IP share a budget', async () => {
    server = await startTestServer({ limits: { ipBurst: 6, ipRatePerSec: 0.01 } });
    const a = track(await TestClient.open(server.wsUrl));
    const b = track(await TestClient.open(server.wsUrl));
    for (let i = 0; i < 4; i++) await a.request({ t: 'sub', rid: i, room: 'r' });
    for (let i = 0; i < 4; i++) b.send({ t: 'sub', rid: i, room: 'r' });
    expect((await b.next((f) => f.t === 'error' && f.code !== 'UNAUTHENTICATED')).code).toBe(
      'RATE_LIMITED',
    );
    expect((await b.closed).code).toBe(1008);
    expect(b.frames.filter((f) => f.code === 'UNAUTHENTICATED')).toHaveLength(2);
  });

  it('[P-ERR2] malformed frames get BAD_FRAME and the connection still publishes', async () => {
    server = await startTestServer();
    const c = track(await TestClient.authenticated(server.wsUrl));
    await claimRoom(c, 'r'); // seq 1
    await c.request({ t: 'sub', rid: 1, room: 'r' });
    c.send('{not json');
    expect((await c.next((f) => f.t === 'error')).code).toBe('BAD_FRAME');
    c.send(new Uint8Array([0xff, 0xfe, 0x00, 0x81]));
    expect((await c.next((f) => f.t === 'error')).code).toBe('BAD_FRAME');
    c.send({ t: 'nope', rid: 2 });
    expect(await c.next((f) => f.t === 'error')).toMatchObject({ code: 'BAD_FRAME', rid: 2 });
    c.send({ t: 'sub', rid: 3, room: 'bad room with spaces' });
    expect(await c.next((f) => f.t === 'error')).toMatchObject({ code: 'BAD_FRAME', rid: 3 });
    c.send({ t: 'pub', rid: 4, room: 'r', cmid: 'cmid-0001', payload: 'not base64!' });
    expect(await c.next((f) => f.t === 'error')).toMatchObject({ code: 'BAD_FRAME', rid: 4 });
    const ack = await c.request({
      t: 'pub',
      rid: 5,
      room: 'r',
      cmid: 'cmid-0001',
      payload: b64('ok'),
    });
    expect(ack).toMatchObject({ t: 'ack', seq: 2, duplicate: false });
  });

  it('[P-LIM2] an over-long payload gets PAYLOAD_TOO_LARGE and the connection stays open', async () => {
    server = await startTestServer({ limits: { maxPayloadBytes: 16 } });
    const c = track(await TestClient.authenticated(server.wsUrl));
    await claimRoom(c, 'r'); // seq 1
    await c.request({ t: 'sub', rid: 1, room: 'r' });
    const tooBig = await c.request({
      t: 'pub',
      rid: 2,
      room: 'r',
      cmid: 'cmid-0001',
      payload: b64('x'.repeat(17)),
    });
    expect(tooBig).toMatchObject({ t: 'error', code: 'PAYLOAD_TOO_LARGE' });
    // Over the protocol's own cap, caught by the schema.
    const huge = b64('x'.repeat(LIMITS.maxPayloadBytes + 3));
    const schema = await c.request({
      t: 'pub',
      rid: 3,
      room: 'r',
      cmid: 'cmid-0002',
      payload: huge,
    });
    expect(schema).toMatchObject({ t: 'error', code: 'PAYLOAD_TOO_LARGE' });
    const ok = await c.request({
      t: 'pub',
      rid: 4,
      room: 'r',
      cmid: 'cmid-0003',
      payload: b64('x'.repeat(16)),
    });
    expect(ok).toMatchObject({ t: 'ack', seq: 2 });
  });

  it('[P-LIM3] subscribing past maxRoomsPerConnection gets TOO_MANY_ROOMS, not a close', async () => {
    server = await startTestServer({ limits: { maxRoomsPerConnection: 2 } });
    const c = track(await TestClient.authenticated(server.wsUrl));
    for (const room of ['r1', 'r2', 'r3']) await claimRoom(c, room);
    expect((await c.request({ t: 'sub', rid: 1, room: 'r1' })).t).toBe('subscribed');
    expect((await c.request({ t: 'sub', rid: 2, room: 'r2' })).t).toBe('subscribed');
    expect((await c.request({ t: 'sub', rid: 3, room: 'r3' })).code).toBe('TOO_MANY_ROOMS');
    expect((await c.request({ t: 'sub', rid: 4, room: 'r1' })).t).toBe('subscribed');
    await c.request({ t: 'unsub', rid: 5, room: 'r2' });
    expect((await c.request({ t: 'sub', rid: 6, room: 'r3' })).t).toBe('subscribed');
  });

  it('refuses upgrades past maxConnections with 503', async () => {
    server = await startTestServer({ limits: { maxConnections: 1 } });
    track(await TestClient.open(server.wsUrl));
    await expect(TestClient.open(server.wsUrl)).rejects.toThrow('status 503');
  });

  it('drops a peer that stops answering pings and keeps one that answers', async () => {
    server = await startTestServer({ limits: { idleTimeoutMs: 100 } });
    const silent = new WebSocket(server.wsUrl, ['yam.v1'], { autoPong: false });
    const silentClosed = new Promise<number>((resolve) =>
      silent.on('close', (code) => resolve(code)),
    );
    const lively = track(await TestClient.open(server.wsUrl));
    let pings = 0;
    lively.ws.on('ping', () => pings++);
    expect(await silentClosed).toBe(1006);
    await new Promise<void>((resolve) => {
      const check = () => (pings >= 4 ? resolve() : setTimeout(check, 10));
      check();
    });
    expect(lively.ws.readyState).toBe(WebSocket.OPEN);
  });
});
