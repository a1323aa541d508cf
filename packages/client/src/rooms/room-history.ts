import type { ClientId, RoomId } from '@yam/protocol';
import { type RawMessage, toTransport, withKind } from '../secure/message-kind.ts';
import type { OpenedMessage } from '../secure/opened-message.ts';
import type { SecureRooms } from '../secure/secure-rooms.ts';
import type { ClientStore, ReceivedMessage } from '../types.ts';
import type { YamClient } from '../yam-client.ts';

/** A message this device queued and the server has not stored yet, in plaintext. */
export type QueuedMessage = { room: RoomId; cmid: string; queuedAt: number; body?: Uint8Array };

/** Stored messages of a room: paging, the cursor, the outbox, and forwarded history. */
export class RoomHistory {
  readonly #client: YamClient;
  readonly #secure: SecureRooms;
  readonly #store: ClientStore;

  constructor(client: YamClient, secure: SecureRooms, store: ClientStore) {
    this.#client = client;
    this.#secure = secure;
    this.#store = store;
  }

  /** The page before seq `before`: from the server when online (and stored), else the store. */
  async page(
    room: RoomId,
    options: { before: number; limit?: number },
  ): Promise<{ messages: RawMessage[]; hasMore: boolean }> {
    const page = await this.#client.history(room, options);
    return { messages: page.messages.map(withKind), hasMore: page.hasMore };
  }

  /** Up to `limit` messages this device holds with seq < `before` (or the newest), ascending. */
  async stored(room: RoomId, options: { before?: number; limit: number }): Promise<RawMessage[]> {
    const messages = await this.#store.getMessages(room, {
      limit: options.limit,
      ...(options.before === undefined ? {} : { beforeSeq: options.before }),
    });
    return messages.map(withKind);
  }

  /** Own messages still waiting for the server's ack, oldest first, with their plaintext. */
  async queued(room: RoomId): Promise<QueuedMessage[]> {
    const items = (await this.#store.outboxList()).filter((item) => item.room === room);
    const out: QueuedMessage[] = [];
    for (const { cmid, queuedAt } of items.sort((a, b) => a.queuedAt - b.queuedAt)) {
      const body = await this.#secure.ownBody(room, cmid);
      out.push(body ? { room, cmid, queuedAt, body } : { room, cmid, queuedAt });
    }
    return out;
  }

  /** Highest seq of `room` delivered in order so far (0: none yet). */
  cursor(room: RoomId): number {
    return this.#client.cursor(room);
  }

  /** The author's signed envelope of a stored message, to forward as history. [P-SIG6] */
  signedEnvelope(message: RawMessage | ReceivedMessage): Promise<Uint8Array | undefined> {
    return this.#secure.signedEnvelope(toTransport(message));
  }

  /**
   * Takes a message another member forwarded (payload = the author's signed envelope):
   * verified, and kept when this device could not read it. Undefined when the check fails.
   */
  adoptShared(message: ReceivedMessage, sharedBy: ClientId): Promise<OpenedMessage | undefined> {
    return this.#secure.adoptShared(message, sharedBy);
  }
}
