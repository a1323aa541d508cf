import {
  type AckEvent,
  type ClientMsgId,
  ErrorCode,
  type RoomId,
  toBase64Url,
  YamError,
} from '@yam/protocol';
import type { Outbox } from './outbox.ts';
import type { Session } from './session.ts';
import type { AckInfo, OutboxItem } from './types.ts';

// A publish failing with these can never succeed: drop it from the outbox.
const PERMANENT_PUBLISH_ERRORS: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.PayloadTooLarge,
  ErrorCode.BadFrame,
  ErrorCode.InvalidRoom,
]);

export type PublisherHooks = {
  acked(ack: AckInfo): void;
  /** An item that can never be stored was dropped from the outbox. */
  dropped(room: RoomId, cmid: ClientMsgId, error: YamError): void;
  /** A store write the client should wait for on close and report on failure. */
  track(write: Promise<unknown>): void;
};

/**
 * Sends outbox items and settles them. An item is published at most once per
 * connection and settled exactly once, by its ack or by its own echo (whichever comes
 * first: the ack may be lost with a connection, the echo may come later). [P-MSG4]
 */
export class Publisher {
  readonly #outbox: Outbox;
  readonly #hooks: PublisherHooks;

  constructor(outbox: Outbox, hooks: PublisherHooks) {
    this.#outbox = outbox;
    this.#hooks = hooks;
  }

  publish(session: Session, item: OutboxItem): void {
    const key = `${item.room}\n${item.cmid}`;
    if (session.sent.has(key)) return;
    session.sent.add(key);
    session.conn
      .request<AckEvent>({
        t: 'pub',
        room: item.room,
        cmid: item.cmid,
        payload: toBase64Url(item.payload),
        ...(item.mentions?.length ? { mentions: item.mentions } : {}),
      })
      .then((ack) => this.settle(ack))
      .catch((error) => {
        session.sent.delete(key);
        // The server's error frame was already reported; only drop what can never succeed.
        if (error instanceof YamError && PERMANENT_PUBLISH_ERRORS.has(error.code)) {
          this.#hooks.track(this.#outbox.settle(item.room, item.cmid).stored);
          this.#hooks.dropped(item.room, item.cmid, error);
        }
      });
  }

  /** Marks an item stored by the server; emits `acked` once per item. */
  settle(ack: AckInfo): void {
    const { settled, stored } = this.#outbox.settle(ack.room, ack.cmid);
    if (!settled) return;
    this.#hooks.track(stored);
    this.#hooks.acked({ room: ack.room, cmid: ack.cmid, seq: ack.seq, ts: ack.ts });
  }
}
