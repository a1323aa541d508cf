import { type DataChannelLike, FileTransfers, PeerManager, type YamRooms } from '@yam/client';
import type { DeviceIdentity } from '@yam/crypto';
import type { ClientId, RoomId } from '@yam/protocol';
import { browserPeers } from '../platform/webrtc/browser-peers.ts';
import type { OpenSink, RoomPeers } from './room-ports.ts';

/**
 * The RoomPeers port over one SDK PeerManager with the browser's RTCPeerConnection.
 * ServerSession keeps one per open room and hands out shares (`acquire`); the last
 * share given back closes the connections.
 */
export class YamRoomPeers implements RoomPeers {
  readonly room: RoomId;
  readonly #rooms: YamRooms;
  readonly #manager: PeerManager;
  readonly #stopOnline: () => void;
  readonly #forget: () => void;
  #users = 0;

  constructor(rooms: YamRooms, identity: DeviceIdentity, room: RoomId, forget: () => void) {
    const browser = browserPeers();
    this.room = room;
    this.#rooms = rooms;
    this.#forget = forget;
    this.#manager = new PeerManager({
      client: rooms.rtc,
      identity,
      room,
      RTCPeerConnection: browser.RTCPeerConnection,
      iceTransportPolicy: browser.iceTransportPolicy,
    });
    const manager = this.#manager;
    this.#stopOnline = browser.onOnline(() => manager.restartIce());
    browser.expose(manager);
  }

  /** Takes a share; returns the function that gives it back (once). */
  acquire(): () => void {
    this.#users++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#users === 0) this.#close();
    };
  }

  others(): ClientId[] {
    const me = this.#rooms.clientId;
    return this.#rooms.presence.online(this.room).filter((m) => m !== me);
  }

  handle(label: string, handler: (peer: ClientId, channel: DataChannelLike) => void): void {
    this.#manager.handle(label, handler);
  }

  open(peer: ClientId, label: string, timeoutMs?: number): Promise<DataChannelLike> {
    return this.#manager.open(peer, label, timeoutMs);
  }

  fileTransfers(openSink: OpenSink): FileTransfers {
    return new FileTransfers({ peers: this.#manager, openSink });
  }

  downloadBlob(hash: string): Promise<Uint8Array> {
    return this.#rooms.blobs.download(hash);
  }

  #close(): void {
    this.#forget();
    this.#stopOnline();
    this.#manager.close();
  }
}
