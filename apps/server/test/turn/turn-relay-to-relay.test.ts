import { createSocket, type Socket } from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Attr, StunMethod } from '../../src/turn/stun-constants.ts';
import { getAttr, parseStunMessage } from '../../src/turn/stun-message.ts';
import type { Address } from '../../src/turn/stun-writer.ts';
import { issueTurnCredentials } from '../../src/turn/turn-credentials.ts';
import { until } from '../helpers/gated-storage.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { type Credentials, TurnTestClient } from './turn-test-client.ts';

const SECRET = 'test-secret';
const CHANNEL = 0x4000;
const creds = (clientId: string): Credentials => {
  const c = issueTurnCredentials(SECRET, clientId, 600);
  return { username: c.username, password: c.credential };
};
const alice = creds('alice');
const bob = creds('bob');

function frame(data: string): Buffer {
  const out = Buffer.alloc(4 + data.length);
  out.writeUInt16BE(CHANNEL, 0);
  out.writeUInt16BE(data.length, 2);
  out.write(data, 4);
  return out;
}

// Both browsers relayed through this server: each one's peer is the other's relayed address,
// an address of this server, which the peer filter refuses for anything else. Here loopback
// peers are NOT allowed (as in production), so 127.0.0.1 is reachable only as a relay.
describe('TURN relay to relay on the same server', () => {
  let server: TestServer;
  const clients: TurnTestClient[] = [];
  const sockets: Socket[] = [];

  async function client() {
    const c = await TurnTestClient.open({ ip: '127.0.0.1', port: server.turnPort ?? 0 });
    clients.push(c);
    return c;
  }
  async function allocate(c: TurnTestClient, who: Credentials): Promise<Address> {
    const relayed = c.xorAddress(await c.allocate(who), Attr.XorRelayedAddress);
    if (!relayed) throw new Error('no relayed address');
    return relayed;
  }
  /** A plain UDP socket on 127.0.0.1 (optionally on `port`), recording what it gets. */
  async function listener(port = 0) {
    const socket = createSocket('udp4');
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.bind(port, '127.0.0.1', resolve));
    const received: Buffer[] = [];
    socket.on('message', (data) => received.push(data));
    return { socket, received, port: socket.address().port };
  }
  /** Alice and Bob allocated, each with CHANNEL bound to the other's relayed address. */
  async function pair() {
    const a = await client();
    const b = await client();
    const aRelay = await allocate(a, alice);
    const bRelay = await allocate(b, bob);
    expect((await a.bindChannel(alice, CHANNEL, bRelay)).code).toBeUndefined();
    expect((await b.bindChannel(bob, CHANNEL, aRelay)).code).toBeUndefined();
    return { a, b, aRelay, bRelay };
  }

  beforeEach(async () => {
    clients.length = 0;
    sockets.length = 0;
    server = await startTestServer({
      turn: { port: 0, secret: SECRET, host: '127.0.0.1', relayHost: '127.0.0.1' },
    });
  });
  afterEach(async () => {
    for (const c of clients) c.close();
    for (const s of sockets) s.close();
    await server?.stop();
  });

  it('relays ChannelData from one allocation to the other and back', async () => {
    const { a, b } = await pair();
    a.sendRaw(frame('to bob'));
    await until(() => b.received.length > 0);
    expect(b.received[0]).toEqual(frame('to bob'));
    b.sendRaw(frame('to alice'));
    await until(() => a.received.length > 0);
    expect(a.received[0]).toEqual(frame('to alice'));
  });

  it('relays a Send indication to the other relay as a Data indication from the sender relay', async () => {
    const a = await client();
    const b = await client();
    const aRelay = await allocate(a, alice);
    const bRelay = await allocate(b, bob);
    expect((await a.permit(alice, bRelay)).code).toBeUndefined();
    expect((await b.permit(bob, aRelay)).code).toBeUndefined();
    a.sendTo(bRelay, Buffer.from('hello bob'));
    await until(() => b.received.length > 0);
    const msg = parseStunMessage(b.received[0] as Buffer);
    expect(msg?.method).toBe(StunMethod.Data);
    expect(getAttr(msg!, Attr.Data)?.toString()).toBe('hello bob');
    expect(b.xorAddress({ msg: msg!, code: undefined }, Attr.XorPeerAddress)).toEqual(aRelay);
  });

  it('refuses other ports of its own address: the TURN port, a free port', async () => {
    const a = await client();
    await allocate(a, alice);
    const other = await listener();
    const turnPort = { ip: '127.0.0.1', port: server.turnPort ?? 0 };
    expect((await a.permit(alice, turnPort)).code).toBe(403);
    expect((await a.permit(alice, { ip: '127.0.0.1', port: other.port })).code).toBe(403);
    expect((await a.bindChannel(alice, CHANNEL, turnPort)).code).toBe(403);
  });

  it('a relay-only permission reaches no other port: Send indications and a channel whose relay is gone', async () => {
    const { a, b, bRelay } = await pair();
    // Alice holds a permission for 127.0.0.1 (via Bob's relay): a Send to another port is refused.
    const victim = await listener();
    a.sendTo({ ip: '127.0.0.1', port: victim.port }, Buffer.from('to a local service'));
    // Bob's allocation goes; someone binds its port. Alice's channel still names it.
    expect(
      (await b.authed(StunMethod.Refresh, bob, (w) => w.addUInt32(Attr.Lifetime, 0))).code,
    ).toBeUndefined();
    const squatter = await listener(bRelay.port);
    a.sendRaw(frame('to whoever has the port now'));
    // The server handles Alice's packets in order: once this answers, both were handled.
    await a.transact(StunMethod.Binding);
    expect(victim.received).toEqual([]);
    expect(squatter.received).toEqual([]);
  });

  it('drops datagrams from its own address arriving at a relay-only relay through the kernel', async () => {
    const { a, aRelay } = await pair();
    const local = await listener();
    local.socket.send('spoofed from a local service', aRelay.port, '127.0.0.1');
    const sentinel = await client();
    await sentinel.transact(StunMethod.Binding);
    // In-process traffic from Bob still arrives; the local datagram does not.
    clients[1]?.sendRaw(frame('from bob'));
    await until(() => a.received.length > 0);
    await a.transact(StunMethod.Binding);
    expect(a.received).toEqual([frame('from bob')]);
  });
});
