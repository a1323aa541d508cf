import type { DeviceIdentity } from '@yam/crypto';
import type { ClientId, IceServer, RoomId } from '@yam/protocol';
import type { SignalInfo } from '../types.ts';
import { type DataChannelLike, whenOpen } from './data-channel.ts';
import type { PeerRoster } from './member-roster.ts';
import { type PeerConnectionFactory, PeerLink } from './peer-link.ts';
import { decodePeerSignal, encodePeerSignal, type PeerSignal } from './peer-signal.ts';

/** The part of YamClient the peer manager needs (signalling and ICE servers). */
export interface SignalTransport {
  readonly clientId: ClientId;
  signal(room: RoomId, to: ClientId, data: Uint8Array): boolean;
  iceServers(): Promise<{ iceServers: IceServer[]; expiresAt: number }>;
  on(event: 'signal', fn: (info: SignalInfo) => void): () => void;
}

export type PeerManagerOptions = {
  client: SignalTransport;
  identity: DeviceIdentity;
  room: RoomId;
  /** The room's MLS members: the only clients this manager talks to. [P-P2P1] */
  roster: PeerRoster;
  RTCPeerConnection: PeerConnectionFactory;
  /** 'relay' forces traffic through TURN (tests, privacy). */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** A peer connection without open channels this long is closed. */
  idleMs?: number;
};

type PeerState = {
  link: PeerLink;
  channels: Set<DataChannelLike>;
  idle?: ReturnType<typeof setTimeout>;
};

/** Called with each data channel a peer opens to us; the label says what it is for. */
export type ChannelHandler = (peer: ClientId, channel: DataChannelLike) => void;

/**
 * The WebRTC side of one room: one RTCPeerConnection per peer client ID, opened when a
 * channel is first needed, closed when idle, restarted on failure. Signalling goes
 * through the Yam server [P-SIG1]; the DTLS certificates are bound to the device
 * identities [P-SIG5]. Only the room's current MLS members are connected to, answered or
 * heard; a peer that leaves the roster is disconnected [P-P2P1].
 */
export class PeerManager {
  readonly room: RoomId;
  readonly #o: PeerManagerOptions;
  readonly #peers = new Map<ClientId, PeerState>();
  readonly #handlers = new Map<string, ChannelHandler>();
  readonly #off: () => void;
  readonly #offRoster: () => void;
  #ice: { servers: IceServer[]; expiresAt: number } | undefined;
  #closed = false;
  #inbox: Promise<void> = Promise.resolve();

  constructor(options: PeerManagerOptions) {
    this.#o = options;
    this.room = options.room;
    this.#off = options.client.on('signal', (info) => {
      // One at a time, in arrival order: candidates must not overtake their offer.
      if (info.room !== this.room) return;
      this.#inbox = this.#inbox.then(() => this.#onSignal(info.from, info.data)).catch(() => {});
    });
    this.#offRoster = options.roster.onChange(() => this.#dropStrangers());
  }

  /** Routes incoming channels whose label starts with `prefix` (e.g. `xfer:`). */
  handle(prefix: string, handler: ChannelHandler): void {
    this.#handlers.set(prefix, handler);
  }

  /** Opens a data channel to `peer`, connecting first when needed; resolves once open. */
  async open(peer: ClientId, label: string, timeoutMs = 15_000): Promise<DataChannelLike> {
    await this.#o.roster.ready();
    if (!this.isMember(peer)) throw new Error('not a member of this room');
    const state = await this.#peer(peer);
    const channel = state.link.createChannel(label);
    this.#track(peer, state, channel);
    try {
      await whenOpen(channel, timeoutMs);
    } catch (error) {
      // A connection that cannot open a channel is stuck (lost signals, a glare gone
      // wrong): start over with a fresh one next time rather than reuse it.
      if (state.link.pc.connectionState !== 'connected')
        this.drop(peer, 'could not open a channel');
      throw error;
    }
    return channel;
  }

  /** True when `peer` is one of the room's MLS members now. */
  isMember(peer: ClientId): boolean {
    return peer !== this.#o.client.clientId && this.#o.roster.has(peer);
  }

  /** Client IDs with a live peer connection. */
  connectedPeers(): ClientId[] {
    return [...this.#peers.keys()];
  }

  /** The live RTCPeerConnection to `peer`, for diagnostics (getStats). */
  connection(peer: ClientId): RTCPeerConnection | undefined {
    return this.#peers.get(peer)?.link.pc;
  }

  /** Closes the connection to `peer` (and tells it); its channels close too. */
  drop(peer: ClientId, reason = 'dropped'): void {
    const state = this.#peers.get(peer);
    if (!state) return;
    this.#signal(peer, { k: 'bye', pc: state.link.id });
    state.link.close(reason);
  }

  /** ICE restart on every connection: call on a network change. */
  restartIce(): void {
    for (const state of this.#peers.values()) state.link.restartIce();
  }

  close(): void {
    this.#closed = true;
    this.#off();
    this.#offRoster();
    for (const peer of [...this.#peers.keys()]) this.drop(peer, 'manager closed');
  }

  #dropStrangers(): void {
    for (const peer of [...this.#peers.keys()]) {
      if (!this.isMember(peer)) this.drop(peer, 'not a member of this room any more');
    }
  }

  async #peer(peer: ClientId): Promise<PeerState> {
    const existing = this.#peers.get(peer);
    if (existing && !existing.link.isClosed) return existing;
    const config = await this.#config();
    // Another call may have connected while ICE servers were fetched.
    const raced = this.#peers.get(peer);
    if (raced && !raced.link.isClosed) return raced;
    if (!this.isMember(peer)) throw new Error('not a member of this room');
    return this.#create(peer, config);
  }

  #create(peer: ClientId, config: RTCConfiguration): PeerState {
    if (this.#closed) throw new Error('the peer manager is closed');
    const state: PeerState = { link: undefined as unknown as PeerLink, channels: new Set() };
    state.link = new PeerLink({
      room: this.room,
      identity: this.#o.identity,
      peer,
      config,
      RTCPeerConnection: this.#o.RTCPeerConnection,
      send: (signal) => this.#signal(peer, signal),
      channel: (channel) => this.#incoming(peer, state, channel),
      closed: () => {
        clearTimeout(state.idle);
        if (this.#peers.get(peer) === state) this.#peers.delete(peer);
      },
    });
    this.#peers.set(peer, state);
    this.#armIdle(state);
    return state;
  }

  async #config(): Promise<RTCConfiguration> {
    // Credentials are short-lived: refetch a minute before they expire.
    if (!this.#ice || this.#ice.expiresAt - Date.now() < 60_000) {
      const { iceServers, expiresAt } = await this.#o.client.iceServers();
      this.#ice = { servers: iceServers, expiresAt };
    }
    return {
      iceServers: this.#ice.servers as RTCIceServer[],
      iceTransportPolicy: this.#o.iceTransportPolicy ?? 'all',
    };
  }

  #signal(peer: ClientId, signal: PeerSignal): void {
    this.#o.client.signal(this.room, peer, encodePeerSignal(signal));
  }

  async #onSignal(from: ClientId, data: Uint8Array): Promise<void> {
    if (this.#closed) return;
    await this.#o.roster.ready();
    if (!this.isMember(from)) return; // strangers get no answer at all
    const signal = decodePeerSignal(data);
    if (!signal) return;
    let state = this.#peers.get(from);
    if (state && state.link.remoteId !== undefined && state.link.remoteId !== signal.pc) {
      // The peer started a new connection: ours to its old one is dead.
      if (signal.k !== 'desc' || signal.type !== 'offer') return;
      state.link.close('peer restarted');
      state = undefined;
    }
    if (!state || state.link.isClosed) {
      if (signal.k !== 'desc' || signal.type !== 'offer') return;
      const config = await this.#config();
      if (this.#closed || !this.isMember(from)) return;
      // Our own open() may have created a connection while ICE servers were fetched.
      const raced = this.#peers.get(from);
      state = raced && !raced.link.isClosed ? raced : this.#create(from, config);
    }
    state.link.remoteId ??= signal.pc;
    await state.link.receive(signal);
  }

  #incoming(peer: ClientId, state: PeerState, channel: DataChannelLike): void {
    if (!this.isMember(peer)) {
      channel.close();
      return;
    }
    this.#track(peer, state, channel);
    for (const [prefix, handler] of this.#handlers) {
      if (channel.label.startsWith(prefix)) {
        handler(peer, channel);
        return;
      }
    }
    channel.close(); // nobody here wants it
  }

  #track(_peer: ClientId, state: PeerState, channel: DataChannelLike): void {
    state.channels.add(channel);
    clearTimeout(state.idle);
    channel.addEventListener('close', () => {
      state.channels.delete(channel);
      this.#armIdle(state);
    });
  }

  #armIdle(state: PeerState): void {
    clearTimeout(state.idle);
    if (state.channels.size > 0) return;
    state.idle = setTimeout(() => state.link.close('idle'), this.#o.idleMs ?? 60_000);
  }
}
