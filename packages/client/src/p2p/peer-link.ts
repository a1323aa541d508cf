import { type DeviceIdentity, signPeerFingerprint, verifyPeerFingerprint } from '@yam/crypto';
import { type ClientId, fromBase64Url, type RoomId, toBase64Url } from '@yam/protocol';
import type { DataChannelLike } from './data-channel.ts';
import { type DescriptionSignal, type PeerSignal, sdpFingerprint } from './peer-signal.ts';

/** The RTCPeerConnection constructor, injected (browsers pass globalThis.RTCPeerConnection). */
export type PeerConnectionFactory = new (config: RTCConfiguration) => RTCPeerConnection;

export type PeerLinkOptions = {
  room: RoomId;
  identity: DeviceIdentity;
  peer: ClientId;
  config: RTCConfiguration;
  RTCPeerConnection: PeerConnectionFactory;
  send(signal: PeerSignal): void;
  channel(channel: DataChannelLike): void;
  /** The link is gone for good (closed, or a signature did not verify). */
  closed(reason: string): void;
};

/**
 * One RTCPeerConnection to one peer, negotiated with the "perfect negotiation" pattern:
 * the side with the larger client ID is polite and rolls back on glare. Offers and
 * answers are signed by the device identity over the DTLS fingerprint. [P-SIG5]
 */
export class PeerLink {
  readonly id = randomId();
  readonly pc: RTCPeerConnection;
  /** The peer's RTCPeerConnection we talk to; a new one means it started over. */
  remoteId: string | undefined;
  readonly #o: PeerLinkOptions;
  readonly #polite: boolean;
  #makingOffer = false;
  #ignoreOffer = false;
  #closed = false;
  #restartTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: PeerLinkOptions) {
    this.#o = options;
    this.#polite = options.identity.clientId > options.peer;
    this.pc = new options.RTCPeerConnection(options.config);
    this.pc.onnegotiationneeded = () => void this.#negotiate();
    this.pc.onicecandidate = ({ candidate }) =>
      options.send({
        k: 'cand',
        pc: this.id,
        candidate: candidate ? { ...candidate.toJSON(), candidate: candidate.candidate } : null,
      });
    this.pc.ondatachannel = ({ channel }) => options.channel(channel as DataChannelLike);
    this.pc.oniceconnectionstatechange = () => this.#onIceState();
    this.pc.onconnectionstatechange = () => {
      if (this.pc.connectionState === 'closed') this.close('connection closed');
    };
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  /** Opens a data channel; negotiation starts by itself when needed. */
  createChannel(label: string): DataChannelLike {
    return this.pc.createDataChannel(label, { ordered: true }) as unknown as DataChannelLike;
  }

  /** Starts an ICE restart (network change, failure). */
  restartIce(): void {
    if (!this.#closed) this.pc.restartIce();
  }

  /** Applies a signal from the peer; throws nothing (bad input closes the link). */
  async receive(signal: PeerSignal): Promise<void> {
    if (this.#closed) return;
    try {
      if (signal.k === 'desc') await this.#onDescription(signal);
      else if (signal.k === 'cand') await this.#onCandidate(signal.candidate);
      else this.close('peer said bye');
    } catch (error) {
      if (!this.#closed) this.close(`negotiation failed: ${String(error)}`);
    }
  }

  close(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#restartTimer);
    this.pc.close();
    this.#o.closed(reason);
  }

  async #negotiate(): Promise<void> {
    try {
      this.#makingOffer = true;
      await this.pc.setLocalDescription();
      this.#sendDescription();
    } catch (error) {
      this.close(`offer failed: ${String(error)}`);
    } finally {
      this.#makingOffer = false;
    }
  }

  async #onDescription(signal: DescriptionSignal): Promise<void> {
    const collision =
      signal.type === 'offer' && (this.#makingOffer || this.pc.signalingState !== 'stable');
    this.#ignoreOffer = !this.#polite && collision;
    if (this.#ignoreOffer) return;
    this.#verify(signal);
    await this.pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
    if (signal.type === 'offer') {
      await this.pc.setLocalDescription();
      this.#sendDescription();
    }
  }

  async #onCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate ?? undefined);
    } catch (error) {
      // Candidates of an offer we ignored fail here, harmlessly.
      if (!this.#ignoreOffer) throw error;
    }
  }

  #sendDescription(): void {
    const desc = this.pc.localDescription;
    if (!desc || (desc.type !== 'offer' && desc.type !== 'answer')) return;
    const fingerprint = sdpFingerprint(desc.sdp);
    if (!fingerprint) throw new Error('local SDP has no DTLS fingerprint');
    const { identity, room, peer } = this.#o;
    const sig = signPeerFingerprint(identity, {
      room,
      from: identity.clientId,
      to: peer,
      fingerprint,
    });
    this.#o.send({
      k: 'desc',
      pc: this.id,
      type: desc.type,
      sdp: desc.sdp,
      pk: toBase64Url(identity.publicKey),
      sig: toBase64Url(sig),
    });
  }

  /** [P-SIG5] The SDP's certificate must be vouched for by the peer's device identity. */
  #verify(signal: DescriptionSignal): void {
    const fingerprint = sdpFingerprint(signal.sdp);
    const { identity, room, peer } = this.#o;
    const ok =
      fingerprint !== undefined &&
      verifyPeerFingerprint(
        fromBase64Url(signal.pk),
        { room, from: peer, to: identity.clientId, fingerprint },
        fromBase64Url(signal.sig),
      );
    if (!ok) throw new Error('the peer fingerprint signature does not verify');
  }

  #onIceState(): void {
    const state = this.pc.iceConnectionState;
    clearTimeout(this.#restartTimer);
    if (state === 'failed') this.restartIce();
    // "disconnected" often heals by itself; restart only if it lasts.
    else if (state === 'disconnected')
      this.#restartTimer = setTimeout(() => this.restartIce(), 3_000);
  }
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return toBase64Url(bytes);
}
