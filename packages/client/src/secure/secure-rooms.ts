import {
  addMembers,
  clientIdOf,
  createRoomGroup,
  type DeviceIdentity,
  encodeEnvelope,
  epochOf,
  isActive,
  membersOf,
  parseKeyPackage,
  type RoomGroup,
  roomPasswordKey,
  sealAndEncrypt,
  updateKeys,
} from '@yam/crypto';
import { type ClientId, type ClientMsgId, ErrorCode, type RoomId, YamError } from '@yam/protocol';
import { Emitter } from '../emitter.ts';
import { newClientMsgId } from '../outbox.ts';
import type { ReceivedMessage, SentItem } from '../types.ts';
import type { YamClient } from '../yam-client.ts';
import { applyCommit, type CommitApplierHooks } from './commit-applier.ts';
import { CommitFollower } from './commit-follower.ts';
import { CommitRunner } from './commit-runner.ts';
import {
  CONTROL_PREFIX,
  decodeRoomSecrets,
  encodeRoomSecrets,
  isControl,
  leaveNoticeOf,
  type RoomSecrets,
} from './control-message.ts';
import { dmRoomId } from './dm-room-id.ts';
import { verifyForwardedEnvelope } from './forwarded-envelope.ts';
import { GroupVault } from './group-vault.ts';
import { JoinDesk } from './join-desk.ts';
import { KeyPackagePool } from './key-package-pool.ts';
import { MessageOpener } from './message-opener.ts';
import { decodeOpened, encodeOpened, type OpenedMessage, openedKey } from './opened-message.ts';
import { eraseOpened, openedBody } from './plaintext-cache.ts';
import { decodeReadMark, encodeReadMark } from './read-mark.ts';
import { RefusedRooms } from './refused-rooms.ts';
import { RoomAdmin } from './room-admin.ts';
import { RoomInbox } from './room-inbox.ts';
import { RoomLeaving } from './room-leaving.ts';
import { RoomQueue } from './room-queue.ts';
import { decodeMeta, encodeMeta, passwordKeyId, type RoomMeta } from './secret-records.ts';
import type { SecretStore } from './secret-store.ts';
import type { SecureEvents } from './secure-events.ts';

/** Options of SecureRooms. */
export type SecureRoomsOptions = {
  client: YamClient;
  identity: DeviceIdentity;
  store: SecretStore;
  /** Unused KeyPackages to keep on the server (for DMs); default 10. */
  keyPackageTarget?: number;
  /**
   * Keep groups in memory (default). Off when other processes share the store (the CLI):
   * every operation then reads the latest saved group.
   */
  cacheGroups?: boolean;
};

/**
 * End-to-end encrypted rooms on top of a YamClient: owns each room's MLS group, encrypts
 * what the app sends, decrypts what arrives (in seq order per room), runs the invite and
 * join handshake, removals and DMs. The server only ever sees MLS ciphertext.
 */
export class SecureRooms {
  readonly client: YamClient;
  readonly identity: DeviceIdentity;
  readonly store: SecretStore;
  readonly #events = new Emitter<SecureEvents>();
  readonly #queue = new RoomQueue();
  readonly #vault: GroupVault;
  readonly #follower: CommitFollower;
  readonly #applier: CommitApplierHooks = {
    group: (room) => this.group(room),
    save: (room, group) => this.#saveGroup(room, group),
    inflight: (room, from, cmid) => this.#commits.inflight(room, from, cmid),
    removed: (room, by) => this.#follower.removed(room, by),
    applied: (room, change) => this.#follower.changed(room, change),
    joinEpoch: (room) => this.#follower.joinEpoch(room),
    skipped: (room, skip) => this.#follower.skipped(room, skip),
  };
  readonly #off: (() => void)[] = [];
  readonly #refusals = new RefusedRooms({
    status: (room) => this.status(room),
    removed: (room) => this.#queue.run(room, () => this.#applier.removed(room, undefined)),
    failed: (error, room) => this.#failed(error, room),
  });
  readonly #pool: KeyPackagePool;
  readonly #commits: CommitRunner;
  readonly #joins: JoinDesk;
  readonly #admin: RoomAdmin;
  readonly #leaving: RoomLeaving;
  readonly #opener: MessageOpener;
  readonly #inbox: RoomInbox;

  constructor(options: SecureRoomsOptions) {
    this.#vault = new GroupVault(options.store, options.cacheGroups ?? true);
    this.client = options.client;
    this.identity = options.identity;
    this.store = options.store;
    this.#follower = new CommitFollower({
      client: this.client,
      store: this.store,
      events: this.#events,
      commits: () => this.#commits,
      refusals: () => this.#refusals,
      failed: (error, room) => this.#failed(error, room),
    });
    this.#pool = new KeyPackagePool(this.client, this.identity, this.store, {
      target: options.keyPackageTarget ?? 10,
      failed: (error) => this.#failed(error),
    });
    this.#commits = new CommitRunner({
      client: this.client,
      queue: this.#queue,
      group: (room) => this.group(room),
      adopt: async (room, group, change) => {
        await this.#saveGroup(room, group);
        this.#follower.changed(room, change);
      },
      voids: (room, epoch) => this.#follower.skippedSeq(room, epoch),
    });
    this.#admin = new RoomAdmin({
      me: this.client.clientId,
      commits: this.#commits,
      group: (room) => this.group(room),
    });
    this.#leaving = new RoomLeaving({
      client: this.client,
      identity: this.identity,
      store: this.store,
      vault: this.#vault,
      queue: this.#queue,
      status: (room) => this.status(room),
      group: (room) => this.group(room),
      sendControl: (room, body, after) => this.#sendSealed(room, body, CONTROL_PREFIX, after),
    });
    this.#opener = new MessageOpener({
      me: this.client.clientId,
      store: this.store,
      group: (room) => this.group(room),
      meta: (room) => this.#meta(room),
      save: (room, group) => this.#saveGroup(room, group),
    });
    this.#inbox = new RoomInbox({
      queue: this.#queue,
      opener: this.#opener,
      commit: (m) => applyCommit(this.#applier, m, this.client.clientId),
      control: (m) => this.#onControl(m.room, m.from, m.body),
      message: (m) => this.#events.emit('message', m),
      failed: (error, room) => this.#failed(error, room),
    });
    this.#joins = new JoinDesk({
      rooms: this,
      pool: this.#pool,
      commits: this.#commits,
      queue: this.#queue,
      events: this.#events,
      adoptJoined: (room, group) => this.#adoptJoined(room, group),
      abandon: async (room) => {
        await this.#queue.run(room, () => this.#leaving.forget(room));
        await this.client.leave(room);
      },
    });
  }

  /** Follows the client's events and subscribes every room this device is a member of. */
  async start(): Promise<void> {
    const { client } = this;
    this.#off.push(
      client.on('message', (m) => this.#inbox.push(m)),
      client.on('synced', (s) => {
        void this.#queue.run(s.room, async () => this.#events.emit('synced', s));
      }),
      client.on('welcome', (w) => void this.#joins.onWelcome(w)),
      client.on('joinRequest', (r) => void this.#joins.onJoinRequest(r)),
      client.on('joinResult', (r) => this.#joins.onJoinResult(r)),
      client.on('pakeReply', (step) => void this.#joins.passwords.onReply(step)),
      client.on('pakeConfirm', (step) => void this.#joins.passwords.onConfirm(step)),
      client.on('pakeProof', (step) => this.#joins.passwords.onProof(step)),
      client.on('state', (s) => s === 'online' && void this.#pool.replenish()),
      client.on('notMember', ({ room }) => void this.#refusals.refused(room)),
    );
    for (const { key } of await this.store.list('group')) {
      const meta = await this.#meta(key);
      if (!meta?.removed) void client.join(key as RoomId).catch(() => undefined);
    }
    if (client.state === 'online') void this.#pool.replenish();
  }

  /** Stops following the client and waits for queued MLS work. */
  async close(): Promise<void> {
    for (const off of this.#off.splice(0)) off();
    await this.#queue.idle();
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof SecureEvents>(event: K, fn: (e: SecureEvents[K]) => void): () => void {
    return this.#events.on(event, fn);
  }

  /** 'member', 'removed' (a commit took us out), or 'none' (no group on this device). */
  async status(room: string): Promise<'member' | 'removed' | 'none'> {
    const group = await this.group(room);
    if (!group) return 'none';
    return isActive(group) && !(await this.#meta(room))?.removed ? 'member' : 'removed';
  }

  /** Client IDs in the room's MLS group, in leaf order (empty when not a member). */
  async members(room: string): Promise<ClientId[]> {
    const group = await this.group(room);
    return group && isActive(group) ? membersOf(group).map((m) => m.clientId as ClientId) : [];
  }

  /**
   * Creates the room's MLS group and claims the room with a first commit for epoch 0.
   * Throws EPOCH_CONFLICT when the room already exists: join it instead.
   */
  async createRoom(room: RoomId, options: { password?: string } = {}): Promise<void> {
    // Derived before claiming: scrypt takes a moment, the claim should not wait on it.
    const passwordKey = options.password
      ? await roomPasswordKey(options.password, room)
      : undefined;
    await this.#refusals.claiming(room, () =>
      this.#queue.run(room, async () => {
        if (await this.group(room)) throw new YamError(ErrorCode.EpochConflict, 'already a member');
        const created = await createRoomGroup(this.identity, room);
        const made = await updateKeys(created);
        await this.#commits.claim(room, made);
        await this.store.put('room', room, encodeMeta({ joinEpoch: 0 }));
        if (passwordKey) await this.store.put('room', passwordKeyId(room), passwordKey);
        await this.#saveGroup(room, made.group);
      }),
    );
  }

  /** The room password's key, when the room has one and this device knows it. */
  passwordKey(room: RoomId): Promise<Uint8Array | undefined> {
    return this.store.get('room', passwordKeyId(room));
  }

  /**
   * Tells the group (new members included) the room's shared secrets, e.g. the password
   * key members check joins with: an encrypted control message, never shown as a message.
   */
  async shareSecrets(room: RoomId, admitted?: RoomSecrets['admitted']): Promise<void> {
    const passwordKey = await this.passwordKey(room);
    if (!passwordKey && !admitted) return;
    const secrets = { ...(passwordKey ? { passwordKey } : {}), ...(admitted ? { admitted } : {}) };
    await this.#sendSealed(room, encodeRoomSecrets(secrets), CONTROL_PREFIX);
  }

  /** Encrypts, signs and queues `body` (with `mentions` for e-mail); keeps the own plaintext. */
  send(room: RoomId, body: Uint8Array, mentions?: readonly ClientId[]): Promise<SentItem> {
    return this.#sendSealed(room, body, '', undefined, mentions);
  }
  /** Tells the members this device read `room` up to the message `upTo` (a control message). */
  async sendReadMark(room: RoomId, upTo: string): Promise<void> {
    await this.#sendSealed(room, encodeReadMark(upTo), CONTROL_PREFIX);
  }

  /** `after` runs in the same turn of the room's queue, once the message is queued. */
  #sendSealed(
    room: RoomId,
    body: Uint8Array,
    prefix: string,
    after?: () => Promise<void>,
    mentions?: readonly ClientId[],
  ): Promise<SentItem> {
    return this.#queue.run(room, async () => {
      const group = await this.group(room);
      if (!group || !isActive(group)) {
        throw new YamError(ErrorCode.NotSubscribed, 'not a member of this room');
      }
      const cmid = `${prefix}${newClientMsgId()}` as ClientMsgId;
      const sealed = await sealAndEncrypt(group, this.identity, { room, messageId: cmid, body });
      await this.#saveGroup(room, sealed.group);
      const key = openedKey(room, this.client.clientId, cmid);
      await this.store.put(
        'opened',
        key,
        encodeOpened({ body, envelope: encodeEnvelope(sealed.envelope) }),
      );
      const item = await this.client.send(room, sealed.ciphertext, cmid, mentions);
      await after?.();
      return item;
    });
  }

  /**
   * The opened form of a stored message (for history shown after a reload): from the
   * local plaintext cache, decrypting it now when it was never opened. Undefined for commits.
   */
  async open(message: ReceivedMessage): Promise<OpenedMessage | undefined> {
    if (message.kind === 'commit' || isControl(message.cmid)) return undefined;
    return this.#queue.run(message.room, () => this.#opener.open(message));
  }

  /**
   * The author's signed envelope bytes of a stored message, for forwarding as history:
   * undefined when this device cannot read it (or holds only a body cached before
   * envelopes were kept). [P-SIG6]
   */
  async signedEnvelope(message: ReceivedMessage): Promise<Uint8Array | undefined> {
    return (await this.open(message))?.envelope;
  }

  /**
   * Takes a message another member forwarded (payload = the author's signed envelope),
   * checks it with verifyForwardedEnvelope and, when this device could not read that
   * message itself, keeps its plaintext. Resolves with the opened message (marked
   * `sharedBy`), the one already readable here, or undefined when the check fails. [P-SIG6]
   */
  async adoptShared(m: ReceivedMessage, sharedBy: ClientId): Promise<OpenedMessage | undefined> {
    if (isControl(m.cmid)) return undefined;
    const envelope = verifyForwardedEnvelope(m);
    if (!envelope) return undefined;
    const head = { room: m.room, seq: m.seq, from: m.from, cmid: m.cmid, ts: m.ts };
    return this.#queue.run(m.room, async () => {
      const key = openedKey(m.room, m.from, m.cmid);
      const cached = await this.store.get('opened', key);
      const held = cached && decodeOpened(cached);
      // A deleted message stays forgotten, whoever forwards it again.
      if (held?.body || held?.problem === 'erased') return { ...head, ...held };
      const bytes = encodeEnvelope(envelope);
      await this.store.put('opened', key, encodeOpened({ body: envelope.body, envelope: bytes }));
      return { ...head, body: envelope.body, envelope: bytes, sharedBy };
    });
  }

  /**
   * Forgets a message's plaintext and signed envelope on this device (its author or a
   * moderator deleted it): later looks see the problem 'erased', and forwarded copies
   * are not taken in again.
   */
  erase(room: RoomId, from: string, cmid: string): Promise<void> {
    return this.#queue.run(room, () => eraseOpened(this.store, room, from, cmid));
  }

  /** The plaintext this device sent as `cmid` (kept when sent: MLS cannot decrypt own messages). */
  ownBody(room: RoomId, cmid: string): Promise<Uint8Array | undefined> {
    return openedBody(this.store, room, this.client.clientId, cmid);
  }

  /** Creates a one-time invite key for the room, kept on this device until used. */
  createInvite(room: RoomId): Promise<Uint8Array> {
    return this.#joins.createInvite(room);
  }

  /**
   * Asks the room's members to add this device and resolves once the Welcome made us a
   * member. With the invite key from a link, a member's client admits us without asking.
   * Rejects when a member refused (or the invite was not valid), or after `timeoutMs`.
   */
  join(
    room: RoomId,
    options: { inviteKey?: Uint8Array; password?: string; name?: string; timeoutMs?: number } = {},
  ): Promise<void> {
    return this.#joins.join(room, options);
  }

  /** Admits a pending join request (shown as "<name> wants to join"). */
  acceptJoin(room: RoomId, id: number): Promise<void> {
    return this.#joins.accept(room, id);
  }

  /** Refuses a pending join request. */
  refuseJoin(room: RoomId, id: number): Promise<void> {
    return this.#joins.refuse(room, id);
  }

  /**
   * Removes a member with an MLS Remove commit (the removed device can read nothing after
   * it); `ban` keeps it from asking to join again. Only owners and admins may. [P-ROLE2]
   */
  removeMember(room: RoomId, clientId: ClientId, options: { ban?: boolean } = {}): Promise<void> {
    return this.#admin.remove(room, clientId, options);
  }

  /** Roles, promotions and the members-may-remove setting. [P-ROLE1] */
  get admin(): RoomAdmin {
    return this.#admin;
  }

  /**
   * Leaves the room: tells the group (an encrypted, signed "leave" notice; the first
   * member's client to read it commits our Remove), then forgets the room's MLS state,
   * password key and invites on this device, and unsubscribes. Status becomes 'none'.
   * When online, waits up to `ackTimeoutMs` (5 s) for the server to take the notice.
   */
  leaveRoom(room: RoomId, options: { ackTimeoutMs?: number } = {}): Promise<void> {
    return this.#leaving.leave(room, options.ackTimeoutMs ?? 5_000);
  }

  /**
   * Opens (or finds) the 1-to-1 room with `peer`: claims one of the peer's KeyPackages,
   * creates the group and adds the peer in the room's first commit. Resolves with the room.
   */
  async openDm(peer: ClientId): Promise<RoomId> {
    const room = dmRoomId(this.client.clientId, peer);
    if (await this.group(room)) return room;
    const keyPackage = await this.client.mls.claimKeyPackage(peer);
    if (!keyPackage) {
      throw new YamError(ErrorCode.NotFound, 'that person has no keys on this server yet');
    }
    const kp = await parseKeyPackage(keyPackage);
    if (clientIdOf(kp.leafNode.signaturePublicKey) !== peer) {
      throw new YamError(ErrorCode.AuthFailed, 'the server handed out someone else’s KeyPackage');
    }
    await this.#refusals.claiming(room, () =>
      this.#queue.run(room, async () => {
        if (await this.group(room)) return;
        const created = await createRoomGroup(this.identity, room);
        const made = await addMembers(created, [keyPackage]);
        const won = await this.#commits.claim(
          room,
          made,
          { to: [peer], data: made.welcome },
          false,
        );
        // Lost the race: the peer opened it first, and its Welcome is on the way.
        if (!won) return;
        await this.store.put('room', room, encodeMeta({ joinEpoch: 0 }));
        await this.#saveGroup(room, made.group);
      }),
    );
    return room;
  }

  /** Tops the server's stock of this device's KeyPackages up to the target. */
  replenishKeyPackages(): Promise<void> {
    return this.#pool.replenish();
  }

  /** The room's current group on this device (undefined: not a member). */
  group(room: string): Promise<RoomGroup | undefined> {
    return this.#vault.get(room);
  }

  /**
   * Seals a record (e.g. a profile) for the room's members of the current epoch: what the
   * server stores is opaque. Re-seal after an `epoch` event so that new members can read it.
   */
  sealRecord(room: RoomId, plaintext: Uint8Array): Promise<Uint8Array> {
    return this.#vault.seal(room, plaintext);
  }

  /** Opens a record sealed by sealRecord; undefined when this device has no key for it. */
  openRecord(room: RoomId, sealed: Uint8Array): Promise<Uint8Array | undefined> {
    return this.#vault.open(room, sealed);
  }

  async #saveGroup(room: string, group: RoomGroup): Promise<void> {
    const newEpoch = await this.#vault.save(room, group);
    this.#commits.epochChanged(room, Number(epochOf(group)));
    if (newEpoch)
      this.#events.emit('epoch', { room: room as RoomId, epoch: Number(epochOf(group)) });
  }

  async #meta(room: string): Promise<RoomMeta | undefined> {
    return decodeMeta(await this.store.get('room', room));
  }

  async #adoptJoined(room: RoomId, group: RoomGroup): Promise<void> {
    await this.store.put('room', room, encodeMeta({ joinEpoch: Number(epochOf(group)) }));
    await this.#saveGroup(room, group);
    void this.client.join(room).catch(() => undefined);
  }

  async #onControl(room: RoomId, from: ClientId, body: Uint8Array | undefined): Promise<void> {
    const upTo = body && decodeReadMark(body);
    if (upTo) return void this.#events.emit('read', { room, from, upTo });
    // The opener checked the envelope's author is `from`: only a member can ask to leave.
    const notice = body && leaveNoticeOf(body);
    if (notice) this.#follower.leaving(room, from);
    if (notice && from !== this.client.clientId) {
      // Outside the room's queue (the commit takes it); run in order after this message.
      if ((await this.#meta(room))?.removed) return;
      void this.#admin.removeLeaver(room, from, notice).catch((e) => this.#failed(e, room));
      return;
    }
    const secrets = body && decodeRoomSecrets(body);
    if (secrets?.admitted?.clientId === this.client.clientId) {
      this.#joins.admitted(room, secrets.admitted.proof);
    }
    if (secrets?.passwordKey) {
      await this.store.put('room', passwordKeyId(room), secrets.passwordKey);
    }
  }

  #failed(error: unknown, room?: string): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#events.emit('error', room === undefined ? { message } : { room, message });
  }
}
