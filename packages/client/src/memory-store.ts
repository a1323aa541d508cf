import type { ClientMsgId, RoomId } from '@yam/protocol';
import type { ClientStore, OutboxItem, ReceivedMessage } from './types.ts';

const outboxKey = (room: RoomId, cmid: ClientMsgId) => `${room}\n${cmid}`;

function copyMessage(m: ReceivedMessage): ReceivedMessage {
  return { ...m, payload: m.payload.slice() };
}

/** A ClientStore in memory: the default, and the reference for the contract suite. */
export class MemoryStore implements ClientStore {
  readonly #messages = new Map<RoomId, Map<number, ReceivedMessage>>();
  readonly #cursors = new Map<RoomId, number>();
  readonly #outbox = new Map<string, OutboxItem>();

  async putMessages(messages: readonly ReceivedMessage[]): Promise<void> {
    for (const m of messages) {
      let room = this.#messages.get(m.room);
      if (!room) {
        room = new Map();
        this.#messages.set(m.room, room);
      }
      // Stored messages never change, so the first copy wins (idempotent by room+seq).
      if (!room.has(m.seq)) room.set(m.seq, copyMessage(m));
    }
  }

  async getMessages(
    room: RoomId,
    options: { beforeSeq?: number; limit: number },
  ): Promise<ReceivedMessage[]> {
    const all = [...(this.#messages.get(room)?.values() ?? [])]
      .filter((m) => options.beforeSeq === undefined || m.seq < options.beforeSeq)
      .sort((a, b) => a.seq - b.seq);
    const limit = Math.max(0, options.limit);
    return all.slice(Math.max(0, all.length - limit)).map(copyMessage);
  }

  async getCursor(room: RoomId): Promise<number> {
    return this.#cursors.get(room) ?? 0;
  }

  async setCursor(room: RoomId, seq: number): Promise<void> {
    this.#cursors.set(room, seq);
  }

  async outboxPut(item: OutboxItem): Promise<void> {
    this.#outbox.set(outboxKey(item.room, item.cmid), { ...item, payload: item.payload.slice() });
  }

  async outboxDelete(room: RoomId, cmid: ClientMsgId): Promise<void> {
    this.#outbox.delete(outboxKey(room, cmid));
  }

  async outboxList(): Promise<OutboxItem[]> {
    return [...this.#outbox.values()]
      .sort((a, b) => a.queuedAt - b.queuedAt)
      .map((item) => ({ ...item, payload: item.payload.slice() }));
  }
}
