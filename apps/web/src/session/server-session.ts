import { signal } from '@preact/signals';
import {
  type ConnectionStatus,
  type OpenedMessage,
  type ProfileInfo,
  type PushSubscriptionKeys,
  type RawMessage,
  type RoomsErrorInfo,
  YamRooms,
} from '@yam/client';
import type { DeviceIdentity } from '@yam/crypto';
import type { ClientId, RoomId } from '@yam/protocol';
import { IdbClientStore } from '../platform/idb/idb-client-store.ts';
import { IdbMembershipLog } from '../platform/idb/idb-membership-log.ts';
import { IdbSecretStore } from '../platform/idb/idb-secret-store.ts';
import { BlockList } from './block-list.ts';
import { eraseIfDeleted } from './delete-rule.ts';
import type { ProfileTransport } from './profile-directory.ts';
import { ReadMarkLog } from './read-mark-log.ts';
import { SecureSession } from './secure-session.ts';
import type { SessionHooks } from './session-hooks.ts';
import type { ServerConnection } from './sessions.ts';
import { TabRooms } from './tab-rooms.ts';
import { YamRoom } from './yam-room.ts';
import { YamRoomPeers } from './yam-room-peers.ts';

export type { SessionHooks } from './session-hooks.ts';

/**
 * One server's encrypted rooms: the SDK's YamRooms over this origin's IndexedDB stores,
 * and what the UI shows of it. The adapter between the SDK and the app: the app keeps one
 * per server origin it has rooms on, all connected at once, so every room can count its
 * unread messages. Features reach it only through the ports of `room()` (room-ports.ts).
 */
export class ServerSession implements ServerConnection, ProfileTransport {
  readonly server: string;
  /**
   * The SDK's YamRooms as this tab reaches it: in this tab when it holds the server's
   * connection, else in the tab that does (tab-rooms.ts). The one object of session/ that
   * talks to the server.
   */
  readonly rooms: TabRooms;
  /** Join requests, removals and Welcomes, as UI state. */
  readonly secure: SecureSession;
  /** Whom this device blocked on this server. */
  readonly blocks: BlockList;
  /** Every room's membership changes, kept for the timeline ("Alice removed Carol"). */
  readonly membership: IdbMembershipLog;
  /** Members' read marks per room, kept on this device ("Seen by" after a reload). */
  readonly readMarks: ReadMarkLog;
  /** The connection and, while offline, when the next attempt starts. */
  readonly status = signal<ConnectionStatus>({ state: 'idle' });
  readonly #identity: DeviceIdentity;
  readonly #hooks: SessionHooks;
  readonly #store: IdbClientStore;
  readonly #secrets: IdbSecretStore;
  readonly #peers = new Map<RoomId, YamRoomPeers>();
  readonly #off: (() => void)[] = [];

  constructor(server: string, identity: DeviceIdentity, hooks: SessionHooks) {
    this.server = server;
    this.#identity = identity;
    this.#hooks = hooks;
    const origin = new URL(server).origin;
    this.#store = new IdbClientStore(origin);
    this.#secrets = new IdbSecretStore(origin);
    const store = this.#store;
    const secrets = this.#secrets;
    this.rooms = new TabRooms({
      server,
      clientId: identity.clientId as ClientId,
      make: () => new YamRooms({ server, identity, store, secrets }),
    });
    this.secure = new SecureSession(this.rooms, hooks.onDm);
    this.blocks = new BlockList(this.rooms.blocks);
    this.membership = new IdbMembershipLog(origin);
    this.readMarks = new ReadMarkLog(origin);
    this.status.value = this.rooms.status;
    this.#off.push(
      // Before start(): the SDK reports each change once, as it applies the commit.
      this.rooms.on('membership', (e) => {
        const { room, seq, ts, by, added, removed, left } = e;
        if (!this.rooms.leads) return; // the tab holding the connection keeps it
        void this.membership
          .put({ room, seq, ts, by, added, removed, left })
          .catch(() => undefined); // not kept: the line shows live only
      }),
      // Before start(): marks that arrive while no room view is open are kept too.
      this.rooms.on('read', (r) => this.readMarks.record(r.room, r.from, r.upTo)),
      this.rooms.on('status', (status) => {
        this.status.value = status;
      }),
      this.rooms.on('error', (e) => warn(e)),
      // A deleted message's text leaves this device when the delete arrives, in any room.
      this.rooms.on('message', (m) => {
        if (!this.rooms.leads) return;
        void eraseIfDeleted(this.rooms, m).catch(() => undefined);
      }),
    );
    void this.rooms.start().catch((error: unknown) => console.warn('yam:', error));
  }

  get me(): string {
    return this.rooms.clientId;
  }

  /** The ports of one room on this server (cheap: make one per open room view). */
  room(room: RoomId): YamRoom {
    return new YamRoom(this, room, this.#hooks);
  }

  /**
   * The room's peer connections, shared: every PeerManager answers the room's signals, so
   * two for one room (files, images, history) would fight over each offer. `release`
   * gives this share back; the last one closes the connections.
   */
  peers(room: RoomId): { peers: YamRoomPeers; release(): void } {
    let shared = this.#peers.get(room);
    if (!shared) {
      shared = new YamRoomPeers(this.rooms, this.#identity, room, () => this.#peers.delete(room));
      this.#peers.set(room, shared);
    }
    return { peers: shared, release: shared.acquire() };
  }

  // ServerConnection: what the room list needs.

  onReceived(listener: (message: RawMessage) => void): () => void {
    return this.rooms.on('received', listener);
  }

  stored(room: RoomId, query: { limit: number }): Promise<RawMessage[]> {
    return this.rooms.history.stored(room, query);
  }

  // MentionSource: what the mention marks need.

  onOpened(listener: (message: OpenedMessage) => void): () => void {
    return this.rooms.on('message', listener);
  }

  open(message: RawMessage): Promise<OpenedMessage | undefined> {
    return this.rooms.open(message);
  }

  join(room: RoomId): Promise<void> {
    return this.rooms.subscribe(room);
  }

  leave(room: RoomId): Promise<void> {
    return this.rooms.unsubscribe(room);
  }

  close(): void {
    for (const off of this.#off.splice(0)) off();
    this.secure.dispose();
    this.blocks.dispose();
    void this.rooms
      .close()
      .finally(() =>
        Promise.allSettled([this.#store.close(), this.#secrets.close(), this.membership.close()]),
      );
  }

  // ProfileTransport: what the profile directory needs.

  /** Every opened application message, live or caught up (notifications filter by time). */
  onMessage(listener: (message: OpenedMessage) => void): () => void {
    return this.rooms.on('message', listener);
  }

  /** The server's VAPID public key, for this browser's push subscription. */
  pushKey(): Promise<string> {
    return this.rooms.push.serverKey();
  }

  /** Asks the server to push new messages of these rooms to this browser while no tab is open. */
  registerPush(sub: PushSubscriptionKeys, rooms: readonly RoomId[]): Promise<number> {
    return this.rooms.push.subscribe(sub, rooms);
  }

  onProfile(listener: (info: ProfileInfo) => void): () => void {
    return this.rooms.on('profile', listener);
  }

  onSynced(listener: (room: RoomId) => void): () => void {
    return this.rooms.on('synced', (e) => listener(e.room));
  }

  onEpoch(listener: (room: RoomId) => void): () => void {
    return this.rooms.on('epoch', (e) => listener(e.room as RoomId));
  }

  subscribed(): RoomId[] {
    return this.rooms.subscribed();
  }

  openRecord(room: RoomId, sealed: Uint8Array): Promise<Uint8Array | undefined> {
    return this.rooms.profiles.open(room, sealed);
  }

  publishRecord(room: RoomId, record: Uint8Array): Promise<boolean> {
    return this.rooms.profiles.publish(room, record);
  }

  uploadBlob(bytes: Uint8Array): Promise<unknown> {
    return this.rooms.blobs.upload(bytes);
  }

  downloadBlob(hash: string): Promise<Uint8Array> {
    return this.rooms.blobs.download(hash);
  }
}

/** Background failures (decrypting, committing, the server's error frames) go to the console. */
function warn(e: RoomsErrorInfo): void {
  console.warn('yam:', e.code, e.room ?? '', e.message);
}
