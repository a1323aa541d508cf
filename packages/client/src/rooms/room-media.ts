import type { ClientId, IceServer, RoomId } from '@yam/protocol';
import type { StoredBlob } from '../blobs.ts';
import type { PushSubscriptionKeys } from '../client-media.ts';
import type { SignalTransport } from '../p2p/peer-manager.ts';
import type { SignalInfo } from '../types.ts';
import type { YamClient } from '../yam-client.ts';

/** The server's blob store: content-addressed bytes the app has encrypted first. */
export class RoomBlobs {
  readonly #client: YamClient;

  constructor(client: YamClient) {
    this.#client = client;
  }

  /** The largest ciphertext the server takes (undefined until connected once). [P-BLOB5] */
  get maxBytes(): number | undefined {
    return this.#client.maxBlobBytes;
  }

  /** Uploads ciphertext (encryptAttachment first); needs a recent connection. [P-BLOB1] */
  upload(ciphertext: Uint8Array): Promise<StoredBlob> {
    return this.#client.media.uploadBlob(ciphertext);
  }

  /** Downloads a blob of this server by its hash. [P-BLOB2] */
  download(hash: string): Promise<Uint8Array> {
    return this.#client.media.downloadBlob(hash);
  }
}

/** WebRTC signalling through the server, as PeerManager takes it (`client` option). [P-SIG1] */
export class RoomSignalling implements SignalTransport {
  readonly clientId: ClientId;
  readonly #client: YamClient;

  constructor(client: YamClient) {
    this.#client = client;
    this.clientId = client.clientId;
  }

  /** Fresh STUN/TURN servers; empty when the server offers none. [P-ICE1] */
  iceServers(): Promise<{ iceServers: IceServer[]; expiresAt: number }> {
    return this.#client.media.iceServers();
  }

  /** Sends signalling bytes to a member of a subscribed room; false when not subscribed now. */
  signal(room: RoomId, to: ClientId, data: Uint8Array): boolean {
    return this.#client.media.signal(room, to, data);
  }

  /** Signalling bytes from other members; returns the unsubscriber. */
  on(event: 'signal', fn: (info: SignalInfo) => void): () => void {
    return this.#client.on(event, fn);
  }
}

/** Web Push for this device: the server's VAPID key and the device's subscription. [P-PUSH1] [P-PUSH2] */
export class RoomPush {
  readonly #client: YamClient;

  constructor(client: YamClient) {
    this.#client = client;
  }

  /** The server's VAPID public key (base64url): PushManager's `applicationServerKey`. */
  serverKey(): Promise<string> {
    return this.#client.media.pushKey();
  }

  /** Asks the server to push new messages of `rooms` (members only) to this subscription. */
  subscribe(sub: PushSubscriptionKeys, rooms: readonly RoomId[]): Promise<number> {
    return this.#client.media.pushSubscribe(sub, rooms);
  }

  unsubscribe(endpoint: string): Promise<void> {
    return this.#client.media.pushUnsubscribe(endpoint);
  }
}
