import { randomBytes } from 'node:crypto';
import type { RemoteInfo, Socket } from 'node:dgram';
import { encodeChannelData } from './channel-data.ts';
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
};

type Channel = { peer: Address; expiresAt: number };

const peerKey = (a: Address) => `${a.ip}|${a.port}`;

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
  readonly #channelByPeer = new Map<string, number>();
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
    this.#relay.on('message', (data, rinfo) => this.#fromPeer(data, rinfo));
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
  permit(ip: string, lifetimeSec: number, now = Date.now()): boolean {
    if (!this.#permissions.has(ip) && this.#permissions.size >= MAX_PERMISSIONS) {
      for (const [known, expiresAt] of this.#permissions) {
        if (expiresAt <= now) this.#permissions.delete(known);
      }
      if (this.#permissions.size >= MAX_PERMISSIONS) return false;
    }
    this.#permissions.set(ip, now + lifetimeSec * 1000);
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
    const byPeer = this.#channelByPeer.get(peerKey(peer));
    if (existing && peerKey(existing.peer) !== peerKey(peer)) return false;
    if (byPeer !== undefined && byPeer !== channel) return false;
    this.#channels.set(channel, { peer, expiresAt: now + lifetimeSec * 1000 });
    this.#channelByPeer.set(peerKey(peer), channel);
    return true;
  }

  /** Send indication or ChannelData from the client; dropped without permission or over the cap. */
  sendToPeer(peer: Address, data: Buffer): void {
    if (this.#closed || !this.hasPermission(peer.ip) || !this.#spend(data.length)) return;
    this.#relay.send(data, peer.port, peer.ip);
  }

  sendOnChannel(channel: number, data: Buffer, now = Date.now()): void {
    const bound = this.#channels.get(channel);
    if (!bound || bound.expiresAt <= now) return;
    this.sendToPeer(bound.peer, data);
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

  #fromPeer(data: Buffer, rinfo: RemoteInfo): void {
    const now = Date.now();
    const ip = rinfo.address;
    if (!this.hasPermission(ip, now) || !this.#spend(data.length, now)) return;
    const peer = { ip, port: rinfo.port };
    const channel = this.#channelByPeer.get(peerKey(peer));
    const bound = channel === undefined ? undefined : this.#channels.get(channel);
    if (channel !== undefined && bound && bound.expiresAt > now) {
      this.client.send(encodeChannelData(channel, data, this.client.protocol === 'tcp'));
      return;
    }
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
