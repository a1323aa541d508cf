import { type ClientId, type ClientMsgId, ErrorCode, type RoomId, YamError } from '@yam/protocol';
import { newClientMsgId, Outbox } from './outbox.ts';
import { Publisher } from './publisher.ts';
import { Receipts } from './receipts.ts';
import type { ClientLink } from './session.ts';
import type { ClientStore, OutboxItem, SentItem } from './types.ts';

export type SenderHooks = {
  maxPayloadBytes(): number;
  /** Whether the room is joined; `join` joins it (sending into a room follows it). */
  joined(room: RoomId): boolean;
  join(room: RoomId): Promise<void>;
};

/**
 * The sending side of a client: the persistent outbox, its publisher, the receipts of
 * this session's sends, and the store writes close() waits for. [P-MSG4]
 */
export class ClientSender {
  readonly outbox: Outbox;
  readonly publisher: Publisher;
  readonly #link: ClientLink;
  readonly #hooks: SenderHooks;
  readonly #receipts = new Receipts();
  readonly #writes = new Set<Promise<unknown>>();

  constructor(link: ClientLink, store: ClientStore, hooks: SenderHooks) {
    this.#link = link;
    this.#hooks = hooks;
    this.outbox = new Outbox(store);
    this.publisher = new Publisher(this.outbox, {
      acked: (ack) => {
        this.#receipts.acked(ack);
        link.events.emit('ack', ack);
      },
      dropped: (room, cmid, error) => this.#receipts.dropped(room, cmid, error),
      track: (write) => void this.track(write),
    });
  }

  /** Loads the items a previous session left in the outbox (a failure is reported). */
  async load(): Promise<void> {
    await this.outbox.load().catch((error: unknown) => this.#link.failed(error));
  }

  /** Queues a payload (see YamClient.send); `acked` is registered before the frame can go out. */
  async send(
    room: RoomId,
    payload: Uint8Array,
    cmid: ClientMsgId = newClientMsgId(),
    mentions?: readonly ClientId[],
  ): Promise<SentItem> {
    const hooks = this.#hooks;
    const max = hooks.maxPayloadBytes();
    if (payload.byteLength > max) {
      throw new YamError(
        ErrorCode.PayloadTooLarge,
        `payload of ${payload.byteLength} bytes exceeds ${max}`,
      );
    }
    if (this.#link.state() === 'closed')
      throw new YamError(ErrorCode.Internal, 'the client is closed');
    if (!hooks.joined(room)) void hooks.join(room).catch(() => undefined);
    const acked = this.#receipts.expect(room, cmid);
    let item: OutboxItem;
    try {
      item = await this.outbox.add(room, payload.slice(), cmid, mentions);
    } catch (error) {
      this.#receipts.dropped(room, cmid, error);
      throw error;
    }
    const session = this.#link.session();
    if (session?.flushed.has(room)) this.publisher.publish(session, item);
    return { ...item, acked };
  }

  /** A store write outside the room queues: close() waits for it; a failure is reported. */
  track<T>(write: Promise<T>): Promise<T | undefined> {
    const tracked = write.catch((error) => {
      this.#link.failed(error);
      return undefined;
    });
    this.#writes.add(tracked);
    void tracked.finally(() => this.#writes.delete(tracked));
    return tracked;
  }

  /** The client closes: unsettled receipts reject (the outbox keeps the messages). */
  close(): void {
    this.#receipts.rejectAll(new YamError(ErrorCode.Internal, 'the client is closed'));
  }

  /** Waits for the tracked store writes. */
  idle(): Promise<unknown> {
    return Promise.allSettled([...this.#writes]);
  }
}
