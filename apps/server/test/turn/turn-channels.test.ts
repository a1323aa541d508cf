import { createSocket, type Socket } from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Attr, StunMethod } from '../../src/turn/stun-constants.ts';
import { parseStunMessage } from '../../src/turn/stun-message.ts';
import { issueTurnCredentials } from '../../src/turn/turn-credentials.ts';
import { until } from '../helpers/gated-storage.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { type Credentials, TurnTestClient } from './turn-test-client.ts';

const SECRET = 'test-secret';
const CHANNEL = 0x4000;
const alice: Credentials = (() => {
  const c = issueTurnCredentials(SECRET, 'alice', 600);
  return { username: c.username, password: c.credential };
})();

/** A ChannelData frame: header, data, then `padding` extra bytes the header does not count. */
function frame(channel: number, data: string, padding = 0, length = data.length): Buffer {
  const out = Buffer.alloc(4 + data.length + padding, 0xee);
  out.writeUInt16BE(channel, 0);
  out.writeUInt16BE(length, 2);
  out.write(data, 4);
  return out;
}

// The ChannelData fast path (no STUN parsing, allocation found by the datagram's source):
// it must relay exactly the framed bytes, and only for the 5-tuple that owns the allocation.
describe('TURN channels (UDP ChannelData)', () => {
  let server: TestServer;
  const clients: TurnTestClient[] = [];
  const sockets: Socket[] = [];

  async function client() {
    const c = await TurnTestClient.open({ ip: '127.0.0.1', port: server.turnPort ?? 0 });
    clients.push(c);
    return c;
  }
  async function peer(ip = '127.0.0.1') {
    const socket = createSocket('udp4');
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.bind(0, ip, resolve));
    const received: Buffer[] = [];
    socket.on('message', (data) => received.push(data));
    return { socket, received, address: { ip, port: socket.address().port } };
  }
  /** Alice's allocation with CHANNEL bound to a fresh peer; returns the relayed port too. */
  async function bound() {
    const c = await client();
    const relayed = c.xorAddress(await c.allocate(alice), Attr.XorRelayedAddress);
    const p = await peer();
    expect((await c.bindChannel(alice, CHANNEL, p.address)).code).toBeUndefined();
    return { c, p, relayPort: relayed?.port ?? 0 };
  }

  beforeEach(async () => {
    clients.length = 0;
    sockets.length = 0;
    server = await startTestServer({
      turn: { port: 0, secret: SECRET, allowLoopbackPeers: true },
    });
  });
  afterEach(async () => {
    for (const c of clients) c.close();
    for (const s of sockets) s.close();
    await server?.stop();
  });

  it('relays ChannelData both ways byte for byte; trailing padding is not relayed', async () => {
    const { c, p, relayPort } = await bound();
    c.sendRaw(frame(CHANNEL, 'ping!', 3));
    await until(() => p.received.length > 0);
    expect(p.received.map(String)).toEqual(['ping!']);
    p.socket.send('pong, 11 B', relayPort, '127.0.0.1');
    await until(() => c.received.length > 0);
    // Over UDP the frame is exactly header + data: no padding, the length as sent.
    expect(c.received[0]).toEqual(frame(CHANNEL, 'pong, 11 B'));
  });

  it('drops ChannelData on an unbound number, with a length past the datagram, or from another 5-tuple', async () => {
    const { c, p } = await bound();
    c.sendRaw(frame(CHANNEL + 1, 'unbound number'));
    c.sendRaw(frame(CHANNEL, 'too short', 0, 100));
    // Another socket of the same host uses Alice's channel number: it has no allocation.
    const mallory = await client();
    mallory.sendRaw(frame(CHANNEL, 'not my allocation'));
    // The server handles one socket's packets in order: once this answers, Mallory's was handled.
    await mallory.transact(StunMethod.Binding);
    c.sendRaw(frame(CHANNEL, 'last'));
    await until(() => p.received.length > 0);
    await c.transact(StunMethod.Binding);
    expect(p.received.map(String)).toEqual(['last']);
  });

  it('relays back only from permitted peers; a permitted IP on an unbound port gets a Data indication', async () => {
    const { c, relayPort } = await bound();
    const stranger = await peer('127.0.0.2');
    stranger.socket.send('no permission for 127.0.0.2', relayPort, '127.0.0.1');
    const sibling = await peer('127.0.0.1');
    sibling.socket.send('same IP, no channel', relayPort, '127.0.0.1');
    await until(() => c.received.length > 0);
    await c.transact(StunMethod.Binding);
    expect(c.received).toHaveLength(1);
    const msg = parseStunMessage(c.received[0] as Buffer);
    expect(msg?.method).toBe(StunMethod.Data);
  });
});
