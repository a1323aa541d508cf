import {
  addMembers,
  admitProof,
  clientIdOf,
  createInviteKey,
  type DeviceIdentity,
  groupIdOf,
  inviteMac,
  isActive,
  joinFromWelcome,
  membersOf,
  openJoinInfo,
  parseKeyPackage,
  type RoomGroup,
  roomPasswordKey,
  sealJoinInfo,
  verifyAdmitProof,
  verifyInviteMac,
} from '@yam/crypto';
import { type ClientId, ErrorCode, type RoomId, toBase64Url, YamError } from '@yam/protocol';
import type { Emitter } from '../emitter.ts';
import { isBlocked } from '../rooms/blocks.ts';
import type { JoinRequestInfo, JoinResultInfo, WelcomeInfo } from '../types.ts';
import type { YamClient } from '../yam-client.ts';
import type { CommitRunner } from './commit-runner.ts';
import { dmRoomId, isDmRoomId } from './dm-room-id.ts';
import type { KeyPackagePool } from './key-package-pool.ts';
import { PasswordCheck } from './password-check.ts';
import type { RoomQueue } from './room-queue.ts';
import type { SecretStore } from './secret-store.ts';
import type { SecureEvents } from './secure-events.ts';

// The errors' texts, for logs and the CLI; apps choose their words by the error code.
const INVALID_INVITE_MESSAGE =
  'A member refused your request: this invite link was already used or is not valid any more. Ask a member for a new one.';
const WRONG_PASSWORD_MESSAGE =
  'That password is not right for this room. Check it with a member and try again.';
const REFUSED_MESSAGE =
  'A member refused your request to join this room. If that is a mistake, ask a member for an invite link.';

/** What a refusal means, by the proof the request came with. */
const REFUSALS = {
  invite: [ErrorCode.InviteInvalid, INVALID_INVITE_MESSAGE],
  password: [ErrorCode.PasswordWrong, WRONG_PASSWORD_MESSAGE],
  none: [ErrorCode.JoinRefused, REFUSED_MESSAGE],
} as const;

/** What the desk uses of the secure layer (SecureRooms is one). */
export type JoinDeskRooms = {
  readonly client: YamClient;
  readonly identity: DeviceIdentity;
  readonly store: SecretStore;
  group(room: string): Promise<RoomGroup | undefined>;
  status(room: string): Promise<'member' | 'removed' | 'none'>;
  passwordKey(room: RoomId): Promise<Uint8Array | undefined>;
  shareSecrets(room: RoomId, admitted?: { clientId: string; proof?: Uint8Array }): Promise<void>;
};

export type JoinDeskHooks = {
  rooms: JoinDeskRooms;
  pool: KeyPackagePool;
  commits: CommitRunner;
  queue: RoomQueue;
  events: Emitter<SecureEvents>;
  adoptJoined(room: RoomId, group: RoomGroup): Promise<void>;
  /** Drops a group this device joined but must not trust (no admit proof). [P-E2E8] */
  abandon(room: RoomId): Promise<void>;
};

type Waiter = {
  id?: number;
  proof: 'none' | 'invite' | 'password';
  inviteKey?: Uint8Array;
  /** With an invite: the group joined from the Welcome, until the admitter's proof checks. */
  joined?: { group: RoomGroup; from: ClientId };
  resolve(): void;
  reject(error: Error): void;
};

/** How long a joiner with an invite waits, after the Welcome, for the admitter's proof. */
const ADMIT_PROOF_WAIT_MS = 30_000;
const NO_PROOF_MESSAGE =
  'The member who let you in could not prove it holds your invite, so Yam left that room. Ask for a new invite link.';

/**
 * The live join handshake, both sides. Joiner: a fresh KeyPackage, a MAC with the invite
 * key (or a CPace share for a password), then the Welcome. Member: a request whose MAC
 * verifies with an invite this device holds is admitted at once (Add commit + Welcome) and
 * the invite burnt; a password request is admitted once its CPace run checks
 * (password-check.ts); any other request waits for the user's Accept or Refuse. A swapped
 * KeyPackage fails the MAC or the run. [P-DS5] [P-DS6] [P-PAKE1]
 */
export class JoinDesk {
  readonly #hooks: JoinDeskHooks;
  readonly #requests = new Map<string, JoinRequestInfo>();
  readonly #handling = new Set<string>();
  readonly #waiting = new Map<string, Waiter>();
  /** Password joins' CPace runs, both sides: SecureRooms routes the `pake*` events to it. */
  readonly passwords: PasswordCheck;

  constructor(hooks: JoinDeskHooks) {
    this.#hooks = hooks;
    this.passwords = new PasswordCheck(hooks.rooms.client, hooks.events, {
      admit: (r) => this.#admitChecked(r),
      refuse: (r) => hooks.rooms.client.mls.resolveJoin(r.room, r.id, 'refused'),
      unproven: (room, id, error) => {
        const waiter = this.#waiting.get(room);
        if (waiter?.id === id) waiter.reject(error);
      },
    });
  }

  async createInvite(room: RoomId): Promise<Uint8Array> {
    if ((await this.#hooks.rooms.status(room)) !== 'member') {
      throw new YamError(ErrorCode.NotSubscribed, 'only members can invite');
    }
    const key = createInviteKey();
    const id = toBase64Url(crypto.getRandomValues(new Uint8Array(9)));
    await this.#hooks.rooms.store.put('invite', `${room}\n${id}`, key);
    return key;
  }

  async join(
    room: RoomId,
    options: { inviteKey?: Uint8Array; password?: string; name?: string; timeoutMs?: number },
  ): Promise<void> {
    const { rooms, pool } = this.#hooks;
    if ((await rooms.status(room)) === 'member') return;
    const kp = await pool.fresh();
    const { name, inviteKey } = options;
    // A password is never used as a MAC key (that would allow an offline dictionary attack
    // on what the server keeps): it runs CPace with a member instead. [P-PAKE1]
    const passwordKey =
      !inviteKey && options.password ? await roomPasswordKey(options.password, room) : undefined;
    const proof = inviteKey ? 'invite' : passwordKey ? 'password' : 'none';
    const mac = inviteKey ? inviteMac(inviteKey, room, kp.keyPackage) : undefined;
    const info = inviteKey && name ? sealJoinInfo(inviteKey, room, { name }) : undefined;
    this.#waiting.get(room)?.reject(new YamError(ErrorCode.Internal, 'replaced by a new request'));
    const pake = passwordKey
      ? this.passwords.start({
          passwordKey,
          room,
          joiner: rooms.identity.clientId,
          keyPackage: kp.keyPackage,
        })
      : undefined;
    const done = new Promise<void>((resolve, reject) => {
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(
              () =>
                settle(new YamError(ErrorCode.JoinTimeout, 'no member let you in yet: try later')),
              options.timeoutMs,
            );
      const settle = (error?: Error) => {
        clearTimeout(timer);
        if (this.#waiting.get(room) === waiter) {
          this.#waiting.delete(room);
          this.passwords.forget(room);
        }
        if (error) reject(error);
        else resolve();
      };
      const waiter: Waiter = {
        proof,
        ...(inviteKey ? { inviteKey } : {}),
        resolve: () => settle(),
        reject: settle,
      };
      this.#waiting.set(room, waiter);
    });
    const waiter = this.#waiting.get(room)!;
    try {
      const request = rooms.client.mls.requestJoin(room, kp.keyPackage, mac, info, pake);
      waiter.id = (await request).id;
      this.passwords.requested(room, waiter.id);
    } catch (error) {
      waiter.reject(error as Error);
    }
    return done;
  }

  async accept(room: RoomId, id: number): Promise<void> {
    const key = `${room}\n${id}`;
    const request = this.#requests.get(key);
    if (!request) throw new YamError(ErrorCode.NotFound, 'that join request is gone');
    this.#handling.add(key);
    try {
      await this.#admit(request);
      this.#requests.delete(key);
    } finally {
      this.#handling.delete(key);
    }
  }

  async refuse(room: RoomId, id: number): Promise<void> {
    await this.#hooks.rooms.client.mls.resolveJoin(room, id, 'refused');
    this.#requests.delete(`${room}\n${id}`);
  }

  async onJoinRequest(r: JoinRequestInfo): Promise<void> {
    const key = `${r.room}\n${r.id}`;
    if (this.#handling.has(key) || this.#requests.has(key)) return;
    const { rooms, events } = this.#hooks;
    try {
      const group = await rooms.group(r.room);
      if (!group || !isActive(group)) return;
      // Someone this user blocked is refused at once and never shown.
      if (await isBlocked(rooms.store, r.from)) {
        await rooms.client.mls.resolveJoin(r.room, r.id, 'refused');
        return;
      }
      if (r.mac) {
        for (const invite of await rooms.store.list('invite', `${r.room}\n`)) {
          if (!verifyInviteMac(invite.value, r.room, r.keyPackage, r.mac)) continue;
          this.#handling.add(key);
          try {
            await this.#admit(r, invite.value);
            await rooms.store.delete('invite', invite.key);
          } finally {
            this.#handling.delete(key);
          }
          return;
        }
      }
      if (await this.passwords.answer(r, await rooms.passwordKey(r.room))) return;
      this.#requests.set(key, r);
      const name = await this.#nameOf(r);
      events.emit('joinRequest', {
        room: r.room,
        id: r.id,
        from: r.from,
        invite: r.mac ? 'invalid' : 'none',
        ...(name ? { name } : {}),
      });
    } catch (error) {
      events.emit('error', { room: r.room, message: (error as Error).message });
    }
  }

  onJoinResult(r: JoinResultInfo): void {
    this.#requests.delete(`${r.room}\n${r.id}`);
    this.passwords.settled(r.room, r.id);
    this.#hooks.events.emit('joinResult', r);
    const waiter = this.#waiting.get(r.room);
    if (!waiter || waiter.id !== r.id || r.outcome !== 'refused') return;
    const [code, message] = REFUSALS[waiter.proof];
    waiter.reject(new YamError(code, message));
  }

  /**
   * Opens a Welcome only for a room this device asked for: a pending join() of that room,
   * or the DM between this device and the Welcome's sender. Anything else, and a Welcome
   * whose MLS group is not that room's, is dropped (acked) and reported. [P-E2E7]
   */
  onWelcome(w: WelcomeInfo): Promise<void> {
    const { rooms, pool, queue, events } = this.#hooks;
    const drop = async (why: string) => {
      await rooms.client.mls.ackWelcome(w.id).catch(() => undefined);
      events.emit('error', { room: w.room, message: `Ignored a Welcome from ${w.from}: ${why}` });
    };
    return queue
      .run(w.room, async () => {
        const current = await rooms.group(w.room);
        if (current && isActive(current)) {
          await rooms.client.mls.ackWelcome(w.id);
          return;
        }
        const dm = w.room === dmRoomId(rooms.identity.clientId, w.from);
        if (!dm && !this.#waiting.has(w.room)) {
          await drop('this device is not joining that room');
          return;
        }
        if (dm && (await isBlocked(rooms.store, w.from))) {
          // A DM from someone this user blocked: acked, never joined, nothing shown.
          await rooms.client.mls.ackWelcome(w.id).catch(() => undefined);
          return;
        }
        let joined: Awaited<ReturnType<typeof joinFromWelcome>>;
        try {
          joined = await joinFromWelcome(rooms.identity, w.data, await pool.pending());
        } catch (error) {
          // A Welcome we can never open (not for our KeyPackages, or broken): drop it.
          await rooms.client.mls.ackWelcome(w.id);
          throw error;
        }
        // Someone else's group filed under this room's name: its members could read us.
        if (!sameBytes(joined.group.state.groupContext.groupId, groupIdOf(w.room))) {
          await drop('its group is not that room’s');
          return;
        }
        await pool.used(joined.used);
        await this.#hooks.adoptJoined(w.room, joined.group);
        await rooms.client.mls.ackWelcome(w.id).catch(() => undefined);
        void pool.replenish();
        const waiter = this.#waiting.get(w.room);
        if (!dm && waiter?.inviteKey) {
          // [P-E2E8] Trusted once the admitter proves, over this epoch, it holds our invite.
          waiter.joined = { group: joined.group, from: w.from };
          const timer = setTimeout(() => void this.#noProof(w.room, waiter), ADMIT_PROOF_WAIT_MS);
          const { resolve, reject } = waiter;
          waiter.resolve = () => {
            clearTimeout(timer);
            resolve();
          };
          waiter.reject = (error) => {
            clearTimeout(timer);
            reject(error);
          };
          return;
        }
        events.emit('roomJoined', { room: w.room, from: w.from, dm: isDmRoomId(w.room) });
        waiter?.resolve();
      })
      .catch((error) => events.emit('error', { room: w.room, message: (error as Error).message }));
  }

  /**
   * The admitting member's proof for this device, read from the room [P-E2E8]: the join
   * completes when it checks against our invite key and the epoch we joined, and the room
   * is left when it does not.
   */
  admitted(room: RoomId, proof: Uint8Array | undefined): void {
    const waiter = this.#waiting.get(room);
    const joined = waiter?.joined;
    if (!waiter?.inviteKey || !joined) return;
    const me = this.#hooks.rooms.identity.clientId;
    // No proof: a member let us in by hand (our invite was used or revoked): say who.
    if (proof && !verifyAdmitProof(waiter.inviteKey, joined.group, me, proof)) {
      void this.#noProof(room, waiter);
      return;
    }
    const verified = proof !== undefined;
    this.#hooks.events.emit('roomJoined', { room, from: joined.from, dm: false, verified });
    waiter.resolve();
  }

  async #noProof(room: RoomId, waiter: Waiter): Promise<void> {
    if (this.#waiting.get(room) !== waiter) return;
    waiter.reject(new YamError(ErrorCode.InviteInvalid, NO_PROOF_MESSAGE));
    await this.#hooks.abandon(room).catch(() => undefined);
  }

  /** A password request whose CPace run checked: admitted like an invite's. */
  async #admitChecked(r: JoinRequestInfo): Promise<void> {
    const key = `${r.room}\n${r.id}`;
    this.#handling.add(key);
    try {
      await this.#admit(r);
    } finally {
      this.#handling.delete(key);
    }
  }

  /** Adds the requester (its KeyPackage must be its own), sends the Welcome, settles the request. */
  async #admit(r: JoinRequestInfo, inviteKey?: Uint8Array): Promise<void> {
    const { rooms, commits } = this.#hooks;
    const kp = await parseKeyPackage(r.keyPackage);
    if (clientIdOf(kp.leafNode.signaturePublicKey) !== r.from) {
      throw new YamError(ErrorCode.AuthFailed, 'the KeyPackage is not the requester’s');
    }
    const made = await commits.run(
      r.room,
      async (group) =>
        membersOf(group).some((m) => m.clientId === r.from)
          ? null
          : addMembers(group, [r.keyPackage]),
      { welcomeTo: [r.from] },
    );
    await rooms.client.mls.resolveJoin(r.room, r.id, 'added').catch((error: unknown) => {
      if (!(error instanceof YamError && error.code === ErrorCode.NotFound)) throw error;
    });
    // Older requests of the same joiner (a new one replaces them on the server) are moot.
    for (const [key, other] of this.#requests) {
      if (other.room !== r.room || other.from !== r.from || other.id === r.id) continue;
      this.#requests.delete(key);
      this.#hooks.events.emit('joinResult', { room: r.room, id: other.id, outcome: 'added' });
    }
    // The new member learns what members know (the password key), encrypted for the group,
    // and, invited, our proof over its first epoch that we hold its invite. [P-E2E8]
    const proof = made && inviteKey ? admitProof(inviteKey, made.group, r.from) : undefined;
    await rooms.shareSecrets(r.room, { clientId: r.from, ...(proof ? { proof } : {}) });
  }

  async #nameOf(r: JoinRequestInfo): Promise<string | undefined> {
    if (!r.info) return undefined;
    for (const invite of await this.#hooks.rooms.store.list('invite', `${r.room}\n`)) {
      const details = openJoinInfo(invite.value, r.room, r.info);
      if (details?.name) return details.name;
    }
    return undefined;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
