import type { ClientMsgId, RoomId } from '@yam/protocol';
import type { AckInfo } from './types.ts';

type Waiter = { resolve(ack: AckInfo): void; reject(error: unknown): void };

const keyOf = (room: RoomId, cmid: ClientMsgId) => `${room}\n${cmid}`;

/**
 * Promises of the server's ack, one per message sent this session. A message's promise
 * is made before the message can go out, so an ack that comes early is never missed;
 * it rejects when the message is dropped as unsendable or the client closes.
 */
export class Receipts {
  readonly #waiting = new Map<string, Waiter>();

  /** The promise of `cmid`'s ack; register before the message is published. */
  expect(room: RoomId, cmid: ClientMsgId): Promise<AckInfo> {
    const acked = new Promise<AckInfo>((resolve, reject) => {
      this.#waiting.set(keyOf(room, cmid), { resolve, reject });
    });
    // Callers that never look at the receipt must not see an unhandled rejection.
    acked.catch(() => undefined);
    return acked;
  }

  /** The server stored the message. */
  acked(ack: AckInfo): void {
    const key = keyOf(ack.room, ack.cmid);
    this.#waiting.get(key)?.resolve(ack);
    this.#waiting.delete(key);
  }

  /** The message will never be stored (the outbox dropped it): its receipt rejects. */
  dropped(room: RoomId, cmid: ClientMsgId, error: unknown): void {
    const key = keyOf(room, cmid);
    this.#waiting.get(key)?.reject(error);
    this.#waiting.delete(key);
  }

  /** Rejects every receipt still waiting (the client closed; the outbox keeps the messages). */
  rejectAll(error: unknown): void {
    for (const waiter of this.#waiting.values()) waiter.reject(error);
    this.#waiting.clear();
  }
}
