import { signal } from '@preact/signals';
import type { ReadMarkSource } from '../../session/room-ports.ts';
import type { TimelineItem } from './timeline-item.ts';

/** At most one read mark per this many milliseconds (the newest one wins). */
export const READ_MARK_THROTTLE_MS = 3_000;

/**
 * Read marks of one open room: where each member has read up to (from their marks), and
 * this device's own, sent throttled while the person looks at the newest messages.
 * Off ("Send read receipts" unchecked): nothing is sent and nothing is shown, like Signal.
 */
export class RoomReadMarks {
  /** Each other member's latest mark: the cmid they read up to. */
  readonly marks = signal<ReadonlyMap<string, string>>(new Map());
  readonly #source: ReadMarkSource;
  readonly #enabled: () => boolean;
  readonly #off: () => void;
  #sent: string | undefined;
  #wanted: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #disposed = false;

  constructor(source: ReadMarkSource, enabled: () => boolean) {
    this.#source = source;
    this.#enabled = enabled;
    const saved = new Map(source.savedReadMarks());
    saved.delete(source.me);
    this.marks.value = saved;
    this.#off = source.onReadMark(({ from, upTo }) => {
      if (from === source.me) return;
      this.marks.value = new Map(this.marks.value).set(from, upTo);
    });
  }

  /** The person sees the room up to `cmid` (someone else's newest message): tell the members, soon. */
  seen(cmid: string): void {
    if (!this.#enabled() || this.#disposed || cmid === this.#sent || cmid === this.#wanted) return;
    this.#wanted = cmid;
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastSentAt + READ_MARK_THROTTLE_MS - Date.now());
    this.#timer = setTimeout(() => this.#flush(), wait);
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#off();
  }

  #flush(): void {
    this.#timer = undefined;
    const upTo = this.#wanted;
    this.#wanted = undefined;
    if (!upTo || this.#disposed || !this.#enabled()) return;
    this.#sent = upTo;
    this.#lastSentAt = Date.now();
    void this.#source.sendReadMark(upTo).catch(() => {
      // Not a member any more, or closing: the next message seen tries again.
      if (this.#sent === upTo) this.#sent = undefined;
    });
  }
}

/**
 * Where "Seen by" goes: under the newest message any other member has read, with everyone
 * whose mark is at or after it. `nameOf` turns client IDs into names.
 */
export function seenBy(
  items: readonly TimelineItem[],
  marks: ReadonlyMap<string, string>,
  nameOf: (clientId: string) => string,
): { key: string; names: string[] } | undefined {
  const at = new Map<string, number>();
  items.forEach((item, i) => {
    if (!item.membership && !item.reaction) at.set(item.cmid, i);
  });
  const positions: { from: string; index: number }[] = [];
  for (const [from, cmid] of marks) {
    const index = at.get(cmid);
    if (index !== undefined) positions.push({ from, index });
  }
  if (positions.length === 0) return undefined;
  const newest = Math.max(...positions.map((p) => p.index));
  const names = positions.filter((p) => p.index >= newest).map((p) => nameOf(p.from));
  return { key: items[newest]!.key, names: names.sort((a, b) => a.localeCompare(b)) };
}

/** The newest message from someone else this device could read (what a read mark points at). */
export function newestFromOthers(items: readonly TimelineItem[]): TimelineItem | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (!item.own && !item.membership && !item.unreadable && item.seq !== undefined) return item;
  }
  return undefined;
}
