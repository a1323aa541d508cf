import { type DataChannelLike, FileTransfers, MemberRoster, PeerManager } from '@yam/client';
import type { DeviceIdentity } from '@yam/crypto';
import type { ClientId, RoomId } from '@yam/protocol';
import { browserPeers } from '../platform/webrtc/browser-peers.ts';
import type { OpenSink, RoomPeers } from './room-ports.ts';
import type { TabRooms } from './tab-rooms.ts';

/**
 * The RoomPeers port over one SDK PeerManager with the browser's RTCPeerConnection.
 * ServerSession keeps one per open room and hands out shares (`acquire`); the last
 * share given back closes the connections. Every peer is checked against the room's MLS
 * roster, re-read on each epoch: files, images, history and signalling reach members only.
 */
export class YamRoomPeers implements RoomPeers {
  readonly room: RoomId;
  readonly #rooms: TabRooms;
  readonly #manager: PeerManager;
  readonly #roster: MemberRoster;
  readonly #transfers = new Set<FileTransfers>();
  readonly #stopOnline: () => void;
  readonly #forget: () => void;
  #users = 0;

  constructor(rooms: TabRooms, identity: DeviceIdentity, room: RoomId, forget: () => void) {
    const browser = browserPeers();
    this.room = room;
    this.#rooms = rooms;
    this.#forget = forget;
    this.#roster = new MemberRoster(rooms, room);
    this.#manager = new PeerManager({
      client: rooms.rtc,
      identity,
      room,
      roster: this.#roster,
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
    return this.#rooms.presence.online(this.room).filter((m) => m !== me && this.#roster.has(m));
  }

  handle(label: string, handler: (peer: ClientId, channel: DataChannelLike) => void): void {
    this.#manager.handle(label, handler);
  }

  open(peer: ClientId, label: string, timeoutMs?: number): Promise<DataChannelLike> {
    return this.#manager.open(peer, label, timeoutMs);
  }

  fileTransfers(openSink: OpenSink): FileTransfers {
    const transfers = new FileTransfers({ peers: this.#manager, roster: this.#roster, openSink });
    this.#transfers.add(transfers);
    return transfers;
  }

  downloadBlob(hash: string): Promise<Uint8Array> {
    return this.#rooms.blobs.download(hash);
  }

  #close(): void {
    this.#forget();
    this.#stopOnline();
    this.#manager.close();
    for (const transfers of this.#transfers) transfers.close();
    this.#roster.close();
  }
}
