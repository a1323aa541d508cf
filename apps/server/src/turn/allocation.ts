import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:dgram';
import { AddressMap, canonicalIp } from './address-map.ts';
import { channelHeader, encodeChannelData } from './channel-data.ts';
import type { ClientTransport } from './client-transport.ts';
import { Attr, StunClass, StunMethod } from './stun-constants.ts';
import { type Address, StunWriter } from './stun-writer.ts';

/** Caps per allocation so one client cannot grow the server's maps without bound. */
const MAX_PERMISSIONS = 1024;

export type AllocationParts = {
  client: ClientTransport;
  relay: Socket;
  relayAddress: Address;
  username: string;
  clientId: string;
  key: Buffer;
  bandwidthBytesPerSec: number;
  lifetimeSec: number;
  onExpire(allocation: Allocation): void;
  /** Another live allocation of this server relaying on `ip`:`port` (canonical IP), if any. */
  localRelay(ip: string, port: number): Allocation | undefined;
};

type Channel = { peer: Address; expiresAt: number };

/** One TURN allocation: a relay socket, its permissions and channels, and its lifetime. */
export class Allocation {
  readonly client: ClientTransport;
  readonly relayAddress: Address;
  readonly username: string;
  readonly clientId: string;
  readonly key: Buffer;
  /** The Allocate transaction, so a retransmitted request gets the same answer (RFC 8656 §7.2). */
  allocateTransaction = '';
  allocateResponse: Buffer | undefined;
  readonly #relay: Socket;
  readonly #permissions = new Map<string, number>();
  readonly #channels = new Map<number, Channel>();
  readonly #channelByPeer = new AddressMap<number>();
  /**
   * Permitted IPs the peer filter refuses (this server's own): allowed only as the relayed
   * address of another allocation here, reached in-process; never through the kernel.
   */
  readonly #relayOnlyIps = new Set<string>();
  readonly #localRelay: (ip: string, port: number) => Allocation | undefined;
  /** This allocation's relayed address as peers see it (canonical IP). */
  readonly #source: Address;
  readonly #onExpire: (allocation: Allocation) => void;
  readonly #rate: number;
  #tokens: number;
  #lastRefill = Date.now();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(parts: AllocationParts) {
    this.client = parts.client;
    this.relayAddress = parts.relayAddress;
    this.username = parts.username;
    this.clientId = parts.clientId;
    this.key = parts.key;
    this.#relay = parts.relay;
    this.#onExpire = parts.onExpire;
    this.#rate = parts.bandwidthBytesPerSec;
    this.#tokens = this.#rate;
    this.#localRelay = parts.localRelay;
    this.#source = { ip: canonicalIp(parts.relayAddress.ip), port: parts.relayAddress.port };
    this.#relay.on('message', (data, rinfo) => {
      // Traffic from this server's own addresses comes in-process (relayTo) or not at all.
      if (this.#relayOnlyIps.size > 0 && this.#relayOnlyIps.has(rinfo.address)) return;
      this.fromPeer(data, rinfo.address, rinfo.port);
    });
    this.#relay.on('error', () => this.close());
    this.refresh(parts.lifetimeSec);
  }

  /** Restarts the lifetime; 0 deletes the allocation now. */
  refresh(lifetimeSec: number): void {
    clearTimeout(this.#timer);
    if (lifetimeSec <= 0) {
      this.close();
      return;
    }
    this.#timer = setTimeout(() => this.close(), lifetimeSec * 1000);
    this.#timer.unref();
  }

  /** Installs or refreshes a permission for a peer IP (ports are not part of it, RFC 8656 §9). */
  permit(ip: string, lifetimeSec: number, now = Date.now(), relayOnly = false): boolean {
    if (!this.#permissions.has(ip) && this.#permissions.size >= MAX_PERMISSIONS) {
      for (const [known, expiresAt] of this.#permissions) {
        if (expiresAt <= now) this.#permissions.delete(known);
      }
      if (this.#permissions.size >= MAX_PERMISSIONS) return false;
    }
    this.#permissions.set(ip, now + lifetimeSec * 1000);
    if (relayOnly) this.#relayOnlyIps.add(ip);
    return true;
  }

  hasPermission(ip: string, now = Date.now()): boolean {
    const expiresAt = this.#permissions.get(ip);
    if (expiresAt === undefined) return false;
    if (expiresAt > now) return true;
    this.#permissions.delete(ip);
    return false;
  }

  /** Binds or refreshes a channel; false when the number or the peer is bound to something else. */
  bindChannel(channel: number, peer: Address, lifetimeSec: number, now = Date.now()): boolean {
    const existing = this.#channels.get(channel);
    const byPeer = this.#channelByPeer.get(peer.ip, peer.port);
    if (existing && (existing.peer.ip !== peer.ip || existing.peer.port !== peer.port)) {
      return false;
    }
    if (byPeer !== undefined && byPeer !== channel) return false;
    this.#channels.set(channel, { peer, expiresAt: now + lifetimeSec * 1000 });
    this.#channelByPeer.set(peer.ip, peer.port, channel);
    return true;
  }

  /** Send indication or ChannelData from the client; dropped without permission or over the cap. */
  sendToPeer(peer: Address, data: Buffer, now = Date.now()): void {
    if (this.#closed || !this.hasPermission(peer.ip, now) || !this.#spend(data.length, now)) {
      return;
    }
    this.#relayTo(peer, data, 0, data.length);
  }

  /**
   * A ChannelData message from the client (RFC 8656 §12.4), parsed in place: the data goes
   * out as a view of the received datagram, with no copy and no parsed-frame object.
   * Unbound or expired channels, bad lengths and reserved numbers are dropped.
   */
  channelData(packet: Buffer, now = Date.now()): void {
    if (packet.length < 4) return;
    const number = ((packet[0] as number) << 8) | (packet[1] as number);
    const length = ((packet[2] as number) << 8) | (packet[3] as number);
    if (4 + length > packet.length) return;
    const bound = this.#channels.get(number);
    if (!bound || bound.expiresAt <= now) return;
    const { peer } = bound;
    if (this.#closed || !this.hasPermission(peer.ip, now) || !this.#spend(length, now)) return;
    this.#relayTo(peer, packet, 4, length);
  }

  /**
   * Sends `length` bytes of `data` from `offset` to a permitted peer. A peer that is another
   * allocation of this server (both ends relayed through us, the usual case when both
   * browsers need TURN) gets them in-process: one hop instead of a datagram out and back in.
   */
  #relayTo(peer: Address, data: Buffer, offset: number, length: number): void {
    const local = this.#localRelay(peer.ip, peer.port);
    if (local) {
      const view =
        offset === 0 && length === data.length ? data : data.subarray(offset, offset + length);
      local.fromPeer(view, this.#source.ip, this.#source.port);
      return;
    }
    if (this.#relayOnlyIps.size > 0 && this.#relayOnlyIps.has(peer.ip)) return;
    this.#relay.send(data, offset, length, peer.port, peer.ip);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#relay.close();
    this.#onExpire(this);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Data from peer `ip`:`port` to the client: ChannelData on a bound channel, else a Data indication. */
  fromPeer(data: Buffer, ip: string, port: number): void {
    const now = Date.now();
    if (this.#closed || !this.hasPermission(ip, now) || !this.#spend(data.length, now)) return;
    const channel = this.#channelByPeer.get(ip, port);
    const bound = channel === undefined ? undefined : this.#channels.get(channel);
    if (channel !== undefined && bound && bound.expiresAt > now) {
      if (this.client.protocol === 'tcp') {
        this.client.send(encodeChannelData(channel, data, true));
      } else {
        // UDP: header and data leave as one datagram from two buffers (no copy of the data).
        this.client.send([channelHeader(channel, data.length), data]);
      }
      return;
    }
    const peer = { ip, port };
    const indication = new StunWriter(StunMethod.Data, StunClass.Indication, randomBytes(12))
      .addXorAddress(Attr.XorPeerAddress, peer)
      .add(Attr.Data, data)
      .build({ fingerprint: false });
    this.client.send(indication);
  }

  /** Byte token bucket: one second of traffic may burst, beyond that packets drop. */
  #spend(bytes: number, now = Date.now()): boolean {
    this.#tokens = Math.min(
      this.#rate,
      this.#tokens + ((now - this.#lastRefill) * this.#rate) / 1000,
    );
    this.#lastRefill = now;
    if (this.#tokens < bytes) return false;
    this.#tokens -= bytes;
    return true;
  }
}
