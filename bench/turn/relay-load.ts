import { createSocket, type Socket } from 'node:dgram';
import { issueTurnCredentials } from '@yam/server';
import { Attr } from '../../apps/server/src/turn/stun-constants.ts';
import type { Address } from '../../apps/server/src/turn/stun-writer.ts';
import { type Credentials, TurnTestClient } from '../../apps/server/test/turn/turn-test-client.ts';
import { readCpuMs } from '../proc-stats.ts';
import type { BenchTurnServer } from './turn-servers.ts';

export type RelayLoadOptions = {
  /** Payload bytes per ChannelData message (the 4-byte ChannelData header comes on top). */
  size: number;
  /** Measured time, after `warmupMs`. */
  seconds: number;
  warmupMs: number;
  /** Messages in flight (sent, not yet at the peer): a closed loop gives steady figures. */
  window: number;
  /**
   * `peer`: client → TURN → a plain UDP peer (one pass through the server). `relay`: client A
   * → A's allocation → B's allocation → client B as ChannelData, both on the same server
   * (two passes, both directions of the relay code): what a relayed data channel crosses.
   */
  path: RelayPath;
};

export type RelayPath = 'peer' | 'relay';

export type RelayLoadResult = {
  server: string;
  size: number;
  path: RelayPath;
  /** Messages delivered to the peer per second during the measured time. */
  packetsPerSec: number;
  /** Payload bits delivered to the peer per second, in Mbit/s. */
  mbitPerSec: number;
  sent: number;
  delivered: number;
  /** Share of all messages sent that never reached the peer. */
  lossRatio: number;
  /** Server CPU time (user + system, all threads) per delivered message, in µs. */
  cpuUsPerPacket: number;
  /** Server CPU use during the measured time, in % of one core. */
  serverCpuPct: number;
};

const CHANNEL = 0x4000;
// With no delivery for this long, the messages in flight count as lost and the window reopens.
const STALL_MS = 20;

/**
 * One allocation on `server`, a channel bound to a UDP peer socket in this process, then
 * ChannelData messages keeping `window` in flight; counts what reaches the peer.
 */
export async function measureRelay(
  server: BenchTurnServer,
  options: RelayLoadOptions,
): Promise<RelayLoadResult> {
  const client = await TurnTestClient.open({ ip: '127.0.0.1', port: server.port });
  const creds = credentials(server);
  if (options.path === 'relay') {
    // B binds the same channel number back to A's relay, as a browser does after ICE.
    const other = await TurnTestClient.open({ ip: '127.0.0.1', port: server.port });
    try {
      const a = await allocate(client, server, creds);
      const b = await allocate(other, server, creds);
      await bindChannel(client, server, creds, b);
      await bindChannel(other, server, creds, a);
      return await blast(client, other.socket, server, options);
    } finally {
      client.close();
      other.close();
    }
  }
  const peer = createSocket('udp4');
  try {
    await new Promise<void>((resolve) => peer.bind(0, '127.0.0.1', resolve));
    await allocate(client, server, creds);
    await bindChannel(client, server, creds, { ip: '127.0.0.1', port: peer.address().port });
    return await blast(client, peer, server, options);
  } finally {
    client.close();
    peer.close();
  }
}

function credentials(server: BenchTurnServer): Credentials {
  const issued = issueTurnCredentials(server.secret, `bench-${process.pid}`, 600);
  return { username: issued.username, password: issued.credential };
}

/** Allocates; returns the relayed address. */
async function allocate(client: TurnTestClient, server: BenchTurnServer, creds: Credentials) {
  const alloc = await client.allocate(creds);
  const relayed = client.xorAddress(alloc, Attr.XorRelayedAddress);
  if (alloc.code !== undefined || !relayed) {
    throw new Error(`${server.name}: Allocate failed (${alloc.code})`);
  }
  return relayed;
}

async function bindChannel(
  client: TurnTestClient,
  server: BenchTurnServer,
  creds: Credentials,
  peer: Address,
) {
  const bound = await client.bindChannel(creds, CHANNEL, peer);
  if (bound.code !== undefined)
    throw new Error(`${server.name}: ChannelBind failed (${bound.code})`);
}

/** Keeps the window full from `client`; counts what reaches `peer` (a socket of this process). */
function blast(
  client: TurnTestClient,
  peer: Socket,
  server: BenchTurnServer,
  options: RelayLoadOptions,
): Promise<RelayLoadResult> {
  const frame = Buffer.alloc(4 + options.size, 0x61);
  frame.writeUInt16BE(CHANNEL, 0);
  frame.writeUInt16BE(options.size, 2);
  const { ip, port } = client.server;
  let sent = 0;
  let delivered = 0;
  let writtenOff = 0;
  let running = true;
  let measuredFrom = 0;
  let atStart = 0;
  let cpuAtStart = 0;
  const cpuMs = () => (server.pid === undefined ? Promise.resolve(0) : readCpuMs(server.pid));
  const pump = () => {
    while (running && sent - delivered - writtenOff < options.window) {
      client.socket.send(frame, port, ip);
      sent++;
    }
  };
  peer.on('message', () => {
    delivered++;
    pump();
  });
  let lastDelivered = -1;
  const watchdog = setInterval(() => {
    if (delivered === lastDelivered) {
      writtenOff = sent - delivered;
      pump();
    }
    lastDelivered = delivered;
  }, STALL_MS);
  return new Promise((resolve) => {
    setTimeout(async () => {
      cpuAtStart = await cpuMs();
      measuredFrom = performance.now();
      atStart = delivered;
      setTimeout(async () => {
        const elapsed = (performance.now() - measuredFrom) / 1000;
        const count = delivered - atStart;
        const cpuUsed = (await cpuMs()) - cpuAtStart;
        running = false;
        // Late arrivals still count against loss, not against the rate.
        setTimeout(() => {
          clearInterval(watchdog);
          peer.removeAllListeners('message');
          const packetsPerSec = count / elapsed;
          resolve({
            server: server.name,
            size: options.size,
            path: options.path,
            packetsPerSec,
            mbitPerSec: (packetsPerSec * options.size * 8) / 1e6,
            sent,
            delivered,
            lossRatio: sent === 0 ? 0 : (sent - delivered) / sent,
            cpuUsPerPacket: count === 0 ? Number.NaN : (cpuUsed * 1000) / count,
            serverCpuPct: cpuUsed / 10 / elapsed,
          });
        }, 200);
      }, options.seconds * 1000);
    }, options.warmupMs);
    pump();
  });
}
