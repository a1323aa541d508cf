import { type DeviceIdentity, isActive, type RoomGroup, signLeaveNotice } from '@yam/crypto';
import type { RoomId } from '@yam/protocol';
import type { SentItem } from '../types.ts';
import type { YamClient } from '../yam-client.ts';
import { encodeLeave } from './control-message.ts';
import type { GroupVault } from './group-vault.ts';
import type { RoomQueue } from './room-queue.ts';
import { passwordKeyId } from './secret-records.ts';
import type { SecretStore } from './secret-store.ts';

export type RoomLeavingHooks = {
  client: YamClient;
  identity: DeviceIdentity;
  store: SecretStore;
  vault: GroupVault;
  queue: RoomQueue;
  status(room: RoomId): Promise<'member' | 'removed' | 'none'>;
  group(room: RoomId): Promise<RoomGroup | undefined>;
  /** Seals a control message for the room; `after` runs in the same queue turn. */
  sendControl(room: RoomId, body: Uint8Array, after: () => Promise<void>): Promise<SentItem>;
};

/**
 * Leaving a room on this device: the signed "leave" notice to the group (a member's client
 * commits our Remove with it [P-ROLE2]), then everything this device keeps about the room
 * is forgotten. Also forgets rooms joined but not to be trusted.
 */
export class RoomLeaving {
  readonly #hooks: RoomLeavingHooks;

  constructor(hooks: RoomLeavingHooks) {
    this.#hooks = hooks;
  }

  /**
   * Tells the group, forgets the room's MLS state, password key and invites here, and
   * unsubscribes. When online, waits up to `ackTimeoutMs` for the server to take the notice.
   */
  async leave(room: RoomId, ackTimeoutMs: number): Promise<void> {
    const { client, queue } = this.#hooks;
    const forget = () => this.forget(room);
    if ((await this.#hooks.status(room)) !== 'member') {
      await queue.run(room, forget);
      return client.leave(room);
    }
    const group = await this.#hooks.group(room);
    const notice =
      group && isActive(group) ? signLeaveNotice(this.#hooks.identity, group) : new Uint8Array();
    // Forgotten in the same queue turn: the Remove commit that follows finds no group.
    const { acked } = await this.#hooks.sendControl(room, encodeLeave(notice), forget);
    // Wait (briefly) for the server's ack: the caller may close the connection next.
    if (client.state === 'online') await settledWithin(acked, ackTimeoutMs);
    await client.leave(room);
  }

  /** Drops everything this device keeps about a room (its plaintext cache stays). */
  async forget(room: RoomId): Promise<void> {
    const { vault, store } = this.#hooks;
    await vault.forget(room);
    await store.delete('room', room);
    await store.delete('room', passwordKeyId(room));
    for (const { key } of await store.list('invite', `${room}\n`)) {
      await store.delete('invite', key);
    }
  }
}

/** Resolves when `promise` settles (either way) or after `ms`, whichever comes first. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([promise.then(noop, noop), timeout]);
  clearTimeout(timer);
}

function noop(): void {}
