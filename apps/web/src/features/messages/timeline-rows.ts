import type { OpenProblem } from '@yam/client';
import { sameDay } from './format-time.ts';
import type { TimelineItem } from './timeline-item.ts';

/** Bubbles from one author less than this apart share one avatar and name. */
export const GROUP_MS = 60_000;

/** What a row starts with: a date separator, the "New messages" divider. */
type RowMarks = {
  /** The first row of a calendar day: a date separator above it. */
  day: boolean;
  /** The first unread message since the room was opened: the "New messages" divider above it. */
  unread: boolean;
};

/** One row of the message list. */
export type TimelineRow =
  | (RowMarks & {
      kind: 'item';
      key: string;
      item: TimelineItem;
      /** Starts a group: the avatar and name show. */
      showAuthor: boolean;
    })
  | (RowMarks & {
      kind: 'unreadable';
      key: string;
      /** How many messages in a row this device cannot read, and why (the first's reason). */
      count: number;
      problem: OpenProblem;
      ts: number;
    });

export type RowOptions = {
  /** People this device blocked: their messages never group with others. */
  blocked?: ReadonlySet<string> | undefined;
  /**
   * The room's read mark when it was opened (the highest seq read before); the first
   * message from someone else after it gets the unread divider. Undefined: no divider.
   */
  readUpTo?: number | undefined;
  /** Only messages up to this seq (those there when the room opened) may get the divider. */
  unreadUntil?: number | undefined;
};

/**
 * The list's rows from the timeline: runs of unreadable messages collapse into one notice,
 * messages group by author and minute, days get separators, and the first unread message
 * gets the divider.
 */
export function timelineRows(
  items: readonly TimelineItem[],
  options: RowOptions = {},
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let prev: TimelineItem | undefined;
  let dividerPlaced = options.readUpTo === undefined;
  for (const item of items) {
    const day = !prev || !sameDay(prev.ts, item.ts);
    const unread =
      !dividerPlaced &&
      !item.own &&
      !item.membership &&
      !item.unreadable &&
      item.seq !== undefined &&
      item.seq > options.readUpTo! &&
      item.seq <= (options.unreadUntil ?? Number.POSITIVE_INFINITY);
    if (unread) dividerPlaced = true;
    const last = rows[rows.length - 1];
    if (item.unreadable) {
      // Joins the run above unless a date or the divider separates them.
      if (last?.kind === 'unreadable' && !day && !unread) {
        last.count++;
      } else {
        rows.push({
          kind: 'unreadable',
          key: `unreadable:${item.key}`,
          count: 1,
          problem: item.problem ?? 'unreadable',
          ts: item.ts,
          day,
          unread,
        });
      }
    } else {
      const showAuthor =
        day ||
        unread ||
        !prev ||
        last?.kind !== 'item' ||
        prev.from !== item.from ||
        !!prev.membership ||
        !!item.membership ||
        !!options.blocked?.has(item.from) ||
        item.ts - prev.ts >= GROUP_MS;
      rows.push({ kind: 'item', key: item.key, item, showAuthor, day, unread });
    }
    prev = item;
  }
  return rows;
}

/** The collapsed notice's words for a run of `count` messages this device cannot read. */
export function unreadableText(count: number, problem: OpenProblem): string {
  const n = count === 1 ? 'message' : 'messages';
  switch (problem) {
    case 'before-join':
      return `${count} earlier ${n} can't be read on this device`;
    case 'not-member':
      return `${count} ${n} sent after you left can't be read on this device`;
    case 'unreadable':
      return `${count} ${n} couldn't be read on this device`;
    case 'erased':
      return count === 1 ? 'Message deleted' : `${count} messages deleted`;
  }
}
