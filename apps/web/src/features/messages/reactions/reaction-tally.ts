import type { ReactionTally, TimelineItem } from '../timeline-item.ts';

/**
 * Folds reaction items into the messages they point at: reactions are messages too
 * (signed, stored, in seq order), but they show as chips under their target, never as
 * bubbles. In timeline order, `{reaction, to}` adds its sender to that emoji and
 * `{reaction, to, remove}` takes them off again, so the last word of each person wins.
 * Reactions to messages not loaded (yet) wait silently until their target is.
 */
export function tallyReactions(items: readonly TimelineItem[]): TimelineItem[] {
  const byTarget = new Map<string, Map<string, Map<string, string>>>();
  const shown: TimelineItem[] = [];
  for (const item of items) {
    if (!item.reaction) {
      shown.push(item);
      continue;
    }
    const { emoji, to, remove } = item.reaction;
    const emojis = byTarget.get(to) ?? new Map<string, Map<string, string>>();
    byTarget.set(to, emojis);
    const people = emojis.get(emoji) ?? new Map<string, string>();
    emojis.set(emoji, people);
    if (remove) people.delete(item.from);
    else people.set(item.from, item.name);
  }
  if (byTarget.size === 0) return shown;
  return shown.map((item) => {
    const emojis = item.membership || item.unreadable ? undefined : byTarget.get(item.cmid);
    if (!emojis) return item;
    const reactions: ReactionTally[] = [];
    for (const [emoji, people] of emojis) {
      if (people.size === 0) continue;
      reactions.push({ emoji, by: [...people].map(([from, name]) => ({ from, name })) });
    }
    return reactions.length ? { ...item, reactions } : item;
  });
}

/** Whether `me` has reacted to the message with this emoji (so sending it again removes it). */
export function hasReacted(item: TimelineItem, emoji: string, me: string): boolean {
  return !!item.reactions?.some((r) => r.emoji === emoji && r.by.some((p) => p.from === me));
}
