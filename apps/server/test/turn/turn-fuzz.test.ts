import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attr, StunClass, StunMethod } from '../../src/turn/stun-constants.ts';
import { StunWriter } from '../../src/turn/stun-writer.ts';
import { issueTurnCredentials } from '../../src/turn/turn-credentials.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { TurnTestClient } from './turn-test-client.ts';

/** Valid-looking messages to mutate: each method and class, with typical attributes. */
function seeds(): Buffer[] {
  const out: Buffer[] = [];
  const methods = Object.values(StunMethod);
  for (const method of methods) {
    for (const cls of [StunClass.Request, StunClass.Indication]) {
      out.push(
        new StunWriter(method, cls, randomBytes(12))
          .add(Attr.RequestedTransport, Buffer.from([17, 0, 0, 0]))
          .add(Attr.Username, '9999999999:fuzz')
          .add(Attr.Realm, 'yam')
          .add(Attr.Nonce, 'abc.def')
          .addXorAddress(Attr.XorPeerAddress, { ip: '127.0.0.1', port: 9 })
          .add(Attr.ChannelNumber, Buffer.from([0x40, 0x01, 0, 0]))
          .add(Attr.Data, randomBytes(16))
          .addUInt32(Attr.Lifetime, 0)
          .build({ key: randomBytes(16) }),
      );
    }
  }
  out.push(Buffer.from([0x40, 0x01, 0x00, 0x04, 1, 2, 3, 4])); // ChannelData
  return out;
}

const mutated = fc
  .tuple(
    fc.constantFrom(...seeds()),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([seed, flips, cut]) => {
    const b = Buffer.from(seed);
    for (const [at, value] of flips) b[at % b.length] = value;
    return cut === undefined ? b : b.subarray(0, cut % (b.length + 1));
  });
const packet = fc.oneof(
  fc.uint8Array({ maxLength: 600 }).map((u) => Buffer.from(u)),
  mutated,
);

describe('malformed STUN/TURN packets', () => {
  let server: TestServer;
  const errors: string[] = [];
  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk, _enc, done) {
        errors.push(String(chunk));
        done();
      },
    });
    server = await startTestServer({
      logLevel: 'error',
      logStream,
      turn: { port: 0, secret: 'fuzz', allowLoopbackPeers: true, requestsPerSecPerIp: 1e6 },
    });
  });
  afterAll(() => server?.stop());

  it('never crash the server: it still answers Binding over UDP and TCP afterwards', async () => {
    const turnPort = server.turnPort ?? 0;
    const client = await TurnTestClient.open({ ip: '127.0.0.1', port: turnPort });
    // Give the fuzzer an allocation to poke at, so Refresh/Permission/Channel paths run too.
    const c = issueTurnCredentials('fuzz', 'fuzz', 600);
    await client.allocate({ username: c.username, password: c.credential });
    const tcp = connect(turnPort, '127.0.0.1');
    tcp.on('error', () => {}); // the server may rightly close a stream of garbage
    const packets = fc.sample(packet, 3_000);
    for (let i = 0; i < packets.length; i += 100) {
      for (const p of packets.slice(i, i + 100)) {
        client.sendRaw(p);
        if (!tcp.destroyed) tcp.write(p);
      }
      // In batches, so neither side's socket buffer overflows; each batch must leave it alive.
      const alive = await client.transact(StunMethod.Binding);
      expect(alive.code).toBeUndefined();
    }
    tcp.destroy();
    const reply = await client.transact(StunMethod.Binding);
    expect(reply.code).toBeUndefined();
    expect(client.xorAddress(reply, Attr.XorMappedAddress)).toEqual(client.local);
    client.close();
    // A fresh TCP connection is answered too.
    const answer = await tcpBinding(turnPort);
    expect(answer.readUInt16BE(0)).toBe(0x0101);
    // No packet made a handler throw (those are caught and logged, so they would show here).
    expect(errors).toEqual([]);
  });
});

function tcpBinding(port: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(new StunWriter(StunMethod.Binding, StunClass.Request, randomBytes(12)).build());
    });
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data);
    });
    socket.once('error', reject);
  });
}
