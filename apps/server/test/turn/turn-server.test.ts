import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Attr, StunClass, StunMethod } from '../../src/turn/stun-constants.ts';
import { getAttr, parseStunMessage } from '../../src/turn/stun-message.ts';
import { StunWriter } from '../../src/turn/stun-writer.ts';
import type { TurnOptions } from '../../src/turn/turn-config.ts';
import { issueTurnCredentials, turnPassword } from '../../src/turn/turn-credentials.ts';
import { until } from '../helpers/gated-storage.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { type Credentials, TurnTestClient } from './turn-test-client.ts';

const SECRET = 'test-secret';
const creds = (clientId: string, ttl = 600): Credentials => {
  const c = issueTurnCredentials(SECRET, clientId, ttl);
  return { username: c.username, password: c.credential };
};

describe('built-in TURN server', () => {
  let server: TestServer;
  const clients: TurnTestClient[] = [];
  const sockets: Socket[] = [];

  async function boot(turn: TurnOptions = {}) {
    server = await startTestServer({ turn: { port: 0, secret: SECRET, ...turn } });
  }
  async function client(localIp = '127.0.0.1') {
    const c = await TurnTestClient.open({ ip: '127.0.0.1', port: server.turnPort ?? 0 }, localIp);
    clients.push(c);
    return c;
  }
  async function peer() {
    const socket = createSocket('udp4');
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const received: Buffer[] = [];
    socket.on('message', (data) => received.push(data));
    return { socket, received, address: { ip: '127.0.0.1', port: socket.address().port } };
  }

  beforeEach(() => {
    clients.length = 0;
    sockets.length = 0;
  });
  afterEach(async () => {
    for (const c of clients) c.close();
    for (const s of sockets) s.close();
    await server?.stop();
  });

  it('answers Binding with the exact XOR-MAPPED-ADDRESS of the sender', async () => {
    await boot();
    const c = await client();
    const reply = await c.transact(StunMethod.Binding);
    expect(reply.code).toBeUndefined();
    expect(c.xorAddress(reply, Attr.XorMappedAddress)).toEqual(c.local);
  });

  it('challenges an Allocate without credentials with 401, REALM and NONCE', async () => {
    await boot({ realm: 'yam.test' });
    const c = await client();
    const reply = await c.transact(StunMethod.Allocate, (w) =>
      w.add(Attr.RequestedTransport, Buffer.from([17, 0, 0, 0])),
    );
    expect(reply.code).toBe(401);
    expect(getAttr(reply.msg, Attr.Realm)?.toString()).toBe('yam.test');
    expect(getAttr(reply.msg, Attr.Nonce)?.length).toBeGreaterThan(8);
  });

  it('allocates with TURN REST credentials; the response carries a valid MESSAGE-INTEGRITY', async () => {
    await boot();
    const c = await client();
    const alice = creds('alice');
    const reply = await c.allocate(alice);
    expect(reply.code).toBeUndefined();
    expect(c.verifies(reply, alice)).toBe(true);
    expect(c.xorAddress(reply, Attr.XorRelayedAddress)?.ip).toBe('127.0.0.1');
    expect(c.xorAddress(reply, Attr.XorMappedAddress)).toEqual(c.local);
    expect(getAttr(reply.msg, Attr.Lifetime)?.readUInt32BE(0)).toBe(600);
  });

  it('accepts MESSAGE-INTEGRITY-SHA256 and answers with it', async () => {
    await boot();
    const c = await client();
    c.integrity = 'sha256';
    const alice = creds('alice');
    const reply = await c.allocate(alice);
    expect(reply.code).toBeUndefined();
    expect(getAttr(reply.msg, Attr.MessageIntegritySha256)?.length).toBe(32);
    expect(getAttr(reply.msg, Attr.MessageIntegrity)).toBeUndefined();
    expect(c.verifies(reply, alice)).toBe(true);
  });

  it('deletes an allocation when its lifetime runs out', async () => {
    await boot();
    const c = await client();
    const alice = creds('alice');
    expect((await c.allocate(alice, 1)).code).toBeUndefined();
    expect((await c.permit(alice, { ip: '8.8.8.8', port: 9 })).code).toBeUndefined();
    // Poll (no fixed sleep): the same request turns into 437 once the allocation is gone.
    const deadline = Date.now() + 5_000;
    let code: number | undefined;
    while (code !== 437 && Date.now() < deadline) {
      code = (await c.permit(alice, { ip: '8.8.8.8', port: 9 })).code;
      if (code !== 437) await new Promise((r) => setTimeout(r, 100));
    }
    expect(code).toBe(437);
  });

  it('clamps the requested lifetime to 3600 s; Refresh 0 deletes the allocation', async () => {
    await boot();
    const c = await client();
    const alice = creds('alice');
    const reply = await c.allocate(alice, 99_999);
    expect(getAttr(reply.msg, Attr.Lifetime)?.readUInt32BE(0)).toBe(3600);
    const again = await c.allocate(alice);
    expect(again.code).toBe(437); // a second Allocate on the same 5-tuple
    const refresh = await c.authed(StunMethod.Refresh, alice, (w) => w.addUInt32(Attr.Lifetime, 0));
    expect(refresh.code).toBeUndefined();
    const p = await peer();
    expect((await c.permit(alice, p.address)).code).toBe(437);
    expect((await c.allocate(alice)).code).toBeUndefined();
  });

  it('refuses expired and wrong-HMAC credentials with 401', async () => {
    await boot();
    const c = await client();
    const expired = `${Math.floor(Date.now() / 1000) - 10}:alice`;
    const reply = await c.allocate({ username: expired, password: turnPassword(SECRET, expired) });
    expect(reply.code).toBe(401);
    const forged = creds('alice');
    const wrong = await c.allocate({
      username: forged.username,
      password: turnPassword('other', forged.username),
    });
    expect(wrong.code).toBe(401);
    expect((await c.allocate({ username: 'alice', password: 'x' })).code).toBe(401);
  });

  it('answers a stale nonce with 438 and a fresh nonce that then works', async () => {
    await boot();
    const c = await client();
    const alice = creds('alice');
    await c.transact(StunMethod.Allocate).catch(() => undefined);
    c.realm = 'yam';
    c.nonce = 'zzzz.not-a-nonce-of-ours';
    const stale = await c.transact(
      StunMethod.Allocate,
      (w) => w.add(Attr.RequestedTransport, Buffer.from([17, 0, 0, 0])),
      alice,
    );
    expect(stale.code).toBe(438);
    expect((await c.allocate(alice)).code).toBeUndefined(); // authed() retries with the new nonce
  });

  it("refuses CreatePermission to the server's own public TURN host (--turn-host, resolved)", async () => {
    await boot({ publicHost: '203.0.113.9' });
    const c = await client();
    const alice = creds('alice');
    await c.allocate(alice);
    expect((await c.permit(alice, { ip: '203.0.113.9', port: 9 })).code).toBe(403);
    expect((await c.permit(alice, { ip: '203.0.113.10', port: 9 })).code).toBeUndefined();
  });

  it('refuses CreatePermission to every denied range with 403', async () => {
    await boot(); // loopback NOT allowed here
    const c = await client();
    const alice = creds('alice');
    await c.allocate(alice);
    for (const ip of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.0.1',
      '100.64.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
    ]) {
      expect((await c.permit(alice, { ip, port: 9 })).code, ip).toBe(403);
    }
    const bind = await c.authed(StunMethod.ChannelBind, alice, (w) =>
      w
        .add(Attr.ChannelNumber, Buffer.from([0x40, 0x00, 0, 0]))
        .addXorAddress(Attr.XorPeerAddress, {
          ip: '10.0.0.1',
          port: 9,
        }),
    );
    expect(bind.code).toBe(403);
    expect((await c.permit(alice, { ip: '8.8.8.8', port: 9 })).code).toBeUndefined();
  });

  it('enforces the per-client and the total allocation quotas with 486', async () => {
    await boot({ maxAllocationsPerClient: 2, maxAllocations: 3 });
    const alice = creds('alice');
    const results: (number | undefined)[] = [];
    for (let i = 0; i < 3; i++) results.push((await (await client()).allocate(alice)).code);
    expect(results).toEqual([undefined, undefined, 486]);
    expect((await (await client()).allocate(creds('bob'))).code).toBeUndefined();
    expect((await (await client()).allocate(creds('carol'))).code).toBe(486); // total of 3 reached
    // Freeing one of alice's makes room again.
    const first = clients[0];
    if (!first) throw new Error('no client');
    await first.authed(StunMethod.Refresh, alice, (w) => w.addUInt32(Attr.Lifetime, 0));
    expect((await (await client()).allocate(creds('carol'))).code).toBeUndefined();
  });

  it('enforces the per-IP allocation quota over any number of identities with 486; another IP still allocates', async () => {
    await boot({ maxAllocationsPerIp: 3 });
    const results: (number | undefined)[] = [];
    for (let i = 0; i < 5; i++)
      results.push((await (await client()).allocate(creds(`id-${i}`))).code);
    expect(results).toEqual([undefined, undefined, undefined, 486, 486]);
    expect((await (await client('127.0.0.2')).allocate(creds('other-host'))).code).toBeUndefined();
    // Freeing one makes room again for that IP.
    await clients[0]!.authed(StunMethod.Refresh, creds('id-0'), (w) =>
      w.addUInt32(Attr.Lifetime, 0),
    );
    expect((await (await client()).allocate(creds('id-9'))).code).toBeUndefined();
  });

  it('drops STUN requests from one IP beyond its rate limit', async () => {
    await boot({ requestsPerSecPerIp: 5 }); // burst 10
    const c = await client();
    const requests = Array.from({ length: 40 }, () =>
      new StunWriter(StunMethod.Binding, StunClass.Request, randomBytes(12)).build(),
    );
    for (const r of requests) c.sendRaw(r);
    // Answered once tokens refill (the client retransmits): all 40 were handled before it.
    expect((await c.transact(StunMethod.Binding)).code).toBeUndefined();
    expect(c.received.length).toBeGreaterThan(0);
    expect(c.received.length).toBeLessThan(20);
  });

  it('relays Send indications to a permitted peer and Data indications back', async () => {
    await boot({ allowLoopbackPeers: true });
    const c = await client();
    const alice = creds('alice');
    const relayed = c.xorAddress(await c.allocate(alice), Attr.XorRelayedAddress);
    const p = await peer();
    c.sendTo(p.address, Buffer.from('dropped: no permission yet'));
    expect((await c.permit(alice, p.address)).code).toBeUndefined();
    c.sendTo(p.address, Buffer.from('hello peer'));
    await until(() => p.received.length > 0);
    expect(p.received.map(String)).toEqual(['hello peer']);
    p.socket.send('hello client', relayed?.port ?? 0, '127.0.0.1');
    await until(() => c.received.length > 0);
    expect(dataOf(c.received[0])).toBe('hello client');
  });

  it('drops traffic beyond the per-allocation bandwidth cap', async () => {
    await boot({ allowLoopbackPeers: true, bandwidthBytesPerSec: 1000 });
    const c = await client();
    const alice = creds('alice');
    await c.allocate(alice);
    const p = await peer();
    await c.permit(alice, p.address);
    for (let i = 0; i < 20; i++) c.sendTo(p.address, Buffer.alloc(400, i));
    // The server handles a client's packets in order: once this answer is back, all 20 were handled.
    await c.transact(StunMethod.Binding);
    await until(() => p.received.length > 0);
    await c.transact(StunMethod.Binding);
    expect(p.received.length).toBeGreaterThan(0);
    expect(p.received.length).toBeLessThan(5); // 1000 B/s lets ~2-3 of 20 x 400 B through
  });
});

/** The DATA of a Data indication. */
function dataOf(packet: Buffer | undefined): string | undefined {
  const msg = packet && parseStunMessage(packet);
  if (!msg || msg.method !== StunMethod.Data) return undefined;
  return getAttr(msg, Attr.Data)?.toString();
}
