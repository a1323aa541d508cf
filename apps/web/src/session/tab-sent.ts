import type { AckInfo, QueuedMessage } from '@yam/client';
import type { RoomId } from '@yam/protocol';

/** Acks kept for a send whose answer has not arrived yet (the ack may come first). */
const KEEP_ACKS = 500;

type Call = <T>(path: string, ...args: unknown[]) => Promise<T>;

/**
 * The follower's view of its sends: the server's acks as the leader reports them (each
 * settles the receipt of its cmid, even one that came before the receipt), and, after the
 * leader went away mid-send, whether the message already left: queued in the outbox, or
 * acked, with the same bytes since the send began.
 */
export class SentLedger {
  readonly #acks = new Map<string, { ack: AckInfo; at: number }>();
  readonly #waiting = new Map<string, { resolve(a: AckInfo): void; reject(e: unknown): void }>();

  ack(ack: AckInfo): void {
    this.#acks.set(ack.cmid, { ack, at: Date.now() });
    if (this.#acks.size > KEEP_ACKS) this.#acks.delete(this.#acks.keys().next().value as string);
    const waiting = this.#waiting.get(ack.cmid);
    this.#waiting.delete(ack.cmid);
    waiting?.resolve(ack);
  }

  /** Settles on the ack of `cmid` (outbox resends by the next leader included). */
  acked(cmid: string): Promise<AckInfo> {
    const known = this.#acks.get(cmid);
    if (known) return Promise.resolve(known.ack);
    return new Promise((resolve, reject) => this.#waiting.set(cmid, { resolve, reject }));
  }

  /** The cmid of `body` in `room` if a leader already queued or sent it since `since`. */
  async find(
    room: RoomId,
    body: Uint8Array,
    since: number,
    call: Call,
  ): Promise<string | undefined> {
    const queued = await call<QueuedMessage[]>('history.queued', room);
    const same = queued.find((q) => q.queuedAt >= since && q.body && equal(q.body, body));
    if (same) return same.cmid;
    for (const [cmid, { ack, at }] of this.#acks) {
      if (ack.room !== room || at < since) continue;
      const sent = await call<Uint8Array | undefined>('ownBody', room, cmid);
      if (sent && equal(sent, body)) return cmid;
    }
    return undefined;
  }

  /** The session closed: receipts still waiting reject, as YamRooms' do. */
  close(): void {
    const waiting = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const w of waiting) w.reject(new Error('closed before the server stored the message'));
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
