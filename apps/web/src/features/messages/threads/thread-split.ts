import type { TimelineItem } from '../timeline-item.ts';

/**
 * The main timeline without thread replies, each thread's root carrying its reply count.
 * A thread reply whose root is not loaded stays out of the main list all the same.
 */
export function mainTimeline(items: readonly TimelineItem[]): TimelineItem[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.thread && !item.deleted) counts.set(item.thread, (counts.get(item.thread) ?? 0) + 1);
  }
  const main: TimelineItem[] = [];
  for (const item of items) {
    if (item.thread) continue;
    const replies = item.membership ? undefined : counts.get(item.cmid);
    main.push(replies ? { ...item, replies } : item);
  }
  return main;
}

/** A thread's replies in timeline order (its root is shown above them separately). */
export function threadReplies(items: readonly TimelineItem[], root: string): TimelineItem[] {
  return items.filter((item) => item.thread === root);
}
