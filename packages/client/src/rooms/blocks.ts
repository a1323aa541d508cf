import { type ClientId, ErrorCode, parseClientId, YamError } from '@yam/protocol';
import { Emitter } from '../emitter.ts';
import type { SecretStore } from '../secure/secret-store.ts';

/** The one byte stored per blocked client (the key says who; the value is only a marker). */
const BLOCKED = Uint8Array.of(1);

/** Whether `clientId` is on this device's block list in `store` (the join desk's guard). */
export async function isBlocked(store: SecretStore, clientId: string): Promise<boolean> {
  return (await store.get('block', clientId)) !== undefined;
}

/**
 * This device's block list: local, never sent anywhere (nobody learns they were blocked).
 * A blocked person's DMs (their Welcomes) and join requests are refused by the SDK; apps
 * hide their messages. Kept in the SecretStore (kind `block`, key = client ID), so it
 * lasts across restarts, per server like everything else there.
 */
export class Blocks {
  readonly #store: SecretStore;
  readonly #events = new Emitter<{ change: readonly ClientId[] }>();

  constructor(store: SecretStore) {
    this.#store = store;
  }

  /** Blocks `clientId` (idempotent); rejects with BAD_FRAME when it is not a client ID. */
  async block(clientId: ClientId): Promise<void> {
    await this.#store.put('block', valid(clientId), BLOCKED);
    await this.#changed();
  }

  /** Unblocks `clientId` (idempotent). */
  async unblock(clientId: ClientId): Promise<void> {
    await this.#store.delete('block', valid(clientId));
    await this.#changed();
  }

  /** Every blocked client ID, sorted. */
  async list(): Promise<ClientId[]> {
    const entries = await this.#store.list('block');
    return entries.flatMap(({ key }) => parseClientId(key) ?? []);
  }

  has(clientId: ClientId): Promise<boolean> {
    return isBlocked(this.#store, clientId);
  }

  /** Called with the whole list after each block or unblock on this object; returns the unsubscriber. */
  onChange(listener: (blocked: readonly ClientId[]) => void): () => void {
    return this.#events.on('change', listener);
  }

  async #changed(): Promise<void> {
    this.#events.emit('change', await this.list());
  }
}

function valid(clientId: string): ClientId {
  const id = parseClientId(clientId);
  if (!id) throw new YamError(ErrorCode.BadFrame, 'not a client ID');
  return id;
}
