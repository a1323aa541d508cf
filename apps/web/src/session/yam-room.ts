import type {
  AckInfo,
  ConnectionState,
  EnterOutcome,
  LogRecord,
  OpenedMessage,
  PendingJoin,
  QueuedMessage,
  RawMessage,
  ReceivedMessage,
} from '@yam/client';
import type { RoomMember } from '@yam/crypto';
import type { ClientId, RoomId } from '@yam/protocol';
import type { IdbMembershipLog } from '../platform/idb/idb-membership-log.ts';
import type { BlockList } from './block-list.ts';
import type { ReadMarkLog } from './read-mark-log.ts';
import type {
  BlobUpload,
  HistorySource,
  MembershipLine,
  MembershipSource,
  MembersSource,
  PresenceSource,
  ReadMarkSource,
  RoomRoles,
  TimelineSource,
} from './room-ports.ts';
import type { SecureSession } from './secure-session.ts';
import type { SessionHooks } from './session-hooks.ts';
import type { TabRooms } from './tab-rooms.ts';

type Off = () => void;

/** What a room adapter uses of its server's session (ServerSession is one). */
export type RoomSession = {
  readonly server: string;
  readonly rooms: TabRooms;
  readonly secure: SecureSession;
  readonly blocks: BlockList;
  readonly membership: IdbMembershipLog;
  readonly readMarks: ReadMarkLog;
};

/**
 * One room of a server session, as the features see it: every port of room-ports.ts over
 * the session's rooms (TabRooms: the SDK's YamRooms, here or in the tab holding the
 * connection). The one place (with ServerSession and YamRoomPeers) that calls
 * the SDK for a room.
 */
export class YamRoom
  implements
    TimelineSource,
    PresenceSource,
    MembershipSource,
    MembersSource,
    HistorySource,
    ReadMarkSource,
    BlobUpload
{
  readonly room: RoomId;
  readonly #session: RoomSession;
  readonly #hooks: SessionHooks;

  constructor(session: RoomSession, room: RoomId, hooks: SessionHooks) {
    this.#session = session;
    this.room = room;
    this.#hooks = hooks;
  }

  get me(): string {
    return this.#rooms.clientId;
  }

  get #rooms(): TabRooms {
    return this.#session.rooms;
  }

  connection(): ConnectionState {
    return this.#rooms.status.state;
  }

  // TimelineSource

  stored(query: { before?: number; limit: number }): Promise<RawMessage[]> {
    return this.#rooms.history.stored(this.room, query);
  }

  queued(): Promise<QueuedMessage[]> {
    return this.#rooms.history.queued(this.room);
  }

  open(message: RawMessage): Promise<OpenedMessage | undefined> {
    return this.#rooms.open(message);
  }

  send(body: Uint8Array): Promise<{ cmid: string; acked: Promise<AckInfo> }> {
    return this.#rooms.send(this.room, body);
  }

  history(query: { before: number; limit: number }) {
    return this.#rooms.history.page(this.room, query);
  }

  onMessage(listener: (message: OpenedMessage) => void): Off {
    return this.#rooms.on('message', (m) => m.room === this.room && listener(m));
  }

  membershipLines(): Promise<readonly MembershipLine[]> {
    return this.#session.membership.list(this.room).catch(() => []);
  }

  onMembership(listener: (line: MembershipLine) => void): Off {
    return this.#rooms.on('membership', (e) => e.room === this.room && listener(e));
  }

  onReadMark(listener: (mark: { from: string; upTo: string }) => void): Off {
    return this.#rooms.on('read', (r) => r.room === this.room && listener(r));
  }

  savedReadMarks(): ReadonlyMap<string, string> {
    return this.#session.readMarks.marks(this.room);
  }

  sendReadMark(upTo: string): Promise<void> {
    return this.#rooms.markRead(this.room, upTo);
  }

  onAck(listener: (ack: AckInfo) => void): Off {
    return this.#rooms.on('ack', (a) => a.room === this.room && listener(a));
  }

  onSynced(listener: () => void): Off {
    return this.#rooms.on('synced', (e) => e.room === this.room && listener());
  }

  onConnection(listener: (state: ConnectionState) => void): Off {
    return this.#rooms.on('status', (s) => listener(s.state));
  }

  erase(from: string, cmid: string): Promise<void> {
    return this.#rooms.erase(this.room, from, cmid);
  }

  join(): void {
    void this.#rooms.subscribe(this.room).catch(() => undefined);
  }

  leave(): void {
    void this.#rooms.unsubscribe(this.room).catch(() => undefined);
  }

  // PresenceSource

  members(): string[] {
    return this.#rooms.presence.online(this.room);
  }

  roster(): Promise<string[]> {
    return this.#rooms.members(this.room).catch(() => []);
  }

  onRosterChange(listener: () => void): Off {
    const mine = (e: { room: RoomId }) => e.room === this.room && listener();
    const offs = [
      this.#rooms.on('epoch', mine),
      this.#rooms.on('removed', mine),
      this.#rooms.on('roomJoined', mine),
    ];
    return () => {
      for (const off of offs) off();
    };
  }

  onPresence(listener: (p: { clientId: string; state: 'online' | 'offline' }) => void): Off {
    return this.#rooms.on('presence', (p) => p.room === this.room && listener(p));
  }

  onActivity(listener: (a: { clientId: string; away: boolean }) => void): Off {
    return this.#rooms.on('activity', (a) => a.room === this.room && listener(a));
  }

  onTyping(listener: (t: { clientId: string; active: boolean }) => void): Off {
    return this.#rooms.on('typing', (t) => t.room === this.room && listener(t));
  }

  onReceived(listener: (m: { from: string }) => void): Off {
    return this.#rooms.on('received', (m) => m.room === this.room && listener(m));
  }

  setTyping(active: boolean): void {
    this.#rooms.presence.setTyping(this.room, active);
  }

  setAway(away: boolean): void {
    this.#rooms.presence.setAway(this.room, away);
  }

  meet(clientId: string): void {
    this.#rooms.profiles.meet(this.room, clientId as ClientId);
  }

  // MembershipSource

  status(): Promise<'member' | 'removed' | 'none'> {
    return this.#rooms.membership(this.room);
  }

  enter(options: {
    invite?: string;
    password?: string;
    name?: string;
    onWaiting?: () => void;
  }): Promise<EnterOutcome> {
    return this.#rooms.enter(this.room, options);
  }

  onRemoved(listener: () => void): Off {
    return this.#session.secure.removed.subscribe((rooms) => {
      if (rooms.has(this.room)) listener();
    });
  }

  // MembersSource

  requests(): readonly PendingJoin[] {
    return this.#session.secure.requests.value.filter((r) => r.room === this.room);
  }

  passwordFailures(): readonly number[] {
    return this.#session.secure.passwordFailures.value
      .filter((f) => f.room === this.room)
      .map((f) => f.ts);
  }

  dismissPasswordFailures(): void {
    this.#session.secure.dismissPasswordFailures(this.room);
  }

  accept(request: PendingJoin): Promise<void> {
    return this.#session.secure.accept(request);
  }

  refuse(request: PendingJoin): Promise<void> {
    return this.#session.secure.refuse(request);
  }

  removeMember(clientId: string, options: { ban?: boolean } = {}): Promise<void> {
    return this.#rooms.removeMember(this.room, clientId as ClientId, options);
  }

  roles(): Promise<RoomRoles | undefined> {
    return this.#rooms.roles(this.room);
  }

  setRole(clientId: string, role: 'admin' | 'member'): Promise<void> {
    return this.#rooms.setRole(this.room, clientId as ClientId, role);
  }

  isBlocked(clientId: string): boolean {
    return this.#session.blocks.has(clientId);
  }

  block(clientId: string): Promise<void> {
    return this.#session.blocks.block(clientId);
  }

  unblock(clientId: string): Promise<void> {
    return this.#session.blocks.unblock(clientId);
  }

  async openDm(clientId: string, name: string): Promise<void> {
    const dm = await this.#rooms.openDm(clientId as ClientId);
    await this.#hooks.openDm(this.#session.server, dm, name);
  }

  memberKeys(): Promise<RoomMember[]> {
    return this.#rooms.memberKeys(this.room);
  }

  createInvite(): Promise<Uint8Array> {
    return this.#rooms.joins.invite(this.room);
  }

  leaveGroup(): Promise<void> {
    return this.#rooms.leave(this.room);
  }

  // HistorySource

  signedEnvelope(message: RawMessage): Promise<Uint8Array | undefined> {
    return this.#rooms.history.signedEnvelope(message);
  }

  adoptShared(message: ReceivedMessage, sharedBy: ClientId): Promise<OpenedMessage | undefined> {
    return this.#rooms.history.adoptShared(message, sharedBy);
  }

  async serverLog(seqs: readonly number[]): Promise<ReadonlyMap<number, LogRecord>> {
    const wanted = new Set(seqs);
    const found = new Map<number, LogRecord>();
    if (wanted.size === 0) return found;
    const take = (messages: readonly RawMessage[]) => {
      for (const { seq, from, cmid, ts } of messages) {
        if (wanted.has(seq)) found.set(seq, { from, cmid, ts });
      }
    };
    const low = Math.min(...wanted);
    const high = Math.max(...wanted);
    // This device's copy of the server's log first; the server for what it lacks.
    take(await this.stored({ before: high + 1, limit: Math.min(high - low + 1, 1_000) }));
    let before = high + 1;
    for (let pages = 0; found.size < wanted.size && before > low && pages < 10; pages++) {
      const missing = [...wanted].filter((seq) => !found.has(seq) && seq < before);
      if (missing.length === 0) break;
      const page = await this.history({ before: Math.max(...missing) + 1, limit: 200 });
      take(page.messages);
      const oldest = page.messages[0]?.seq;
      if (!page.hasMore || oldest === undefined) break;
      before = oldest;
    }
    return found;
  }

  // BlobUpload

  uploadBlob(bytes: Uint8Array): Promise<unknown> {
    return this.#rooms.blobs.upload(bytes);
  }
}
