import { signal } from '@preact/signals';
import type { PresenceSource } from '../../session/room-ports.ts';

export type PresenceState = 'online' | 'away' | 'offline';

/** A typing indicator without a "stopped" (lost frame, closed tab) fades after this. */
const TYPING_TTL_MS = 6_000;

/**
 * Who is in one room and what they are doing, for the member list and typing indicator:
 * the room's MLS roster (the only truth of who is a member, re-read on every epoch), each
 * member's presence from the SDK (subscription snapshot plus presence events), and who is
 * typing right now. Someone merely connected to the room is not a member and not listed.
 */
export class RoomPresence {
  /** The members (this device excluded) with their presence; offline until seen. */
  readonly members = signal<ReadonlyMap<string, PresenceState>>(new Map());
  /** Presence of every client seen in this room this session, members or not. */
  readonly #seen = signal<ReadonlyMap<string, PresenceState>>(new Map());
  /** The MLS roster, this device excluded; undefined until first read. */
  #roster: ReadonlySet<string> | undefined;
  #rosterReads = 0;
  #disposed = false;
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
        if (this.#seen.value.get(a.clientId) === 'offline') return;
        this.#set(a.clientId, a.away ? 'away' : 'online');
      }),
      source.onRosterChange(() => void this.#readRoster()),
      source.onTyping((t) => {
        if (t.clientId === source.me) return;
        if (t.active) this.#startTyping(t.clientId);
        else this.#stopTyping(t.clientId);
      }),
      source.onReceived((m) => {
        // A message ends its author's typing, and proves they are here.
        if (m.from === source.me) return;
        this.#stopTyping(m.from);
        if (!this.#seen.value.has(m.from)) this.#set(m.from, 'offline');
      }),
    );
    this.#refresh();
    void this.#readRoster();
  }

  dispose(): void {
    this.#disposed = true;
    for (const off of this.#off) off();
    for (const t of this.#typingTimers.values()) clearTimeout(t);
  }

  async #readRoster(): Promise<void> {
    const read = ++this.#rosterReads;
    const roster = await this.#source.roster();
    if (read !== this.#rosterReads || this.#disposed) return;
    this.#roster = new Set(roster.filter((id) => id !== this.#source.me));
    this.#project();
  }

  #refresh(): void {
    const online = new Set<string>(this.#source.members());
    const next = new Map(this.#seen.value);
    for (const id of next.keys()) if (!online.has(id)) next.set(id, 'offline');
    for (const id of online) {
      if (id !== this.#source.me) next.set(id, next.get(id) === 'away' ? 'away' : 'online');
    }
    this.#setSeen(next);
  }

  #set(clientId: string, state: PresenceState): void {
    if (clientId === this.#source.me) return;
    const next = new Map(this.#seen.value);
    next.set(clientId, state);
    this.#setSeen(next);
  }

  #setSeen(next: ReadonlyMap<string, PresenceState>): void {
    this.#seen.value = next;
    this.#project();
  }

  /** The member list: roster members only, with what is known of their presence. */
  #project(): void {
    const seen = this.#seen.value;
    const roster = this.#roster ?? new Set<string>();
    this.members.value = new Map(
      [...roster].map((id): [string, PresenceState] => [id, seen.get(id) ?? 'offline']),
    );
  }

  #everyone(state: PresenceState): void {
    this.#setSeen(new Map([...this.#seen.value.keys()].map((id) => [id, state])));
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
