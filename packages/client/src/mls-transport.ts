import {
  type AckEvent,
  type ClientId,
  type ClientMsgId,
  fromBase64Url,
  type JoinOutcome,
  type JoinQueued,
  type KeyPackageClaimed,
  type KeyPackagesStored,
  LIMITS,
  type RoomId,
  type Seq,
  type ServerMessage,
  toBase64Url,
} from '@yam/protocol';
import type { Emitter } from './emitter.ts';
import { newClientMsgId } from './outbox.ts';
import type { Session } from './session.ts';
import type { ClientEvents } from './types.ts';

export type MlsTransportHooks = {
  /** The current authenticated session, waiting for one when offline. */
  online(): Promise<Session>;
  /** An authenticated session subscribed to `room` (joining it when needed). */
  member(room: RoomId): Promise<Session>;
  events: Emitter<ClientEvents>;
};

/** What `commit` resolves with: where the commit sits in the room log. */
export type CommitAck = { seq: Seq; cmid: ClientMsgId; ts: number; duplicate: boolean };

type MlsFrame = Extract<
  ServerMessage,
  {
    t:
      | 'welcome'
      | 'joinRequest'
      | 'joinResult'
      | 'pakeReply'
      | 'pakeConfirm'
      | 'pakeProof'
      | 'pakeFailed';
  }
>;

/**
 * The delivery-service side of the SDK: bytes in, bytes out, no crypto. The MLS layer
 * above decides what to put, claim and commit. [P-DS1..7]
 */
export class MlsTransport {
  readonly #hooks: MlsTransportHooks;
  /** Welcome IDs emitted on this connection: the inbox replay and the live copy can meet. */
  #emitted = new Set<number>();

  constructor(hooks: MlsTransportHooks) {
    this.#hooks = hooks;
  }

  /** A new connection redelivers every unacked Welcome: let them through again. */
  reset(): void {
    this.#emitted = new Set();
  }

  /**
   * Uploads one-time KeyPackages (in frames of at most 50) and, when given, this device's
   * new last-resort KeyPackage; resolves with how many one-time ones are stored and whether
   * the server holds a last-resort one. [P-DS2]
   */
  async putKeyPackages(
    keyPackages: readonly Uint8Array[],
    lastResort?: Uint8Array,
  ): Promise<{ count: number; lastResort: boolean }> {
    const session = await this.#hooks.online();
    let stock = { count: 0, lastResort: false };
    let i = 0;
    do {
      const chunk = keyPackages.slice(i, i + LIMITS.maxKeyPackagesPerFrame);
      i += chunk.length;
      const last = i >= keyPackages.length;
      const reply = await session.conn.request<KeyPackagesStored>({
        t: 'kp.put',
        keyPackages: chunk.map((kp) => toBase64Url(kp)),
        ...(last && lastResort ? { lastResort: toBase64Url(lastResort) } : {}),
      });
      stock = { count: reply.count, lastResort: reply.lastResort ?? false };
    } while (i < keyPackages.length);
    return stock;
  }

  /**
   * Takes one of `clientId`'s KeyPackages: a one-time one, else its last-resort one; null
   * when it has none on this server. [P-DS2]
   */
  async claimKeyPackage(clientId: ClientId): Promise<Uint8Array | null> {
    const session = await this.#hooks.online();
    const reply = await session.conn.request<KeyPackageClaimed>({ t: 'kp.claim', clientId });
    return reply.keyPackage === null ? null : fromBase64Url(reply.keyPackage);
  }

  /**
   * Sends a commit made in `epoch`; throws EpochConflictError when another commit took the
   * epoch. Pass the same `cmid` to retry after a lost connection. `removes`: the client IDs
   * the commit removes, which leave the server's roster. `voids`: the seq of the commit of
   * this epoch this device could not apply. [P-DS1] [P-DS3] [P-MEM1] [P-MEM7]
   */
  async commit(
    room: RoomId,
    epoch: number,
    commit: Uint8Array,
    welcome?: { to: readonly ClientId[]; data: Uint8Array },
    options: {
      cmid?: ClientMsgId;
      removes?: readonly ClientId[];
      bans?: readonly ClientId[];
      voids?: number;
    } = {},
  ): Promise<CommitAck> {
    const { cmid = newClientMsgId(), removes, bans, voids } = options;
    // The first commit claims the room: nobody may subscribe to it before. [P-MEM3] A void
    // may come from a member whom the voided commit put out of the room. [P-MEM7]
    const session =
      epoch === 0 || voids ? await this.#hooks.online() : await this.#hooks.member(room);
    const ack = await session.conn.request<AckEvent>({
      t: 'commit',
      room,
      epoch,
      cmid,
      commit: toBase64Url(commit),
      ...(welcome ? { welcome: { to: [...welcome.to], data: toBase64Url(welcome.data) } } : {}),
      ...(removes?.length ? { removes: [...removes] } : {}),
      ...(bans?.length ? { bans: [...bans] } : {}),
      ...(voids ? { voids } : {}),
    });
    return { seq: ack.seq, cmid: ack.cmid, ts: ack.ts, duplicate: ack.duplicate };
  }

  /** Deletes a processed Welcome from the server inbox. [P-DS4] */
  async ackWelcome(id: number): Promise<void> {
    const session = await this.#hooks.online();
    await session.conn.request({ t: 'inbox.ack', id });
  }

  /**
   * Asks a room's members to add us; needs no membership. Resolves with the request ID.
   * `mac` proves an invite key, `pake` starts a password check (CPace share). [P-DS5] [P-PAKE1]
   */
  async requestJoin(
    room: RoomId,
    keyPackage: Uint8Array,
    mac?: Uint8Array,
    info?: Uint8Array,
    pake?: Uint8Array,
  ): Promise<{ id: number }> {
    const session = await this.#hooks.online();
    const reply = await session.conn.request<JoinQueued>({
      t: 'join.req',
      room,
      keyPackage: toBase64Url(keyPackage),
      ...(mac ? { mac: toBase64Url(mac) } : {}),
      ...(pake ? { pake: toBase64Url(pake) } : {}),
      ...(info ? { info: toBase64Url(info) } : {}),
    });
    return { id: reply.id };
  }

  /** Member: answers a password join request with its CPace share. [P-PAKE2] */
  async pakeReply(room: RoomId, id: number, share: Uint8Array): Promise<void> {
    const session = await this.#hooks.member(room);
    await session.conn.request({ t: 'pake.reply', room, id, share: toBase64Url(share) });
  }

  /** Requester: its confirmation tag, to the member that answered. [P-PAKE2] */
  async pakeConfirm(room: RoomId, id: number, tag: Uint8Array): Promise<void> {
    const session = await this.#hooks.online();
    await session.conn.request({ t: 'pake.confirm', room, id, tag: toBase64Url(tag) });
  }

  /** Member: the verdict; its own tag when the password was right, none when wrong. [P-PAKE3] */
  async pakeDone(room: RoomId, id: number, tag?: Uint8Array): Promise<void> {
    const session = await this.#hooks.member(room);
    await session.conn.request({
      t: 'pake.done',
      room,
      id,
      ...(tag ? { tag: toBase64Url(tag) } : {}),
    });
  }

  /** Settles a join request as a member of the room. [P-DS6] */
  async resolveJoin(room: RoomId, id: number, outcome: JoinOutcome): Promise<void> {
    const session = await this.#hooks.member(room);
    await session.conn.request({ t: 'join.done', room, id, outcome });
  }

  /** Turns a delivery-service event frame into an SDK event. */
  onFrame(frame: MlsFrame): void {
    const { events } = this.#hooks;
    switch (frame.t) {
      case 'welcome':
        if (this.#emitted.has(frame.id)) return;
        this.#emitted.add(frame.id);
        events.emit('welcome', {
          id: frame.id,
          room: frame.room,
          from: frame.from,
          data: fromBase64Url(frame.data),
          ts: frame.ts,
        });
        return;
      case 'joinRequest':
        events.emit('joinRequest', {
          id: frame.id,
          room: frame.room,
          from: frame.from,
          keyPackage: fromBase64Url(frame.keyPackage),
          ...(frame.mac ? { mac: fromBase64Url(frame.mac) } : {}),
          ...(frame.pake ? { pake: fromBase64Url(frame.pake) } : {}),
          ...(frame.info ? { info: fromBase64Url(frame.info) } : {}),
          ts: frame.ts,
        });
        return;
      case 'joinResult':
        events.emit('joinResult', { room: frame.room, id: frame.id, outcome: frame.outcome });
        return;
      case 'pakeReply':
      case 'pakeConfirm':
      case 'pakeProof': {
        const bytes = fromBase64Url(frame.t === 'pakeReply' ? frame.share : frame.tag);
        const info = { room: frame.room, id: frame.id, from: frame.from, bytes };
        events.emit(frame.t, info);
        return;
      }
      case 'pakeFailed':
        events.emit('passwordFailed', { room: frame.room, ts: frame.ts });
        return;
      default:
        frame satisfies never;
    }
  }
}
