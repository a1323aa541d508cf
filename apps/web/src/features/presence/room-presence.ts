import { signal } from '@preact/signals';
import type { YamClient } from '@yam/client';
import type { RoomId } from '@yam/protocol';

export type PresenceState = 'online' | 'away' | 'offline';

/** A typing indicator without a "stopped" (lost frame, closed tab) fades after this. */
const TYPING_TTL_MS = 6_000;

/**
 * Who is in one room and what they are doing, for the member list and typing indicator:
 * online members from the SDK (subscription snapshot plus presence events), members seen
 * before who left as offline, and who is typing right now.
 */
export class RoomPresence {
  /** Everyone met in this room this session, by client ID; this device excluded. */
  readonly members = signal<ReadonlyMap<string, PresenceState>>(new Map());
  readonly typing = signal<readonly string[]>([]);
  readonly #client: YamClient;
  readonly #room: RoomId;
  readonly #typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #off: (() => void)[] = [];

  constructor(client: YamClient, room: RoomId) {
    this.#client = client;
    this.#room = room;
    this.#off.push(
      client.on('presence', (p) => {
        if (p.room !== room) return;
        this.#set(p.clientId, p.state);
        if (p.state === 'offline') this.#stopTyping(p.clientId);
      }),
      client.on('synced', (e) => e.room === room && this.#refresh()),
      client.on('state', (state) => {
        // Offline ourselves: we know nothing about the others any more.
        if (state === 'offline') this.#everyone('offline');
      }),
      client.on('activity', (a) => {
        // Away only means something while connected: offline wins. [P-PRES2]
        if (a.room !== room || this.members.value.get(a.clientId) === 'offline') return;
        this.#set(a.clientId, a.away ? 'away' : 'online');
      }),
      client.on('typing', (t) => {
        if (t.room !== room || t.clientId === client.clientId) return;
        if (t.active) this.#startTyping(t.clientId);
        else this.#stopTyping(t.clientId);
      }),
      client.on('message', (m) => {
        // A message ends its author's typing, and proves they are here.
        if (m.room !== room || m.from === client.clientId) return;
        this.#stopTyping(m.from);
        if (!this.members.value.has(m.from)) this.#set(m.from, 'offline');
      }),
    );
    this.#refresh();
  }

  dispose(): void {
    for (const off of this.#off) off();
    for (const t of this.#typingTimers.values()) clearTimeout(t);
  }

  #refresh(): void {
    const online = new Set<string>(this.#client.members(this.#room));
    const next = new Map(this.members.value);
    for (const id of next.keys()) if (!online.has(id)) next.set(id, 'offline');
    for (const id of online) {
      if (id !== this.#client.clientId) next.set(id, next.get(id) === 'away' ? 'away' : 'online');
    }
    this.members.value = next;
  }

  #set(clientId: string, state: PresenceState): void {
    if (clientId === this.#client.clientId) return;
    const next = new Map(this.members.value);
    next.set(clientId, state);
    this.members.value = next;
  }

  #everyone(state: PresenceState): void {
    this.members.value = new Map([...this.members.value.keys()].map((id) => [id, state]));
    for (const id of [...this.#typingTimers.keys()]) this.#stopTyping(id);
  }

  #startTyping(clientId: string): void {
    clearTimeout(this.#typingTimers.get(clientId));
    this.#typingTimers.set(
      clientId,
      setTimeout(() => this.#stopTyping(clientId), TYPING_TTL_MS),
    );
    if (!this.typing.value.includes(clientId)) this.typing.value = [...this.typing.value, clientId];
  }

  #stopTyping(clientId: string): void {
    clearTimeout(this.#typingTimers.get(clientId));
    this.#typingTimers.delete(clientId);
    if (this.typing.value.includes(clientId)) {
      this.typing.value = this.typing.value.filter((id) => id !== clientId);
    }
  }
}
