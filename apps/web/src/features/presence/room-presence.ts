import { signal } from '@preact/signals';
import type { PresenceSource } from '../../session/room-ports.ts';

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
  readonly #source: PresenceSource;
  readonly #typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #off: (() => void)[] = [];

  constructor(source: PresenceSource) {
    this.#source = source;
    this.#off.push(
      source.onPresence((p) => {
        this.#set(p.clientId, p.state);
        if (p.state === 'offline') this.#stopTyping(p.clientId);
      }),
      source.onSynced(() => this.#refresh()),
      source.onConnection((state) => {
        // Offline ourselves: we know nothing about the others any more.
        if (state === 'offline') this.#everyone('offline');
      }),
      source.onActivity((a) => {
        // Away only means something while connected: offline wins. [P-PRES2]
        if (this.members.value.get(a.clientId) === 'offline') return;
        this.#set(a.clientId, a.away ? 'away' : 'online');
      }),
      source.onTyping((t) => {
        if (t.clientId === source.me) return;
        if (t.active) this.#startTyping(t.clientId);
        else this.#stopTyping(t.clientId);
      }),
      source.onReceived((m) => {
        // A message ends its author's typing, and proves they are here.
        if (m.from === source.me) return;
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
    const online = new Set<string>(this.#source.members());
    const next = new Map(this.members.value);
    for (const id of next.keys()) if (!online.has(id)) next.set(id, 'offline');
    for (const id of online) {
      if (id !== this.#source.me) next.set(id, next.get(id) === 'away' ? 'away' : 'online');
    }
    this.members.value = next;
  }

  #set(clientId: string, state: PresenceState): void {
    if (clientId === this.#source.me) return;
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
