/** Where a device keeps small values (localStorage in the browser). */
export type MarkStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The read marks of one server's rooms, kept on this device: read receipts are control
 * messages the SDK reports once, as they arrive, so without this a reload (or a room
 * opened after its marks arrived) showed no "Seen by". Each member's latest mark per room:
 * its size grows with members, not messages.
 */
export class ReadMarkLog {
  readonly #key: string;
  readonly #storage: MarkStorage | undefined;
  readonly #rooms: Map<string, Map<string, string>>;

  constructor(origin: string, storage: MarkStorage | undefined = globalThis.localStorage) {
    this.#key = `yam.readMarks.${origin}`;
    this.#storage = storage;
    this.#rooms = new Map();
    try {
      const saved: unknown = JSON.parse(storage?.getItem(this.#key) ?? '{}');
      if (saved && typeof saved === 'object') {
        for (const [room, marks] of Object.entries(saved)) {
          if (!marks || typeof marks !== 'object') continue;
          const map = new Map<string, string>();
          for (const [from, upTo] of Object.entries(marks)) {
            if (typeof upTo === 'string') map.set(from, upTo);
          }
          this.#rooms.set(room, map);
        }
      }
    } catch {
      // Unreadable: start empty; marks come back as members read on.
    }
  }

  /** Each member's latest mark in `room` (cmid they read up to), by client ID. */
  marks(room: string): ReadonlyMap<string, string> {
    return new Map(this.#rooms.get(room));
  }

  /** A member's newer mark (marks arrive in the room's order: the last one wins). */
  record(room: string, from: string, upTo: string): void {
    const marks = this.#rooms.get(room) ?? new Map<string, string>();
    this.#rooms.set(room, marks);
    if (marks.get(from) === upTo) return;
    marks.set(from, upTo);
    this.#save();
  }

  #save(): void {
    const plain: Record<string, Record<string, string>> = {};
    for (const [room, marks] of this.#rooms) plain[room] = Object.fromEntries(marks);
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(plain));
    } catch {
      // Full or blocked: the marks still show until the page closes.
    }
  }
}
